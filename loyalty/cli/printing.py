"""The CLI's printing commands: `card`, `cards`, `receipt` (see `loyalty --help`)."""

from datetime import date

from ..common.errors import ValidationError
from ..common.messages import t
from ..people.members import member_by_card
from ..printing.card import PAPERS
from ..printing.escpos import receipt_escpos
from ..printing.jobs import members_due_a_card, members_enrolled_since, print_card_sheet, print_cards
from ..printing.receipt import COLUMNS, receipt_for_entry
from ..printing.receipt_pdf import receipt_pdf
from ..printing.spool import list_printers, send_raw
from .files import output_file


def add_commands(sub) -> None:
    card = sub.add_parser("card", help="a member's card as a PDF (front and back, CR80 size)")
    card.add_argument("card")
    card.add_argument("--pdf", required=True, metavar="FILE")
    card.add_argument("--no-back", action="store_true", help="front only")
    cards = sub.add_parser("cards", help="a sheet of cards (10 per page, with cut marks) as a PDF")
    chosen = cards.add_mutually_exclusive_group(required=True)
    chosen.add_argument("--since", metavar="DATE", help="members enrolled on or after this day (YYYY-MM-DD)")
    chosen.add_argument("--due", action="store_true", help="members never printed, or whose tier has changed")
    cards.add_argument("--pdf", required=True, metavar="FILE")
    cards.add_argument("--paper", choices=tuple(PAPERS), default="A4")
    sub.add_parser("printers", help="the printers the system knows (names for the printer settings)")
    receipt = sub.add_parser("receipt", help="the loyalty slip of a ledger entry, as PDF and/or ESC/POS")
    receipt.add_argument("entry_id", help="the entry's id or uuid (a sale's --json prints it as entry_id)")
    receipt.add_argument("--pdf", metavar="FILE")
    receipt.add_argument("--escpos", metavar="FILE", help="ESC/POS bytes for a thermal printer")
    receipt.add_argument("--width", type=int, choices=tuple(COLUMNS), default=80, help="roll width in mm")
    receipt.add_argument("--print", metavar="PRINTER", dest="printer",
                         help="send the ESC/POS slip to this printer's queue ('' = the default printer)")



def cmd_card(ctx, args):
    member = member_by_card(ctx, args.card)
    path = print_cards(ctx, [member], output_file(args.pdf, "pdf"), back=not args.no_back)
    return {"card": member.card, "pdf": str(path), "pages": 1 if args.no_back else 2}, f"Card written to {path}"


def cmd_cards(ctx, args):
    if args.since:
        try:
            day = date.fromisoformat(args.since)
        except ValueError:
            raise ValidationError(t("since: '{since}' is not a date such as 2026-03-01",
                                    since=args.since), "since") from None
        members = members_enrolled_since(ctx, day)
    else:
        members = members_due_a_card(ctx)
    if not members:
        return {"cards": 0, "pdf": None}, "No member to print: nothing written."
    path = print_card_sheet(ctx, members, output_file(args.pdf, "pdf"), args.paper)
    pages = -(-len(members) // 10)
    return ({"cards": len(members), "pages": pages, "pdf": str(path)},
            f"{len(members)} cards on {pages} page(s) written to {path}")


def cmd_receipt(ctx, args):
    if not (args.pdf or args.escpos or args.printer is not None):
        raise ValidationError(t("receipt: say where it goes: --pdf FILE, --escpos FILE or --print PRINTER"), "receipt")
    receipt = receipt_for_entry(ctx, args.entry_id)
    done = {"entry_id": args.entry_id, "width": args.width}
    if args.pdf:
        done["pdf"] = str(receipt_pdf(receipt, output_file(args.pdf, "pdf"), args.width))
    data = receipt_escpos(receipt, args.width)
    if args.escpos:
        output_file(args.escpos, "escpos").write_bytes(data)
        done["escpos"] = args.escpos
    if args.printer is not None:
        send_raw(args.printer, data, f"{receipt.shop_name} {receipt.reference}")
        done["printer"] = args.printer or "default"
    return done, "Receipt: " + ", ".join(f"{key} {value}" for key, value in done.items() if key not in ("entry_id",))


def cmd_printers(ctx, args):
    names = list_printers()
    return {"printers": names}, "\n".join(names) or "No printer is set up in the system."


HANDLERS = {"card": cmd_card, "cards": cmd_cards, "receipt": cmd_receipt, "printers": cmd_printers}
