"""The report as a PDF an owner reads on a phone: A5 pages, one column, large type, the
KPIs beside the previous period, the three charts (sales per day, points issued vs
redeemed per day, members per tier) and the tables. reportlab's platypus and graphics."""

from pathlib import Path

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..programme.context import Context
from ..programme.rules import load_tiers
from ..programme.wording import Wording
from .metrics import Report
from .tables import plain

LABELS = {
    "es": {"title": "Informe de fidelización", "store": "tienda {store}", "previous": "Periodo anterior",
           "metric": "Indicador",
           "value": "Valor", "sales_per_day": "Ventas de socios por día", "points_per_day":
           "Puntos emitidos y canjeados por día", "issued": "Emitidos", "redeemed": "Canjeados",
           "tiers": "Socios por nivel", "top": "Mejores socios", "abc": "Clasificación ABC (12 meses)",
           "expiring": "Puntos que caducan", "days": "En {n} días", "members": "Socios", "sales": "Ventas",
           "visits": "Visitas", "share": "Parte", "class": "Clase", "points": "Puntos", "moves": "Cambios de nivel: "
           "{up} suben, {down} bajan",
           "names": {"members_total": "Socios", "new_members": "Altas", "active_members": "Socios activos",
                     "member_sales": "Ventas de socios", "transactions": "Compras", "avg_ticket": "Ticket medio",
                     "visits_per_active_member": "Visitas por socio activo", "points_issued": "Puntos emitidos",
                     "points_redeemed": "Puntos canjeados", "points_expired": "Puntos caducados",
                     "points_outstanding": "Puntos pendientes", "liability": "Pasivo (valor de los puntos)",
                     "redemption_rate": "Tasa de canje", "retention_rate": "Retención",
                     "repeat_purchase_rate": "Repetición de compra", "churned": "Socios perdidos"}},
    "en": {"title": "Loyalty report", "store": "store {store}", "previous": "Previous period", "metric": "Metric",
           "value": "Value",
           "sales_per_day": "Member sales per day", "points_per_day": "Points issued and redeemed per day",
           "issued": "Issued", "redeemed": "Redeemed", "tiers": "Members per tier", "top": "Top members",
           "abc": "ABC classification (12 months)", "expiring": "Points expiring", "days": "Within {n} days",
           "members": "Members", "sales": "Sales", "visits": "Visits", "share": "Share", "class": "Class",
           "points": "Points", "moves": "Tier moves: {up} up, {down} down",
           "names": {"members_total": "Members", "new_members": "New members", "active_members": "Active members",
                     "member_sales": "Member sales", "transactions": "Transactions", "avg_ticket": "Average ticket",
                     "visits_per_active_member": "Visits per active member", "points_issued": "Points issued",
                     "points_redeemed": "Points redeemed", "points_expired": "Points expired",
                     "points_outstanding": "Points outstanding", "liability": "Liability (value of the points)",
                     "redemption_rate": "Redemption rate", "retention_rate": "Retention rate",
                     "repeat_purchase_rate": "Repeat purchase rate", "churned": "Churned members"}},
}
MONEY_METRICS = {"member_sales", "avg_ticket", "liability"}
RATE_METRICS = {"redemption_rate", "retention_rate", "repeat_purchase_rate"}
BLUE, ORANGE = colors.HexColor("#1f4e8c"), colors.HexColor("#d9822b")
WIDTH = A5[0] - 20 * mm


