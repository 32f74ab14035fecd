"""The guided session in the app, with injected clocks: a whole session runs in
a fraction of a second of real time, and every rep row is checked."""

from __future__ import annotations

import datetime as dt
import subprocess
import uuid

import pytest
from textual.geometry import Region
from textual.widgets import Digits, Static

from kneetui.clock import now_local
from kneetui.domain.models import Rep, Session, SessionStatus, Side
from kneetui.domain.routine import Between, Routine, Sides
from kneetui.storage.store import Store
from kneetui.tui.app import KneetuiApp
from kneetui.tui.screens.confirm import ConfirmScreen
from kneetui.tui.widgets.key_bar import KeyBar
from tests.conftest import KNEETUI, child_env
from tests.tui.conftest import CLOCK_NOW, AppFactory, LoadedApp


class FakeClocks:
    """A monotonic clock the test moves by hand, and a wall clock that follows it."""

    def __init__(self) -> None:
        self.mono = 5000.0
        self.start = self.mono

    def monotonic(self) -> float:
        return self.mono

    def wall(self) -> dt.datetime:
        return CLOCK_NOW + dt.timedelta(seconds=self.mono - self.start)


@pytest.fixture
def clocks() -> FakeClocks:
    return FakeClocks()


def session_app(make_app: AppFactory, store: Store, clocks: FakeClocks, **kw: object) -> KneetuiApp:
    app = make_app(
        store,
        clock=clocks.wall,
        monotonic_clock=clocks.monotonic,
        # The display timer never fires by itself: the test ticks by hand.
        tick_seconds=3600.0,
        **kw,
    )
    bells: list[float] = []
    app.bell = lambda: bells.append(clocks.mono)  # type: ignore[method-assign]
    app.bells = bells  # type: ignore[attr-defined]
    return app


def advance(app: KneetuiApp, clocks: FakeClocks, seconds: float, step: float = 0.5) -> None:
    end = clocks.mono + seconds
    while clocks.mono < end:
        clocks.mono = min(end, clocks.mono + step)
        app.session_tick()


def timer_text(app: KneetuiApp) -> str:
    """The words the timer pane shows now: its idle text, or the running session."""
    idle = app.screen.query_one("#timer-idle", Static)
    if idle.display:
        return str(idle.render())
    active = app.screen.query_one("#timer-active")
    return " ".join(str(w.render()) for w in active.query(Static))


async def test_a_whole_session_records_every_rep(
    empty_store: Store, make_app: AppFactory, clocks: FakeClocks
) -> None:
    app = session_app(make_app, empty_store, clocks)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s")
        (running,) = empty_store.sessions()
        assert running.status is SessionStatus.IN_PROGRESS
        assert "Leg Raises" in timer_text(app) and "Get ready" in timer_text(app)
        advance(app, clocks, 3.0)  # the count-in
        await pilot.pause()
        text = timer_text(app)
        assert "Leg Raises · Left leg · rep 1 of 10" in text
        assert "Hold" in text and "Next: lower and switch to the right leg" in text
        assert app.screen.query_one(Digits).value == "5.0"
        advance(app, clocks, 1.25)
        assert app.screen.query_one(Digits).value == "3.8"
        advance(app, clocks, 600)
        await pilot.pause()
        (done,) = empty_store.sessions()
        assert done.status is SessionStatus.COMPLETED
        assert len(done.reps) == 50
        leg = [r for r in done.reps if r.exercise == "leg-raise"]
        assert [(r.side, r.rep) for r in leg[:4]] == [
            (Side.LEFT, 1), (Side.RIGHT, 1), (Side.LEFT, 2), (Side.RIGHT, 2),
        ]  # fmt: skip
        assert {(r.target_s, r.held_s) for r in leg} == {(5, 5.0)}
        calf = [r for r in done.reps if r.exercise == "calf-raise"]
        assert [r.rep for r in calf] == list(range(1, 11))
        assert {(r.side, r.target_s, r.held_s) for r in calf} == {(Side.BOTH, 20, 20.0)}
        # Completion times follow the clock: each rep after the one before.
        times = [r.completed_at for r in done.reps]
        assert times == sorted(times)
        summary = timer_text(app)
        assert "Session complete. 50 of 50 reps, 6 min 40 s held." in summary
        assert "Your first session" in summary
        assert "Press l to log how your knees feel." in summary
        routine = str(app.screen.query_one("#routine-text").render())
        assert "1. Leg Raises  20/20 done" in routine and "3. Calf Raises  10/10 done" in routine
        # The bell rang at the start and at every phase change: 1 + 99 changes + end.
        assert len(app.bells) == 1 + len(app.recorder.session.plan) - 1  # type: ignore[attr-defined,union-attr]
        await pilot.press("l")
        assert app.screen.__class__.__name__ == "LogSorenessScreen"


