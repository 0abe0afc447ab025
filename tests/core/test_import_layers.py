"""The code's own modules import each other without cycles, and only downwards (README, 架构): a module-level
import of a module that imports it back breaks on whichever is loaded first."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("portal", "home", "search")


def module_files():
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
                yield name, path


def imported_names(name, path):
    """Modules named by the file's module-level imports (those run when it loads, under if/try too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for statement in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        for node in ast.walk(statement):
            if isinstance(node, ast.Import):
                yield from (alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
                module = ".".join([*base, node.module] if node.module else base)
                yield module
                yield from (f"{module}.{alias.name}" for alias in node.names)


def import_graph():
    files = dict(module_files())
    return {
        name: {other for other in imported_names(name, path) if other in files and other != name}
        for name, path in files.items()
    }


def cycle_from(graph, start):
    """A path start → … → start, or None."""
    stack, seen = [(start, [start])], set()
    while stack:
        node, path = stack.pop()
        for other in graph[node]:
            if other == start:
                return [*path, start]
            if other not in seen:
                seen.add(other)
                stack.append((other, [*path, other]))
    return None


def test_no_module_imports_one_that_imports_it_back():
    graph = import_graph()
    cycles = [" → ".join(cycle) for name in sorted(graph) if (cycle := cycle_from(graph, name))]
    assert cycles == []


def test_only_the_url_configuration_and_the_demo_loader_import_home():
    graph = import_graph()
    importers = sorted(name for name, imported in graph.items() if any(m.split(".")[0] == "home" for m in imported))
    outside = [name for name in importers if name.split(".")[0] != "home" and not name.startswith("portal.demo")]
    assert outside == ["portal.urls"]


def test_no_application_module_imports_the_demo():
    graph = import_graph()
    importers = [name for name, imported in graph.items() if any(m.startswith("portal.demo") for m in imported)]
    assert all(name.startswith("portal.demo") for name in importers), importers
