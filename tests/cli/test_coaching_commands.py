"""`kneetui schedule`, `level` and `stats`, as text and JSON, through the real command."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kneetui.domain.routine import Routine
from kneetui.storage.store import Store
from tests import histories
from tests.cli.helpers import kneetui
from tests.conftest import NOW

TODAY = dt.datetime.now().astimezone().date()


def test_schedule_shows_and_sets_the_routine_days(db_path: Path) -> None:
    assert kneetui("schedule", db=db_path).out == "Routine days: Mon, Wed, Fri\n"
    result = kneetui("schedule", "TUE", "thursday", "sat", db=db_path)
    assert (result.code, result.out) == (0, "Routine days set: Tue, Thu, Sat\n")
    assert kneetui("schedule", db=db_path).out == "Routine days: Tue, Thu, Sat\n"
    with Store.open(db_path, now=NOW) as store:
        assert store.setting("schedule") == ["tue", "thu", "sat"]
    assert "Today" in kneetui("routine", db=db_path).out


def test_a_bad_weekday_exits_2_and_keeps_the_schedule(db_path: Path) -> None:
    kneetui("schedule", "mon", db=db_path)
    result = kneetui("schedule", "mon", "funday", db=db_path)
    assert result.code == 2
    assert result.err == "kneetui: DAY: 'funday' is not a weekday (use mon, tue, … sun)\n"
    assert kneetui("schedule", db=db_path).out == "Routine days: Mon\n"


def test_level_shows_and_sets_a_hold_on_the_ladder(db_path: Path) -> None:
    assert kneetui("level", "calf-raise", db=db_path).out == (
        "Calf Raises: the hold is 20 s (ladder: 20, 25, 30 s).\n"
    )
    result = kneetui("level", "calf-raise", "25", db=db_path)
    assert (result.code, result.out) == (
        0,
        "Calf Raises: the hold is now 25 s (ladder: 20, 25, 30 s).\n",
    )
    with Store.open(db_path, now=NOW) as store:
        (level,) = store.levels()
    assert (level.exercise, level.hold_s) == ("calf-raise", 25)
    assert abs(level.changed_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)
    assert "Calf Raises: hold 25 s" in kneetui("routine", db=db_path).out


def test_schedule_json_shows_and_sets(db_path: Path) -> None:
    shown = json.loads(kneetui("schedule", "--json", db=db_path).out)
    assert shown == {"schedule": ["mon", "wed", "fri"], "changed": False}
    result = kneetui("schedule", "sat", "tue", "--json", db=db_path)
    assert (result.code, json.loads(result.out)) == (
        0,
        {"schedule": ["tue", "sat"], "changed": True},
    )
    assert json.loads(kneetui("schedule", "--json", db=db_path).out)["schedule"] == ["tue", "sat"]


def test_level_json_shows_and_sets(db_path: Path) -> None:
    shown = json.loads(kneetui("level", "leg-raise", "--json", db=db_path).out)
    assert shown == {
        "exercise": "leg-raise",
        "name": "Leg Raises",
        "hold_s": 5,
        "hold_ladder": [5, 10, 15],
        "changed": False,
    }
    result = kneetui("level", "leg-raise", "10", "--json", db=db_path)
    assert result.code == 0, result.err
    assert json.loads(result.out) == shown | {"hold_s": 10, "changed": True}
    assert json.loads(kneetui("level", "leg-raise", "--json", db=db_path).out)["hold_s"] == 10


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["calf-raise", "22"], "must be a step on its ladder (20, 25, 30), got '22'"),
        (["calf-raise", "-5"], "must be a step on its ladder"),
        (["calf-raise", "abc"], "must be a step on its ladder"),
        (["hamstring-curl", "15"], "must be a step on its ladder (5, 10), got '15'"),
        (["squat", "10"], "EXERCISE must be one of leg-raise, hamstring-curl, calf-raise"),
    ],
)
def test_level_refuses_anything_off_the_ladder(
    db_path: Path, args: list[str], message: str
) -> None:
    result = kneetui("level", *args, db=db_path)
    assert result.code == 2
    assert message in result.err and result.err.count("\n") == 1
    with Store.open(db_path, now=NOW) as store:
        assert store.levels() == []


def test_stats_json_on_an_empty_database(db_path: Path) -> None:
    document = json.loads(kneetui("stats", "--json", db=db_path).out)
    assert document["adherence"] == {
        "sessions_this_week": 0,
        "target_per_week": 3,
        "weeks_on_target_in_a_row": 0,
        "days_since_last_session": None,
        "last_session_day": None,
    }
    assert document["soreness"]["waiting_for"] == (
        "a first completed session and a soreness score in the last 7 days"
    )
    assert document["soreness"]["meaningful"] is False
    assert document["advice"] == [] and document["red_flags"] == []
    assert document["holds"] == {"leg-raise": 5, "hamstring-curl": 5, "calf-raise": 20}
    assert len(document["weekly"]) == 12
    assert "Not medical advice" in document["not_medical_advice"]


def test_stats_json_gives_each_advice_its_kind_rule_and_figures(
    db_path: Path, routine: Routine
) -> None:
    with Store.open(db_path, now=NOW) as store:
        store.import_bundle(histories.physical_therapist(routine, TODAY))
        store.import_bundle(histories.red_flag(TODAY))
        store.set_setting("check_in_dismissed_on", TODAY.isoformat())
    document = json.loads(kneetui("stats", "--json", db=db_path).out)
    # The swelling was logged yesterday at 6/10: the day of or after a Mon/Wed/Fri
    # session (a step back), unless yesterday was a Sunday (then a hold).
    sunday = (TODAY - dt.timedelta(days=1)).weekday() == 6
    verdict = ("hold", "hold-notice") if sunday else ("step-back", "step-back-too-much")
    assert [(i["kind"], i["rule"], i["exercise"]) for i in document["advice"]] == [
        ("red-flag", "red-flag-symptom", None),
        ("see-physical-therapist", "see-physical-therapist", None),
        *((*verdict, e.id) for e in routine.exercises),
    ]
    soreness = document["soreness"]
    assert soreness["meaningful"] is False and soreness["see_physical_therapist"] is True
    assert soreness["baseline_mean"] == 5.0 and soreness["knee"] == "both"
    assert soreness["waiting_for"] is None
    assert set(soreness["knees"]) == {"left", "right"}
    assert document["adherence"]["weeks_on_target_in_a_row"] >= 3
    pt = document["advice"][1]
    assert "no meaningful improvement" in pt["message"]
    assert pt["figures"]["baseline_mean"] == 5.0 and pt["figures"]["low_adherence"] is False
    flag = document["advice"][0]
    assert flag["figures"]["flags"] == ["swelling"]
    assert [f["rule"] for f in document["red_flags"]] == ["red-flag-symptom"]


def test_log_says_at_once_when_a_score_raises_a_red_flag(db_path: Path) -> None:
    calm = kneetui("log", "4", db=db_path)
    assert calm.code == 0 and "Red flag" not in calm.out
    flagged = kneetui("log", "7", "--flag", "swelling", "--knee", "left", db=db_path)
    assert flagged.code == 0
    first, notice, not_advice = flagged.out.splitlines()
    assert not_advice.startswith("Not medical advice")
    assert first == "Logged 7/10 (too much) for the left knee after a run; flagged: swelling"
    assert notice.startswith("Red flag: Have your knee seen: swelling in the left knee today")
    assert "`kneetui ack`" in notice
    severe = kneetui("log", "9", db=db_path).out
    assert "Red flag: Severe pain: a score of 9/10 for both knees today" in severe


def test_ack_records_the_acknowledgement_and_the_notice_leaves(db_path: Path) -> None:
    assert kneetui("ack", db=db_path).out == "No red flag to acknowledge.\n"
    kneetui("log", "6", "--flag", "locking", db=db_path)
    before = json.loads(kneetui("stats", "--json", db=db_path).out)
    assert before["advice"][0]["rule"] == "red-flag-symptom"
    result = kneetui("ack", db=db_path)
    assert result.code == 0
    assert result.out.splitlines()[0] == f"Acknowledged 1 red flag on {TODAY.isoformat()}:"
    assert result.out.splitlines()[1] == f"  {TODAY.isoformat()}  locking (both)"
    with Store.open(db_path, now=NOW) as store:
        (ack,) = store.acknowledgements()
    assert ack.local_day == TODAY
    after = json.loads(kneetui("stats", "--json", db=db_path).out)
    assert [i["kind"] for i in after["advice"]].count("red-flag") == 0
    assert after["red_flags"] == []
    # It travels with an export and back.
    exported = json.loads(kneetui("export", db=db_path).out)
    assert [a["uuid"] for a in exported["acknowledgements"]] == [ack.uuid]


def test_stats_text(db_path: Path, routine: Routine) -> None:
    with Store.open(db_path, now=NOW) as store:
        store.import_bundle(histories.ready_to_progress(routine, TODAY))
    out = kneetui("stats", db=db_path).out
    assert out.startswith("Adherence\n")
    assert "Mon " in out and "■" in out
    assert "[progress] Leg Raises: step up from 5 s to 10 s holds" in out
    assert "Soreness (per knee; a score for both knees counts for each)" in out
    assert out.rstrip().endswith("If in doubt, see a physical therapist or a doctor.")


def test_stats_says_the_first_week_figure_is_not_there_yet(db_path: Path) -> None:
    # Scores but no session yet: the baseline waits for the routine to begin,
    # and the line says so rather than "no scores" beside a 7-day average.
    kneetui("log", "5", db=db_path)
    out = kneetui("stats", db=db_path).out
    assert "Left knee: last 7 days average 5.0 (acceptable); first week of scores: none yet." in out
    assert "Waiting for a first completed session" in out