async def test_the_routine_pane_ticks_reps_off_live(
    empty_store: Store, make_app: AppFactory, clocks: FakeClocks
) -> None:
    app = session_app(make_app, empty_store, clocks)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s")
        advance(app, clocks, 3 + 5 + 3 + 5)  # two holds
        await pilot.pause()
        assert "1. Leg Raises  2/20 done" in str(app.screen.query_one("#routine-text").render())
        assert len(empty_store.sessions()[0].reps) == 2


async def test_pause_freezes_the_countdown_and_resume_continues(
    empty_store: Store, make_app: AppFactory, clocks: FakeClocks
) -> None:
    app = session_app(make_app, empty_store, clocks)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s")
        advance(app, clocks, 3 + 2)  # 2 s into the first hold
        await pilot.press("space")
        advance(app, clocks, 60)
        await pilot.pause()
        assert app.screen.query_one(Digits).value == "3.0"
        assert "paused (space resumes)" in timer_text(app)
        assert empty_store.sessions()[0].reps == ()
        await pilot.press("space")
        advance(app, clocks, 3.0)
        (session,) = empty_store.sessions()
        assert [(r.rep, r.side, r.held_s) for r in session.reps] == [(1, Side.LEFT, 5.0)]


async def test_skip_rep_skip_exercise_and_stop(
    empty_store: Store, make_app: AppFactory, clocks: FakeClocks
) -> None:
    app = session_app(make_app, empty_store, clocks)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s")
        advance(app, clocks, 3 + 2)
        await pilot.press("n")  # ends the first hold after 2 s
        await pilot.pause()
        assert "Lower and switch legs" in timer_text(app)
        await pilot.press("N")  # on to the hamstring curls
        await pilot.pause()
        assert "Weighted Hamstring Curls" in timer_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep going
        assert app.session_running
        await pilot.press("escape", "y")
        await pilot.pause()
        assert not app.session_running
        (session,) = empty_store.sessions()
        assert session.status is SessionStatus.STOPPED
        assert [(r.exercise, r.side, r.rep, r.held_s) for r in session.reps] == [
            ("leg-raise", Side.LEFT, 1, 2.0)
        ]
        assert "Session stopped. 1 of 50 reps, 2 s held." in timer_text(app)


async def test_session_keys_show_only_during_a_session(
    empty_store: Store, make_app: AppFactory, clocks: FakeClocks
) -> None:
    app = session_app(make_app, empty_store, clocks)
    async with app.run_test(size=(120, 36)) as pilot:

        def shown() -> set[str]:
            return {k for k, b in app.screen.active_bindings.items() if b.binding.show}

        assert "s" in shown() and not {"space", "n", "N"} & shown()
        await pilot.press("space", "n")  # no session: nothing happens
        assert empty_store.sessions() == []
        await pilot.press("s")
        await pilot.pause()
        assert {"space", "n", "N", "escape"} <= shown() and "s" not in shown()


@pytest.mark.parametrize("how", ["--quiet", "the quiet setting"])
async def test_quiet_silences_the_bell(
    empty_store: Store, make_app: AppFactory, clocks: FakeClocks, how: str
) -> None:
    if how == "the quiet setting":
        empty_store.set_setting("quiet", True)
    app = session_app(make_app, empty_store, clocks, quiet=how == "--quiet")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s")
        advance(app, clocks, 20)
        assert app.bells == []  # type: ignore[attr-defined]


async def test_an_interrupted_session_is_marked_stopped_and_reported(
    empty_store: Store, make_app: AppFactory, clocks: FakeClocks
) -> None:
    started = CLOCK_NOW - dt.timedelta(hours=2)
    cut = Session(str(uuid.uuid4()), started, started.date())
    empty_store.start_session(cut)
    for n in range(1, 8):
        for side in (Side.LEFT, Side.RIGHT):
            empty_store.add_rep(
                cut.uuid, Rep("leg-raise", side, n, 5, 5.0, started + dt.timedelta(seconds=16 * n))
            )
    app = session_app(make_app, empty_store, clocks)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        (session,) = empty_store.sessions()
        assert session.status is SessionStatus.STOPPED
        assert len(session.reps) == 14
        assert session.finished_at == started + dt.timedelta(seconds=16 * 7)
        message = "Your last session was interrupted after 14 reps"
        assert any(message in str(n.message) for n in app._notifications)
        assert message in timer_text(app)
        # s begins a fresh session from the first exercise.
        await pilot.press("s")
        assert "Leg Raises" in timer_text(app) and "Get ready" in timer_text(app)
        assert len(empty_store.sessions()) == 2


