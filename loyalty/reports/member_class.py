"""A member's ABC class as the last closed month's report ranks them (shown beside their
RFM scores): their twelve months of sales placed against each class's last-ranked member,
which the report keeps — so one member costs one kept report and a row or twelve."""

from ..programme.context import Context
from ..storage.year_totals import member_year_spend
from .cache import last_closed_month, report
from .metrics import member_abc_class


def abc_class_of(ctx: Context, member_id: int) -> tuple[str | None, str]:
    """(A, B, C or None when the member had no net sales in those twelve months; the month)."""
    period = last_closed_month(ctx)
    classes = report(ctx, period)
    sales = member_year_spend(ctx.db, period.month, member_id)
    return member_abc_class(classes.abc_bounds, member_id, sales), period.month
