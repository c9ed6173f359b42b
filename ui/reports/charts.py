"""The Reports screen's bar charts (QtCharts): days along the bottom, values on a scale written as
the locale writes numbers."""

import math

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QCategoryAxis, QChart, QValueAxis
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor


def bar_chart(title: str, categories: list[str], series_data: list[tuple[str, list, str]]) -> QChart:
    series = QBarSeries()
    top = 0
    for name, values, colour in series_data:
        bar = QBarSet(name)
        bar.append(values)
        bar.setColor(QColor(colour))
        series.append(bar)
        top = max([top, *values])
    chart = QChart()
    chart.setTitle(title)
    chart.addSeries(series)
    axis_x = QBarCategoryAxis()
    axis_x.append(categories)
    # 31 day numbers do not fit under the bars; a value axis over the same span labels every 5th day.
    axis_x.setLabelsVisible(False)
    axis_x.setGridLineVisible(False)
    days = QValueAxis()
    days.setRange(0.5, len(categories) + 0.5)
    days.setTickType(QValueAxis.TickType.TicksDynamic)
    days.setTickAnchor(0)
    days.setTickInterval(5)
    days.setLabelFormat("%d")
    days.setGridLineVisible(False)
    chart.addAxis(days, Qt.AlignmentFlag.AlignBottom)
    axis_y = grouped_value_axis(top)
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_x)
    series.attachAxis(axis_y)
    chart.legend().setVisible(len(series_data) > 1)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def grouped_value_axis(top: float) -> QCategoryAxis:
    """The value scale at round steps (4 to 6 of them, whichever reaches just above the top),
    written as the locale writes numbers (1.500.000, not 1500000): QValueAxis formats its labels
    with printf, which cannot group thousands."""
    ceiling = max(1.0, top) * 1.05
    ticks, step = min(((count, round_step(ceiling / count)) for count in (4, 5, 6)),
                      key=lambda choice: (choice[0] * choice[1], choice[0]))
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    axis.setStartValue(0)
    axis.setRange(0, step * ticks)
    for tick in range(1, ticks + 1):
        value = step * tick
        axis.append(QLocale().toString(int(value)) if value == int(value) else QLocale().toString(value), value)
    return axis


def round_step(at_least: float) -> float:
    """The smallest of 1, 2, 2.5 and 5 times a power of ten that is at least `at_least`."""
    magnitude = 10 ** math.floor(math.log10(at_least))
    return next(factor * magnitude for factor in (1, 2, 2.5, 5, 10) if factor * magnitude >= at_least)