async def test_a_second_app_leaves_a_running_session_alone(
    empty_store: Store, make_app: AppFactory, clocks: FakeClocks
) -> None:
    first = session_app(make_app, empty_store, clocks)
    async with first.run_test(size=(120, 36)) as pilot:
        await pilot.press("s")
        assert first.recorder is not None
        # Another kneetui opens the same database while the session runs.
        with Store.open(empty_store.path, now=CLOCK_NOW) as other:
            assert other.close_interrupted_sessions() == []
        (running,) = empty_store.sessions()
        assert running.status is SessionStatus.IN_PROGRESS
        await pilot.press("q")  # stopped and saved; the lock goes with it
    assert not empty_store.live.claimed
    with Store.open(empty_store.path, now=CLOCK_NOW) as other:
        assert not other.live.held_elsewhere()


async def test_a_score_logged_from_the_shell_during_a_session_is_kept(
    empty_store: Store, make_app: AppFactory, clocks: FakeClocks
) -> None:
    app = session_app(make_app, empty_store, clocks)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s")
        advance(app, clocks, 3 + 5 + 3)
        shell = subprocess.run(
            [str(KNEETUI), "--db", str(empty_store.path), "log", "3", "--note", "from the shell"],
            capture_output=True, text=True, env=child_env(), timeout=60,
        )  # fmt: skip
        assert shell.returncode == 0, shell.stderr
        advance(app, clocks, 5 + 3 + 5)
        await pilot.press("escape", "y")
        await pilot.pause()
    (session,) = empty_store.sessions()
    assert len(session.reps) == 3
    assert [e.note for e in empty_store.soreness()] == ["from the shell"]


async def test_quitting_during_a_session_saves_it_as_stopped(
    empty_store: Store, make_app: AppFactory
) -> None:
    """Real clocks and a fast display tick: q in the middle of a hold quits
    cleanly (no tick runs into a closed screen) and keeps the session."""
    app = make_app(empty_store, clock=now_local, tick_seconds=0.01)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s")
        await pilot.pause(0.2)
        await pilot.press("q")
    assert app.return_code == 0
    (session,) = empty_store.sessions()
    assert session.status is SessionStatus.STOPPED


async def test_a_second_app_cannot_start_a_session_while_one_runs(
    empty_store: Store, make_app: AppFactory, clocks: FakeClocks
) -> None:
    """Two apps on one database file, each with its own store: while the first
    runs a session, s in the second says so and starts nothing."""
    first = session_app(make_app, empty_store, clocks)
    with Store.open(empty_store.path, now=CLOCK_NOW) as other_store:
        second = session_app(make_app, other_store, clocks)
        async with first.run_test(size=(120, 36)) as pilot:
            await pilot.press("s")
            assert first.session_running
            async with second.run_test(size=(120, 36)) as other:
                await other.press("s")
                await other.pause()
                assert not second.session_running
                assert len(empty_store.sessions()) == 1
                messages = [str(n.message) for n in second._notifications]
                assert any("Another kneetui is running a session" in m for m in messages)
                assert not other_store.live.claimed
            await pilot.press("escape", "y")
            await pilot.pause()
        # Once the first session ends, the second app may start one.
        third = session_app(make_app, other_store, clocks)
        async with third.run_test(size=(120, 36)) as pilot:
            await pilot.press("s")
            assert third.session_running
            assert len(other_store.sessions()) == 2
            await pilot.press("q")


async def test_a_screen_opened_mid_session_pauses_it_until_closed(
    empty_store: Store, make_app: AppFactory, clocks: FakeClocks
) -> None:
    """The log form over a running hold: the hold waits behind it, and goes on
    where it was when the form closes."""
    app = session_app(make_app, empty_store, clocks)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s")
        advance(app, clocks, 3 + 2)  # 2 s into the first 5 s hold
        await pilot.press("l")
        assert app.screen.__class__.__name__ == "LogSorenessScreen"
        assert app.recorder is not None and app.recorder.session.paused
        advance(app, clocks, 60)
        assert empty_store.sessions()[0].reps == ()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.dashboard
        assert not app.recorder.session.paused
        assert app.screen.query_one(Digits).value == "3.0"
        advance(app, clocks, 3.0)
        (session,) = empty_store.sessions()
        assert [(r.rep, r.side, r.held_s) for r in session.reps] == [(1, Side.LEFT, 5.0)]


