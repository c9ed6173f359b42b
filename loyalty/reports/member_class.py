"""A member's ABC class as the last closed month's report ranks them (shown beside their
RFM scores): their own twelve months of sales placed against each class's last-ranked
member, which the report keeps — so one member costs one kept report and one index seek."""

from ..context import Context
from .cache import last_closed_month, report
from .metrics import abc_window, member_abc_class


def abc_class_of(ctx: Context, member_id: int) -> tuple[str | None, str]:
    """(A, B, C or None when the member had no net sales in those twelve months; the month)."""
    period = last_closed_month(ctx)
    classes = report(ctx, period)
    year = abc_window(period)
    sales = ctx.db.execute(
        "SELECT COALESCE(SUM(spend_cents), 0) FROM member_months WHERE member_id = ? AND month >= ? AND month <= ?",
        [member_id, year.first_day.strftime("%Y-%m"), year.last_day.strftime("%Y-%m")]).fetchone()[0]
    return member_abc_class(classes.abc_bounds, member_id, sales), period.month
