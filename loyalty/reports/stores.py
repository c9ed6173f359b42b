"""The chain's figures store by store, and a member's stores (docs/sync.md, "Stores").

Each counter belongs to one store; its entries carry its device, and the `devices` table says
which store each device is in (this counter's from the join, the others' as their entries come
from the hub). A counter on its own has no stores: everything is "this shop" (store None). The
rules are those of the report (docs/metrics.md): sales net of refunds, sales as transactions,
undone entries nowhere; read from the entries of the period, one statement."""

from ..common.period import Period
from ..programme.context import Context
from ..storage.undone import counted_in_scan
from .scope import HOME_STORE


def store_figures(ctx: Context, period: Period) -> list[dict]:
    """Per store, in store order: member sales, transactions, active members, points issued,
    points redeemed, and members whose home store it is who joined in the period."""
    start, end = period.bounds(ctx.programme().timezone)
    rows = ctx.db.execute(
        f"""SELECT d.store,
                   COALESCE(SUM(e.spend_cents), 0),
                   COALESCE(SUM(e.kind = 'earn'), 0),
                   COUNT(DISTINCT CASE WHEN e.kind = 'earn' THEN e.member_id END),
                   COALESCE(SUM(CASE WHEN e.kind IN ('earn', 'bonus') OR (e.kind = 'adjust' AND e.points > 0)
                                     THEN e.points END), 0),
                   COALESCE(-SUM(CASE WHEN e.kind = 'redeem' THEN e.points END), 0)
            FROM entries AS e LEFT JOIN devices AS d ON d.device_id = e.device_id
            WHERE e.created_at >= ? AND e.created_at < ? AND {counted_in_scan('e')}
            GROUP BY d.store ORDER BY d.store IS NULL, d.store""", [start, end]).fetchall()
    joined = dict(ctx.db.execute(
        f"SELECT {HOME_STORE.format(alias='m')}, COUNT(*) FROM members AS m "
        "WHERE m.joined_at >= ? AND m.joined_at < ? GROUP BY 1", [start, end]).fetchall())
    return [{"store": store, "member_sales": sales, "transactions": transactions, "active_members": active,
             "points_issued": issued, "points_redeemed": redeemed, "new_members": joined.get(store, 0)}
            for store, sales, transactions, active, issued, redeemed in rows]


def home_store(ctx: Context, member_id: int) -> str | None:
    """Where the member was enrolled (None: a shop on its own)."""
    return ctx.db.execute(f"SELECT {HOME_STORE.format(alias='members')} FROM members WHERE id = ?",
                          [member_id]).fetchone()[0]


def member_stores(ctx: Context, member_id: int) -> dict:
    """The member's home store (where they were enrolled) and where they buy: per store, their
    sales and spend, most sales first."""
    home = home_store(ctx, member_id)
    buys_at = [{"store": store, "sales": sales, "spend_cents": spend} for store, sales, spend in ctx.db.execute(
        f"""SELECT d.store, SUM(e.kind = 'earn'), COALESCE(SUM(e.spend_cents), 0)
            FROM entries AS e LEFT JOIN devices AS d ON d.device_id = e.device_id
            WHERE e.member_id = ? AND e.spend_cents <> 0 AND {counted_in_scan('e')}
            GROUP BY d.store ORDER BY 2 DESC, 1""", [member_id])]
    return {"home_store": home, "buys_at": buys_at}
