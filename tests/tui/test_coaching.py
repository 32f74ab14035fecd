"""Coaching in the app: the notices, accepting a hold, settings and the morning
check-in, on histories built to trigger each rule."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from textual.widgets import Checkbox, Input, Static

from kneetui.domain.advice import NOT_MEDICAL_ADVICE
from kneetui.domain.exchange import Bundle
from kneetui.domain.models import Context
from kneetui.domain.routine import WEEKDAYS, Routine
from kneetui.gather import set_schedule
from kneetui.storage.store import Store
from kneetui.tui.screens.check_in import CheckInScreen
from kneetui.tui.screens.confirm import ConfirmScreen
from kneetui.tui.screens.dashboard import DashboardScreen
from kneetui.tui.screens.log_form import LogSorenessScreen
from kneetui.tui.screens.settings import SettingsScreen
from kneetui.tui.screens.stats import StatsScreen
from tests import histories
from tests.tui.conftest import CLOCK_NOW, AppFactory

TODAY = CLOCK_NOW.date()


def text(app: object, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


def load(
    store: Store,
    build: Callable[..., Bundle],
    routine: Routine | None = None,
    *,
    ask_check_in: bool = False,
) -> None:
    """Store a built history; unless asked for, today's morning check-in is marked
    dismissed so its question does not cover what the test looks at."""
    bundle = build(routine, TODAY) if routine is not None else build(TODAY)
    store.import_bundle(bundle)
    if not ask_check_in:
        store.set_setting("check_in_dismissed_on", TODAY.isoformat())


async def test_too_little_data_says_what_the_rules_wait_for(
    empty_store: Store, make_app: AppFactory
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)):
        coaching = text(app, "#coaching-text")
        assert "This week 0 of 3 sessions · 0 weeks in a row on target · no session yet" in coaching
        assert (
            "Waiting for a first completed session and a soreness score in the last 7 days "
            "before judging progress." in coaching
        )
        assert NOT_MEDICAL_ADVICE in coaching
        assert "physical therapist" not in coaching.replace(NOT_MEDICAL_ADVICE, "")


async def test_see_a_physical_therapist_notice_with_its_numbers(
    empty_store: Store, make_app: AppFactory, routine: Routine
) -> None:
    load(empty_store, histories.physical_therapist, routine)
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)):
        coaching = text(app, "#coaching-text")
        assert (
            "4 weeks of the routine, 12 sessions, and the last 7 days still average 4.0: no "
            "meaningful improvement on your first week: 5.0 → 4.0." in coaching
        )
        assert "Consider seeing a physical therapist." in coaching
        assert NOT_MEDICAL_ADVICE in coaching
        assert app.screen.query_one("#coaching").has_class("urgent")


async def test_a_red_flag_shows_at_once_and_stays_until_acknowledged(
    empty_store: Store, make_app: AppFactory
) -> None:
    load(empty_store, histories.red_flag)
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        assert "⚠ Have your knee seen: swelling in both knees yesterday" in text(
            app, "#coaching-text"
        )
        await pilot.press("r")  # other data refreshes do not clear it
        assert "Have your knee seen" in text(app, "#coaching-text")
        assert app.screen.query_one("#coaching").has_class("urgent")
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # not yet: nothing recorded
        await pilot.pause()
        assert empty_store.acknowledgements() == []
        assert "Have your knee seen" in text(app, "#coaching-text")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        (ack,) = empty_store.acknowledgements()
        assert ack.acknowledged_at == CLOCK_NOW.replace(microsecond=0)
        assert ack.local_day == TODAY
        assert "Have your knee seen" not in text(app, "#coaching-text")
        assert not app.screen.query_one("#coaching").has_class("urgent")
        assert app.check_action("acknowledge", ()) is False  # the key leaves the footer


def screen_lines(app: object) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]  # type: ignore[attr-defined]


async def test_at_80x24_the_red_flag_shows_whole_and_the_pane_says_there_is_more(
    empty_store: Store, make_app: AppFactory, routine: Routine
) -> None:
    load(empty_store, histories.physical_therapist, routine)
    load(empty_store, histories.red_flag)
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one("#coaching")
        lines = [line[2:36] for line in screen_lines(app) if line.startswith("┃ ")]
        # The red flag first and whole, down to its last words, in the pane's view.
        assert lines[0].startswith("⚠ Have your knee seen")
        assert any("ack`)." in line for line in lines)
        # The rest is below: a scrollbar, and the border says so.
        assert pane.show_vertical_scrollbar and pane.max_scroll_y > 0
        assert pane.border_subtitle == "↓ more"
        assert any("━ ↓ more ━┛" in line for line in screen_lines(app))
        pane.scroll_end(animate=False)
        await pilot.pause()
        assert pane.border_subtitle == ""
        assert NOT_MEDICAL_ADVICE.split(":")[0] in "".join(screen_lines(app))


async def test_at_80x24_a_pane_without_notices_fits_whole(
    demo_store: Store, make_app: AppFactory
) -> None:
    # Its height was measured as if the text could use the scrollbar's room too:
    # one line short, the last word hidden behind a scrollbar.
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one("#coaching")
        assert pane.max_scroll_y == 0 and not pane.border_subtitle
        assert any(line.startswith("│ doctor.") for line in screen_lines(app))


async def test_at_120x36_every_notice_fits_without_scrolling(
    empty_store: Store, make_app: AppFactory, routine: Routine
) -> None:
    load(empty_store, histories.physical_therapist, routine)
    load(empty_store, histories.red_flag)
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one("#coaching")
        assert pane.max_scroll_y == 0 and not pane.border_subtitle
        shown = "\n".join(screen_lines(app))
        for words in ("⚠ Have your knee seen", "✚ 4 weeks of the routine", "doctor."):
            assert words in shown


async def test_logging_a_red_flag_in_the_app_says_so_at_once(
    empty_store: Store, make_app: AppFactory
) -> None:
    seen: list[str] = []
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        app.notify = lambda message, **kw: seen.append(message)  # type: ignore[method-assign]
        await pilot.press("l")
        await pilot.pause()
        app.screen.query_one("#score", Input).value = "9"
        await pilot.press("enter")
        await pilot.pause()
        assert any(m.startswith("Severe pain: a score of 9/10 for both knees today") for m in seen)
        assert "⚠ Severe pain" in text(app, "#coaching-text")


async def test_p_accepts_a_hold_suggestion_and_records_it(
    empty_store: Store, make_app: AppFactory, routine: Routine
) -> None:
    load(empty_store, histories.ready_to_progress, routine)
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        routine_text = text(app, "#routine-text")
        assert "↑ Step up to 10 s holds: 3 sessions at 5 s with 90% of holds full" in routine_text
        assert "Press p to accept." in routine_text
        await pilot.press("p")
        await pilot.pause()
        levels = empty_store.levels()
        assert {(lv.exercise, lv.hold_s) for lv in levels} == {
            ("leg-raise", 10),
            ("hamstring-curl", 10),
            ("calf-raise", 25),
        }
        assert {lv.changed_at for lv in levels} == {CLOCK_NOW.replace(microsecond=0)}
        routine_text = text(app, "#routine-text")
        assert "Step up" not in routine_text
        assert "Hold 10 s · 10 per leg" in routine_text and "Hold 25 s" in routine_text


async def test_a_step_back_is_suggested_after_a_score_of_6_or_more(
    empty_store: Store, make_app: AppFactory, routine: Routine
) -> None:
    load(empty_store, histories.step_back, routine)
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        assert (
            "↓ Step back to 5 s holds: a score of 7 yesterday, the day of the session; 6 or "
            "more is too much. Press p to accept." in text(app, "#routine-text")
        )
        await pilot.press("p")
        await pilot.pause()
        assert empty_store.current_holds()["leg-raise"] == 5


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
async def test_settings_show_all_seven_days_inside_the_dialog(
    empty_store: Store, make_app: AppFactory, size: tuple[int, int]
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=size) as pilot:
        await pilot.press("o")
        await pilot.pause()
        dialog = app.screen.query_one("#settings").content_region
        for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"):
            box = app.screen.query_one(f"#day-{day}", Checkbox).region
            assert box.width > 0 and dialog.contains_region(box), day
        # A click on Sunday ticks it: it is on screen, not clipped away.
        await pilot.click("#day-sun")
        assert app.screen.query_one("#day-sun", Checkbox).value


async def test_settings_change_the_schedule_and_the_routine_pane(
    empty_store: Store, make_app: AppFactory
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("o")
        assert isinstance(app.screen, SettingsScreen)
        for day in ("mon", "wed", "fri"):
            app.screen.query_one(f"#day-{day}", Checkbox).value = False
        await pilot.click("#save")
        await pilot.pause()
        assert "at least one weekday" in text(app, "#settings-error")  # still open
        app.screen.query_one("#day-thu", Checkbox).value = True
        app.screen.query_one("#quiet", Checkbox).value = True
        # Textual ignores a second press within the button's 0.2 s press animation,
        # as a person would never click that fast.
        await pilot.pause(0.25)
        await pilot.click("#save")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert empty_store.setting("schedule") == ["thu"]
        assert empty_store.setting("quiet") is True and app.quiet
        assert "Wednesday 18 November · Rest day — next routine: Thu" in text(app, "#routine-text")
        assert "This week 0 of 1 session" in text(app, "#coaching-text")


async def test_the_morning_check_in_answers_with_one_key(
    empty_store: Store, make_app: AppFactory, routine: Routine
) -> None:
    load(empty_store, histories.needs_check_in, routine, ask_check_in=True)
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        latest = empty_store.soreness(limit=1)[0]
        assert (latest.score, latest.context, latest.local_day) == (4, Context.NEXT_MORNING, TODAY)
    again = make_app(empty_store)
    async with again.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, DashboardScreen)  # answered: not asked again


async def test_a_key_typed_as_the_check_in_came_up_is_not_its_answer(
    empty_store: Store, make_app: AppFactory, routine: Routine
) -> None:
    """The dashboard hands a late key on to the log form only (see the log form's
    fast "l5" test): a digit typed on the dashboard just before the check-in
    covered it is not a score for this morning."""
    load(empty_store, histories.needs_check_in, routine, ask_check_in=True)
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        before = empty_store.soreness()
        app.post_message(DashboardScreen.LateKey("5", "5"))
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        assert empty_store.soreness() == before


async def test_the_check_in_can_be_dismissed_for_the_day(
    empty_store: Store, make_app: AppFactory, routine: Routine
) -> None:
    load(empty_store, histories.needs_check_in, routine, ask_check_in=True)
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert "How are your knees this morning?" in str(app.screen.query_one(Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert empty_store.setting("check_in_dismissed_on") == TODAY.isoformat()
        assert "log how your knees feel this morning" not in text(app, "#coaching-text")
    again = make_app(empty_store)
    async with again.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, DashboardScreen)


async def test_the_check_in_can_open_the_full_form(
    empty_store: Store, make_app: AppFactory, routine: Routine
) -> None:
    load(empty_store, histories.needs_check_in, routine, ask_check_in=True)
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LogSorenessScreen)
        app.screen.query_one("#score", Input).value = "10"
        await pilot.press("enter")
        await pilot.pause()
        latest = empty_store.soreness(limit=1)[0]
        assert (latest.score, latest.context) == (10, Context.NEXT_MORNING)


async def test_stats_screen_shows_the_strip_and_the_figures(
    empty_store: Store, make_app: AppFactory, routine: Routine
) -> None:
    load(empty_store, histories.physical_therapist, routine)
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("t")
        assert isinstance(app.screen, StatsScreen)
        shown = str(app.screen.query_one("#stats Static", Static).render())
        assert "Mon · · · · · · · · ■ ■ ■ ■" in shown
        assert (
            "Left knee: last 7 days average 4.0 (acceptable); first week of scores average "
            "5.0 (acceptable)." in shown
        )
        assert "[see-physical-therapist]" in shown
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_stats_strip_has_week_dates_and_a_legend_at_80_columns(
    empty_store: Store, make_app: AppFactory, routine: Routine
) -> None:
    load(empty_store, histories.physical_therapist, routine)
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        text = app.screen.query_one("#stats Static", Static)
        lines = [text.render_line(y).text.rstrip() for y in range(text.size.height)]
        dates = next(i for i, line in enumerate(lines) if "16 Nov" in line)
        assert lines[dates] == "            21 Sep  19 Oct  16 Nov"
        assert lines[dates + 1] == "  Mon · · · · · · · · ■ ■ ■ ■"
        # The legend fits on one line, under the seven days.
        assert lines[dates + 8] == "  ■ a session  · none  (a column per week, dated by its Monday)"


async def test_counts_of_one_are_singular_on_the_dashboard_and_the_stats_screen(
    empty_store: Store, make_app: AppFactory, routine: Routine
) -> None:
    yesterday = TODAY - dt.timedelta(days=1)
    empty_store.import_bundle(
        Bundle(
            sessions=(histories.session(routine, yesterday),),
            soreness=(histories.score(yesterday, 2),),
        )
    )
    set_schedule(empty_store, [WEEKDAYS[yesterday.weekday()]])
    empty_store.set_setting("check_in_dismissed_on", TODAY.isoformat())
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        one = "This week 1 of 1 session · 1 week in a row on target · last session 1 day ago"
        coaching = text(app, "#coaching-text")
        await pilot.press("t")
        await pilot.pause()
        stats = str(app.screen.query_one("#stats Static", Static).render())
        for shown in (coaching, stats):
            assert one in shown
            assert not re.search(r"\b1 (session|week|day|score|rep|hold|exercise)s\b", shown)


async def test_settings_set_the_change_over_and_refuse_less_than_15_s(
    empty_store: Store, make_app: AppFactory
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        field = app.screen.query_one("#change-over", Input)
        assert field.value == "15"
        field.value = "10"
        await pilot.click("#save")
        await pilot.pause()
        assert "Change-over: give whole seconds from 15 to 600, got '10'" in text(
            app, "#settings-error"
        )
        assert empty_store.setting("change_over_s") is None  # nothing saved
        field.value = "45"
        await pilot.pause(0.25)  # past the button's press animation
        await pilot.click("#save")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert empty_store.setting("change_over_s") == 45
        await pilot.press("o")
        assert app.screen.query_one("#change-over", Input).value == "45"
