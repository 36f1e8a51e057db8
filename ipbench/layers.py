"""The layering check (`python -m ipbench.layers`): imports point down the layers, and no modules import each other in a circle.

Every import counts, also one inside a function or under TYPE_CHECKING: a deferred import is still a dependency.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

# Top to bottom. A module may import its own component and any component of a LOWER layer; never a higher
# layer, never a sibling in its own layer.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("cli",),                              # the `ipbench` command line: sits on everything
    ("dev",),                              # dev tools (synthetic corpus, bench, tools/): may measure with the evaluator
    ("eval",),                             # the evaluator (`ipbench eval`): the user's path, ingest -> build -> export
    ("build",),                            # dbt runner, build plan, user aliases, export: read ingest's raw schema
    ("ingest", "expectations", "app"),     # the product's parts: independent of each other
    ("base",),                             # paths, the warehouse file and its lock: imports none of the above
)

# Module (or package) name -> component; the longest matching name wins. A module matching none is an error.
COMPONENTS: dict[str, str] = {
    "ipbench": "cli",
    "ipbench.evaluate": "eval",
    "ipbench.dbt_runner": "build",
    "ipbench.build_plan": "build",
    "ipbench.user_aliases": "build",
    "ipbench.export": "build",
    "ipbench_dev": "dev",
    "tools": "dev",
    "ingest": "ingest",
    "expectations": "expectations",
    "app": "app",
    "ipbench_core": "base",
}

# Import edges (importer, imported) allowed to close a circle, each with the reason it is still there.
# This is the ONLY place for exceptions; the check fails on an exception that no longer occurs (remove it).
KNOWN_CYCLE_EDGES: dict[tuple[str, str], str] = {
}

SCRIPT_DIRS: tuple[str, ...] = ("tools",)  # folders of scripts, checked like packages
UNCHECKED: tuple[str, ...] = ("tests",)      # may import any layer; only their imports of missing modules count


@dataclass(frozen=True)
class Import:
    """One import statement's target inside the repository."""

    importer: str
    imported: str
    line: int
    exists: bool  # False: the name is in a checked folder but no file provides it (a stale import after a move)


def top_levels(root: Path) -> list[str]:
    """The folders checked: every top-level package of `root` (a folder with __init__.py) and the script folders."""
    return sorted(p.name for p in root.iterdir()
                  if p.name not in UNCHECKED and ((p / "__init__.py").is_file() or p.name in SCRIPT_DIRS))


def module_files(root: Path, folders: Iterable[str] | None = None) -> dict[str, Path]:
    """Module name -> file for every .py file of the given folders of `root` (default: the checked folders)."""
    found: dict[str, Path] = {}
    for package in top_levels(root) if folders is None else [f for f in folders if (root / f).is_dir()]:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _base_of(module: str, path: Path, level: int, named: str | None) -> str:
    """The absolute name of `from .x import y` (level dots) inside `module`."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for _ in range(level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{named}" if named else package


def top_names(tree: ast.Module) -> set[str] | None:
    """The names a module defines at its top level (also inside top-level if/try/with); None when it cannot be known."""
    names: set[str] = set()
    todo: list[ast.stmt] = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if node.name == "__getattr__":
                return None
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            if any(alias.name == "*" for alias in node.names):
                return None
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name))
        elif isinstance(node, (ast.If, ast.Try, ast.With, ast.For, ast.While)):
            todo.extend(child for child in ast.iter_child_nodes(node) if isinstance(child, ast.stmt))
            if isinstance(node, ast.Try):
                todo.extend(stmt for handler in node.handlers for stmt in handler.body)
    return names


def imports(modules: dict[str, Path], importers: dict[str, Path] | None = None) -> Iterator[Import]:
    """Each import of a name in a checked folder, by every module of `importers` (default: `modules`), self left out."""
    tops = {name.split(".")[0] for name in modules}
    defined: dict[str, set[str] | None] = {}

    def provides(module: str, name: str) -> bool:
        if module not in defined:
            defined[module] = top_names(ast.parse(modules[module].read_text(encoding="utf-8")))
        found = defined[module]
        return found is None or name in found

    for module, path in (modules if importers is None else importers).items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _base_of(module, path, node.level, node.module) if node.level else (node.module or "")
                # `from pkg import x` loads the submodule pkg.x when there is one, else it reads the name x of pkg
                names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules
                         or (base in modules and not provides(base, alias.name)) else base for alias in node.names]
            else:
                continue
            for name in dict.fromkeys(names):
                if name.split(".")[0] not in tops:
                    continue
                if name != module:
                    yield Import(module, name, node.lineno, name in modules)


def component_of(module: str) -> str | None:
    """The component of `module` by the longest matching name in COMPONENTS, or None."""
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        found = COMPONENTS.get(".".join(parts[:end]))
        if found:
            return found
    return None


def layer_of(component: str) -> int:
    """0 for the bottom layer, larger going up."""
    for depth, layer in enumerate(reversed(LAYERS)):
        if component in layer:
            return depth
    raise KeyError(component)


def cycles(edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """The import circles: strongly connected groups of two or more modules (Tarjan), each sorted, in name order."""
    graph: dict[str, set[str]] = {}
    for a, b in edges:
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(start: str) -> None:  # iterative, so a deep import chain cannot overflow the recursion limit
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def check(root: Path, known: dict[tuple[str, str], str] | None = None) -> list[str]:
    """Every layering problem under `root`, one line each (empty when the layers hold)."""
    known = KNOWN_CYCLE_EDGES if known is None else known
    modules = module_files(root)
    problems: list[str] = []
    edges: set[tuple[str, str]] = set()
    for module in modules:
        if component_of(module) is None:
            problems.append(f"{module}: in no component; add it to COMPONENTS in ipbench/layers.py")
    for item in imports(modules):
        if not item.exists:
            problems.append(f"{modules[item.importer].relative_to(root)}:{item.line}: imports {item.imported}, "
                            "which no file provides")
            continue
        edges.add((item.importer, item.imported))
        low, high = component_of(item.importer), component_of(item.imported)
        if low is None or high is None or low == high:
            continue
        if layer_of(high) >= layer_of(low):
            where = "a higher layer" if layer_of(high) > layer_of(low) else "a sibling in its own layer"
            problems.append(f"{modules[item.importer].relative_to(root)}:{item.line}: {item.importer} ({low}) imports "
                            f"{item.imported} ({high}), {where}")
    for item in imports(modules, module_files(root, UNCHECKED)):
        if not item.exists:
            problems.append(f"{item.importer.replace('.', '/')}.py:{item.line}: imports {item.imported}, "
                            "which no file provides")
    for edge in sorted(set(known) - edges):
        problems.append(f"known cycle edge {edge[0]} -> {edge[1]} no longer occurs: remove it from KNOWN_CYCLE_EDGES")
    for group in cycles(edges - set(known)):
        problems.append(f"import cycle: {' <-> '.join(group)}")
    return problems


def main(argv: list[str]) -> int:
    """Print the problems and exit 1, or print one line and exit 0."""
    root = Path(argv[1]).resolve() if len(argv) > 1 else Path(__file__).resolve().parents[1]
    problems = check(root)
    for problem in problems:
        print(problem)
    if problems:
        print(f"layers: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    layers = " -> ".join("{" + ", ".join(layer) + "}" if len(layer) > 1 else layer[0] for layer in LAYERS)
    print(f"layers: ok ({len(module_files(root))} modules; {layers}; {len(KNOWN_CYCLE_EDGES)} known cycle edge(s))")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
