"""The trend chart shows the runs: each day's (or bucket's) longest run as a bar on
a km axis on the right, under the scores, and a spike run (Frandsen's cut-offs,
from `runs.spikes`) in a glyph of its own that the legend names. Checked on the
chart's text in the dashboard at 80×24 and 120×36 and at every range, and on
`load_trend`'s bars against the domain's for long ranges."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from kneetui.charts import km_axis, render_trend
from kneetui.domain.routine import Routine
from kneetui.domain.runs import Run, Spike, spikes
from kneetui.domain.trend import Point, RunBar, bucket_size, build_trend, run_bars, run_points
from kneetui.gather import load_trend
from kneetui.storage.store import Store
from kneetui.tui.widgets.trend_plot import TrendPlot
from tests.conftest import NOW
from tests.tui.conftest import AppFactory
from tests.tui.seeded_runs import TODAY, add_demo_runs, run


@pytest.fixture
def run_store(demo_store: Store, routine: Routine) -> Store:
    return add_demo_runs(demo_store, routine)


def legend_row(line: str) -> bool:
    return any(word in line for word in (" run", " session", " mean"))


def plot_area(text: str) -> list[str]:
    """The chart's rows inside its frame, without the legend's rows or the axes'
    labels."""
    rows = []
    for line in text.splitlines():
        inside = line.partition("┤")[2] or line.partition("│")[2]
        inside = inside.rpartition("├")[0] or inside.rpartition("│")[0]
        if inside and not legend_row(line):
            rows.append(inside)
    return rows


def km_labels(text: str) -> list[int]:
    found = []
    for line in text.splitlines():
        _, tick, label = line.rpartition("├")
        if tick:
            assert label.strip().isdigit(), line
            found.append(int(label))
    return found


def check_runs(
    text: str, bar: str, spike: str, *, spike_label: str = "spike run", bar_label: bool = True
) -> None:
    area = "\n".join(plot_area(text))
    assert bar in area and spike in area, text
    labels = km_labels(text)
    assert labels[-1] == 0 and len(labels) >= 2, text
    assert f"{spike}{spike} {spike_label}" in text
    assert (f"{bar}{bar} longest run" in text) == bar_label, text


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_the_dashboard_chart_shows_runs_and_marks_the_spike(
    run_store: Store, make_app: AppFactory, size: tuple[int, int]
) -> None:
    app = make_app(run_store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        text = app.query_one(TrendPlot).drawing
        check_runs(text, "░", "█", bar_label=size == (120, 36))


async def test_the_chart_without_colour_marks_runs_in_ascii(
    run_store: Store, make_app: AppFactory
) -> None:
    app = make_app(run_store, color=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        check_runs(app.query_one(TrendPlot).drawing, ":", "#", bar_label=False)


async def test_no_runs_draw_no_bars_and_no_km_axis(demo_store: Store, make_app: AppFactory) -> None:
    for stored in demo_store.runs():  # the demo's scores, without the runs behind them
        assert demo_store.delete_run(stored.uuid)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        text = app.query_one(TrendPlot).drawing
        assert "7-day mean" in text
        assert "░" not in text and "█" not in text and "longest run" not in text
        assert km_labels(text) == []


async def test_every_range_shows_the_runs(run_store: Store, make_app: AppFactory) -> None:
    app = make_app(run_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        seen = []
        for _ in range(4):
            text = app.query_one(TrendPlot).drawing
            seen.append(text)
            spike_label = "spike run" if "longest run (km)" in text else "with a spike run"
            check_runs(text, "░", "█", spike_label=spike_label)
            await pilot.press("r")
            await pilot.pause()
        # From the default 90 days: a year grouped in buckets; all time (the
        # demo's ten weeks), then 30 days, day by day.
        assert ["longest run per" in text for text in seen] == [False, True, False, False]


def test_run_bars_keep_each_days_longest_and_mark_spikes() -> None:
    start = dt.date(2026, 10, 1)
    at = dt.datetime(2026, 10, 1, 7, tzinfo=dt.UTC)
    runs = [
        run(at - dt.timedelta(days=20), 10.0),  # before the range: only the reference
        run(at, 10.0),  # exactly as long: no spike
        run(at + dt.timedelta(hours=8), 4.0),  # the same day: the bar keeps the 10 km
        run(at + dt.timedelta(days=2), 11.5),  # 15% longer than 10: a small spike
        run(at + dt.timedelta(days=3), 5.0),
    ]
    bars = run_bars(run_points(runs, start), start=start, end=start + dt.timedelta(days=9))
    assert bars == [
        RunBar(start, 10.0, False),
        RunBar(start + dt.timedelta(days=2), 11.5, True),
        RunBar(start + dt.timedelta(days=3), 5.0, False),
    ]
    grouped = run_bars(
        run_points(runs, start), start=start, end=start + dt.timedelta(days=9), bucket=5
    )
    assert grouped == [RunBar(start, 11.5, True)]


@pytest.mark.parametrize(
    ("after", "km", "spike"),
    [
        (dt.timedelta(days=30), 11.0, False),  # exactly 10% longer: not over 10%
        (dt.timedelta(days=30), 11.5, True),  # the 10 km run, 30 days before, counts
        (dt.timedelta(days=30, seconds=1), 11.5, False),  # a second later it does not
        (dt.timedelta(days=1), 13.0, True),  # 30% longer: a small spike still
        (dt.timedelta(days=1), 30.0, True),  # a large one
    ],
)
def test_run_bars_at_the_edges_of_the_window_and_cut_offs(
    after: dt.timedelta, km: float, spike: bool
) -> None:
    at = dt.datetime(2026, 10, 1, 7, tzinfo=dt.UTC)
    runs = [run(at, 10.0), run(at + after, km)]
    start = dt.date(2026, 10, 2)
    bars = run_bars(run_points(runs, start), start=start, end=start + dt.timedelta(days=40))
    assert bars == [RunBar((at + after).date(), km, spike)]
    assert bars == bars_from_spikes(runs, start, start + dt.timedelta(days=40), 1)


def bars_from_spikes(runs: list[Run], start: dt.date, end: dt.date, bucket: int) -> list[RunBar]:
    """The bars as `runs.spikes` has them, the slow and plain way."""
    found: dict[dt.date, RunBar] = {}
    for item in spikes(runs):
        day = item.run.local_day
        if start <= day <= end:
            key = start + dt.timedelta(days=(day - start).days // bucket * bucket)
            old = found.get(key, RunBar(key, 0.0, False))
            spike = item.spike is not Spike.NONE
            found[key] = RunBar(key, max(old.km, item.run.distance_km), old.spike or spike)
    return [found[day] for day in sorted(found)]


@pytest.mark.parametrize("seed", range(20))
def test_run_bars_agree_with_spikes(seed: int) -> None:
    # Runs on random days and hours, some exactly 30 days apart or exactly 10%,
    # 30% or 100% longer than an earlier one: the edges of Frandsen's window and
    # cut-offs.
    rng = random.Random(seed)
    first = dt.datetime(2026, 1, 1, 6, tzinfo=dt.UTC)
    runs: list[Run] = []
    for _ in range(rng.randrange(1, 120)):
        if runs and rng.random() < 0.3:
            base = rng.choice(runs)
            shift = dt.timedelta(days=rng.choice([30, 29, 31]), seconds=rng.choice([-1, 0, 1]))
            km = round(base.distance_km * rng.choice([1.1, 1.3, 2.0, 1.0, 0.5]), 3)
            runs.append(run(base.started_at + shift, max(0.1, km)))
        else:
            at = first + dt.timedelta(minutes=rng.randrange(200 * 24 * 60))
            runs.append(run(at, round(rng.uniform(1, 30), 1)))
    start = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(100))
    end = start + dt.timedelta(days=rng.randrange(1, 150))
    for bucket in (1, 3, 10):
        got = run_bars(run_points(runs, start), start=start, end=end, bucket=bucket)
        assert got == bars_from_spikes(runs, start, end, bucket), (seed, bucket)


def test_km_axis_keeps_the_bars_under_half_the_scores() -> None:
    for rows in range(6, 60):
        for longest in (0.4, 1.0, 5.3, 12.0, 21.1, 42.2, 99.0, 300.0):
            axis = km_axis(rows, longest)
            unit = (axis.high - axis.low) / (rows - 1)
            assert abs(axis.low + unit) < 1e-9  # 0 km on the row above the session strip
            assert longest <= axis.high  # the longest bar fits
            tall = longest / unit
            assert tall <= (rows - 2) * 0.75 + 1, (rows, longest, tall)
            assert axis.ticks[0] == 0 and len(axis.ticks) >= 2, (rows, longest, axis)
            # Labels on whole rows, two rows apart or more where there is room.
            gap = (axis.ticks[1] - axis.ticks[0]) / unit
            assert abs(gap - round(gap)) < 1e-9
            assert rows < 8 or round(gap) >= 2, (rows, longest, axis)


def test_render_trend_without_colour_draws_run_bars() -> None:
    start, end = TODAY - dt.timedelta(days=29), TODAY
    trend = build_trend([], [], start=start, end=end, max_points=70)
    trend = trend._replace(
        daily=(Point(start, 3.0),),
        runs=(RunBar(start + dt.timedelta(days=5), 10.0, False), RunBar(end, 20.0, True)),
    )
    text = render_trend(trend, width=70, height=20, color=False)
    check_runs(text, ":", "#")
    # The spike's bar stands on the last day, right of the other one.
    area = plot_area(text)
    plain = {i for line in area for i, c in enumerate(line) if c == ":"}
    solid = {i for line in area for i, c in enumerate(line) if c == "#"}
    assert solid and plain and min(solid) > max(plain), text
    # Twice the distance, twice the height, from the score of 0's row.
    solid_rows = sum("#" in line for line in area) - 1
    assert solid_rows == 2 * (sum(":" in line for line in area) - 1) > 0, text


# Long ranges: the bars of `load_trend` are the domain's ------------------------


@pytest.fixture
def years_of_runs(tmp_path: Path) -> Iterator[Store]:
    """Three years of runs on most days, with a long run now and then, and a score
    each day."""
    from kneetui.domain.soreness import new_entry

    rng = random.Random(16)
    with Store.open(tmp_path / "years.db", now=NOW) as store:
        for offset in range(3 * 365):
            day = TODAY - dt.timedelta(days=offset)
            at = dt.datetime.combine(day, dt.time(6, rng.randrange(60)), dt.UTC)
            store.add_soreness(new_entry(rng.randrange(8), at=at + dt.timedelta(hours=9), now=NOW))
            if rng.random() < 0.7:
                km = round(rng.uniform(3, 12) * (2.2 if rng.random() < 0.04 else 1), 1)
                assert store.add_run(run(at, km))
        yield store


@pytest.mark.parametrize(
    ("days", "points", "bucket"),
    [(365, 40, 10), (3 * 365 + 40, 40, 29), (700, 60, 12), (90, 100, 1), (30, 100, 1)],
)
def test_every_range_bars_each_days_or_buckets_longest_run_and_its_spikes(
    years_of_runs: Store, days: int, points: int, bucket: int
) -> None:
    # The bars read from the store (in SQL, in one pass) are those of
    # `runs.spikes` over every run, day by day or grouped.
    start = TODAY - dt.timedelta(days=days - 1)
    trend = load_trend(years_of_runs, start, TODAY, points)
    assert trend.bucket_days == bucket_size(start, TODAY, points) == bucket
    every = years_of_runs.runs()
    expected = bars_from_spikes(every, start, TODAY, bucket)
    assert list(trend.runs) == expected
    assert not all(bar.spike for bar in expected)
    if days > 90:
        assert any(bar.spike for bar in expected)


def test_the_bars_follow_runs_stored_deleted_or_stored_elsewhere(tmp_path: Path) -> None:
    # The bars of a range are kept between loads while the runs stay the same;
    # a run stored here or by another process, or one deleted and another put in
    # its place, shows at the next load.
    from kneetui.domain.soreness import new_entry

    path = tmp_path / "runs.db"
    start = TODAY - dt.timedelta(days=699)
    with Store.open(path, now=NOW) as store:
        for offset in range(0, 700, 3):
            at = dt.datetime.combine(start + dt.timedelta(days=offset), dt.time(7), dt.UTC)
            store.add_soreness(new_entry(2, at=at + dt.timedelta(hours=8), now=NOW))
            assert store.add_run(run(at, 10.0))

        def bars() -> list[RunBar]:
            return list(load_trend(store, start, TODAY, 40).runs)

        first = bars()
        assert first and not any(bar.spike for bar in first)
        assert bars() == first
        at = dt.datetime.combine(TODAY - dt.timedelta(days=1), dt.time(9), dt.UTC)
        with Store.open(path, now=NOW) as other:  # another process, as it were
            assert other.add_run(run(at, 25.0))
        assert bars()[-1].spike and bars()[-1].km == 25.0
        # Deleted, and another distance stored with the same start (and rowid).
        (spiked,) = [r for r in store.runs(since=at) if r.distance_km == 25.0]
        assert store.delete_run(spiked.uuid)
        assert store.add_run(run(at, 10.5))
        assert bars()[-1] == RunBar(bars()[-1].day, 10.5, False)
        assert store.delete_run(run(at, 10.5).uuid)
        assert not any(bar.km == 10.5 for bar in bars())


def test_the_stores_run_points_are_the_domains(tmp_path: Path) -> None:
    # Whole seconds and day numbers computed in SQL, exact at the window's edge.
    at = dt.datetime(2026, 10, 1, 23, 59, 59, tzinfo=dt.UTC)
    runs = [run(at, 10.0), run(at + dt.timedelta(days=30), 11.5), run(at, 5.0)]
    runs.append(run(at + dt.timedelta(days=30, seconds=1), 12.0))
    with Store.open(tmp_path / "points.db", now=NOW) as store:
        for item in runs:
            assert store.add_run(item)
        start = dt.date(2026, 10, 15)
        since, until = (
            dt.datetime(2026, 9, 1, tzinfo=dt.UTC),
            dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
        )
        stored = store.run_points(start, since, until)
    # Runs that start in the same second come in the order stored.
    assert stored == [
        run_points([r], start)[0] for r in runs[:1] + runs[2:3] + runs[1:2] + runs[3:]
    ]
    assert [day for _, day, _ in stored] == [-14, -14, 16, 17]


async def test_the_legend_has_no_axis_letters(run_store: Store, make_app: AppFactory) -> None:
    """plotext marks each legend line with the axes its series uses ("L" left,
    "⅃" right) once the run bars use the right axis: stray letters to a runner."""
    app = make_app(run_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        text = app.query_one(TrendPlot).drawing
    legend = [line.partition("┤")[2] or line.partition("│")[2] for line in text.splitlines()]
    legend = [line for line in legend if legend_row(line)]
    assert [line.split("  ")[0] for line in legend] == [
        " ░░ longest run (km)",
        " ██ spike run",
        " ▲▲ routine session",
        " ⢕⢕ 7-day mean",
        " •• daily mean",
    ], text
    assert "⅃" not in text


def test_all_time_reaches_back_to_the_first_run_as_well_as_the_first_score(
    tmp_path: Path,
) -> None:
    # A runner who imports years of runs and then logs a first score: "all time"
    # starts at the first run, so it never shows less than "last year" does.
    from kneetui.domain.soreness import new_entry
    from kneetui.tui.state import RANGES, load_chart

    first_run = TODAY - dt.timedelta(days=800)
    with Store.open(tmp_path / "runs.db", now=NOW) as store:
        for offset in range(0, 800, 7):
            at = dt.datetime.combine(first_run + dt.timedelta(days=offset), dt.time(7), dt.UTC)
            assert store.add_run(run(at, 10.0))
        store.add_soreness(new_entry(3, at=NOW - dt.timedelta(hours=1), now=NOW))
        all_time = len(RANGES) - 1
        chart = load_chart(store, TODAY, all_time)
        year = load_chart(store, TODAY, all_time - 1)
        assert chart.range_words == "all time"
        assert chart.trend.start == first_run
        assert chart.trend.start < year.trend.start
        assert chart.trend.runs[0].day <= first_run + dt.timedelta(days=chart.trend.bucket_days)

    # Runs only since the first score, or none: all time starts at that score,
    # and is at least 30 days long, as before.
    with Store.open(tmp_path / "scores.db", now=NOW) as store:
        store.add_soreness(new_entry(3, at=NOW - dt.timedelta(days=200), now=NOW))
        assert store.add_run(run(NOW - dt.timedelta(days=100), 8.0))
        assert load_chart(store, TODAY, all_time).trend.start == TODAY - dt.timedelta(days=200)
    with Store.open(tmp_path / "new.db", now=NOW) as store:
        assert load_chart(store, TODAY, all_time).trend.start == TODAY - dt.timedelta(days=29)
