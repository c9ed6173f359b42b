"""The CLI's `import members FILE`: every row is checked first; any bad row means exit
status 2 and nothing written, unless --skip-invalid, which writes the valid rows."""

from .errors import ValidationError
from .imports import members_import


def add_commands(sub) -> None:
    imports = sub.add_parser("import", help="import from CSV (members; sales history comes next)").add_subparsers(
        dest="action", required=True)
    members = imports.add_parser("members", help="members: name, phone, email, birthday, joined, card, points, "
                                                  "consent, external id (English or Spanish headers)")
    members.add_argument("file")
    members.add_argument("--skip-invalid", action="store_true", help="write the valid rows, report the others")
    members.add_argument("--skip-duplicates", action="store_true",
                         help="leave out rows that look like a member already on file or on another line")
    members.add_argument("--dry-run", action="store_true", help="check and report only; write nothing")


def cmd_import_members(ctx, args):
    planned = members_import.plan(ctx, args.file)
    problems = [{"line": p.line, "column": p.column, "reason": p.reason} for p in planned.problems]
    duplicates = [{"line": row.line, "reason": row.duplicate_reason} for row in planned.duplicates]
    lines = [f"line {p['line']}, {p['column']}: {p['reason']}" for p in problems]
    if problems and not args.skip_invalid:
        raise ValidationError(f"file: {len(problems)} bad rows, nothing imported (--skip-invalid imports the "
                              f"{len(planned.rows)} good ones): " + "; ".join(lines[:20])
                              + (" …" if len(lines) > 20 else ""), "file")
    added = 0 if args.dry_run else members_import.apply(ctx, planned, args.skip_duplicates)
    summary = {"rows": len(planned.rows) + len(problems), "imported": added, "problems": problems,
               "possible_duplicates": duplicates, "encoding": planned.encoding, "delimiter": planned.delimiter}
    text = [f"{added} members imported" + (" (dry run)" if args.dry_run else "") +
            f" from {summary['rows']} rows ({planned.encoding}, '{planned.delimiter}')."]
    text += [f"skipped: {line}" for line in lines]
    text += [f"possible duplicate, line {d['line']}: {d['reason']}" for d in duplicates]
    summary["problems_skipped"] = summary.pop("problems")
    return summary, "\n".join(text)


HANDLERS = {"import members": cmd_import_members}
