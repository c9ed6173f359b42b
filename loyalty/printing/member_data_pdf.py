"""A member's data as a PDF a person can read (the answer to a data-access request): who they
are to the shop, their consents and who recorded them, their cards, every entry and their
tier history, in the shop's language. reportlab's platypus, A4."""

from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..programme.rules import Programme
from ..programme.wording import Wording
from .glyphs import drawable

LABELS = {
    "es": {"title": "Datos personales de {name}", "intro": "Todo lo que {shop} guarda sobre usted, a {day}.",
           "person": "Datos", "consents": "Consentimientos", "cards": "Tarjetas", "entries": "Movimientos de puntos",
           "tiers": "Cambios de nivel", "fields": {"name": "Nombre", "phone": "Teléfono", "email": "Correo",
                                                   "birthday": "Nacimiento", "joined_at": "Alta", "card": "Tarjeta",
                                                   "tier_code": "Nivel", "balance": "Saldo de puntos"},
           "marketing": "Publicidad", "profiling": "Ofertas según sus compras", "yes": "Sí", "no": "No",
           "since": "desde {day}", "recorded": "{day}: {who} ({what})", "when": "Fecha", "what": "Tipo",
           "points": "Puntos", "amount": "Importe", "receipt": "Ticket", "none": "Ninguno",
           "kinds": {"earn": "Compra", "redeem": "Canje", "adjust": "Ajuste", "reverse": "Anulación",
                     "expire": "Caducidad", "bonus": "Bono"},
           "card_status": {"active": "Activa", "replaced": "Sustituida"},
           "actions": {"member.enrol": "alta", "member.edit": "cambio de datos"},
           "reasons": {"enrolled": "alta", "qualifying spend reached": "alcanzó el gasto del nivel",
                       "qualifying spend below threshold": "gasto por debajo del nivel",
                       "qualifying spend below threshold after grace":
                           "gasto por debajo del nivel tras el plazo de gracia",
                       "tier derived again from the member's sales": "nivel recalculado con sus compras"}},
    "en": {"title": "Personal data of {name}", "intro": "Everything {shop} holds about you, as of {day}.",
           "person": "Details", "consents": "Consents", "cards": "Cards", "entries": "Points history",
           "tiers": "Tier changes", "fields": {"name": "Name", "phone": "Phone", "email": "Email",
                                               "birthday": "Birthday", "joined_at": "Joined", "card": "Card",
                                               "tier_code": "Tier", "balance": "Points balance"},
           "marketing": "Marketing", "profiling": "Offers based on purchases", "yes": "Yes", "no": "No",
           "since": "since {day}", "recorded": "{day}: {who} ({what})", "when": "Date", "what": "Kind",
           "points": "Points", "amount": "Amount", "receipt": "Receipt", "none": "None",
           "kinds": {"earn": "Sale", "redeem": "Redemption", "adjust": "Adjustment", "reverse": "Reversal",
                     "expire": "Expiry", "bonus": "Bonus"},
           "card_status": {"active": "Active", "replaced": "Replaced"},
           "actions": {"member.enrol": "enrolment", "member.edit": "details changed"},
           "reasons": {"enrolled": "enrolment", "qualifying spend reached": "reached the tier's spend",
                       "qualifying spend below threshold": "spend below the tier's threshold",
                       "qualifying spend below threshold after grace":
                           "spend below the threshold after the grace period",
                       "tier derived again from the member's sales": "tier worked out again from your purchases"}},
}


def printable(text: str) -> str:
    """A paragraph's text: what Helvetica can draw (no black boxes for an emoji in a name), with
    the characters reportlab's paragraph markup would read as tags escaped ('Pérez & Hijos')."""
    return escape(drawable(text, "Helvetica"))


def write_member_data_pdf(data: dict, programme: Programme, tier_names: dict[str, str], path: str | Path) -> Path:
    """`tier_names`: the shop's name for each tier code. Every code the database keeps (tiers,
    statuses, actions, reasons) is written in words: the reader is the member, not an engineer."""
    words, labels = Wording(programme.language), LABELS.get(programme.language, LABELS["es"])
    said = lambda group, code: labels[group].get(code, code)  # noqa: E731
    tier = lambda code: tier_names.get(code, code) if code else "—"  # noqa: E731
    tz = ZoneInfo(programme.timezone)
    local = lambda text: words.moment(datetime.fromisoformat(text).astimezone(tz)) if text else ""  # noqa: E731
    money = lambda minor: words.money(minor, programme.currency_decimals, programme.currency)  # noqa: E731
    styles = getSampleStyleSheet()
    member = data["member"]
    story = [Paragraph(printable(labels["title"].format(name=member["name"])), styles["Title"]),
             Paragraph(printable(labels["intro"].format(shop=programme.shop_name,
                                                        day=words.day(datetime.now(tz).date()))),
                       styles["Normal"]), Spacer(1, 4 * mm)]

    def section(title: str, rows: list[list[str]], header: list[str] | None = None) -> None:
        story.append(Paragraph(title, styles["Heading2"]))
        body = [[drawable(cell, "Helvetica") for cell in row]
                for row in ([header] if header else []) + (rows or [[labels["none"]]])]
        table = Table(body, hAlign="LEFT", repeatRows=1 if header else 0)
        table.setStyle(TableStyle([("FONTSIZE", (0, 0), (-1, -1), 9), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("GRID", (0, 0), (-1, -1), 0.25, colors.lightgrey)]
                                  + ([("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke)] if header else [])))
        story.append(table)
        story.append(Spacer(1, 4 * mm))

    fields = labels["fields"]
    shown = {"joined_at": local, "balance": words.number, "tier_code": tier,
             "birthday": lambda day: words.day(day) if day else ""}
    section(labels["person"], [[fields[name], shown.get(name, lambda value: str(value or ""))(member[name])]
                               for name in fields])
    consents = data["consents"]
    consent_rows = [[labels[name], labels["yes"] if consents[name]["given"] else labels["no"],
                     labels["since"].format(day=local(consents[name]["changed_at"])) if consents[name]["changed_at"]
                     else ""] for name in ("marketing", "profiling")]
    consent_rows += [[labels["recorded"].format(day=local(item["at"]), who=item["staff_id"],
                                                  what=said("actions", item["action"])),
                      "", ""] for item in consents["recorded_by"]]
    section(labels["consents"], consent_rows)
    section(labels["cards"], [[card["number"], said("card_status", card["status"]),
                                                local(card["issued_at"])] for card in data["cards"]])
    section(labels["entries"], [[local(entry["created_at"]), labels["kinds"].get(entry["kind"], entry["kind"]),
                                 words.signed(entry["points"]),
                                 money(entry["amount_cents"]) if entry["amount_cents"] else "",
                                 entry["receipt_ref"] or ""] for entry in data["entries"]],
            [labels["when"], labels["what"], labels["points"], labels["amount"], labels["receipt"]])
    section(labels["tiers"], [[local(change["changed_at"]), f"{tier(change['from_code'])} → {tier(change['to_code'])}",
                               said("reasons", change["reason"])] for change in data["tier_changes"]])
    SimpleDocTemplate(str(path), pagesize=A4, title=labels["title"].format(name=member["name"]),
                      leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=16 * mm).build(story)
    return Path(path)
