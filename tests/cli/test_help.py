"""Help everywhere: `-h` on every command, every option explained, and no summary
in `kneetui --help` cut off."""

from __future__ import annotations

import click
import pytest

from kneetui.cli import cli
from tests.cli.helpers import kneetui
from tests.conftest import child_env

COMMANDS = sorted(cli.commands)


def test_the_walk_finds_the_commands() -> None:
    assert {"log", "history", "level", "schedule", "where"} <= set(COMMANDS)


@pytest.mark.parametrize("name", [None, *COMMANDS])
def test_every_option_has_help_text(name: str | None) -> None:
    command = cli if name is None else cli.commands[name]
    with click.Context(command, info_name=name or "kneetui") as ctx:
        options = [p for p in command.get_params(ctx) if isinstance(p, click.Option)]
    missing = [o.opts[0] for o in options if not (o.help or "").strip()]
    assert missing == []
    assert (command.help or "").strip()


@pytest.mark.parametrize("flag", ["-h", "--help"])
@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_shows_its_help(name: str, flag: str) -> None:
    result = kneetui(name, flag)
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith(f"Usage: kneetui {name} ")
    assert "-h, --help" in result.out


@pytest.mark.parametrize("columns", ["50", "80", "200"])
def test_no_summary_is_cut_off(columns: str) -> None:
    # Click cuts a docstring's summary at the first full stop ("e.g." counts) and
    # at the width left on the line; kneetui wraps it instead.
    result = kneetui("--help", env=child_env(COLUMNS=columns))
    listing = result.out.split("Commands:\n", 1)[1]
    summaries: dict[str, str] = {}
    name = ""
    for line in listing.splitlines():
        if line.startswith("   "):  # a wrapped summary goes on
            summaries[name] += " " + line.strip()
        else:
            name, _, text = line.strip().partition(" ")
            summaries[name] = text.strip()
    assert sorted(summaries) == COMMANDS
    for name, text in summaries.items():
        assert not text.endswith(("...", "e.g.")), (name, text)
        assert text.endswith("."), (name, text)
