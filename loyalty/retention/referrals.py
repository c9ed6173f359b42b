"""Referrals ("recommend a friend"): recorded at enrolment with the referrer's card; both get
the referral bonus at the new member's first purchase (sales.py). Here: who brought whom, per
member and per month, and how many of those friends have bought."""

from ..programme.context import Context
from ..programme.permissions import require
from ..storage.local_day import LOCAL_DAY_OF


def referrals_per_month(ctx: Context, first_month: str, last_month: str) -> list[dict]:
    """New members who came recommended, per local month of joining (YYYY-MM, both
    included), and how many of them have bought since."""
    require(ctx, "reports")
    month = f"substr({LOCAL_DAY_OF.format(at='m.joined_at')}, 1, 7)"
    return [{"month": joined, "referred": referred, "bought": bought} for joined, referred, bought in ctx.db.execute(
        f"SELECT {month}, COUNT(*), SUM(EXISTS (SELECT 1 FROM member_months t WHERE t.member_id = m.id "
        f"AND t.sales > 0)) FROM members m WHERE m.referrer_id IS NOT NULL AND {month} BETWEEN ? AND ? "
        "GROUP BY 1 ORDER BY 1", [first_month, last_month])]


def top_referrers(ctx: Context, limit: int = 20) -> list[dict]:
    """Members who brought the most friends, with how many of those friends bought."""
    require(ctx, "reports")
    return [{"card": card, "name": name, "referred": referred, "bought": bought}
            for card, name, referred, bought in ctx.db.execute(
                "SELECT r.card, r.name, COUNT(*), SUM(EXISTS (SELECT 1 FROM member_months t WHERE t.member_id = m.id "
                "AND t.sales > 0)) FROM members m JOIN members r ON r.id = m.referrer_id WHERE r.status != 'erased' "
                "GROUP BY r.id ORDER BY COUNT(*) DESC, r.id LIMIT ?", [limit])]
