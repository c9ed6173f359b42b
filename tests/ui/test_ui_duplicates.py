"""The owner's list of possible duplicate members (issue 23): each pair side by side, *Merge*
keeps the one chosen after a confirmation — screen and database checked; a cashier does not see
the button; a merge made by mistake is undone from the same list (ui/members/duplicates_dialog.py,
ledger/merges.py)."""

from PySide6.QtCore import Qt

from loyalty.ledger.sales import post_sale
from loyalty.people.members import member_by_card


def open_list(qtbot, window):
    members = window.members
    window.show_screen(1)
    assert members.duplicates_button.isVisible()
    qtbot.mouseClick(members.duplicates_button, Qt.MouseButton.LeftButton)
    dialog = members.duplicates
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_the_owner_merges_two_members_who_are_one_person(qtbot, window, ctx, enrol, monkeypatch):
    from ui.members.duplicates_dialog import DuplicatesDialog

    ana = enrol("Ana García", phone="600 123 456")
    again = enrol("Ana Garcia", phone="600123456", email="ana@example.com")
    enrol("Luis Pérez", phone="611 000 000")
    post_sale(ctx, ana.card, 10_000, "T1")
    post_sale(ctx, again.card, 5_000, "T2")
    dialog = open_list(qtbot, window)
    assert dialog.list.count() == 1 and "same phone" in dialog.list.item(0).text()
    assert [cell.text() for cell in dialog.cells[0]][:3] == ["Ana García", ana.card, "600 123 456"]
    assert [cell.text() for cell in dialog.cells[1]][:4] == ["Ana Garcia", again.card, "600123456", "ana@example.com"]
    assert dialog.cells[0][-1].text() == "100" and dialog.cells[1][-1].text() == "50"

    asked = []
    monkeypatch.setattr(DuplicatesDialog, "confirm", lambda self, keep, other: asked.append((keep.id, other.id)))
    dialog.keep.button(1).setChecked(True)            # keep the second, with the e-mail
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert asked == [(again.id, ana.id)] and member_by_card(ctx, ana.card).id == ana.id, "not without a yes"

    monkeypatch.setattr(DuplicatesDialog, "confirm", lambda self, keep, other: True)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert dialog.banner.kind == "success" and "150" in dialog.banner.text()
    assert dialog.list.count() == 0 and not dialog.merge_button.isEnabled()
    assert member_by_card(ctx, ana.card).id == again.id, "Ana's old card opens the kept member"
    assert member_by_card(ctx, again.card).balance == 150

    # A mistake: the two were mother and daughter. Undone from the list of merges made.
    assert dialog.merges_list.count() == 1 and ana.card in dialog.merges_list.item(0).text()
    monkeypatch.setattr(DuplicatesDialog, "confirm_undo", lambda self, merge: asked.append(merge.absorbed.id))
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert asked[-1] == ana.id and member_by_card(ctx, ana.card).id == again.id, "not without a yes"
    monkeypatch.setattr(DuplicatesDialog, "confirm_undo", lambda self, merge: True)
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert dialog.banner.kind == "success" and "100 points came back" in dialog.banner.text()
    assert dialog.merges_list.count() == 0 and not dialog.undo_button.isEnabled()
    assert dialog.list.count() == 1, "a possible duplicate again"
    assert (member_by_card(ctx, ana.card).id, member_by_card(ctx, ana.card).balance) == (ana.id, 100)
    assert member_by_card(ctx, again.card).balance == 50


def test_a_cashier_does_not_see_the_list(qtbot, window, ctx):
    window.show_screen(1)
    ctx.role = "cashier"
    window.members.activated()
    assert not window.members.duplicates_button.isVisible()
