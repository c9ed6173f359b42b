"""The CLI's `report` command: the month's (or a range's) metrics, and their exports."""

from dataclasses import asdict

from ..common.errors import ValidationError
from ..common.messages import t
from ..common.period import month_period, range_period
from ..programme.money import plain_amount
from ..reports.cache import report as period_report
from ..reports.export import write_csv, write_xlsx
from ..reports.fraud import fraud_flags
from ..reports.stores import store_figures
from ..reports.tables import report_json
from .files import output_file


def add_commands(sub) -> None:
    report = sub.add_parser("report", help="the owner's report for a month or a range of days (docs/metrics.md)")
    report.add_argument("--month", metavar="YYYY-MM")
    report.add_argument("--from", dest="first", metavar="DATE")
    report.add_argument("--to", dest="last", metavar="DATE")
    report.add_argument("--churn-days", type=int, default=60, help="no sale in this many days = churned")
    report.add_argument("--pdf", metavar="FILE")
    report.add_argument("--csv", metavar="DIR", help="one CSV file per table in this folder")
    report.add_argument("--xlsx", metavar="FILE")
    report.add_argument("--by-store", action="store_true", help="also each store's figures (a chain of shops)")
    report.add_argument("--store", metavar="CODE", help="one store of a chain: sales at its tills, its home members")
    fraud = sub.add_parser("fraud", help="fraud flags for a month or a range, each with its entries (owner)")
    fraud.add_argument("--month", metavar="YYYY-MM")
    fraud.add_argument("--from", dest="first", metavar="DATE")
    fraud.add_argument("--to", dest="last", metavar="DATE")


def _period(args):
    if args.month and (args.first or args.last):
        raise ValidationError(t("month: give --month, or --from and --to, not both"), "month")
    if args.month:
        return month_period(args.month)
    if args.first and args.last:
        return range_period(args.first, args.last)
    raise ValidationError(t("month: give --month YYYY-MM, or --from DATE and --to DATE"), "month")



def cmd_report(ctx, args):
    period = _period(args)
    if not 1 <= args.churn_days <= 3650:
        raise ValidationError(t("churn-days: between 1 and 3650 (got {days})", days=args.churn_days), "churn-days")
    targets = {"pdf": args.pdf and output_file(args.pdf, "pdf"), "xlsx": args.xlsx and output_file(args.xlsx, "xlsx")}
    if args.store is not None and args.by_store:
        raise ValidationError(t("store: give --store CODE or --by-store, not both"), "store")
    report = period_report(ctx, period, args.churn_days, store=args.store)
    data = report_json(report)
    written = []
    if args.csv:
        written += [str(path) for path in write_csv(report, args.csv)]
    if targets["xlsx"]:
        written.append(str(write_xlsx(report, targets["xlsx"])))
    if targets["pdf"]:
        from ..reports.report_pdf import write_pdf
        written.append(str(write_pdf(ctx, report, targets["pdf"])))
    data["files"] = written
    m = data
    text = (f"Report {data['period']['label']}{' for store ' + report.store if report.store else ''}: "
            f"{m['active_members']} active of {m['members_total']} members, "
            f"sales {plain_amount(m['member_sales'], ctx.programme().currency_decimals)} in {m['transactions']} "
            f"transactions, points issued {m['points_issued']['total']}, redeemed {m['points_redeemed']}, "
            f"outstanding {m['points_outstanding']}"
            + (f"\nFiles: {', '.join(written)}" if written else ""))
    if args.by_store:
        data["stores"] = store_figures(ctx, period)
        decimals = ctx.programme().currency_decimals
        text += "".join(f"\n  {row['store'] or 'this shop'}: sales {plain_amount(row['member_sales'], decimals)} in "
                        f"{row['transactions']} transactions, {row['active_members']} active members, "
                        f"{row['new_members']} new, points issued {row['points_issued']}, redeemed "
                        f"{row['points_redeemed']}" for row in data["stores"])
    return data, text


def cmd_fraud(ctx, args):
    flags = fraud_flags(ctx, _period(args))
    lines = []
    for flag in flags:
        lines.append(f"{flag.code}: {flag.about}: {flag.detail}")
        lines += [f"    entry {entry['id']}  {entry['created_at'][:16]}  {entry['kind']:<7} {entry['points']:>7}  "
                  f"card {entry['card']}  by {entry['staff_id']}" for entry in flag.entries]
    return {"flags": [asdict(flag) for flag in flags]}, "\n".join(lines) or "No fraud flags for that period."


HANDLERS = {"report": cmd_report, "fraud": cmd_fraud}
