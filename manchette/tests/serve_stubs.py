"""`scripts/serve` running stand-ins for gunicorn and the task worker (SERVE_BIN): each
start is written down with its pid and environment, and the first starts can crash."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from .fresh_process import ROOT

# Each stand-in notes "pid SITE_URL" per start, crashes (code 3) for its first
# <NAME>_CRASHES starts, then waits to be stopped as the real ones do.
STAND_IN = """#!/bin/sh
echo "$$ ${{SITE_URL:-}}" >> "{starts}"
if [ "$(wc -l < "{starts}")" -le "${{{name}_CRASHES:-0}}" ]; then exit 3; fi
exec sleep 600
"""
# Seconds to wait for serve to do something: a few of its one-second rounds.
DEADLINE = 20


@dataclass
class Serve:
    process: subprocess.Popen
    folder: Path

    @classmethod
    def start(cls, folder: Path, **env: str) -> Serve:
        bin_dir = folder / "bin"
        bin_dir.mkdir(parents=True)
        for program, name in (("python", "WORKER"), ("gunicorn", "WEB")):
            stand_in = bin_dir / program
            stand_in.write_text(STAND_IN.format(starts=folder / f"{name}.starts", name=name))
            stand_in.chmod(0o755)
        environ = {
            name: value for name, value in os.environ.items() if name not in {"SITE_URL", "HOST"}
        }
        process = subprocess.Popen(
            [str(ROOT / "scripts" / "serve")],
            env={**environ, "SERVE_BIN": str(bin_dir), **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        return cls(process, folder)

    def starts(self, name: str) -> list[tuple[int, str]]:
        """Each start of WORKER or WEB so far: its pid and the SITE_URL it was given."""
        path = self.folder / f"{name}.starts"
        lines = path.read_text().splitlines() if path.exists() else []
        return [(int(pid), url) for pid, _, url in (line.partition(" ") for line in lines)]

    def wait_for_starts(self, name: str, count: int) -> list[tuple[int, str]]:
        deadline = time.monotonic() + DEADLINE
        while len(self.starts(name)) < count:
            assert self.process.poll() is None, f"serve stopped:\n{self.process.stdout.read()}"
            assert time.monotonic() < deadline, f"{name} started {self.starts(name)}"
            time.sleep(0.05)
        return self.starts(name)

    def stop(self) -> tuple[int, str]:
        """SIGTERM, as systemd or Ctrl-C stops it; its exit code and its log."""
        self.process.send_signal(signal.SIGTERM)
        try:
            log, _ = self.process.communicate(timeout=DEADLINE)
        finally:
            if self.process.poll() is None:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        return self.process.returncode, log


def is_running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"
