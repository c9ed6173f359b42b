"""The counter screen driven with real key presses, as a cashier with a scanner would:
each test checks what the screen shows and what the database holds."""

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from conftest import count
from ui_helpers import press, scan, type_by_hand, type_fast

from loyalty.ledger.corrections import reverse_entry
from loyalty.ledger.sales import post_sale, refund_sale
from loyalty.operations.verify import verify
from loyalty.people.cards import card_from_body
from loyalty.people.members import member_by_id, reissue_card, set_blocked
from loyalty.programme.rewards import add_reward


def focused():
    return QApplication.focusWidget()


def test_a_scan_opens_the_member_and_puts_the_focus_on_the_amount(qtbot, window, enrol):
    ana = enrol("Ana García", phone="600111222")
    window.counter.focus_search()
    scan(qtbot, ana.card)
    assert window.counter.panel.name.text() == "Ana García"
    assert focused() is window.counter.sale.amount
    assert window.counter.search_box.text() == ""


def test_a_scan_while_another_field_has_focus_switches_member_and_does_not_leak(qtbot, window, enrol):
    ana, luis = enrol("Ana García"), enrol("Luis Pérez")
    window.counter.open_card(ana.card)
    amount = window.counter.sale.amount
    type_fast(qtbot, amount, "12")
    scan(qtbot, luis.card)
    assert window.counter.panel.name.text() == "Luis Pérez"
    assert amount.text() == "12", "the scanned digits must not reach the amount field"


def test_a_scan_on_another_screen_brings_the_counter_back(qtbot, window, enrol):
    ana = enrol("Ana García")
    window.show_screen(1)
    window.members.search_box.setFocus()
    scan(qtbot, ana.card)
    assert window.screens.currentWidget() is window.counter
    assert window.counter.panel.name.text() == "Ana García"
    assert window.members.search_box.text() == ""


def test_a_sale_is_the_amount_and_enter(qtbot, window, ctx, enrol):
    ana = enrol("Ana García")
    window.counter.focus_search()
    scan(qtbot, ana.card)
    type_fast(qtbot, focused(), "25,40")
    assert "25 points" in window.counter.sale.preview.text()
    press(qtbot, Qt.Key.Key_Return)
    sale = ctx.db.execute("SELECT amount_cents, points FROM entries WHERE kind = 'earn'").fetchone()
    assert tuple(sale) == (2540, 25)
    assert member_by_id(ctx, ana.id).balance == 25
    assert window.counter.panel.balance.text().startswith("25")
    assert window.counter.banner.kind == "success"
    assert window.counter.sale.amount.text() == "" and focused() is window.counter.sale.amount


def test_a_bad_amount_is_explained_and_nothing_is_written(qtbot, window, ctx, enrol):
    ana = enrol("Ana García")
    window.counter.open_card(ana.card)
    type_fast(qtbot, window.counter.sale.amount, "12x")
    assert "amount" in window.counter.sale.preview.text()
    press(qtbot, Qt.Key.Key_Return, window.counter.sale.amount)
    assert window.counter.banner.kind == "error" and "amount" in window.counter.banner.text()
    assert count(ctx, "entries") == 0


def test_typing_by_hand_in_the_search_finds_members_by_name_and_opens_with_enter(qtbot, window, enrol):
    enrol("Ana García"), enrol("Anabel Ruiz"), enrol("Luis Pérez")
    box = window.counter.search_box
    window.counter.focus_search()
    type_by_hand(qtbot, box, "ana")  # no accent typed: "Ana García" and "Anabel" both match
    qtbot.waitUntil(lambda: window.counter.results.isVisible() and window.counter.results.count() == 2)
    assert box.text() == "ana"
    press(qtbot, Qt.Key.Key_Down, box)
    chosen = window.counter.results.currentItem().text().split(" · ")[0]
    press(qtbot, Qt.Key.Key_Return, box)
    assert window.counter.panel.name.text() == chosen


def test_a_card_number_typed_by_hand_still_opens_the_member(qtbot, window, enrol):
    ana = enrol("Ana García")
    window.counter.focus_search()
    type_by_hand(qtbot, window.counter.search_box, ana.card)
    assert window.counter.search_box.text() == ana.card
    press(qtbot, Qt.Key.Key_Return)
    assert window.counter.panel.name.text() == "Ana García"