async def test_a_session_paused_before_a_screen_stays_paused_after_it(
    empty_store: Store, make_app: AppFactory, clocks: FakeClocks
) -> None:
    app = session_app(make_app, empty_store, clocks)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s")
        advance(app, clocks, 3 + 2)
        await pilot.press("space")  # the runner pauses
        await pilot.press("question_mark")  # help, then closed again
        assert app.screen.__class__.__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.dashboard
        assert app.recorder is not None and app.recorder.session.paused
        advance(app, clocks, 60)
        assert app.screen.query_one(Digits).value == "3.0"
        await pilot.press("space")
        assert not app.recorder.session.paused


def routine_text(app: KneetuiApp) -> str:
    return str(app.screen.query_one("#routine-text").render())


async def test_a_change_over_names_the_equipment_and_waits_for_space(
    empty_store: Store, make_app: AppFactory, clocks: FakeClocks
) -> None:
    """Leg raises on the mat take 160 s; then the change-over to standing curls
    with ankle weights: named, with a bell, and over when the runner is ready."""
    app = session_app(make_app, empty_store, clocks)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s")
        advance(app, clocks, 160.0)
        await pilot.pause()
        text = timer_text(app)
        assert "Weighted Hamstring Curls" in text
        assert "Change over — space when ready" in text
        assert "Put on the ankle weights; stand holding a chair or table." in text
        assert "Get ready" not in text and "Next: a 3 s count-in" in text
        assert app.bells[-1] == clocks.mono  # type: ignore[attr-defined]
        assert app.screen.query_one(Digits).value == "15.0"
        advance(app, clocks, 10.0)  # it waits; no rep of the curls begins
        assert "Change over" in timer_text(app)
        # The key bar offers space as "Ready" here, not as pause.
        bar = app.screen.query_one(KeyBar).render().plain
        assert "space Ready" in bar and "Pause" not in bar
        await pilot.press("space")
        await pilot.pause()
        text = timer_text(app)
        assert "Get ready" in text and "paused" not in text
        bar = app.screen.query_one(KeyBar).render().plain
        assert "space Pause" in bar and "Ready" not in bar
        assert app.screen.query_one(Digits).value == "3.0"
        advance(app, clocks, 3.0)
        await pilot.pause()
        assert "Weighted Hamstring Curls · Left leg · rep 1 of 10" in timer_text(app)


async def test_a_change_over_counts_down_the_setting_by_itself(
    empty_store: Store, make_app: AppFactory, clocks: FakeClocks
) -> None:
    empty_store.set_setting("change_over_s", 40)
    app = session_app(make_app, empty_store, clocks)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s")
        advance(app, clocks, 160.0)
        await pilot.pause()
        assert app.screen.query_one(Digits).value == "40.0"
        advance(app, clocks, 39.5)
        assert "Change over" in timer_text(app)
        advance(app, clocks, 0.5)
        await pilot.pause()
        assert "Get ready" in timer_text(app)


async def test_the_timer_shows_the_exercise_number_and_the_session_time_left(
    empty_store: Store, make_app: AppFactory, clocks: FakeClocks
) -> None:
    app = session_app(make_app, empty_store, clocks)
    async with app.run_test(size=(120, 36)) as pilot:
        timer = app.dashboard.timer
        await pilot.press("s")
        await pilot.pause()
        # 3 exercises: 160 s + 15 s + 160 s + 15 s + 248 s.
        assert (timer.border_title, timer.border_subtitle) == (
            "Session · Exercise 1 of 3",
            "9:58 left",
        )
        advance(app, clocks, 4.5)
        await pilot.pause()
        assert timer.border_subtitle == "9:54 left"
        advance(app, clocks, 160.0 - 4.5 + 2.0)  # 2 s into the change-over
        await pilot.pause()
        assert (timer.border_title, timer.border_subtitle) == (
            "Session · Exercise 2 of 3",
            "7:16 left",
        )
        await pilot.press("space")  # ready 13 s early: the session ends 13 s sooner
        await pilot.pause()
        assert timer.border_subtitle == "7:03 left"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert (timer.border_title, timer.border_subtitle) == ("Session", "")


