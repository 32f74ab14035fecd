"""`kneetui serve`: the real command in a subprocess, on a free port of 127.0.0.1,
reached the way a browser tab reaches it (a websocket per tab). The browser
itself is in test_browser.py."""

from __future__ import annotations

import asyncio
import html
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kneetui.web.server import APP_QUIT_SECONDS
from tests.cli.helpers import kneetui
from tests.conftest import KNEETUI, child_env
from tests.web.served import Tab, free_port, group_alive, serving, tab


def scores(db: Path) -> list[int]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return sorted(row[0] for row in conn.execute("SELECT score FROM soreness"))


@pytest.mark.parametrize("signalled", ["ctrl_c", "interrupt_server"])
async def test_it_prints_its_address_and_sigint_stops_it_and_every_tab(
    db_path: Path, signalled: str
) -> None:
    with serving(db_path) as served:
        assert served.first_line.strip() == (
            f"kneetui: the dashboard is at {served.url} (Ctrl+C stops)"
        )
        async with tab(served.port) as first, tab(served.port) as second:
            await first.until("Log soreness")
            await second.until("Log soreness")
            started = time.monotonic()
            code = getattr(served, signalled)()
            # Not aiohttp's shutdown timeout waiting for the open tabs.
            assert time.monotonic() - started < APP_QUIT_SECONDS
        assert code in (0, 130)
        # The tab's app process was in the server's group: nothing of it is left.
        assert not group_alive(served.process.pid)
        assert served.process.stderr is not None
        assert "Traceback" not in served.process.stderr.read()


async def test_two_tabs_log_scores_at_once_and_both_are_stored(db_path: Path) -> None:
    async def open_form(page: Tab, score: str) -> None:
        await page.until("Log soreness")
        await page.send("l")
        await page.until("Esc cancels")
        await page.send(score)
        await page.until(score)

    with serving(db_path) as served:
        async with tab(served.port) as left, tab(served.port) as right:
            await asyncio.gather(open_form(left, "4"), open_form(right, "6"))
            # Both forms hold a score: Enter in both at once, two app processes
            # writing to one file.
            await asyncio.gather(left.send("\r"), right.send("\r"))
            await asyncio.gather(left.until("Saved"), right.until("Saved"))
    assert scores(db_path) == [4, 6]


async def test_a_tab_draws_the_app_where_the_server_writes_latin_1(db_path: Path) -> None:
    # The app refuses a latin-1 terminal; the page's terminal is UTF-8 whatever
    # the locale of the shell `kneetui serve` was started from.
    with serving(db_path, env={"PYTHONIOENCODING": "latin-1"}) as served:
        async with tab(served.port) as page:
            await page.until("Log soreness")


_ADDRESS = re.compile(
    r"""https?://[^\s"'()<>]+|(?:src|href)\s*=\s*["']([^"']+)["']|url\(([^)]+)\)"""
)


def addresses(text: str) -> list[str]:
    """Every address a page, stylesheet or script names, comments left out."""
    text = re.sub(r"<!--.*?-->|/\*.*?\*/", "", text, flags=re.S)
    found = []
    for match in _ADDRESS.finditer(text):
        found.append(html.unescape((match[1] or match[2] or match[0]).strip("\"' ")))
    return found


def test_the_page_and_everything_it_names_come_from_127_0_0_1(db_path: Path) -> None:
    with serving(db_path) as served:
        page = urllib.request.urlopen(served.url, timeout=30).read().decode()
        named = addresses(page)
        assets = [url for url in named if not url.startswith(("#", "data:"))]
        # The stylesheet, the script and the two fonts at least.
        assert len(assets) >= 4, named
        for url in assets:
            assert url.startswith(f"http://127.0.0.1:{served.port}/"), url
            body = urllib.request.urlopen(url, timeout=30).read()
            if url.endswith((".css", ".js")):
                for inner in addresses(body.decode("utf-8", "replace")):
                    assert not inner.startswith(("http:", "https:", "//")), (url, inner)


def test_a_host_other_than_127_0_0_1_is_refused(db_path: Path) -> None:
    for host in ("0.0.0.0", "::", "192.168.1.10", "localhost"):
        result = kneetui("serve", "--host", host, "--port", str(free_port()), db=db_path)
        assert result.code == 2, host
        assert result.out == ""
        assert len(result.err.strip().splitlines()) == 1
        assert "127.0.0.1 only" in result.err
    assert not db_path.exists()


def test_a_port_in_use_is_one_line_and_leaves_no_server(db_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = subprocess.Popen(
            [str(KNEETUI), "--db", str(db_path), "serve", "--port", str(port)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=child_env(),
            start_new_session=True,
        )
        out, err = process.communicate(timeout=60)
        assert not group_alive(process.pid)
    assert process.returncode == 1
    assert out == ""
    assert err == (
        f"kneetui: port {port} is already in use on 127.0.0.1; choose another with --port\n"
    )


def test_without_the_web_extra_it_says_how_to_install_it(db_path: Path) -> None:
    # textual_serve made unimportable, as where the extra was not installed.
    program = (
        "import sys; sys.modules['textual_serve'] = None; "
        "from kneetui.launch import main; main(sys.argv[1:])"
    )
    done = subprocess.run(
        [sys.executable, "-c", program, "--db", str(db_path), "serve"],
        capture_output=True,
        text=True,
        timeout=60,
        env=child_env(),
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert "pip install 'kneetui[web]'" in done.stderr


async def test_demo_serves_sample_history_and_leaves_no_file(tmp_path: Path) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    with serving(None, "--demo", env={"TMPDIR": str(temporary)}) as served:
        assert [path.name for path in temporary.iterdir()] != []
        async with tab(served.port) as page:
            await page.until("Last score")
    # The throwaway database went with the server.
    assert list(temporary.iterdir()) == []


def test_a_file_that_is_not_a_database_is_one_line_before_any_server(db_path: Path) -> None:
    db_path.write_text("a shopping list, not a database\n" * 10)
    result = kneetui("serve", "--port", str(free_port()), db=db_path)
    assert result.code == 1
    assert result.out == ""
    assert result.err.count("\n") == 1
    assert "not a kneetui database" in result.err


def test_bad_options_are_usage_errors(db_path: Path) -> None:
    for args in (["--demo", "--db", str(db_path)], ["--port", "0"], ["--port", "http"]):
        result = kneetui("serve", *args)
        assert result.code == 2, args
        assert result.out == ""
        assert result.err.count("\n") == 1
    assert not db_path.exists()
