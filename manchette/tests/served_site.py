"""A Manchette served as `make run` serves it, `scripts/serve` (gunicorn and the task
worker), started by a test in a process group of its own, and a plain HTTP client for it."""

from __future__ import annotations

import contextlib
import http.client
import os
import secrets
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest

from .fresh_process import ROOT, free_port, fresh_environ

# Seconds a client waits on its socket: a request to a dead server fails long before.
CLIENT_TIMEOUT = 10
# What a client sees of a server killed under it: refused, reset, cut off mid-answer.
CUT_OFF = (OSError, http.client.HTTPException)


def served_environ(var_dir: Path, static_root: Path, **env: str) -> dict[str, str]:
    """The environment of a site served by `scripts/serve` for a test: production's
    settings (DEBUG off, collected static files), quiet logs, and comments taken at once
    and without limit, so that the test's clients may post as fast as they need."""
    return fresh_environ(
        var_dir,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        STATIC_ROOT=str(static_root),
        HOST="127.0.0.1",
        LOG_LEVEL="WARNING",
        # Errors, not one line per request, at the end of the log a failure shows.
        GUNICORN_ACCESSLOG="off",
        COMMENTS_MIN_SECONDS="0",
        COMMENTS_RATE_PER_IP="1000000",
        COMMENTS_RATE_PER_EMAIL="1000000",
        **env,
    )


@dataclass
class Answer:
    status: int
    headers: Message
    body: str


def fetch(
    port: int,
    path: str,
    *,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    body: str | None = None,
    timeout: float = CLIENT_TIMEOUT,
) -> Answer:
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        client.request(method, path, body=body, headers=headers or {})
        response = client.getresponse()
        return Answer(response.status, response.headers, response.read().decode("utf-8"))
    finally:
        client.close()


def group_is_running(pgid: int) -> bool:
    """Whether a process of the group is still alive (a zombie, dead but not yet reaped
    by whoever inherited it, no longer counts)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state, _parent, group = stat.read_text().rsplit(")", 1)[1].split()[:3]
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
        if int(group) == pgid and state != "Z":
            return True
    return False


@dataclass
class Server:
    """`scripts/serve` in a session of its own: the shell script, gunicorn's master and
    workers and the task worker make one process group, killed at once."""

    port: int
    process: subprocess.Popen
    log: Path

    @classmethod
    def start(cls, env: dict[str, str], log: Path) -> Server:
        port = free_port()
        with open(log, "wb") as out:
            process = subprocess.Popen(
                [str(ROOT / "scripts" / "serve")],
                cwd=ROOT,
                env={**env, "PORT": str(port)},
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return cls(port, process, log)

    def log_tail(self) -> str:
        return f"--- {self.log.name} ---\n" + self.log.read_text(errors="replace")[-3000:]

    def wait_until_serving(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the server stopped:\n{self.log_tail()}"
            with contextlib.suppress(*CUT_OFF):
                if fetch(self.port, "/robots.txt", timeout=2).status == 200:
                    return
            time.sleep(0.1)
        pytest.fail(f"the server did not answer in time:\n{self.log_tail()}")

    def wait_until_listening(self, deadline: float) -> None:
        """Until the port takes connections, no longer: whatever comes after is the
        site's first answer."""
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the server stopped:\n{self.log_tail()}"
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=2),
            ):
                return
            time.sleep(0.05)
        pytest.fail(f"the server did not listen in time:\n{self.log_tail()}")

    def kill(self) -> None:
        """SIGKILL to the whole group; returns once none of its processes runs."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        deadline = time.monotonic() + 10
        while group_is_running(self.process.pid):
            assert time.monotonic() < deadline, "processes of the killed server still run"
            time.sleep(0.05)

    def stop(self) -> None:
        """SIGTERM, as systemd stops it; SIGKILL if it has not stopped in 20 s."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.kill()
