"""Where the database lives, and private folders and files for it.

`--db PATH` wins, then the KNEETUI_DB environment variable, then
platformdirs' user data folder + kneetui/kneetui.db.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from pathlib import Path

ENV_VAR = "KNEETUI_DB"
FILE_MODE = 0o600
DIR_MODE = 0o700


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("kneetui", appauthor=False)) / "kneetui.db"


def resolve_db_path(option: str | os.PathLike[str] | None, environ: Mapping[str, str]) -> Path:
    if option:
        return Path(option).expanduser()
    if environ.get(ENV_VAR):
        return Path(environ[ENV_VAR]).expanduser()
    return default_db_path()


def make_private_dirs(folder: Path) -> None:
    """Create `folder` and missing parents; the ones created here get mode 0700.

    Folders that already exist are left as they are: `--db /tmp/x.db` must not
    change /tmp.
    """
    missing = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for path in reversed(missing):
        path.mkdir(mode=DIR_MODE, exist_ok=True)
        os.chmod(path, DIR_MODE)  # mkdir's mode is reduced by the umask


def create_private_file(path: Path) -> bool:
    """Create an empty 0600 file unless one exists; True if it was created."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return False
    os.close(fd)
    os.chmod(path, FILE_MODE)  # os.open's mode is reduced by the umask
    return True


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all, mode 0600 whatever the umask:
    a temporary file beside it, flushed to disk, then renamed over it, so an
    existing file is never half-written and a sync tool never sees half a file.
    An error names `path`, never the temporary file."""
    # Imported here: the dashboard's head start opens the store but writes
    # nothing, and tempfile is some 5 ms of its start (python -X importtime).
    import tempfile

    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(path)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            os.fchmod(stream.fileno(), FILE_MODE)
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise OSError(error.errno, error.strerror, str(path)) from None
        raise


def chmod_private(path: Path) -> None:
    """Set 0600 on a file we own; a file that vanished in between is fine."""
    try:
        if path.stat().st_mode & 0o777 != FILE_MODE:
            os.chmod(path, FILE_MODE)
    except FileNotFoundError:
        pass


def sidecar_files(db_path: Path) -> tuple[Path, Path]:
    return (Path(f"{db_path}-wal"), Path(f"{db_path}-shm"))


def latest_backup(db_path: Path) -> Path | None:
    """The newest backup kneetui made next to `db_path` (names sort by time)."""
    backups = sorted(db_path.parent.glob(f"{db_path.name}.backup-*"))
    return backups[-1] if backups else None


def permissions_warning(path: Path) -> str:
    """What the shell and the app say when others can read the database."""
    return f"{path} can be read by other users; `chmod 600 {path}` keeps it private"


def readable_by_others(path: Path) -> bool:
    try:
        return bool(path.stat().st_mode & 0o077)
    except OSError:
        return False
