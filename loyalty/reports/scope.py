"""Whose figures a report counts (docs/metrics.md, "One store of a chain"): the whole shop — in a
chain, every till of every store — or one store. A store's report counts what happened at its
tills (sales, transactions, who bought, points issued and redeemed: the entries whose device is in
that store) and, for what belongs to a member rather than to a till (members, new members, tiers,
points held and expiring, expired, complaints), the members whose home store it is (where they
were enrolled).

The whole shop's report reads the kept totals (day_totals, member_months, member_years); a
store's reads the period's entries themselves (an index range by time, each entry's device
looked up), as any range of days other than a calendar month does."""

from dataclasses import dataclass

from ..common.errors import ValidationError
from ..common.messages import t
from ..programme.context import Context
from ..programme.shop_identity import STORE_CODE

# A member's home store: the hub's record for members taken in, this counter's store for its own.
HOME_STORE = "COALESCE({alias}.home_store, (SELECT store FROM hub_link WHERE id = 1))"


@dataclass(frozen=True)
class Scope:
    store: str | None = None        # None: the whole shop or chain

    def __post_init__(self):
        # The code goes into the SQL as a literal (the queries it narrows bind their own `?`
        # parameters in order): only a code of the hub's form is accepted.
        if self.store is not None and not STORE_CODE.fullmatch(self.store):
            raise ValueError(f"not a store code: {self.store!r}")

    @property
    def whole(self) -> bool:
        return self.store is None

    def entries(self, alias: str = "e") -> str:
        """SQL to AND to a query of entries (`alias`): those made at the store's tills."""
        if self.whole:
            return ""
        # `+`: not by the index of devices' numbers (every entry of the store's tills, of all
        # time), but by the period's range of the time index, each entry's device read from its
        # row — 0.4 s instead of 1.5 s for a month of a 2 M-entry shop (bench/README.md).
        return f" AND +{alias}.device_id IN (SELECT device_id FROM devices WHERE store = '{self.store}')"

    def members(self, column: str = "member_id") -> str:
        """SQL to AND to a query with a member id `column`: the members whose home store it is."""
        if self.whole:
            return ""
        return (f" AND {column} IN (SELECT m.id FROM members AS m WHERE {HOME_STORE.format(alias='m')} "
                f"= '{self.store}')")


WHOLE = Scope()


def chain_stores(ctx: Context) -> list[str]:
    """The stores this counter knows of: its own (from the join) and those of the tills whose
    entries came from the hub. Empty for a counter on its own."""
    return [store for (store,) in ctx.db.execute(
        "SELECT store FROM devices UNION SELECT store FROM hub_link WHERE id = 1 ORDER BY 1")]


def store_scope(ctx: Context, store: str | None) -> Scope:
    """The scope of a store named by a person (the command line, the Reports screen)."""
    if store is None:
        return WHOLE
    known = chain_stores(ctx)
    code = store.strip()
    match = next((known_code for known_code in known if known_code.lower() == code.lower()), None)
    if match is None:
        if not known:
            raise ValidationError(t("store: this counter belongs to no chain; its report is the whole shop's"),
                                  "store")
        raise ValidationError(t("store: no store {code} in this chain (known here: {known})", code=code,
                                known=", ".join(known)), "store")
    return Scope(match)
