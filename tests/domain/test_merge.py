"""The merge of two histories is a join: idempotent, commutative, associative,
and a tombstone wins over every version of its record."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kneetui.domain.merge import History, Record, Tombstone, apply, history, merge

KEYS = [("soreness", f"s{n}") for n in range(6)] + [("settings", "quiet")]
DEVICES = ["", "a", "b", "c"]
TIMES = [f"2026-11-18T18:30:0{n}+00:00" for n in range(4)]


@st.composite
def histories(draw: st.DrawFn) -> History:
    device = draw(st.sampled_from(DEVICES[1:]))
    records = [
        Record(kind, key, draw(st.sampled_from(TIMES)), draw(st.sampled_from(DEVICES)), content)
        for (kind, key), content in draw(
            st.dictionaries(st.sampled_from(KEYS), st.integers(0, 2), max_size=len(KEYS))
        ).items()
    ]
    tombstones = [
        Tombstone(kind, key, draw(st.sampled_from(TIMES)), draw(st.sampled_from(DEVICES)))
        for kind, key in draw(st.sets(st.sampled_from(KEYS), max_size=3))
    ]
    # A device never holds a record and its tombstone at once.
    dead = {t.key for t in tombstones}
    return history(device, [r for r in records if r.key not in dead], tombstones)


def join(a: History, b: History) -> History:
    return apply(a, merge(a, b))


def state(h: History) -> tuple[dict[object, Record], dict[object, Tombstone]]:
    return dict(h.records), dict(h.tombstones)


@settings(max_examples=300, deadline=None)
@given(histories(), histories(), histories())
def test_the_merge_is_a_join(a: History, b: History, c: History) -> None:
    ab = join(a, b)
    # Idempotent: merging what is held already changes nothing, and says so.
    assert not merge(ab, b).changes and not merge(ab, a).changes
    assert state(join(ab, b)) == state(ab)
    # Commutative and associative.
    assert state(ab) == state(join(b, a))
    assert state(join(ab, c)) == state(join(a, join(b, c))) == state(join(join(c, a), b))
    # A tombstone on either side deletes the record, whatever its version.
    for key in {*a.tombstones, *b.tombstones}:
        assert key not in ab.records and key in ab.tombstones
    # Every record either side held survives unless deleted, at its best version.
    for key in {*a.records, *b.records} - {*a.tombstones, *b.tombstones}:
        mine, theirs = a.records.get(key), b.records.get(key)
        held = [r for r in (mine, theirs) if r is not None]
        assert ab.records[key] in held
        assert (ab.records[key].updated_at, ab.records[key].device_id) == max(
            (r.updated_at, r.device_id) for r in held
        )


def test_the_plan_counts_what_it_found() -> None:
    old = Record("soreness", "x", TIMES[0], "a", 1)
    new = old._replace(updated_at=TIMES[1], content=2)
    local = history("a", [old, Record("soreness", "y", TIMES[0], "a", 1)])
    incoming = history(
        "b",
        [new, Record("soreness", "z", TIMES[0], "b", 1)],
        [Tombstone("soreness", "y", TIMES[2], "b")],
    )
    plan = merge(local, incoming)
    assert (len(plan.added), len(plan.updated), len(plan.deleted), plan.present) == (1, 1, 1, 0)
    assert merge(apply(local, plan), incoming).present == 2
