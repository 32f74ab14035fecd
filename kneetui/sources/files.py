"""One watch file's bytes to a `Run`: the format by its name, gzip undone
within a cap, and the reading made a domain run in the runner's time zone."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
import zlib
from collections.abc import Callable

from kneetui.domain.runs import Run, RunSource, Sport
from kneetui.sources import NotARun, Reading, SourceError
from kneetui.sources.fit import read_fit
from kneetui.sources.gpx import read_gpx
from kneetui.sources.tcx import read_tcx

# The largest watch file read, unpacked: a 24-hour FIT file is some 5 MB, a
# 24-hour GPX at one point a second some 15 MB. A larger one is refused before
# it fills the memory (a gzip bomb unpacks to gigabytes).
MAX_FILE_BYTES = 64 * 1024 * 1024

READERS: dict[str, tuple[RunSource, Callable[[bytes], Reading | NotARun]]] = {
    ".gpx": (RunSource.GPX, read_gpx),
    ".tcx": (RunSource.TCX, read_tcx),
    ".fit": (RunSource.FIT, read_fit),
}
# Run uuids are derived from the file's content, so the same file imported on two
# devices gives the same run.
_RUN_FROM_FILE = uuid.UUID("6f1c0b1e-3d55-4c1e-9a43-7d0f3b8f1c21")


def is_watch_file(name: str) -> bool:
    return _format(name) is not None


def _format(name: str) -> str | None:
    lower = name.lower().removesuffix(".gz")
    return next((ext for ext in READERS if lower.endswith(ext)), None)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def gunzip(data: bytes, limit: int = MAX_FILE_BYTES) -> bytes:
    """`data` unpacked, refused past `limit` bytes without unpacking the rest."""
    unpacker = zlib.decompressobj(wbits=31)  # gzip framing
    try:
        out = unpacker.decompress(data, limit + 1)
    except zlib.error as error:
        raise SourceError(f"not a readable gzip file ({error})") from None
    if len(out) > limit:
        raise SourceError(f"unpacks to more than {limit // 2**20} MB, refused as a gzip bomb")
    if not unpacker.eof:
        raise SourceError("the gzip file is cut short (truncated)")
    return out


def read_watch_file(name: str, data: bytes) -> tuple[RunSource, Reading | NotARun]:
    """The format named by `name` (.gpx, .tcx, .fit, each maybe .gz) read from
    `data`; SourceError with the reason when it cannot be."""
    ext = _format(name)
    if ext is None:
        raise SourceError("not a GPX, TCX or FIT file")
    if name.lower().endswith(".gz"):
        data = gunzip(data)
    elif len(data) > MAX_FILE_BYTES:
        raise SourceError(f"larger than {MAX_FILE_BYTES // 2**20} MB")
    source, reader = READERS[ext]
    return source, reader(data)


def to_run(
    reading: Reading,
    *,
    zone: dt.tzinfo | None,
    source: RunSource,
    source_file: str,
    digest: str,
    sport: Sport | None = None,
    note: str = "",
) -> Run:
    """The domain run of `reading`. `zone` is the runner's time zone (None: this
    machine's), which decides the run's local day; `sport` overrides the file's
    (Strava's list knows better)."""
    return Run(
        uuid=str(uuid.uuid5(_RUN_FROM_FILE, digest)),
        started_at=reading.started_at,
        local_day=reading.started_at.astimezone(zone).date(),
        distance_km=round(reading.distance_km, 3),
        moving_minutes=_minutes(reading.moving_minutes),
        elapsed_minutes=_minutes(reading.elapsed_minutes),
        elevation_gain_m=None
        if reading.elevation_gain_m is None
        else round(reading.elevation_gain_m, 1),
        sport=sport or reading.sport,
        source=source,
        source_file=source_file[-1000:],
        content_hash=digest,
        note=note[:1000],
    )


def _minutes(value: float | None) -> float | None:
    return None if value is None else round(value, 2) or None
