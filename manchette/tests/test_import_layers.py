"""The layer rule of DESIGN.md, checked on the source: apps import downwards only, no cycles."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

PACKAGE = "manchette"
PACKAGE_DIR = Path(__file__).resolve().parents[1]

# DESIGN.md, "Layers": a module imports from its own layer or from below, never from above.
# An app is a package of manchette/ with an apps.py; "shared" is everything else of the package:
# its top-level modules (client_ip.py, security.py, background.py…) and plain packages of
# helpers (slugs, sanitizer, typography and import references in lib/, the SQLite backend in
# sqlite/). `worker` runs background tasks for everyone and knows no content: it sits with the
# other generic services.
LAYERS: dict[str, int] = {
    "shared": 1,
    "accounts": 2,
    "pagecache": 2,
    "worker": 2,
    "images": 3,
    "articles": 4,
    "comments": 5,
    "search": 5,
    "syndication": 6,
    "desk": 7,
    "importers": 7,
    "backups": 7,
}

# The project's wiring assembles every app, so it may import anything; nothing imports it
# (test settings excepted: they are the settings, changed for tests).
WIRING = {"manchette.settings", "manchette.settings_test", "manchette.urls", "manchette.wsgi"}

# Upward imports found on 2026-12-07 (importing module, imported module): to remove, issue 15.
# The test fails when one disappears, so this list only ever shrinks: delete the line.
KNOWN_UPWARD: set[tuple[str, str]] = {
    # articles -> comments: the demo's comments, the article page's comment section
    ("manchette.articles.demo", "manchette.comments.models"),
    ("manchette.articles.demo", "manchette.comments.moderation"),
    ("manchette.articles.views", "manchette.comments.section"),
    # pagecache -> content models: content apps should declare their tags and call changed()
    ("manchette.pagecache.addresses", "manchette.articles.models"),
    ("manchette.pagecache.addresses", "manchette.syndication.sitemaps"),
    ("manchette.pagecache.edge", "manchette.articles.models"),
    ("manchette.pagecache.schedule", "manchette.articles.models"),
    ("manchette.pagecache.signals", "manchette.articles.models"),
    ("manchette.pagecache.signals", "manchette.comments.models"),
    ("manchette.pagecache.signals", "manchette.images.models"),
    ("manchette.pagecache.tags", "manchette.articles.models"),
}


class Import(NamedTuple):
    module: str
    line: int
    target: str


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def is_checked(path: Path) -> bool:
    """Tests may build fixtures from any app; commands and migrations follow their app's rule."""
    relative = path.relative_to(PACKAGE_DIR).parts
    return "tests" not in relative[:-1] and "static" not in relative[:-1]


