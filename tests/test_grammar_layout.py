"""The extraction grammar's layout (issue 27): no private name (_X) imported across ingest's modules or read as module._X, and one docstring line per prose module."""

from __future__ import annotations

import ast
from pathlib import Path

INGEST = Path(__file__).resolve().parent.parent / "ingest"
OURS = ("ingest", "ipbench", "app", "expectations")


def _private_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    hits, modules = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in OURS:
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    hits.append(f"{path.name}:{node.lineno}: from {node.module} import {alias.name}")
                else:
                    modules.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            modules |= {a.asname or a.name.split(".")[0] for a in node.names if a.name.split(".")[0] in OURS}
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in modules
                and node.attr.startswith("_") and not node.attr.startswith("__")):
            hits.append(f"{path.name}:{node.lineno}: {node.value.id}.{node.attr}")
    return hits


def test_no_private_name_crosses_a_module_in_ingest():
    hits = [h for p in sorted(INGEST.rglob("*.py")) for h in _private_uses(p)]
    assert hits == []


def test_the_checker_sees_a_private_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from ingest.prose.shapes import _X\nfrom ingest import vocabulary as v\nprint(v._Y)\n", encoding="utf-8")
    assert _private_uses(bad) == ["bad.py:1: from ingest.prose.shapes import _X", "bad.py:3: v._Y"]


def test_every_prose_module_says_in_one_line_what_it_decides():
    for path in sorted((INGEST / "prose").glob("*.py")) + [INGEST / "vocabulary.py"]:
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert doc and doc.splitlines()[0].endswith("."), path.name
