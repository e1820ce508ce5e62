"""The import rules of the architecture, checked on the source: a forbidden edge fails.

- ``core`` imports no app of the project; ``authors`` imports only ``core``;
  ``articles`` imports ``authors`` and ``core``, never the project package
  (``think_tank``) nor the benchmark; the benchmark may import any app, nothing
  imports it.
- Inside ``articles``, layers run one way: models → selectors, services, search,
  rendering, revisions → views, feeds, sitemaps, admin → urls; a layer never imports
  one above it, and the top layer's modules never import each other.
- Runtime code never imports a migration.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["core", "authors", "articles", "think_tank", "benchmark"]

# package -> the project packages it may import (besides itself)
ALLOWED = {
    "core": set(),
    "authors": {"core"},
    "articles": {"core", "authors"},
    "think_tank": {"core", "authors", "articles"},
    "benchmark": {"core", "authors", "articles", "think_tank"},
}

# Layers inside articles, lowest first: a module may import its own layer or lower ones.
LAYERS = [
    {"models", "sanitize", "tagging", "translation"},
    {
        "access",
        "selectors",
        "services",
        "search",
        "rendering",
        "revisions",
        "pagecache",
        "editions",
        "documents",
    },
    {"seo", "sharing", "context_processors", "ingest", "citations", "cards", "stored"},
    {"views", "feeds", "sitemaps", "admin", "management", "pdf", "exports", "templatetags"},
    # The app's wiring: connects the receivers of the layers below.
    {"urls", "apps"},
]
# In the top layers, these never import one another (a feed that imports a view is a
# sign a selector is missing).
PEERS = {"views", "feeds", "sitemaps", "admin"}


def modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            yield path


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path):
    """The absolute names of every module ``path`` imports (at any depth of the code)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    name = module_name(path)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            found.append(target)
            # `from . import x` / `from pkg import submodule`: the submodules count too.
            found += [f"{target}.{alias.name}" for alias in node.names]
    return found


def project_imports(path):
    return {name for name in imports(path) if name.split(".")[0] in PACKAGES}


def existing(name):
    """Whether ``name`` is a module of the project (not a function imported from one)."""
    parts = name.split(".")
    path = ROOT.joinpath(*parts)
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def layer_of(name):
    parts = name.split(".")
    if parts[0] != "articles" or len(parts) < 2 or parts[1] == "migrations":
        return None
    for index, layer in enumerate(LAYERS):
        if parts[1] in layer:
            return index
    raise AssertionError(f"articles.{parts[1]} is in no layer: add it to LAYERS")


def forbidden_edges():
    edges = []
    for path in modules():
        source = module_name(path)
        package = source.split(".")[0]
        for target in project_imports(path):
            if not existing(target):
                continue
            target_package = target.split(".")[0]
            if "migrations" in target.split("."):
                edges.append((source, target, "runtime code imports a migration"))
            if target_package != package and target_package not in ALLOWED[package]:
                edges.append((source, target, f"{package} may not import {target_package}"))
            if package == "articles" and target_package == "articles":
                mine, theirs = layer_of(source), layer_of(target)
                if mine is not None and theirs is not None:
                    if theirs > mine:
                        edges.append((source, target, "imports a layer above its own"))
                    own, other = source.split(".")[1], target.split(".")[1]
                    if own in PEERS and other in PEERS and own != other:
                        edges.append((source, target, "top-layer modules import each other"))
    return edges


def test_no_forbidden_import_edge():
    assert forbidden_edges() == []


@pytest.mark.parametrize(
    ("source", "line", "reason"),
    [
        ("core/text.py", "from articles.models import Article", "core may not import articles"),
        ("authors/views.py", "from articles import selectors", "authors may not import articles"),
        ("articles/views.py", "from think_tank import settings", "may not import think_tank"),
        ("articles/feeds.py", "from .views import ArticleListView", "import each other"),
        ("articles/models/content.py", "from ..selectors import card_queryset", "a layer above"),
        ("articles/views.py", "from .migrations import x", "imports a migration"),
    ],
)
def test_the_check_finds_each_kind_of_forbidden_edge(monkeypatch, source, line, reason):
    """The rules are checked for real: one added import of each kind is caught."""
    target = ROOT / source
    original = Path.read_text

    def read_text(self, *args, **kwargs):
        text = original(self, *args, **kwargs)
        return text + "\n" + line + "\n" if self == target else text

    monkeypatch.setattr(Path, "read_text", read_text)
    monkeypatch.setattr("tests.test_architecture.existing", lambda name: True)
    found = [edge for edge in forbidden_edges() if edge[0] == module_name(target)]
    assert any(reason in why for _source, _target, why in found), found


def test_no_application_file_is_over_400_lines():
    long = {
        str(path.relative_to(ROOT)): count
        for path in modules()
        if (count := len(path.read_text().splitlines())) > 400
    }
    assert long == {}
