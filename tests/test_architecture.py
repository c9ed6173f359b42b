"""The floor plan holds: each package of loyalty/ imports only the packages below it (a lower one
importing a higher one fails here, lazy imports inside functions included), loyalty/ never
imports Qt or the ui, the ui's shared widgets import no screen, and no import circle is left
between modules. docs/architecture.md draws the same map."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Lowest first. A package may import itself and any package on an earlier line; packages on
# the same line may not import each other.
LOYALTY_LAYERS = [
    ("common",),
    ("storage",),
    ("programme",),
    ("people",),
    ("ledger",),
    ("retention", "printing"),
    ("reports",),
    ("exchange",),
    ("chain",),
    ("operations",),
    ("cli",),
]
RANK = {package: rank for rank, line in enumerate(LOYALTY_LAYERS) for package in line}
UI_SHARED = "widgets"          # imported by every screen, imports none of them
UI_SCREENS = {"counter", "members", "catalog", "reports", "retention", "settings", "printing"}


def modules(top: str) -> dict[str, Path]:
    found = {}
    for path in (ROOT / top).rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path) -> list[tuple[int, str]]:
    """(line, imported module) for every import in the file, at its top or inside a function."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[:len(package) - node.level + 1]) if node.level else ""
            target = ".".join(part for part in (base, node.module or "") if part)
            found.append((node.lineno, target))
            found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names]   # `from . import x`
    return found


def package_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


LOYALTY, UI = modules("loyalty"), modules("ui")


def test_every_loyalty_module_sits_in_a_package_of_the_map():
    loose = [name for name in LOYALTY if name != "loyalty" and package_of(name) not in RANK]
    assert loose == [], "a module outside the packages of LOYALTY_LAYERS: put it in one (docs/architecture.md)"
    assert all((ROOT / "loyalty" / package / "__init__.py").exists() for package in RANK)


def test_each_loyalty_package_imports_only_the_packages_below_it():
    offences = []
    for name, path in LOYALTY.items():
        here = package_of(name)
        if here is None:
            continue
        for line, target in imports_of(name, path):
            there = package_of(target) if target.startswith("loyalty.") else None
            if there is None or there == here or there not in RANK:
                continue
            if RANK[there] >= RANK[here]:
                offences.append(f"{path.relative_to(ROOT)}:{line} ({here}) imports {target} ({there})")
    assert offences == []


@pytest.mark.parametrize("top", ["loyalty"])
def test_the_domain_never_imports_qt_or_the_ui(top):
    offences = [f"{path.relative_to(ROOT)}:{line} imports {target}"
                for name, path in modules(top).items() for line, target in imports_of(name, path)
                if target.split(".")[0] in ("PySide6", "shiboken6", "ui")]
    assert offences == []


def test_the_shared_widgets_import_no_screen():
    offences = [f"{path.relative_to(ROOT)}:{line} imports {target}"
                for name, path in UI.items() if name.startswith(f"ui.{UI_SHARED}")
                for line, target in imports_of(name, path)
                if target.startswith("ui.") and target.split(".")[1] not in (UI_SHARED,)]
    assert offences == []


def test_no_screen_imports_the_window_around_it():
    """The shell assembles the screens; a screen reaching back into the shell would tie them in
    a circle (the screens receive what they need from the window instead)."""
    offences = [f"{path.relative_to(ROOT)}:{line} imports {target}"
                for name, path in UI.items() if package_of(name) in UI_SCREENS
                for line, target in imports_of(name, path)
                if target.startswith("ui.shell")]
    assert offences == []


@pytest.mark.parametrize("top", ["loyalty", "ui"])
def test_no_import_circle_between_modules(top):
    """Not even through an import inside a function: a circle there is a knot the next change
    pulls tight (storage's connection -> schema -> year_totals -> connection was one)."""
    found = modules(top)
    graph = {name: {target for _, target in imports_of(name, path)
                    if target in found and target != name and not name.startswith(target + ".")}
             for name, path in found.items()}   # a package's __init__ runs first anyway: not an edge back
    circles: list[str] = []
    state: dict[str, str] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for step in sorted(graph[node]):
            if state.get(step) == "open":
                circles.append(" -> ".join(trail[trail.index(step):] + [step]))
            elif step not in state:
                visit(step, trail + [step])
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert circles == []
