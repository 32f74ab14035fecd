"""The scenario histories of tests/scenarios/: realistic runners' histories, each a
kneetui JSON export, imported into a fresh store and read the way `kneetui stats
--json` reads them. Each must get exactly the advice it expects, in rank order.

The expected advice was decided from the rules (kneetui/domain/rules.py, issue 14),
not copied from the code. docs/coaching.md lists every scenario in its table, and
names every rule; the tests below keep the three in step.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kneetui.domain.exchange import decode
from kneetui.domain.rules import RULES
from kneetui.gather import load_coaching
from kneetui.report import stats_document
from kneetui.routine_file import load_routine
from kneetui.storage.store import Store

REPO = Path(__file__).resolve().parent.parent
SCENARIOS = REPO / "tests" / "scenarios"
DOC = REPO / "docs" / "coaching.md"
FILES = sorted(SCENARIOS.glob("*.json"))

# Scenarios whose expected advice (the rules' and the issue's) the code does not
# give yet; strict, so each must fail until the code is fixed. None today.
KNOWN_WRONG: dict[str, str] = {}


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def cases() -> list[Any]:
    found = []
    for path in FILES:
        reason = KNOWN_WRONG.get(path.stem)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        found.append(pytest.param(path, id=path.stem, marks=marks))
    return found


def figure(document: Any, dotted: str) -> Any:
    """A value of the stats document by a dotted path; list items by index
    ("weekly.-2.mean", "advice.0.figures.knee")."""
    value = document
    for part in dotted.split("."):
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


def stats_of(path: Path, tmp_path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    scenario = load(path)
    today = dt.date.fromisoformat(scenario["today"])
    now = dt.datetime.combine(today, dt.time(23, 0), dt.UTC)
    routine = load_routine()
    with Store.open(tmp_path / "kneetui.db", now=now) as store:
        store.import_bundle(decode(json.dumps(scenario["export"]), now))
        coaching = load_coaching(store, routine, today)
    return scenario, stats_document(coaching, routine)


@pytest.mark.parametrize("path", cases())
def test_scenario_gets_its_advice(path: Path, tmp_path: Path) -> None:
    scenario, document = stats_of(path, tmp_path)
    got = [(a["kind"], a["rule"], a["exercise"]) for a in document["advice"]]
    wanted = [(a["kind"], a["rule"], a["exercise"]) for a in scenario["expected"]]
    assert got == wanted
    for dotted, value in scenario.get("expect_figures", {}).items():
        assert figure(document, dotted) == value, dotted
    for item in document["advice"]:
        message = item["message"]
        assert isinstance(message, str) and message.strip(), item
        assert "\n" not in message and "\r" not in message, item
    assert document["not_medical_advice"].startswith("Not medical advice")


def test_there_are_enough_scenarios() -> None:
    assert len(FILES) >= 24


def test_each_scenario_is_a_plain_history() -> None:
    """One-line title, a short story, a canonical file name, and times a test can
    read in any zone: each score's and session's local day is its UTC date, and
    level changes and acknowledgements lie at midday UTC."""
    for path in FILES:
        scenario = load(path)
        assert re.fullmatch(r"\d\d-[a-z0-9]+(-[a-z0-9]+)*", path.stem), path.name
        assert scenario["title"].strip() and "\n" not in scenario["title"], path.name
        assert 1 <= scenario["story"].count(". ") + 1 <= 4, path.name
        export = scenario["export"]
        assert export["kneetui_export"] == 1
        for item in export["soreness"]:
            assert item["logged_at"][:10] == item["local_day"], (path.name, item)
        for item in export["sessions"]:
            assert item["started_at"][:10] == item["local_day"], (path.name, item["uuid"])
        for item in export["levels"]:
            assert 10 <= dt.datetime.fromisoformat(item["changed_at"]).hour <= 14
        for item in export["acknowledgements"]:
            assert 10 <= dt.datetime.fromisoformat(item["acknowledged_at"]).hour <= 14


def test_the_sessions_follow_the_routine() -> None:
    """Reps as the guided timer writes them: exercises of the routine, each hold on
    its ladder and never longer than its target, at most the routine's 50 holds."""
    routine = load_routine()
    ladders = {e.id: e.hold_ladder for e in routine.exercises}
    for path in FILES:
        for session in load(path)["export"]["sessions"]:
            reps = session["reps"]
            assert len(reps) <= routine.planned_holds, path.name
            for rep in reps:
                assert rep["target_s"] in ladders[rep["exercise"]], (path.name, rep)
                assert 0 < rep["held_s"] <= rep["target_s"], (path.name, rep)


def test_every_rule_has_a_scenario() -> None:
    used = {a["rule"] for path in FILES for a in load(path)["expected"]}
    wanted = {rule.id for rule in RULES if rule.kind != "adherence"}
    assert wanted - used == set()


def test_the_fixtures_are_what_make_py_writes() -> None:
    done = subprocess.run(
        [sys.executable, str(SCENARIOS / "make.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr


# docs/coaching.md -------------------------------------------------------------------

ROW = re.compile(r"^\|\s*`(?P<stem>[^`]+)`\s*\|(?P<cells>.*)\|\s*$")
ITEM = re.compile(r"^(?P<rule>[a-z-]+)(?: \((?P<exercise>[a-z-]+)\))?$")


def table_rows() -> list[tuple[str, list[tuple[str, str | None]]]]:
    """The scenario table: rows that start with a file stem in backticks. The last
    cell holds the rule ids in order, comma-separated, each with its exercise in
    brackets where it has one ("hold-notice (leg-raise)"), or "none"."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## The scenario table", 1)[1]
    rows = []
    for line in section.splitlines():
        match = ROW.match(line)
        if match is None:
            continue
        last = match["cells"].split("|")[-1].strip()
        items: list[tuple[str, str | None]] = []
        if last != "none":
            for part in last.split(", "):
                item = ITEM.match(part.strip())
                assert item is not None, f"cannot read {part!r} in the row of {match['stem']}"
                items.append((item["rule"], item["exercise"]))
        rows.append((match["stem"], items))
    return rows


def test_the_doc_names_every_rule() -> None:
    """Each rule has a section headed by its id, in the table's rank order."""
    headings = re.findall(r"^### `([a-z-]+)`", DOC.read_text(encoding="utf-8"), re.MULTILINE)
    assert headings == [rule.id for rule in RULES]


def test_the_doc_table_lists_every_scenario_once_with_its_rules() -> None:
    rows = table_rows()
    stems = [stem for stem, _ in rows]
    assert sorted(stems) == [path.stem for path in FILES]
    assert len(stems) == len(set(stems))
    for stem, items in rows:
        expected = load(SCENARIOS / f"{stem}.json")["expected"]
        assert items == [(a["rule"], a["exercise"]) for a in expected], stem


def test_a_gap_on_the_first_step_asks_for_fewer_reps_not_a_rest_day(tmp_path: Path) -> None:
    _, document = stats_of(SCENARIOS / "19-skipped-sessions.json", tmp_path)
    first_step = [
        a
        for a in document["advice"]
        if a["rule"] == "step-back-gap" and a["figures"]["from_s"] == a["figures"]["to_s"]
    ]
    assert len(first_step) == 2
    for item in first_step:
        assert "fewer" in item["message"] or "reps" in item["message"]
        assert "rest day" not in item["message"]
