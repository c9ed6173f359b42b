"""The CLI's `import members FILE`: every row is checked first; any bad row means exit
status 2 and nothing written, unless --skip-invalid, which writes the valid rows."""

from ..common.errors import ValidationError
from ..common.messages import t, tn
from ..exchange import exports, members_import, sales_import
from .files import output_file


def add_commands(sub) -> None:
    add_export_command(sub)
    imports = sub.add_parser("import", help="import members or sales history from CSV").add_subparsers(
        dest="action", required=True)
    members = imports.add_parser("members", help="members: name, phone, email, birthday, joined, card, points, "
                                                  "consent, external id (English or Spanish headers)")
    members.add_argument("file")
    members.add_argument("--skip-invalid", action="store_true", help="write the valid rows, report the others")
    members.add_argument("--skip-duplicates", action="store_true",
                         help="leave out rows that look like a member already on file or on another line")
    members.add_argument("--merge-duplicates", action="store_true",
                         help="rows matching a member on file complete that member instead of adding another")
    members.add_argument("--dry-run", action="store_true", help="check and report only; write nothing")
    sales = imports.add_parser("sales", help="sales history: card, customer id or phone; date and time; amount; "
                                              "receipt (English or Spanish headers)")
    sales.add_argument("file")
    sales.add_argument("--no-points", action="store_true",
                       help="record the history (spend, visits, tiers) without awarding its points")
    sales.add_argument("--skip-invalid", action="store_true", help="write the valid rows, report the others")
    sales.add_argument("--dry-run", action="store_true", help="check and report only; write nothing")


def add_export_command(sub) -> None:
    export = sub.add_parser("export", help="all data: members and sales as CSV or XLSX (what import reads), "
                                           "everything as JSON")
    export.add_argument("--csv", metavar="DIR")
    export.add_argument("--xlsx", metavar="FILE")
    export.add_argument("--json-file", dest="json_file", metavar="FILE")


def cmd_export(ctx, args):
    if not (args.csv or args.xlsx or args.json_file):
        raise ValidationError(t("export: say where: --csv DIR, --xlsx FILE or --json-file FILE"), "export")
    targets = {"xlsx": args.xlsx and output_file(args.xlsx, "xlsx"),
               "json": args.json_file and output_file(args.json_file, "json")}
    written = [str(path) for path in exports.export_csv(ctx, args.csv)] if args.csv else []
    if targets["xlsx"]:
        written.append(str(exports.export_xlsx(ctx, targets["xlsx"])))
    if targets["json"]:
        written.append(str(exports.export_json(ctx, targets["json"])))
    return {"files": written}, "Exported: " + ", ".join(written)


def cmd_import_members(ctx, args):
    planned = members_import.plan(ctx, args.file)
    problems = _refuse_or_list(planned.problems, len(planned.rows), args.skip_invalid)
    duplicates = [{"line": row.line, "reason": row.duplicate_reason} for row in planned.duplicates]
    lines = [f"line {p['line']}, {p['column']}: {p['reason']}" for p in problems]
    added = 0 if args.dry_run else members_import.apply(ctx, planned, args.skip_duplicates, args.merge_duplicates)
    summary = {"rows": len(planned.rows) + len(problems), "imported": added, "merged": planned.merged,
               "problems": problems,
               "possible_duplicates": duplicates, "encoding": planned.encoding, "delimiter": planned.delimiter}
    text = [f"{added} members imported, {planned.merged} merged into members on file"
            + (" (dry run)" if args.dry_run else "") +
            f" from {summary['rows']} rows ({planned.encoding}, '{planned.delimiter}')."]
    text += [f"skipped: {line}" for line in lines]
    text += [f"possible duplicate, line {d['line']}: {d['reason']}" for d in duplicates]
    summary["problems_skipped"] = summary.pop("problems")
    return summary, "\n".join(text)


def cmd_import_sales(ctx, args):
    planned = sales_import.plan(ctx, args.file)
    problems = _refuse_or_list(planned.problems, len(planned.rows), args.skip_invalid)
    posted, already = (0, 0) if args.dry_run else sales_import.apply(ctx, planned, not args.no_points)
    text = [f"{posted} sales imported" + (" (dry run)" if args.dry_run else "")
            + (" without points" if args.no_points else "") + f"; {already} were already recorded."]
    text += [f"skipped: line {p['line']}, {p['column']}: {p['reason']}" for p in problems]
    return {"rows": len(planned.rows) + len(problems), "imported": posted, "already_recorded": already,
            "problems_skipped": problems}, "\n".join(text)


def _refuse_or_list(found, good_rows: int, skip_invalid: bool) -> list[dict]:
    """Any bad row stops the import (exit 2, nothing written) unless --skip-invalid."""
    problems = [{"line": p.line, "column": p.column, "reason": p.reason} for p in found]
    if problems and not skip_invalid:
        lines = [f"line {p['line']}, {p['column']}: {p['reason']}" for p in problems]
        raise ValidationError(tn(len(problems), "file: {count} bad row, nothing imported (--skip-invalid imports "
                                 "the good ones: {good_rows}): {rows}", "file: {count} bad rows, nothing imported "
                                 "(--skip-invalid imports the good ones: {good_rows}): {rows}", good_rows=good_rows,
                                 rows="; ".join(lines[:20]) + (" …" if len(lines) > 20 else "")), "file")
    return problems


HANDLERS = {"import members": cmd_import_members, "import sales": cmd_import_sales, "export": cmd_export}