def write_pdf(ctx: Context, report: Report, path: str | Path) -> Path:
    programme = ctx.programme()
    words = Wording(programme.language)
    labels = LABELS[words.language]
    money = lambda minor: words.money(minor, programme.currency_decimals, programme.currency)  # noqa: E731

    def shown(name: str, value) -> str:
        if isinstance(value, dict):
            value = value["total"]
        value = plain(value)
        if name in MONEY_METRICS:
            return money(value)
        if name in RATE_METRICS:
            percent = " %" if words.language == "es" else "%"   # 12,5 % in Spanish, 12.5% in English
            return f"{value * 100:.1f}".replace(".", words.decimal) + percent
        if isinstance(value, float):
            return f"{value:.2f}".replace(".", words.decimal)
        return words.number(value)

    title = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=18, leading=22, spaceAfter=4)
    heading = ParagraphStyle("heading", fontName="Helvetica-Bold", fontSize=13, leading=16, spaceBefore=10,
                             spaceAfter=4, textColor=BLUE)
    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13)
    previous = report.period.previous()
    story = [
        Paragraph(f"{programme.shop_name} · {labels['title']}"
                  + (f" · {labels['store'].format(store=report.store)}" if report.store else ""), title),
        Paragraph(f"{words.day(report.period.first_day)} – {words.day(report.period.last_day)} · "
                  f"{labels['previous']}: {words.day(previous.first_day)} – {words.day(previous.last_day)}", body),
        Spacer(1, 6),
    ]
    rows = [[labels["metric"], labels["value"], labels["previous"]]]
    for name, text in labels["names"].items():
        rows.append([text, shown(name, report.metrics[name]), shown(name, report.previous[name])])
    story.append(_table(rows, (0.5, 0.25, 0.25)))

    days = [day["day"][8:] for day in report.daily]
    story.append(KeepTogether([Paragraph(labels["sales_per_day"], heading), _bars(
        [[day["member_sales"] / 10**programme.currency_decimals for day in report.daily]], days, [BLUE])]))
    story.append(KeepTogether([Paragraph(labels["points_per_day"], heading), _bars(
        [[day["points_issued"] for day in report.daily], [day["points_redeemed"] for day in report.daily]],
        days, [BLUE, ORANGE], legend=[labels["issued"], labels["redeemed"]])]))
    tiers = {tier.code: tier for tier in load_tiers(ctx.db)}
    story.append(KeepTogether([Paragraph(labels["tiers"], heading), _tier_bars(report, tiers),
                               Paragraph(labels["moves"].format(**report.tier_moves), body)]))
    story += [_titled(labels["top"], heading, _table([[labels["members"], labels["sales"], labels["visits"]]]
                     + [[row["name"], money(row["member_sales"]), words.number(row["visits"])]
                        for row in report.top_members], (0.55, 0.28, 0.17)))]
    story += [_titled(labels["abc"], heading, _table([[labels["class"], labels["members"], labels["sales"], labels["share"]]]
                     + [[row["class"], words.number(row["members"]), money(row["member_sales"]),
                         shown("redemption_rate", row["share_of_sales"])] for row in report.abc],
                     (0.15, 0.25, 0.35, 0.25)))]
    story += [_titled(labels["expiring"], heading, _table([["", labels["points"], labels["members"]]]
                     + [[labels["days"].format(n=row["within_days"]), words.number(row["points"]),
                         words.number(row["members"])] for row in report.expiring], (0.4, 0.3, 0.3)))]
    document = SimpleDocTemplate(str(path), pagesize=A5, leftMargin=10 * mm, rightMargin=10 * mm,
                                 topMargin=10 * mm, bottomMargin=10 * mm,
                                 title=f"{labels['title']} {report.period.label()}")
    document.build(story)
    return Path(path)


def _titled(text: str, style: ParagraphStyle, flowable) -> KeepTogether:
    """A heading never stays alone at the foot of a page."""
    return KeepTogether([Paragraph(text, style), flowable])


def _table(rows: list[list[str]], widths: tuple) -> Table:
    table = Table(rows, colWidths=[WIDTH * share for share in widths], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 10), ("FONT", (0, 1), (-1, -1), "Helvetica", 10),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"), ("LINEBELOW", (0, 0), (-1, 0), 0.8, BLUE),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f0f4fa")]),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def _bars(series: list[list], names: list[str], fills: list, legend: list[str] | None = None) -> Drawing:
    drawing = Drawing(WIDTH, 62 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 28, 28, WIDTH - 36, 62 * mm - 48
    chart.data = series or [[0]]
    chart.categoryAxis.categoryNames = names
    chart.categoryAxis.labels.fontSize = 6
    chart.categoryAxis.labels.angle = 90
    chart.categoryAxis.labels.dy = -8
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.barSpacing = 0.5
    chart.groupSpacing = 1.5
    for index, fill in enumerate(fills):
        chart.bars[index].fillColor = fill
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    if legend:
        key = Legend()
        key.x, key.y = WIDTH - 120, 62 * mm - 8
        key.fontSize = 8
        key.alignment = "right"
        key.columnMaximum = 1
        key.colorNamePairs = list(zip(fills, legend))
        drawing.add(key)
    return drawing


def _tier_bars(report: Report, tiers: dict) -> Drawing:
    rows = report.tier_distribution
    drawing = Drawing(WIDTH, (16 + 10 * len(rows)) * mm)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 60, 16 * mm, WIDTH - 70, (10 * len(rows)) * mm - 6
    chart.data = [[row["members"] for row in rows]]
    chart.categoryAxis.categoryNames = [row["name"] for row in rows]
    chart.categoryAxis.labels.fontSize = 9
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontSize = 7
    for index, row in enumerate(rows):
        chart.bars[(0, index)].fillColor = colors.HexColor(tiers[row["tier"]].colour) if row["tier"] in tiers else BLUE
    chart.barLabelFormat = "%d"
    chart.barLabels.fontSize = 9
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 4
    drawing.add(chart)
    return drawing