def module_exists(name: str) -> bool:
    path = PACKAGE_DIR.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imports_in(source: str, module: str, is_package: bool = False) -> Iterator[Import]:
    """Every import of a module's source, at any depth (function-level ones too), resolved."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(module, node.lineno, alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            for alias in node.names:
                # `from manchette.articles import models` imports a module; `from x import f`
                # imports a name of x.
                candidate = f"{origin}.{alias.name}"
                yield Import(module, node.lineno, candidate if module_exists(candidate) else origin)


def is_app(name: str) -> bool:
    return (PACKAGE_DIR / name / "apps.py").is_file()


def layer_of(module: str) -> str | None:
    """The app (or "shared") a module of the package belongs to; None outside the package."""
    parts = module.split(".")
    if parts[0] != PACKAGE:
        return None
    if len(parts) == 1 or module in WIRING:
        return "shared" if len(parts) == 1 else "wiring"
    top = parts[1]
    return top if is_app(top) else "shared"


def all_imports() -> list[Import]:
    found = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        if is_checked(path):
            source = path.read_text(encoding="utf-8")
            found.extend(imports_in(source, module_name(path), path.name == "__init__.py"))
    return list(dict.fromkeys(found))  # `from x import a, b` is one import of x


def cross_app_imports() -> list[tuple[Import, str, str]]:
    """(import, importing app, imported app) for every import from one app into another."""
    edges = []
    for found in all_imports():
        source, target = layer_of(found.module), layer_of(found.target)
        if source is None or target is None or source == target or source == "wiring":
            continue
        edges.append((found, source, target))
    return edges


def is_upward(source: str, target: str) -> bool:
    return target == "wiring" or LAYERS[target] > LAYERS[source]


def test_every_app_has_a_layer() -> None:
    apps = {directory.name for directory in PACKAGE_DIR.iterdir() if is_app(directory.name)}
    missing = sorted(apps - LAYERS.keys())
    assert not missing, f"{missing}: give each app its layer in LAYERS (DESIGN.md, 'Layers')"


def test_apps_import_from_their_own_layer_or_below() -> None:
    problems = []
    for found, source, target in cross_app_imports():
        if source not in LAYERS or (target not in LAYERS and target != "wiring"):
            continue  # test_every_app_has_a_layer names it
        if is_upward(source, target) and (found.module, found.target) not in KNOWN_UPWARD:
            problems.append(
                f"{found.module} line {found.line} imports {found.target}: {source} "
                f"(layer {LAYERS[source]}) may not import from {target} "
                f"(layer {LAYERS.get(target, 'wiring')}); invert it with a signal, a hook "
                "registered by the upper app, or move the code down"
            )
    assert not problems, "Upward imports (DESIGN.md, 'Layers'):\n" + "\n".join(problems)


def test_known_upward_imports_still_exist() -> None:
    current = {(found.module, found.target) for found, _source, _target in cross_app_imports()}
    gone = sorted(KNOWN_UPWARD - current)
    assert not gone, (
        "These upward imports are gone: delete them from KNOWN_UPWARD so they cannot come back:\n"
        + "\n".join(f"{module} -> {target}" for module, target in gone)
    )


def app_graph(skip_known: bool) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for found, source, target in cross_app_imports():
        if skip_known and (found.module, found.target) in KNOWN_UPWARD:
            continue
        graph.setdefault(source, set()).add(target)
        graph.setdefault(target, set())
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one app (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for successor in sorted(graph[node]):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_no_cycle_between_apps_outside_the_known_upward_imports() -> None:
    # Every cycle across layers needs an upward import; without the known ones the graph must be
    # a DAG, which also catches a cycle between two apps of the same layer (comments, search).
    remaining = cycles(app_graph(skip_known=True))
    edges = [
        f"{found.module} line {found.line} imports {found.target}"
        for found, source, target in cross_app_imports()
        if (found.module, found.target) not in KNOWN_UPWARD
        and any(source in cycle and target in cycle for cycle in remaining)
    ]
    assert not remaining, f"Import cycles between apps {remaining}, through:\n" + "\n".join(edges)


def test_plain_helper_packages_are_shared() -> None:
    # lib/ has no apps.py: every app may import it, and it may import no app.
    assert layer_of("manchette.lib.slugs") == "shared"
    assert layer_of("manchette.sqlite.base") == "shared"
    assert layer_of("manchette.articles.models") == "articles"


def test_the_checker_sees_every_kind_of_import() -> None:
    source = (
        "import manchette.desk.roles, os\n"
        "from manchette.comments import models\n"
        "from ..importers.refs import ImportRef\n"
        "from . import previews\n"
        "def view():\n"
        "    from manchette.comments.models import Comment\n"
    )
    found = [
        (line, target) for _module, line, target in imports_in(source, "manchette.articles.models")
    ]
    assert found == [
        (1, "manchette.desk.roles"),
        (1, "os"),
        (2, "manchette.comments.models"),
        (3, "manchette.importers.refs"),
        (4, "manchette.articles.previews"),
        (6, "manchette.comments.models"),
    ]