def test_unknown_mistyped_and_blocked_cards_each_say_what_is_wrong(qtbot, window, ctx, enrol):
    ana, luis = enrol("Ana García"), enrol("Luis Pérez")
    set_blocked(ctx, ana.card, True, "lost")
    old_card = luis.card
    reissue_card(ctx, old_card)
    mistyped = ana.card[:-1] + str((int(ana.card[-1]) + 1) % 10)  # breaks the check digit
    messages = []
    for card in (ana.card, mistyped, card_from_body("20000000000"), old_card):
        window.counter.focus_search()
        scan(qtbot, card)
        messages.append(window.counter.banner.text())
        assert window.counter.banner.kind == "error"
    assert "blocked" in messages[0]
    assert "check digit" in messages[1] or "typo" in messages[1]
    assert "not on file" in messages[2]
    assert "replaced" in messages[3]
    assert window.counter.summary is None


def test_an_invalid_scan_clears_the_member_so_the_next_amount_goes_to_no_one(qtbot, window, ctx, enrol):
    ana = enrol("Ana García")
    mistyped = ana.card[:-1] + str((int(ana.card[-1]) + 1) % 10)  # breaks the check digit
    for card in (mistyped, card_from_body("20000000000")):          # a typo; a card not on file
        window.counter.focus_search()
        scan(qtbot, ana.card)
        assert window.counter.panel.name.text() == "Ana García"
        scan(qtbot, card)
        assert window.counter.banner.kind == "error"
        assert window.counter.summary is None and window.counter.panel.name.text() == "No member selected"
        assert window.counter.panel.balance.isHidden()
        amount = window.counter.sale.amount
        amount.setFocus()
        type_fast(qtbot, amount, "12")
        assert "Scan a card first" in window.counter.sale.preview.text()
        press(qtbot, Qt.Key.Key_Return, amount)
        assert window.counter.banner.kind == "error" and "Scan" in window.counter.banner.text()
        assert count(ctx, "entries") == 0, "the amount went to no one"
        amount.clear()


