"""The chain's hybrid logical clock (docs/sync.md): stamps for the changes counters share —
member details (people/member_changes.py) and the programme (programme/shared.py). A stamp is the
counter's time in milliseconds, moved past every stamp this counter holds (so a change made after
seeing another comes after it, even on a till whose clock is behind), then a counter for stamps
in the same millisecond, then the device; stamps compare as text in that order, everywhere."""

from .context import Context

_STAMPED = ("member_changes", "programme_changes")


def hlc_text(milliseconds: int, counter: int, device_id: str) -> str:
    return f"{milliseconds:015d}.{counter:05d}.{device_id}"


def next_hlc(ctx: Context) -> str:
    """A stamp later than every change this counter holds, and not before its own clock."""
    now_ms = int(ctx.clock.now().timestamp() * 1000)
    latest = max((stamp for (stamp,) in ctx.db.execute(
        " UNION ALL ".join(f"SELECT MAX(hlc) FROM {table}" for table in _STAMPED)) if stamp), default=None)
    if latest is None:
        return hlc_text(now_ms, 0, ctx.device_id)
    milliseconds, counter, _ = latest.split(".", 2)
    if now_ms > int(milliseconds):
        return hlc_text(now_ms, 0, ctx.device_id)
    return hlc_text(int(milliseconds), int(counter) + 1, ctx.device_id)
