"""Histories for the report's tests: the demo's ten weeks, with the things a
report must show that the demo lacks (notes of scores of 6 or more, markup in
a note, red flags acknowledged, eased and standing), stored in a real file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from pathlib import Path

from kneetui.domain.demo import demo_history
from kneetui.domain.exchange import Bundle
from kneetui.domain.models import Acknowledgement, Context, Flag, Knee, SorenessEntry
from kneetui.routine_file import load_routine
from kneetui.storage.store import Store

# A note that is markup in Markdown and in HTML, and a character outside Latin-1.
MARKUP_NOTE = "stairs | *down* <b>hurt</b> & [link](x) — ≥ 6"


def _id(seed: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, seed))


def _score(
    today: dt.date, zone: dt.tzinfo, days_ago: int, score: int, **extra: object
) -> SorenessEntry:
    day = today - dt.timedelta(days=days_ago)
    moment = dt.datetime.combine(day, dt.time(21, 15), zone).astimezone(dt.UTC)
    fields = {"knee": Knee.LEFT, "context": Context.OTHER, **extra}
    return SorenessEntry(_id(f"{day} {score} {extra}"), moment, day, score, **fields)  # type: ignore[arg-type]


def report_history(today: dt.date, zone: dt.tzinfo, *, weeks: int = 10) -> Bundle:
    demo = demo_history(load_routine(), today, zone, weeks=weeks)
    acked = dt.datetime.combine(today - dt.timedelta(days=17), dt.time(9), zone)
    extra = (
        _score(today, zone, 20, 7, note="knee gave way on the stairs", flags=(Flag.GIVING_WAY,)),
        _score(today, zone, 12, 8, note="bad evening after the long run"),
        _score(today, zone, 11, 3, note=""),
        _score(today, zone, 9, 6, note=MARKUP_NOTE, knee=Knee.RIGHT),
        _score(today, zone, 3, 4, note="only a 4: this note is not shown"),
        _score(today, zone, 2, 6, note="swollen after the hills", flags=(Flag.SWELLING,)),
    )
    ack = Acknowledgement(_id("ack"), acked.astimezone(dt.UTC), acked.date())
    return dataclasses.replace(demo, soreness=demo.soreness + extra, acknowledgements=(ack,))


def store_history(path: Path, bundle: Bundle, now: dt.datetime) -> None:
    with Store.open(path, now=now) as store:
        store.import_bundle(bundle)
