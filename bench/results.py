"""Writes one benchmark's section into bench/RESULTS.md, leaving the others as they are."""

from __future__ import annotations

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
