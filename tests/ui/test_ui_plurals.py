"""A count on a screen takes its own form in both languages: "1 point", "2 points"; "1 punto",
"2 puntos" (Qt's plural forms: tr(text, "", n), with loyalty_en.ts holding English's)."""

import pytest

from loyalty.ledger.sales import post_sale
from ui.settings.first_run import FirstRunWizard

WORDS = {  # language -> count -> what the screen says
    "en": {1: ("1 point", "1 point is worth", "1 visit since", "1 problem:", "1 member"),
           2: ("2 points", "2 points are worth", "2 visits since", "2 problems:", "2 members")},
    "es": {1: ("1 punto", "1 punto vale", "1 visita desde", "encontró 1 problema:", "1 socio"),
           2: ("2 puntos", "2 puntos valen", "2 visitas desde", "encontró 2 problemas:", "2 socios")},
}


@pytest.fixture(params=["en", "es"])
def language(request):
    request.getfixturevalue("english" if request.param == "en" else "spanish")
    return request.param


@pytest.mark.parametrize("n", [1, 2])
def test_the_counter_says_one_point_and_two_points(qtbot, language, n, window, settings, enrol):
    settings(welcome_bonus=n)
    ana = enrol("Ana García")
    window.counter.open_card(ana.card)
    points, *_ = WORDS[language][n]
    assert window.counter.panel.balance.text() == points
    assert window.counter.banner.text() == f"Ana García · {points}"


@pytest.mark.parametrize("n", [1, 2])
def test_the_setup_example_says_what_one_or_two_points_are_worth(qtbot, language, n, ctx):
    wizard = FirstRunWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.points_per_unit.setValue(n)
    _, worth, *_ = WORDS[language][n]
    assert worth in wizard.example.text(), wizard.example.text()
    assert ("1 puntos" if language == "es" else "1 points") not in wizard.example.text()


@pytest.mark.parametrize("n", [1, 2])
def test_a_members_record_counts_their_visits(qtbot, language, n, ctx, enrol, clock):
    from loyalty.people.members import member_by_id
    from ui.members.member_detail import MemberDetailDialog

    ana = enrol("Ana García")
    for day in range(n):
        post_sale(ctx, ana.card, 2_000, f"T-{day}")
        clock.advance(days=1)
    dialog = MemberDetailDialog(ctx, member_by_id(ctx, ana.id))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.rfm_thread is None, timeout=10_000)
    _, _, visits, *_ = WORDS[language][n]
    assert dialog.profile.text().startswith(visits), dialog.profile.text()


@pytest.mark.parametrize("n", [1, 2])
def test_the_ledger_check_counts_its_problems(qtbot, language, n, window):
    window.show_screen(5)
    window.audit._checked([f"problem {number}" for number in range(n)])
    *_, problems, _ = WORDS[language][n]
    assert problems in window.audit.banner.text(), window.audit.banner.text()


@pytest.mark.parametrize("n", [1, 2])
def test_the_members_screen_counts_the_members(qtbot, language, n, window, enrol):
    for number in range(n):
        enrol(f"Socio {number}")
    window.show_screen(1)
    *_, members = WORDS[language][n]
    qtbot.waitUntil(lambda: window.members.count_label.text() == members, timeout=5_000)
