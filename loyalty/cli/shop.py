"""`loyalty init`, `demo`, `settings show|set` and `verify`: the shop's database, its demo data, its settings and
the ledger check."""

from dataclasses import asdict

from ..operations.verify import verify
from ..programme import rules as programme
from ..programme.settings import change_settings
from .shared import plain_money


def add_commands(sub) -> None:
    init = sub.add_parser("init", help="create the database with the default programme")
    init.add_argument("--shop-name")
    sub.add_parser("demo", help="fill an empty shop with demo members, sales, rewards and a campaign")

    settings = sub.add_parser("settings").add_subparsers(dest="action", required=True)
    settings.add_parser("show")
    settings_set = settings.add_parser("set")
    settings_set.add_argument("key", choices=programme.SETTING_NAMES)
    settings_set.add_argument("value")

    sub.add_parser("verify", help="recompute balances and lots from the ledger; exit 1 if anything disagrees")


def cmd_init(ctx, args):
    if args.shop_name:
        change_settings(ctx, {"shop_name": args.shop_name})
    from ..storage import SCHEMA_VERSION

    path = ctx.db.conn.execute("PRAGMA database_list").fetchone()[2]
    return {"database": path, "schema": SCHEMA_VERSION, "shop_name": ctx.programme().shop_name}, f"Database ready: {path}"


def cmd_demo(ctx, args):
    from ..operations.demo import load_demo_data

    count = load_demo_data(ctx)
    return {"members": count}, f"Demo data loaded: {count} members with six months of sales."


def cmd_settings_show(ctx, args):
    settings = asdict(ctx.programme())
    return settings, "\n".join(f"{key} = {value}" for key, value in settings.items())


def cmd_settings_set(ctx, args):
    before, ladder_before = asdict(ctx.programme()), programme.load_tiers(ctx.db)
    updated = change_settings(ctx, {args.key: args.value})
    lines = [f"{args.key} = {getattr(updated, args.key)}"]
    # A new currency brings others along (loyalty/programme/settings.py): say which, never silently.
    followed = [f"{name} = {value}" for name, value in asdict(updated).items()
                if name != args.key and before[name] != value]
    followed += [f"tier {tier.code} from {plain_money(ctx, tier.min_spend_cents)}"
                 for old, tier in zip(ladder_before, programme.load_tiers(ctx.db)) if old != tier]
    if followed:
        lines.append(f"Also changed to fit {updated.currency}: " + ", ".join(followed))
    return asdict(updated), "\n".join(lines)


def cmd_verify(ctx, args):
    problems = verify(ctx)
    return {"problems": problems, "ok": not problems}, "\n".join(problems) or "Ledger verified: no problems."


HANDLERS = {
    "init": cmd_init,
    "demo": cmd_demo,
    "settings show": cmd_settings_show,
    "settings set": cmd_settings_set,
    "verify": cmd_verify,
}
