"""A report as plain tables (header + rows) and as JSON-ready data: what the CSV, XLSX
and PDF exports and `report --json` share, so the figures are turned into text once."""

from fractions import Fraction

from .metrics import Report

RATE_DECIMALS = 4


def plain(value):
    """JSON-ready: Fractions become decimals rounded to 4 places; nested dicts and lists follow."""
    if isinstance(value, Fraction):
        return round(value.numerator / value.denominator, RATE_DECIMALS)
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def report_json(report: Report) -> dict:
    return {
        "period": {"from": report.period.first_day.isoformat(), "to": report.period.last_day.isoformat(),
                   "label": report.period.label()},
        "previous_period": {"from": report.period.previous().first_day.isoformat(),
                            "to": report.period.previous().last_day.isoformat()},
        **plain(report.metrics),
        "previous": plain(report.previous),
        "daily": plain(report.daily),
        "tier_distribution": plain(report.tier_distribution),
        "tier_moves": report.tier_moves,
        "top_members": plain(report.top_members),
        "abc": plain(report.abc),
        "points_expiring": plain(report.expiring),
        "complaints": report.complaints,
        "store": report.store,
    }


def _flatten(metrics: dict) -> dict:
    flat = {}
    for name, value in metrics.items():
        if isinstance(value, dict):
            flat.update({f"{name}.{key}": item for key, item in value.items()})
        else:
            flat[name] = value
    return flat


def report_tables(report: Report) -> dict[str, tuple[list[str], list[list]]]:
    """name -> (header, rows); the names are the CSV files' and the XLSX sheets'."""
    current, previous = _flatten(plain(report.metrics)), _flatten(plain(report.previous))
    kpis = [[name, value, previous.get(name), _change(value, previous.get(name))] for name, value in current.items()]

    def rows(items: list[dict]) -> tuple[list[str], list[list]]:
        header = list(items[0]) if items else []
        return header, [[plain(item[key]) for key in header] for item in items]

    return {
        "kpis": (["metric", "value", "previous", "change"], kpis),
        "daily": rows(report.daily),
        "tiers": (["tier", "name", "members"], [[r["tier"], r["name"], r["members"]] for r in report.tier_distribution]
                  + [[f"moves_{k}", "", v] for k, v in report.tier_moves.items()]),
        "top_members": rows(report.top_members),
        "abc": rows(report.abc),
        "expiring": rows(report.expiring),
    }


def _change(value, before):
    if not isinstance(value, (int, float)) or not isinstance(before, (int, float)):
        return None
    return round(value - before, RATE_DECIMALS) if isinstance(value, float) else value - before
