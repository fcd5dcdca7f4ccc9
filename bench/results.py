"""Writes one benchmark's section into bench/RESULTS.md, leaving the others as they are."""

from __future__ import annotations

import os
import platform
import re
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
TITLE = "# Benchmarks\n\nEach section is written by its script; the command is in the section.\n"


def write_section(heading: str, body: str) -> Path:
    """Replace (or add) the `## heading` section of RESULTS.md with `body`."""
    text = RESULTS.read_text() if RESULTS.exists() else TITLE
    section = f"## {heading}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(heading)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text).rstrip() + "\n"
    else:
        text = text.rstrip() + "\n\n" + section
    RESULTS.write_text(text)
    return RESULTS


def machine() -> dict:
    """The machine a benchmark ran on, for its section of RESULTS.md."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "ram_gb": memory_kb / 1024 / 1024,
        "python": platform.python_version(),
        "os": platform.platform(),
    }
