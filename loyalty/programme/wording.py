"""The words and number formats printed on cards and receipts, in the shop's language; the
domain's messages write amounts the same way.

Printing runs without Qt (the CLI prints too), so QLocale is not available here; this
is the one place printed money, points and dates are formatted. Spanish is the default.
"""

from datetime import date, datetime

from .currencies import currency as currency_entry

# The code page receipt printers are driven in (printing/escpos.py selects it): PC858, which has
# €, £, ¥, ñ, á and the other Spanish letters; Python's `cp858` codec encodes it.
PRINTER_CODEC = "cp858"
PRINTER_CODE_PAGE = 19   # ESC t n selects it

WORDS = {
    "es": {
        "member": "Socio", "card": "Tarjeta", "receipt": "Ticket", "cashier": "Atiende",
        "sale": "Compra", "refund": "Devolución", "undo": "Anulación", "base": "Puntos base",
        "tier_extra": "Extra {tier}", "campaign_extra": "Extra campaña", "earned": "Puntos ganados",
        "reversed": "Puntos retirados", "returned": "Puntos devueltos", "refund_undone": "Devolución anulada",
        "redeemed": "Puntos canjeados", "reward": "Premio",
        "discount": "Descuento", "bonus": "Bono {kind}", "balance": "Saldo", "value": "Valor",
        "tier": "Nivel", "to_next": "{amount} más para {tier}", "top_tier": "Nivel máximo",
        "expiring": "{points} pts caducan el {day}", "thanks": "¡Gracias por su visita!",
        "points_unit": "pts", "point_one": "punto", "point_many": "puntos",
        "adjustment": "Ajuste", "expired": "Puntos caducados",
        "card_title": "Tarjeta de socio", "terms_title": "Condiciones",
        "terms": ("Acumula {earn} por cada {spend} de compra. {points} = {unit} de descuento. "
                  "Los puntos caducan {months} meses después del fin del mes en que se ganaron. "
                  "Tarjeta personal e intransferible; si la pierde, pida una nueva en tienda."),
        "terms_never": ("Acumula {earn} por cada {spend} de compra. {points} = {unit} de descuento. "
                        "Tarjeta personal e intransferible; si la pierde, pida una nueva en tienda."),
        "kinds": {"welcome": "bienvenida", "birthday": "cumpleaños", "referral": "recomendación",
                  "campaign": "campaña", "compensation": "compensación"},
    },
    "en": {
        "member": "Member", "card": "Card", "receipt": "Receipt", "cashier": "Cashier",
        "sale": "Sale", "refund": "Refund", "undo": "Void", "base": "Base points",
        "tier_extra": "{tier} extra", "campaign_extra": "Campaign extra", "earned": "Points earned",
        "reversed": "Points taken back", "returned": "Points given back", "refund_undone": "Refund undone",
        "redeemed": "Points redeemed", "reward": "Reward",
        "discount": "Discount", "bonus": "{kind} bonus", "balance": "Balance", "value": "Worth",
        "tier": "Tier", "to_next": "{amount} more for {tier}", "top_tier": "Top tier",
        "expiring": "{points} pts expire on {day}", "thanks": "Thank you for your visit!",
        "points_unit": "pts", "point_one": "point", "point_many": "points",
        "adjustment": "Adjustment", "expired": "Points expired",
        "card_title": "Member card", "terms_title": "Terms",
        "terms": ("Earn {earn} for every {spend} you spend. {points} = {unit} off. "
                  "Points expire {months} months after the end of the month they were earned in. "
                  "Personal card; if you lose it, ask in store for a new one."),
        "terms_never": ("Earn {earn} for every {spend} you spend. {points} = {unit} off. "
                        "Personal card; if you lose it, ask in store for a new one."),
        "kinds": {"welcome": "Welcome", "birthday": "Birthday", "referral": "Referral",
                  "campaign": "Campaign", "compensation": "Compensation"},
    },
}

def printed_symbol(code: str) -> str:
    """The mark printed beside an amount on slips and cards: the currency's symbol if a receipt
    printer can print it, else the first other mark people write that it can ("Gs." for
    guaraníes: ₲ is not in the printer's code page), else the code."""
    entry = currency_entry(code)
    for form in (entry.symbol, *entry.written):
        try:
            form.encode(PRINTER_CODEC)
        except UnicodeEncodeError:
            continue
        return form
    return entry.code


class Wording:
    def __init__(self, language: str = "es"):
        self.language = language if language in WORDS else "es"
        self.words = WORDS[self.language]
        self.group, self.decimal = (".", ",") if self.language == "es" else (",", ".")

    def __getitem__(self, key: str) -> str:
        return self.words[key]

    def kind(self, bonus_kind: str) -> str:
        return self.words["kinds"].get(bonus_kind, bonus_kind)

    def number(self, value: int) -> str:
        """Grouped thousands: 1.234.567 in Spanish, 1,234,567 in English."""
        digits = f"{abs(value):,}".replace(",", self.group)
        return ("-" if value < 0 else "") + digits

    def points(self, value: int) -> str:
        """'1 punto', '1.500 puntos'."""
        return f"{self.number(value)} {self['point_one'] if value == 1 else self['point_many']}"

    def signed(self, value: int) -> str:
        return ("+" if value > 0 else "") + self.number(value)

    def money(self, minor: int, decimals: int, currency: str) -> str:
        units, rest = divmod(abs(minor), 10**decimals)
        text = self.number(units) + (f"{self.decimal}{rest:0{decimals}d}" if decimals else "")
        symbol = printed_symbol(currency)
        sign = "-" if minor < 0 else ""
        return f"{sign}{text} {symbol}" if self.language == "es" else f"{sign}{symbol}{text}"

    def day(self, value: date | str) -> str:
        day = date.fromisoformat(value[:10]) if isinstance(value, str) else value
        return day.strftime("%d/%m/%Y") if self.language == "es" else day.isoformat()

    def moment(self, value: datetime) -> str:
        return f"{self.day(value.date())} {value:%H:%M}"
