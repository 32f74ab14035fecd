"""Where the report goes: the format from the file's extension, and the file
written whole or not at all.

The file is written to a temporary file beside it (0600),
flushed to disk and renamed over the target: an existing report is replaced in
one step and never left half-written, and the page, which holds health data, is
readable by its owner only whatever the umask.
"""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path

from kneetui.storage.paths import write_private


class Format(StrEnum):
    MARKDOWN = "md"
    HTML = "html"
    PDF = "pdf"


EXTENSIONS = {
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".pdf": Format.PDF,
}


class OutputError(ValueError):
    """A file the report cannot be written to, in one line."""


def format_of(path: Path) -> Format:
    found = EXTENSIONS.get(path.suffix.lower())
    if found is None:
        shown = repr(path.suffix) if path.suffix else "none"
        raise OutputError(f"the file name must end in .pdf, .html or .md, got {shown}")
    return found


def check_folder(path: Path) -> None:
    """Refuse, before any work, a target whose folder is missing or not writable,
    or a target that is a folder."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"there is no folder {folder}")
    if path.is_dir():
        raise OutputError(f"{path} is a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write in {folder}: permission denied")


def write_atomically(path: Path, content: bytes) -> None:
    """Write `content` to `path` through a temporary file and a rename; the file
    ends up 0600."""
    write_private(path, content)
