"""The folders of kb/ are its layers, and nothing imports a layer above its own.

Every import statement counts, at the top of a module or inside a function: a late import
still ties a lower layer to a higher one. Within a package its modules may use each other,
but no import cycle remains, in a package or across them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KB = Path(__file__).resolve().parent.parent / "kb"

# Bottom up. A package may import its own modules and any package of a lower layer; two
# packages of one layer do not know each other.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"kb", "kb.records", "kb.errors", "kb.rates", "kb.words", "kb.workers", "kb.memory"}),
    frozenset({"kb.gazetteer"}),
    frozenset({"kb.ingest", "kb.extract", "kb.consolidate"}),
    frozenset({"kb.review"}),  # a person's corrections, applied to what extraction gives
    frozenset({"kb.storage"}),
    frozenset({"kb.loading", "kb.query"}),
    frozenset({"kb.ask", "kb.evaluate", "kb.curation", "kb.charts", "kb.web"}),
    frozenset({"kb.knowledge"}),
    frozenset({"kb.cli", "kb.web.plugins"}),  # what people run: the commands, the web pages
)


def _module_name(path: Path) -> str:
    parts = path.relative_to(KB.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(path): path for path in KB.rglob("*.py") if "_migrations" not in path.parts
    }


def _imports(path: Path, modules: dict[str, Path], *, typing_too: bool = True) -> set[str]:
    """The kb modules that the file imports anywhere in it; without `typing_too`, those it
    imports when it runs (not under `if TYPE_CHECKING:`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if not typing_too and isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
        for inner in ast.walk(node)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            # "from kb.query import commitments" imports the module kb.query.commitments.
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name in modules}


def _layer_of(module: str) -> tuple[int, str]:
    """The layer and the package (layer unit) a module belongs to: the unit that names it
    most closely (kb.web.plugins, not kb.web, for a plugin)."""
    units = [
        (len(unit), index, unit)
        for index, layer in enumerate(LAYERS)
        for unit in layer
        if module == unit or (unit != "kb" and module.startswith(unit + "."))
    ]
    if not units:
        raise AssertionError(f"{module} is in no layer: add its folder to LAYERS")
    _, index, unit = max(units)
    return index, unit


MODULES = _modules()
GRAPH = {name: _imports(path, MODULES) for name, path in MODULES.items()}


def test_every_module_has_a_layer() -> None:
    for module in MODULES:
        _layer_of(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_a_layer_above_its_own(module: str) -> None:
    layer, unit = _layer_of(module)
    wrong = []
    for imported in sorted(GRAPH[module]):
        other_layer, other_unit = _layer_of(imported)
        if other_unit != unit and other_layer >= layer:
            wrong.append(f"{imported} (layer {other_layer}, {other_unit})")
    assert not wrong, f"{module} (layer {layer}) imports {wrong}"


def test_no_import_cycle() -> None:
    """Depth-first over the import graph; a module met again on the current path closes a
    cycle ("kb.x -> kb.y -> kb.x")."""
    cycles: list[str] = []
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            cycles.append(" -> ".join([*path[path.index(module) :], module]))
            return
        if module in done:
            return
        for imported in sorted(GRAPH[module] - {module}):
            # A package's __init__ and its submodules are one unit for Python's imports.
            if not imported.startswith(module + "."):
                visit(imported, [*path, module])
        done.add(module)

    for module in sorted(MODULES):
        visit(module, [])
    assert not cycles, "\n".join(cycles)


def _run_time_imports(path: Path) -> set[str]:
    return _imports(path, MODULES, typing_too=False)


# The CLI parses arguments, calls the front door and prints: at run time it uses nothing of
# kb but the front door, the errors it raises and the bottom layer's vocabulary.
CLI_MAY_USE = ("kb", "kb.errors", "kb.records", "kb.knowledge")


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.startswith("kb.cli")))
def test_the_cli_works_through_the_front_door(module: str) -> None:
    used = _run_time_imports(MODULES[module])
    wrong = sorted(m for m in used if not m.startswith("kb.cli") and m not in CLI_MAY_USE)
    assert not wrong, f"{module} uses {wrong} past the front door (kb.knowledge)"


def test_the_checks_see_a_violation() -> None:
    """The rule itself: the CLI may use a query, a query may not use the CLI; an import for
    type checking only is not one the CLI runs."""
    assert _layer_of("kb.cli.render")[0] > _layer_of("kb.query.show")[0]
    assert "kb.query.commitments" in GRAPH["kb.cli.common"]
    assert "kb.query.commitments" not in _run_time_imports(MODULES["kb.cli.common"])
    assert "kb.knowledge" in _run_time_imports(MODULES["kb.cli.common"])