def test_a_sale_undone_at_the_counter_is_no_visit_on_the_member_panel(qtbot, window, ctx, clock, enrol):
    ana = enrol("Ana García")
    now = clock.now()
    for days_ago in (14, 7):                                   # weekly, on Tuesdays
        clock.current = now - timedelta(days=days_ago)
        post_sale(ctx, ana.card, 2_000, f"T{days_ago}")
    clock.current = now
    window.counter.open_card(ana.card)
    panel = window.counter.panel
    assert "2 visits · usually every 7 days · mostly Tuesdays" in panel.visits.text()
    type_fast(qtbot, window.counter.sale.amount, "40")
    press(qtbot, Qt.Key.Key_Return)
    assert "3 visits" in panel.visits.text()
    qtbot.keyClick(focused(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Undone" in window.counter.banner.text()
    assert "2 visits · usually every 7 days · mostly Tuesdays" in panel.visits.text()
    assert len(window.counter.summary.last_visits) == 2, "the last visits listed leave the undone sale out"
    assert count(ctx, "entries WHERE kind = 'earn'") == 3 and count(ctx, "entries WHERE kind = 'reverse'") == 1
    assert ctx.db.execute("SELECT SUM(sales) FROM member_months").fetchone()[0] == 2


def test_the_member_panel_leaves_out_the_rhythm_it_does_not_know(qtbot, window, ctx, enrol):
    """A sale and an undone one: one visit, no rhythm line; two visits on one day: no interval."""
    ana = enrol("Ana García")
    post_sale(ctx, ana.card, 1_000, "MORNING")
    window.counter.open_card(ana.card)
    panel = window.counter.panel
    type_fast(qtbot, window.counter.sale.amount, "40")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.keyClick(focused(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "None" not in panel.visits.text() and "\n" not in panel.visits.text(), "one visit: no rhythm yet"
    type_fast(qtbot, window.counter.sale.amount, "30")
    press(qtbot, Qt.Key.Key_Return)
    assert "2 visits · mostly Tuesdays · average" in panel.visits.text()
    assert "None" not in panel.visits.text() and "usually" not in panel.visits.text()


def test_redeeming_more_than_the_balance_is_refused_inline(qtbot, window, ctx, enrol):
    ana = enrol("Ana García")
    post_sale(ctx, ana.card, 3000)
    window.counter.open_card(ana.card)
    press(qtbot, Qt.Key.Key_F4)
    assert focused() is window.counter.redeem.points
    type_fast(qtbot, focused(), "31")
    assert "Only 30 points" in window.counter.redeem.points_hint.text()
    assert not window.counter.redeem.points_button.isEnabled()
    press(qtbot, Qt.Key.Key_Return)
    assert count(ctx, "entries WHERE kind = 'redeem'") == 0
    focused().clear()
    type_fast(qtbot, focused(), "30")
    press(qtbot, Qt.Key.Key_Return)
    assert member_by_id(ctx, ana.id).balance == 0
    assert count(ctx, "entries WHERE kind = 'redeem'") == 1


def test_a_catalog_reward_is_redeemed(qtbot, window, ctx, enrol):
    add_reward(ctx, "Café gratis", 20)
    ana = enrol("Ana García")
    post_sale(ctx, ana.card, 3000)
    window.counter.redeem.refresh()
    window.counter.open_card(ana.card)
    window.counter.show_action(1)
    qtbot.mouseClick(window.counter.redeem.reward_button, Qt.MouseButton.LeftButton)
    assert member_by_id(ctx, ana.id).balance == 10
    assert "Café gratis" in window.counter.banner.text()


def test_a_partial_refund_shows_the_points_first_and_links_the_reversal(qtbot, window, ctx, enrol):
    ana = enrol("Ana García")
    sale = post_sale(ctx, ana.card, 5000, "T-1").entry
    window.counter.open_card(ana.card)
    press(qtbot, Qt.Key.Key_F6)
    refund = window.counter.refund
    assert refund.sales.count() == 1 and refund.amount.text() == "50.00"
    refund.amount.clear()
    type_fast(qtbot, refund.amount, "20")
    assert "takes back 20 points" in refund.preview.text()
    assert count(ctx, "entries") == 1, "nothing is written before confirming"
    press(qtbot, Qt.Key.Key_Return, refund.amount)
    reversal = ctx.db.execute("SELECT points, amount_cents, reverses_id FROM entries WHERE kind = 'reverse'").fetchone()
    assert tuple(reversal) == (-20, 2000, sale.id)
    assert member_by_id(ctx, ana.id).balance == 30


def test_undo_reverses_the_last_sale(qtbot, window, ctx, enrol):
    ana = enrol("Ana García")
    window.counter.open_card(ana.card)
    type_fast(qtbot, window.counter.sale.amount, "40")
    press(qtbot, Qt.Key.Key_Return)
    assert window.counter.undo_button.isEnabled()
    qtbot.keyClick(focused(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert member_by_id(ctx, ana.id).balance == 0
    reversal = ctx.db.execute("SELECT reverses_id FROM entries WHERE kind = 'reverse'").fetchone()
    assert reversal[0] == ctx.db.execute("SELECT id FROM entries WHERE kind = 'earn'").fetchone()[0]
    assert not window.counter.undo_button.isEnabled()
    assert "Undone" in window.counter.banner.text()


def test_undo_after_a_partial_refund_gives_its_points_and_spend_back(qtbot, window, ctx, enrol):
    ana = enrol("Ana García")
    sale = post_sale(ctx, ana.card, 25_900, "T-1").entry
    window.counter.open_card(ana.card)
    press(qtbot, Qt.Key.Key_F6)
    refund = window.counter.refund
    refund.amount.clear()
    type_fast(qtbot, refund.amount, "159")
    press(qtbot, Qt.Key.Key_Return, refund.amount)
    assert member_by_id(ctx, ana.id).balance == 100 and "balance 100" in window.counter.banner.text()
    qtbot.keyClick(focused(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.counter.banner.kind == "success"
    assert window.counter.banner.text() == "Undone: +159 points · balance 259"
    refunded, restored = ctx.db.execute(
        "SELECT id, points, spend_cents, reverses_id FROM entries WHERE kind = 'reverse' ORDER BY id").fetchall()
    assert tuple(refunded)[1:] == (-159, -15_900, sale.id)
    assert tuple(restored)[1:] == (159, 15_900, refunded[0])
    assert member_by_id(ctx, ana.id).balance == 259 and window.counter.panel.balance.text().startswith("259")
    assert refund.sales.count() == 1 and refund.amount.text() == "259.00", "the whole sale can be refunded again"
    assert verify(ctx) == []


def test_undo_of_what_was_undone_meanwhile_says_so_and_writes_nothing(qtbot, window, ctx, enrol):
    ana = enrol("Ana García")
    window.counter.open_card(ana.card)
    type_fast(qtbot, window.counter.sale.amount, "40")
    press(qtbot, Qt.Key.Key_Return)
    sale = window.counter.last_entry
    reverse_entry(ctx, sale.uuid)                        # a manager voids it meanwhile
    qtbot.keyClick(focused(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.counter.banner.kind == "warning"
    assert window.counter.banner.text() == "Already undone: nothing changed · balance 0"
    assert count(ctx, "entries") == 2 and member_by_id(ctx, ana.id).balance == 0


def test_an_undo_the_ledger_refuses_is_an_error_on_the_banner_and_writes_nothing(qtbot, window, ctx, enrol):
    ana = enrol("Ana García")
    window.counter.open_card(ana.card)
    type_fast(qtbot, window.counter.sale.amount, "40")
    press(qtbot, Qt.Key.Key_Return)
    sale = window.counter.last_entry
    refund_sale(ctx, ana.card, 4_000, sale.receipt_ref)   # refunded in full meanwhile
    qtbot.keyClick(focused(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.counter.banner.kind == "error"
    assert window.counter.banner.text() == f"ref: receipt {sale.receipt_ref} is already fully refunded"
    assert count(ctx, "entries") == 2 and member_by_id(ctx, ana.id).balance == 0


def test_enrolling_records_both_consents_separately_and_opens_the_new_member(qtbot, window, ctx):
    window.counter.focus_search()
    press(qtbot, Qt.Key.Key_F8)
    dialog = window.counter.enrol_dialog
    qtbot.waitExposed(dialog)
    dialog.fields["name"].setText("Marta Núñez")  # QTest types ASCII only
    type_fast(qtbot, dialog.fields["phone"], "611 222 333")
    dialog.marketing.setChecked(True)
    dialog.save()
    row = ctx.db.execute("SELECT name, phone_digits, marketing_consent, marketing_consent_at IS NOT NULL, "
                         "profiling_consent FROM members").fetchone()
    assert tuple(row) == ("Marta Núñez", "611222333", 1, 1, 0)
    assert dialog.member.card in dialog.result_label.text()
    dialog.save()  # Done
    assert window.counter.panel.name.text() == "Marta Núñez"


def test_enrolment_with_a_bad_email_names_the_field_and_writes_nothing(qtbot, window, ctx):
    window.counter.enrol()
    dialog = window.counter.enrol_dialog
    qtbot.waitExposed(dialog)
    dialog.fields["name"].setText("Marta")
    dialog.fields["email"].setText("marta@")
    dialog.save()
    assert "email" in dialog.problem.text()
    assert dialog.focusWidget() is dialog.fields["email"], "the cursor goes to the field to fix"
    assert count(ctx, "members") == 0
    dialog.reject()


def test_after_enrolment_print_card_previews_the_new_card(qtbot, window, ctx):
    window.counter.enrol()
    dialog = window.counter.enrol_dialog
    dialog.fields["name"].setText("Marta")
    dialog.save()
    assert not dialog.print_button.isHidden()
    with qtbot.waitSignal(window.printing.preview_opened) as opened:
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    preview = opened.args[0]
    assert preview.document.pageCount() == 2 and "Marta" in preview.windowTitle()
    assert ctx.db.execute("SELECT printed_tier FROM cards").fetchone()[0] == "bronze"
    preview.reject()


def test_the_member_panel_shows_tier_progress_expiry_birthday_and_notes(qtbot, window, ctx, clock, enrol):
    from loyalty.storage import write_transaction

    ana = enrol("Ana García", birthday="1990-03-10")
    with write_transaction(ctx.db):
        ctx.db.execute("UPDATE members SET notes = 'Prefers gluten-free' WHERE id = ?", [ana.id])
    post_sale(ctx, ana.card, 30000)
    window.counter.open_card(ana.card)
    panel = window.counter.panel
    assert panel.balance.text().startswith("300")
    assert "3" in panel.value.text() and "€" in panel.value.text()
    assert "200" in panel.progress_text.text() and "Plata" in panel.progress_text.text()
    assert not panel.birthday.isHidden() and "Birthday" in window.counter.banner.text() + panel.birthday.text()
    assert not panel.notes.isHidden() and panel.notes.text() == "Prefers gluten-free"
    assert panel.tier.text() == "Bronce" and "#CD7F32" in panel.tier.styleSheet()   # a Spanish shop's default ladder
    assert panel.expiring.isHidden()
    clock.advance(days=370)  # the March 2026 points expire on 31 March 2027
    window.counter.refresh_member()
    assert not panel.expiring.isHidden() and "300 points expire" in panel.expiring.text()
    assert panel.birthday.isHidden()


def test_enrolment_by_keyboard_alone_is_f8_the_name_and_two_enters(qtbot, window, ctx):
    window.counter.focus_search()
    press(qtbot, Qt.Key.Key_F8)
    dialog = window.counter.enrol_dialog
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.fields["name"]
    type_fast(qtbot, dialog.fields["name"], "Rosa Lopez")
    press(qtbot, Qt.Key.Key_Return, dialog.fields["name"])
    assert count(ctx, "members") == 1, "Enter saves"
    press(qtbot, Qt.Key.Key_Return, dialog.focusWidget() or dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.counter.panel.name.text() == "Rosa Lopez"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.counter.sale.amount)   # ready for the first sale
