"""`make dev` (scripts/dev): the development server, DEBUG on, beside the task worker;
Ctrl-C stops both. Stand-ins for python (DEV_BIN) note each start's arguments."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest

from .fresh_process import ROOT
from .serve_stubs import DEADLINE, is_running

# Notes "pid DEBUG arguments…", then waits to be stopped as the real ones do.
STAND_IN = """#!/bin/sh
echo "$$ ${{DEBUG:-}} $*" >> "{starts}"
exec sleep 600
"""


@pytest.fixture
def dev(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    starts = tmp_path / "starts"
    (bin_dir / "python").write_text(STAND_IN.format(starts=starts))
    (bin_dir / "python").chmod(0o755)
    process = subprocess.Popen(
        [str(ROOT / "scripts" / "dev")],
        env={**os.environ, "DEV_BIN": str(bin_dir), "PORT": "18802", "DEBUG": "false"},
        start_new_session=True,
    )
    deadline = time.monotonic() + DEADLINE
    while len(starts.read_text().splitlines() if starts.exists() else []) < 2:
        assert process.poll() is None, "scripts/dev stopped"
        assert time.monotonic() < deadline, "scripts/dev did not start both"
        time.sleep(0.05)
    yield process, [line.split(" ", 2) for line in starts.read_text().splitlines()]
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def test_dev_runs_the_development_server_with_debug_beside_the_worker(dev):
    _, started = dev

    assert sorted(arguments for _, _, arguments in started) == [
        "manage.py run_tasks --no-reload",
        "manage.py runserver 127.0.0.1:18802",
    ]
    assert {debug for _, debug, _ in started} == {"true"}


def test_ctrl_c_stops_the_server_and_the_worker(dev):
    process, started = dev

    # A terminal's Ctrl-C reaches the whole foreground process group.
    os.killpg(process.pid, signal.SIGINT)

    assert process.wait(timeout=DEADLINE) == 130
    assert not [pid for pid, _, _ in started if is_running(int(pid))]
