"""What a person can read on a screen, measured rather than looked at: each function returns
one sentence per problem (empty when all is well), naming the widget and its text.

- `cut_texts`: a text wider (or, wrapped, taller) than its widget, by the font's metrics: a
  label, a button or check box, a tab, a column heading, a placeholder, a combo box's choice,
  a group's title. Text in a table's cells is left out: a view elides a long cell on purpose,
  and the whole value is one click away.
- `squeezed`: a widget given less room than its layout promised it (below its minimum size,
  or below its size hint where its size policy says it cannot shrink), and widgets of one
  layout drawn over each other: what an overfull row does.
- `off_screen`: a widget outside an area of the screen (the available geometry)."""

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument, QTextLayout, QTextOption
from PySide6.QtGui import Qt as GuiQt  # Qt.mightBeRichText lives in QtGui
from PySide6.QtWidgets import (QAbstractButton, QAbstractScrollArea, QAbstractSpinBox, QComboBox, QGroupBox,
                               QHeaderView, QLabel, QLineEdit, QSizePolicy, QStyle, QStyleOptionComboBox,
                               QStyleOptionFrame, QTabBar, QWidget)

LINE_EDIT_MARGIN = 2   # QLineEdit keeps 2 px between its frame's contents and the text (qlineedit_p.h)


def visible_widgets(root: QWidget) -> list[QWidget]:
    return [widget for widget in (root, *root.findChildren(QWidget)) if widget.isVisible()]


def describe(widget: QWidget) -> str:
    text = ""
    for getter in ("text", "title", "placeholderText", "currentText"):
        if hasattr(widget, getter) and getattr(widget, getter)():
            text = getattr(widget, getter)()
            break
    name = widget.accessibleName() or widget.objectName()
    return f"{type(widget).__name__}{f' {name!r}' if name else ''}{f' {text[:60]!r}' if text else ''}"


# -- texts --------------------------------------------------------------------------------

def cut_texts(root: QWidget) -> list[str]:
    problems = []
    for widget in visible_widgets(root):
        for kind, check in _TEXT_CHECKS:
            if isinstance(widget, kind):
                problem = check(widget)
                if problem:
                    problems.append(f"{describe(widget)}: {problem}")
                break
    return problems


def _label(label: QLabel) -> str | None:
    text = label.text()
    if not text or (label.pixmap() is not None and not label.pixmap().isNull()):
        return None
    area = label.contentsRect().adjusted(label.margin(), label.margin(), -label.margin(), -label.margin())
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text))
    if rich:
        document = QTextDocument()
        document.setDefaultFont(label.font())
        document.setDocumentMargin(0)
        document.setHtml(text)
        if label.wordWrap():
            document.setTextWidth(area.width())
        width, height = document.idealWidth(), document.size().height()
    else:
        metrics = QFontMetrics(label.font())
        if label.wordWrap():
            width = _widest_wrapped_line(text, label.font(), area.width())
            height = label.heightForWidth(label.width()) - (label.height() - area.height())
        else:
            lines = text.split("\n")
            width = max(metrics.horizontalAdvance(line) for line in lines)
            height = metrics.height() + metrics.lineSpacing() * (len(lines) - 1)
    if width > area.width() + 0.5:
        return f"needs {width:.0f} px wide, has {area.width()}"
    if height > area.height() + 0.5:
        return f"needs {height:.0f} px high, has {area.height()} (lines cut)"
    return None


def _widest_wrapped_line(text: str, font, width: int) -> float:
    """Wrapped as QLabel wraps (at spaces, after hyphens); a word longer than the width stays
    one line, wider than the width."""
    layout = QTextLayout(text.replace("\n", "\u2028"), font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    widest = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        widest = max(widest, line.naturalTextWidth())
    layout.endLayout()
    return widest


def _button(button: QAbstractButton) -> str | None:
    if not button.text():
        return None
    hint = button.sizeHint()
    if button.width() < hint.width():
        return f"needs {hint.width()} px wide, has {button.width()}"
    if button.height() < hint.height():
        return f"needs {hint.height()} px high, has {button.height()}"
    return None


def _tab_bar(bar: QTabBar) -> str | None:
    for index in range(bar.count()):
        if not bar.isTabVisible(index):
            continue
        shown, needed = bar.tabRect(index), bar.tabSizeHint(index)
        if not bar.rect().contains(shown) or shown.width() < needed.width():
            return f"tab {bar.tabText(index)!r} needs {needed.width()} px, shows {bar.rect().intersected(shown).width()}"
    return None


def _header(header: QHeaderView) -> str | None:
    model = header.model()
    if model is None or header.orientation() != Qt.Orientation.Horizontal:
        return None
    cut = []
    for logical in range(header.count()):
        if header.isSectionHidden(logical):
            continue
        text = model.headerData(logical, Qt.Orientation.Horizontal)
        needed, shown = header.sectionSizeHint(logical), header.sectionSize(logical)
        if text and shown < needed:
            cut.append(f"column {text!r} needs {needed} px, has {shown}")
    return "; ".join(cut) or None


def _line_edit(field: QLineEdit) -> str | None:
    if field.text() or not field.placeholderText():
        return None
    option = QStyleOptionFrame()
    field.initStyleOption(option)
    area = field.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, field)
    margins = field.textMargins()
    room = area.width() - margins.left() - margins.right() - 2 * LINE_EDIT_MARGIN
    needed = QFontMetrics(field.font()).horizontalAdvance(field.placeholderText())
    if needed > room:
        return f"placeholder needs {needed} px, has {room}"
    return None


