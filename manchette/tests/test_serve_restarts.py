"""`scripts/serve` keeps the site up: a task worker or a gunicorn that dies is started
again, alone, with a pause that grows at each crash in a row, and said so in French;
SIGTERM still stops both (issue 14, point 5)."""

from __future__ import annotations

import pytest

from .serve_stubs import Serve, is_running

NAMES = {"WORKER": "le worker des tâches", "WEB": "gunicorn"}


@pytest.mark.parametrize(("crashing", "steady"), [("WORKER", "WEB"), ("WEB", "WORKER")])
def test_a_process_that_dies_is_started_again_and_the_other_keeps_running(
    tmp_path, crashing, steady
):
    serve = Serve.start(tmp_path, **{f"{crashing}_CRASHES": "2"})
    try:
        starts = serve.wait_for_starts(crashing, 3)
        [(steady_pid, _)] = serve.starts(steady)
        assert is_running(steady_pid) and is_running(starts[-1][0])
    finally:
        status, log = serve.stop()

    # The other one never went down.
    assert len(serve.starts(steady)) == 1
    name = NAMES[crashing]
    assert f"serve : {name} s’est arrêté (code 3) ; relance dans 1 s." in log
    # A crash loop waits longer each time round.
    assert f"serve : {name} s’est arrêté (code 3) ; relance dans 2 s." in log
    # Stopped as asked, with both processes.
    assert status == 143
    assert not is_running(steady_pid) and not is_running(starts[-1][0])


def test_sigterm_stops_both(tmp_path):
    serve = Serve.start(tmp_path)
    [(worker, _)] = serve.wait_for_starts("WORKER", 1)
    [(web, _)] = serve.wait_for_starts("WEB", 1)

    status, log = serve.stop()

    assert status == 143
    assert not is_running(worker) and not is_running(web)
    assert "relance" not in log