async def test_between_legs_the_pane_says_which_leg_ended_and_which_is_next(
    empty_store: Store, make_app: AppFactory, clocks: FakeClocks
) -> None:
    app = session_app(make_app, empty_store, clocks)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s")
        advance(app, clocks, 3 + 5)  # the first hold (left) is over
        await pilot.pause()
        heading = str(app.screen.query_one("#timer-heading", Static).render())
        assert heading == "Leg Raises · Left leg rep 1 of 10 done"
        text = timer_text(app)
        assert "Lower and switch legs" in text
        assert "Next: hold, right leg, rep 1" in text
        assert "Right leg ·" not in text  # not named as if it were current
        advance(app, clocks, 3.0)
        await pilot.pause()
        heading = str(app.screen.query_one("#timer-heading", Static).render())
        assert heading == "Leg Raises · Right leg · rep 1 of 10"
        # Calf raises, both feet: the rest says which rep ended.
        advance(app, clocks, 160 - 11 + 15 + 160 + 15 + 3 + 20.5)
        await pilot.pause()
        heading = str(app.screen.query_one("#timer-heading", Static).render())
        assert heading == "Calf Raises · Rep 1 of 10 done"
        assert "Next: rest" not in timer_text(app) and "Next: hold, both feet, rep 2" in timer_text(
            app
        )


async def test_the_routine_pane_marks_and_scrolls_to_the_current_exercise(
    empty_store: Store, make_app: AppFactory, clocks: FakeClocks
) -> None:
    app = session_app(make_app, empty_store, clocks)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = app.dashboard.query_one("#routine")
        await pilot.press("s")
        await pilot.pause()
        assert "▶ 1. Leg Raises" in routine_text(app)
        assert pane.scroll_y == 0
        advance(app, clocks, 160 + 15 + 160)  # into the change-over to calf raises
        await pilot.pause()
        await pilot.pause()
        text = routine_text(app)
        assert "▶ 3. Calf Raises" in text and "▶ 1." not in text and "▶ 2." not in text
        assert pane.scroll_y > 0
        # Scrolled to the heading (as far as the pane scrolls): it is in view,
        # and the leg raises' heading above is not.
        static = app.screen.query_one("#routine-text", Static)
        lines = [s.text for s in static.render_lines(Region(0, 0, *static.size))]
        heading = next(i for i, line in enumerate(lines) if line.startswith("▶ 3. Calf Raises"))
        top, height = round(pane.scroll_y), pane.scrollable_content_region.height
        assert top == min(heading, pane.max_scroll_y)
        assert top <= heading < top + height
        assert not any(line.startswith("1. Leg Raises") for line in lines[top : top + height])
        await pilot.press("escape", "y")
        await pilot.pause()
        assert "▶" not in routine_text(app)


async def test_a_second_session_on_one_day_counts_as_extra_not_past_the_target(
    empty_store: Store, make_app: AppFactory, clocks: FakeClocks
) -> None:
    app = session_app(make_app, empty_store, clocks)
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(2):
            await pilot.press("s")
            advance(app, clocks, 600)
            await pilot.pause()
        assert [len(s.reps) for s in empty_store.sessions()] == [50, 50]
        text = routine_text(app)
        assert "1. Leg Raises  20/20 done" in text and "3. Calf Raises  10/10 done" in text
        assert "40/20" not in text and "+1 extra session" in text
        assert "+1 extra sessions" not in text


async def test_counts_of_one_are_singular(
    empty_store: Store, routine: Routine, clocks: FakeClocks
) -> None:
    """A routine of one hold: "1 hold over 1 exercise", "1 of 1 rep", "(1 rep, …)"."""
    leg = routine.exercises[0]._replace(reps=1, sides=Sides.BOTH, between=Between.REST)
    one = routine._replace(exercises=(leg,))
    app = session_app(lambda store, **kw: LoadedApp(store, one, **kw), empty_store, clocks)
    async with app.run_test(size=(120, 36)) as pilot:
        assert "1 hold over 1 exercise." in timer_text(app)
        await pilot.press("s")
        advance(app, clocks, 3 + 5)
        await pilot.pause()
        assert "Session complete. 1 of 1 rep, 5 s held." in timer_text(app)
        await pilot.press("s")
        advance(app, clocks, 3 + 2)
        await pilot.press("n")
        await pilot.pause()
        summary = timer_text(app)
        assert "1 of 1 rep, 2 s held. 3 s less than last session (1 rep, 5 s)." in summary
        assert "1 reps" not in summary + routine_text(app)