def _combo_box(combo: QComboBox) -> str | None:
    if combo.isEditable() or not combo.currentText():
        return None          # an editable one is a line edit inside, and scrolls its text
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    area = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                        QStyle.SubControl.SC_ComboBoxEditField, combo)
    needed = QFontMetrics(combo.font()).horizontalAdvance(combo.currentText())
    if needed > area.width():
        return f"choice needs {needed} px, has {area.width()}"
    return None


def _group_box(box: QGroupBox) -> str | None:
    needed = QFontMetrics(box.font()).horizontalAdvance(box.title())
    if box.title() and needed > box.width():
        return f"title needs {needed} px, has {box.width()}"
    return None


_TEXT_CHECKS = ((QLabel, _label), (QAbstractButton, _button), (QTabBar, _tab_bar), (QHeaderView, _header),
                (QLineEdit, _line_edit), (QComboBox, _combo_box), (QGroupBox, _group_box))


# -- room ---------------------------------------------------------------------------------

def squeezed(root: QWidget) -> list[str]:
    problems = []
    for widget in visible_widgets(root):
        problem = _below_minimum(widget)
        if problem:
            problems.append(f"{describe(widget)}: {problem}")
        if widget.layout() is not None:
            problems.extend(_overlapping(widget))
    return problems


def _below_minimum(widget: QWidget) -> str | None:
    if widget.isWindow() or isinstance(widget, QAbstractScrollArea) or _in_scrolled_contents(widget):
        return None          # a list, a table or a scroll area scrolls what does not fit
    if isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox)):
        return None          # the line a combo or spin box types into: sized by its box, by design
    policy = widget.sizePolicy()
    hint, least = widget.sizeHint(), widget.minimumSizeHint().expandedTo(widget.minimumSize())
    cannot_shrink = (QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.MinimumExpanding)
    hint = hint.boundedTo(widget.maximumSize())   # a bar kept thin on purpose is not squeezed
    needed_width = hint.width() if policy.horizontalPolicy() in cannot_shrink else least.width()
    if policy.horizontalPolicy() != QSizePolicy.Policy.Ignored and widget.width() < needed_width:
        return f"squeezed to {widget.width()} px wide, needs {needed_width}"
    if widget.hasHeightForWidth():
        return None          # a wrapped text's height: cut_texts measures it
    needed_height = hint.height() if policy.verticalPolicy() in cannot_shrink else least.height()
    if policy.verticalPolicy() != QSizePolicy.Policy.Ignored and widget.height() < needed_height:
        return f"squeezed to {widget.height()} px high, needs {needed_height}"
    return None


def _in_scrolled_contents(widget: QWidget) -> bool:
    """A scroll bar's own buttons and the like are the scroll area's business."""
    parent = widget.parentWidget()
    return isinstance(parent, QAbstractScrollArea) and widget is not parent.viewport() and not widget.isVisibleTo(parent)


def _overlapping(widget: QWidget) -> list[str]:
    placed = []
    for child in _layout_widgets(widget.layout()):
        if child.isVisible() and child.parentWidget() is widget:
            placed.append(child)
    problems = []
    for index, first in enumerate(placed):
        for second in placed[index + 1:]:
            if first.geometry().intersects(second.geometry()):
                problems.append(f"{describe(first)} and {describe(second)} overlap in {describe(widget)}")
    return problems


def _layout_widgets(layout) -> list[QWidget]:
    found = []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        # Asked once and checked for what it is: a wrapper PySide kept for an object since freed can
        # come back as another type at the same address (seen once: a QSpacerItem for a widget).
        widget = item.widget()
        if isinstance(widget, QWidget):
            found.append(widget)
        elif item.layout() is not None:
            found.extend(_layout_widgets(item.layout()))
    return found


# -- the screen ---------------------------------------------------------------------------

def off_screen(window: QWidget, area: QRect) -> list[str]:
    """Every visible widget of the window inside `area` (global coordinates); a widget inside a
    scroll area counts where it shows, within the scroll area's viewport."""
    problems = []
    for widget in visible_widgets(window):
        shown = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
        clip = _scroll_viewport(widget)
        if clip is not None:
            shown = shown.intersected(QRect(clip.mapToGlobal(QPoint(0, 0)), clip.size()))
            if shown.isEmpty():
                continue     # scrolled out of view: it comes in when scrolled to
        if not area.contains(shown):
            problems.append(f"{describe(widget)} at {shown.getRect()} is outside the screen's {area.getRect()}")
    return problems


def _scroll_viewport(widget: QWidget) -> QWidget | None:
    parent = widget.parentWidget()
    while parent is not None:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and parent is grand.viewport():
            return parent
        parent = grand
    return None
