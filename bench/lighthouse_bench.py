"""Lighthouse scores and weight of the article page served by `make run` (issue 8).
`make lighthouse` runs it:

    .venv/bin/python bench/lighthouse_bench.py [--runs 3] [--quick] [--max-load 1.5]
                                               [--no-wordpress] [--keep] [--no-write]

A throwaway site is started exactly as a newsroom starts it: `make setup` and `make run`
with a temporary VAR_DIR and a free port on 127.0.0.1 (bench/load_bench.py's Server),
with the demo newsroom plus the ~950-word reference article that the HTTP benchmark
measures (bench/reference_article.py, added by bench/http_dataset.py). The article
page is requested once, so that it is served as every reader after the first gets it.

Beside it, when Debian's packages are installed (bench/wordpress_site.py says which),
the issue's reference: a throwaway WordPress 6.1 with its default theme, the same
article as a post, served by nginx and php-fpm. Otherwise, or with --no-wordpress, the
issue author's figures stand alone.

Then Lighthouse (npm, pinned in bench/lighthouse/package-lock.json, installed there by
scripts/ensure-node-packages, which `make lighthouse` runs first) runs --runs times against it in
Debian's Chromium (/usr/bin/chromium), with its default mobile profile and throttling,
categories performance, accessibility, best practices and SEO, one site after the
other in each round so that both see the same load. The run with the median
performance score is the one reported against the targets; every run's scores are
listed. The page's weight (HTML, CSS and JS) is taken from Lighthouse's own record of
the requests, as the browser received them, beside what each weighs gzip-compressed at
level 6 (nginx's compression in production, deploy/nginx.conf).

The section "Lighthouse" of bench/RESULTS.md is rewritten at the end of a full run
(not with --quick or --no-write). Every process started here is stopped on the way
out, on error and Ctrl-C too; --time-limit bounds the whole run.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import shlex
import shutil
import subprocess
import sys
import time
import urllib.parse
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import wordpress_site
from http_bench import (  # bench/ is this script's folder
    BenchError,
    Services,
    fetch,
    free_port,
    load_average,
    log,
    measure_in_workdir,
    publish,
    stop_on_signals,
)
from load_bench import MAKE_RUN, Server, make_setup, site_env
from results import machine

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
LIGHTHOUSE_DIR = BENCH / "lighthouse"
LIGHTHOUSE_CLI = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
HEADING = "Lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CATEGORY_NAMES = {
    "performance": "performance",
    "accessibility": "accessibility",
    "best-practices": "best practices",
    "seo": "SEO",
}
# The machine reaches no host but package registries: nothing in the background.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
WEIGHT_TARGET = 100_000  # bytes of HTML, CSS and JS, compressed, images left out
WEIGHED_TYPES = {"Document": "HTML", "Stylesheet": "CSS", "Script": "JS"}
# What Chromium offers over plain HTTP (brotli and zstd only over HTTPS).
ACCEPT_ENCODING = "gzip, deflate"
# The issue author's figures for WordPress 6.1's default theme on a post of the same
# length, on this machine.
WORDPRESS_QUOTED = {
    "performance": 92,
    "accessibility": 99,
    "best-practices": 100,
    "seo": 100,
    "axe": 0,
    "validator": 2,
}
JUDGES_TEST = "manchette/tests/test_web_judges.py"
METRICS = [
    ("first-contentful-paint", "FCP"),
    ("largest-contentful-paint", "LCP"),
    ("total-blocking-time", "TBT"),
    ("cumulative-layout-shift", "CLS"),
    ("speed-index", "SI"),
]
LIGHTHOUSE_TIMEOUT = 180  # seconds for one Lighthouse run
CALM_LIMIT = 600  # seconds to wait for the machine's load to fall before measuring


@dataclass
class Options:
    runs: int
    max_load: float
    wordpress: bool
    keep: bool
    write: bool
    command: str
    time_limit: float  # minutes


@dataclass
class Resource:
    url: str
    kind: str  # HTML, CSS or JS
    transferred: int  # bytes on the wire, as Lighthouse recorded them
    encoding: str  # Content-Encoding the server answers Chromium's Accept-Encoding with
    raw: int  # bytes uncompressed
    gzipped: int  # bytes at gzip level 6


@dataclass
class Site:
    name: str
    port: int
    path: str
    runs: list[dict] = field(default_factory=list)  # Lighthouse's JSON of each run
    resources: list[Resource] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.path}"


@dataclass
class Report:
    sites: list[Site] = field(default_factory=list)  # Manchette first
    wordpress_missing: str = ""  # why WordPress was not measured
    load: list[float] = field(default_factory=list)  # 1-minute load average, start and end
    versions: dict[str, str] = field(default_factory=dict)
    lighthouse_command: str = ""

    def wordpress(self) -> Site | None:
        return self.sites[1] if len(self.sites) > 1 else None


# ---- Tools -------------------------------------------------------------------------


def check_tools() -> None:
    if not Path(CHROMIUM).exists():
        raise BenchError(f"{CHROMIUM} est introuvable : lancez scripts/ensure-chromium")
    if shutil.which("node") is None or not LIGHTHOUSE_CLI.exists():
        raise BenchError(
            "Node ou Lighthouse est absent : lancez scripts/ensure-node-packages "
            "bench/lighthouse (ou `make lighthouse`, qui le fait)"
        )


def tool_versions() -> dict[str, str]:
    def first_line(command: list[str]) -> str:
        # Debian's chromium wrapper script may complain on stderr; the version is on stdout.
        finished = subprocess.run(command, capture_output=True, text=True, check=False)
        return (finished.stdout.strip() or finished.stderr.strip()).splitlines()[0]

    package = json.loads((LIGHTHOUSE_CLI.parent.parent / "package.json").read_text())
    return {
        "chromium": first_line([CHROMIUM, "--version"]),
        "lighthouse": package["version"],
        "node": first_line(["node", "--version"]),
    }


def wait_calm(max_load: float) -> None:
    """Wait until the 1-minute load average falls to max_load: Lighthouse's performance
    score suffers from any other work on the machine (its CPU throttling is simulated)."""
    deadline = time.monotonic() + CALM_LIMIT
    while (load := load_average()) > max_load:
        if time.monotonic() > deadline:
            log(f"charge toujours à {load:.2f} après {CALM_LIMIT} s : mesure quand même")
            return
        log(f"charge {load:.2f} > {max_load} : attente")
        time.sleep(15)


# ---- The site ----------------------------------------------------------------------


def add_reference_article(env: dict[str, str], workdir: Path) -> str:
    """Adds the HTTP benchmark's reference article to the site's database; its path."""
    out = workdir / "reference.json"
    finished = subprocess.run(
        [sys.executable, str(BENCH / "http_dataset.py"), "reference", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    if finished.returncode != 0:
        raise BenchError(f"http_dataset.py reference a échoué :\n{finished.stderr[-3000:]}")
    return json.loads(out.read_text())["pages"]["article"]


# ---- Lighthouse --------------------------------------------------------------------


def lighthouse_argv(url: str, output: Path) -> list[str]:
    return [
        "node",
        str(LIGHTHOUSE_CLI.relative_to(ROOT)),
        url,
        "--output=json",
        f"--output-path={output}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--quiet",
    ]


def run_lighthouse(url: str, output: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    finished = subprocess.run(
        lighthouse_argv(url, output),
        cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=LIGHTHOUSE_TIMEOUT, check=False,
    )  # fmt: skip
    if finished.returncode != 0 or not output.exists():
        raise BenchError(
            f"Lighthouse a échoué ({finished.returncode}) :\n{finished.stderr[-3000:]}"
        )
    result = json.loads(output.read_text())
    if error := result.get("runtimeError"):
        raise BenchError(f"Lighthouse : {error.get('code')} {error.get('message')}")
    return result


def score(result: dict, category: str) -> int | None:
    value = result["categories"][category]["score"]
    return None if value is None else round(value * 100)


def median_run(runs: list[dict]) -> dict:
    """The run whose performance score is the median (the lower middle one of an even
    count): the other categories barely move between runs, performance does."""
    ordered = sorted(runs, key=lambda r: score(r, "performance") or 0)
    return ordered[(len(ordered) - 1) // 2]


def failed_audits(result: dict, category: str) -> list[tuple[str, str]]:
    """(audit id, title, value and weight) of the scored audits of a category below 1."""
    failed = []
    for ref in result["categories"][category]["auditRefs"]:
        audit = result["audits"][ref["id"]]
        if audit.get("scoreDisplayMode") not in ("binary", "numeric", "metricSavings"):
            continue
        if audit.get("score") is None or audit["score"] >= 1:
            continue
        shown = audit["title"]
        if audit.get("displayValue"):
            shown += f" ({audit['displayValue']})"
        # Weight 0: a diagnostic shown in the report that costs no point of the score.
        shown += f"; weight {ref['weight']:g}" if ref["weight"] else "; weight 0, costs no point"
        failed.append((ref["id"], shown.replace("\xa0", " ")))
    return failed


# ---- Weight ------------------------------------------------------------------------


def weigh(result: dict, port: int) -> list[Resource]:
    """The page's HTML, CSS and JS as Lighthouse saw them go by, each fetched again to
    learn its encoding and its size uncompressed and at gzip level 6."""
    items = result["audits"]["network-requests"]["details"]["items"]
    resources = []
    for item in items:
        kind = WEIGHED_TYPES.get(item.get("resourceType", ""))
        address = urllib.parse.urlsplit(item["url"])
        if kind is None or address.port != port:
            continue
        path = address.path + (f"?{address.query}" if address.query else "")
        served = fetch(port, path, headers={"Accept-Encoding": ACCEPT_ENCODING})
        plain = fetch(port, path, headers={"Accept-Encoding": "identity"})
        resources.append(
            Resource(
                url=path,
                kind=kind,
                transferred=int(item.get("transferSize") or 0),
                encoding=served.headers.get("Content-Encoding", "none"),
                raw=len(plain.body),
                gzipped=len(gzip.compress(plain.body, compresslevel=6)),
            )
        )
    return resources


# ---- The run -----------------------------------------------------------------------


def measure(options: Options, workdir: Path, services: Services) -> Report:
    report = Report(versions=tool_versions())
    # Manchette's server is one of `services`, stopped with them however the run ends.
    report.sites.append(start_manchette(workdir, services))
    wordpress = None
    try:
        if options.wordpress:
            report.wordpress_missing = wordpress_site.missing() or ""
        else:
            report.wordpress_missing = "left out (--no-wordpress)"
        if not report.wordpress_missing:
            wordpress = wordpress_site.WordPressSite(services, workdir)
            report.sites.append(start_wordpress(wordpress, workdir))
            report.versions["wordpress"] = wordpress_site.version()
        measure_sites(options, report, workdir)
    finally:
        # Beyond its processes: its database and its file in /etc/wordpress.
        if wordpress is not None:
            wordpress.stop()
    return report


def start_manchette(workdir: Path, services: Services) -> Site:
    port = free_port()
    env = site_env(workdir / "var", port)
    log(f"Manchette : make setup, article de référence, puis make run sur le port {port}")
    make_setup(env)
    path = add_reference_article(env, workdir)
    server = Server(services, env, port, workdir)
    server.start(MAKE_RUN)
    # Once requested, the page is in the page cache, as every reader after the first gets it.
    if fetch(port, path).status != 200:
        raise BenchError(f"{path} ne répond pas 200")
    return Site("Manchette", port, path)


def start_wordpress(wordpress: wordpress_site.WordPressSite, workdir: Path) -> Site:
    log("WordPress : base MariaDB, installation, article, nginx et php-fpm")
    post, picture = wordpress_site.reference_post()
    image = workdir / "lead.jpg"
    image.write_bytes(picture)
    path = wordpress.start(post, image)
    return Site("WordPress 6.1", wordpress.port, path)


def measure_sites(options: Options, report: Report, workdir: Path) -> None:
    wait_calm(options.max_load)
    report.load.append(load_average())
    report.lighthouse_command = f"CHROME_PATH={CHROMIUM} " + shlex.join(
        lighthouse_argv(report.sites[0].url, Path("run-N.json"))
    )
    for number in range(1, options.runs + 1):
        for site in report.sites:
            result = run_lighthouse(site.url, workdir / f"{site.port}-{number}.json")
            site.runs.append(result)
            log(f"{site.name}, passage {number} : " + scores_text(result))
    report.load.append(load_average())
    for site in report.sites:
        site.resources = weigh(median_run(site.runs), site.port)


def scores_text(result: dict) -> str:
    return " / ".join(f"{CATEGORY_NAMES[c]} {score(result, c)}" for c in CATEGORIES)


# ---- Report ------------------------------------------------------------------------


def kb(size: float) -> str:
    return f"{size / 1000:.1f} kB"


def metric(result: dict, audit_id: str) -> str:
    audit = result["audits"].get(audit_id, {})
    return audit.get("displayValue", "–").replace("\xa0", " ")


def markdown(options: Options, report: Report, host: dict) -> str:
    manchette = report.sites[0]
    settings = median_run(manchette.runs)["configSettings"]
    throttling = settings["throttling"]
    lines = [
        f"Measured on {datetime.date.today().isoformat()} with:",
        "",
        "```",
        options.command,
        "```",
        "",
        f"Machine: {host['cores']} CPUs ({host['cpu']}), {host['ram_gb']:.1f} GB RAM, "
        f"Python {host['python']}, {host['os']}. {report.versions['chromium']} "
        f"({CHROMIUM}), Lighthouse {report.versions['lighthouse']} (npm, "
        f"bench/lighthouse/package-lock.json) on Node {report.versions['node']}. "
        "Lighthouse's benchmark index of this machine: "
        f"{median_run(manchette.runs)['environment'].get('benchmarkIndex', '–')}. "
        "1-minute load average before the first run and after the last: "
        + " / ".join(f"{value:.2f}" for value in report.load)
        + ".",
        "",
        f"Manchette: the reference article `{manchette.path}` (bench/reference_article.py: "
        "~950 words in sections, lead image, sources, two share bars, three comments and "
        "the comment form), served by `make run` (gunicorn, DEBUG off, static files by "
        "whitenoise, page cache on) from a throwaway VAR_DIR with the demo newsroom; it was "
        "requested once before, as every reader after the first gets it.",
        "",
        *wordpress_text(report),
        "",
        f"Lighthouse's default profile: {settings['formFactor']}, screen "
        f"{settings['screenEmulation']['width']}×{settings['screenEmulation']['height']}, "
        f"{settings['throttlingMethod']} throttling ({throttling['rttMs']:.0f} ms RTT, "
        f"{throttling['throughputKbps'] / 1000:.1f} Mbit/s, "
        f"{throttling['cpuSlowdownMultiplier']:g}× CPU slowdown); a fresh Chromium "
        "profile each run; the sites in turn in each round. Each run (WordPress's with "
        "its post's address):",
        "",
        "```",
        report.lighthouse_command,
        "```",
        "",
        *runs_table(report.sites),
        "",
        *comparison(report),
    ]
    for site in report.sites:
        lines += ["", *weight_table(site)]
    for site in report.sites:
        lines += ["", *failures(site)]
    return "\n".join(lines) + "\n"


def wordpress_text(report: Report) -> list[str]:
    wordpress = report.wordpress()
    if wordpress is None:
        return [
            f"WordPress was not measured in this run: {report.wordpress_missing}. The "
            "comparison below quotes the issue author's figures only."
        ]
    return [
        f"WordPress: Debian's `wordpress` {report.versions['wordpress']} with 6.1's default "
        f"theme (Twenty Twenty-Three) in French, the same article as a post "
        f"(`{wordpress.path}`: the standfirst as its first paragraph, the same body, lead "
        "image as featured image, category, two tags, the three comments), served by "
        "Debian's nginx and php-fpm 8.2 (OPcache on) on MariaDB, text compressed as "
        "deploy/nginx.conf does for Manchette (bench/wordpress_site.py). Avatars are off: "
        "they come from Gravatar, another host, and this machine reaches none."
    ]


def runs_table(sites: list[Site]) -> list[str]:
    lines = [
        "| site | run | performance | accessibility | best practices | SEO | "
        + " | ".join(name for _, name in METRICS)
        + " |",
        "| --- | --- | ---: | ---: | ---: | ---: | " + " | ".join("---:" for _ in METRICS) + " |",
    ]
    for site in sites:
        median = median_run(site.runs)
        for number, result in enumerate(site.runs, 1):
            mark = " (median)" if result is median else ""
            lines.append(
                f"| {site.name} | {number}{mark} | "
                + " | ".join(str(score(result, c)) for c in CATEGORIES)
                + " | "
                + " | ".join(metric(result, audit_id) for audit_id, _ in METRICS)
                + " |"
            )
    return lines


def comparison(report: Report) -> list[str]:
    enforced = f"0 (enforced by make test: {JUDGES_TEST})"
    manchette = median_run(report.sites[0].runs)
    wordpress = report.wordpress()
    measured_wp = median_run(wordpress.runs) if wordpress else None
    lines = [
        "Against the issue's targets and WordPress 6.1's default theme (median runs; the "
        "issue author's figures were taken on this machine on a post of the same length):",
        "",
        "| | target | Manchette | WordPress 6.1, measured here | WordPress 6.1, issue "
        "author's figures | verdict |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for category in CATEGORIES:
        mine = score(manchette, category)
        others = [WORDPRESS_QUOTED[category]]
        if measured_wp is not None:
            others.append(score(measured_wp, category) or 0)
        good = mine is not None and mine >= TARGETS[category] and all(mine >= o for o in others)
        needed = TARGETS[category]
        lines.append(
            f"| Lighthouse {CATEGORY_NAMES[category]} | {'≥ ' if needed < 100 else ''}{needed} "
            f"| {mine} | {score(measured_wp, category) if measured_wp else '–'} | "
            f"{WORDPRESS_QUOTED[category]} | {'met' if good else 'NOT MET'} |"
        )
    for label, key in (("axe-core violations", "axe"), ("Nu Html Checker errors", "validator")):
        quoted = WORDPRESS_QUOTED[key]
        lines.append(f"| {label} | 0 | {enforced} | not measured | {quoted} | test suite |")
    return lines


def weight_table(site: Site) -> list[str]:
    resources = site.resources
    transferred = sum(r.transferred for r in resources)
    gzipped = sum(r.gzipped for r in resources)
    raw = sum(r.raw for r in resources)
    # Compressed as it travels: what the server compressed, as sent; the rest as nginx's
    # gzip would send it in production.
    compressed = sum(r.transferred if r.encoding != "none" else r.gzipped for r in resources)
    verdict = "met" if compressed < WEIGHT_TARGET else "NOT MET"
    lines = [
        f"{site.name}: page weight, HTML + CSS + JS before images (kB = 1,000 bytes). "
        "*Transferred* is what Chromium received (Lighthouse's network-requests audit: "
        "headers and body, in the encoding the server chose for Chromium's "
        f"`Accept-Encoding: {ACCEPT_ENCODING}`); *gzip -6* is the body compressed by "
        "Python's gzip at level 6, as nginx would compress what a server sends "
        "uncompressed.",
        "",
        "| resource | type | served as | transferred | uncompressed | gzip -6 |",
        "| --- | --- | --- | ---: | ---: | ---: |",
    ]
    for r in resources:
        lines.append(
            f"| `{r.url}` | {r.kind} | {r.encoding} | {kb(r.transferred)} | {kb(r.raw)} | "
            f"{kb(r.gzipped)} |"
        )
    lines += [
        f"| **total** | | | **{kb(transferred)}** | {kb(raw)} | {kb(gzipped)} |",
        "",
        f"{site.name}, compressed weight: {kb(compressed)} (the issue's target: under "
        f"{kb(WEIGHT_TARGET)}, {verdict}).",
    ]
    return lines


def failures(site: Site) -> list[str]:
    """Every audit below full marks in any run, with the runs it failed in."""
    lines = [f"{site.name}: audits below full marks (score < 1) and the runs they failed in:", ""]
    for category in CATEGORIES:
        seen: dict[str, tuple[str, list[int]]] = {}
        for number, result in enumerate(site.runs, 1):
            for audit_id, shown in failed_audits(result, category):
                seen.setdefault(audit_id, (shown, []))[1].append(number)
        if not seen:
            lines.append(f"- {CATEGORY_NAMES[category]}: none")
            continue
        lines.append(f"- {CATEGORY_NAMES[category]}:")
        for audit_id, (shown, numbers) in seen.items():
            lines.append(f"  - `{audit_id}`: {shown} (runs {', '.join(map(str, numbers))})")
    return lines


# ---- Command line ------------------------------------------------------------------


def parse_args() -> Options:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs (3)")
    parser.add_argument(
        "--quick", action="store_true", help="one run, RESULTS.md left alone (to try it out)"
    )
    parser.add_argument(
        "--max-load",
        type=float,
        default=1.5,
        help="wait (up to 10 min) for the 1-minute load average to fall to this first",
    )
    parser.add_argument(
        "--no-wordpress", action="store_true", help="leave out the WordPress reference"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--no-write", action="store_true", help="print, leave RESULTS.md")
    parser.add_argument("--time-limit", type=float, default=20, help="minutes (20)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs doit valoir au moins 1")
    shown = " ".join(["bench/lighthouse_bench.py", *sys.argv[1:]])
    return Options(
        runs=1 if args.quick else args.runs,
        max_load=args.max_load,
        wordpress=not args.no_wordpress,
        keep=args.keep,
        write=not (args.no_write or args.quick),
        command=f"make lighthouse   # .venv/bin/python {shown}",
        time_limit=args.time_limit,
    )


def main() -> int:
    options = parse_args()
    stop_on_signals(options.time_limit)
    started = time.monotonic()

    def run(workdir: Path, cleanups: ExitStack) -> Report:
        check_tools()
        services = Services()
        cleanups.callback(services.stop_all)
        return measure(options, workdir, services)

    report = measure_in_workdir("manchette-lighthouse-", options.keep, run)
    publish(HEADING, markdown(options, report, machine()), write=options.write, started=started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
