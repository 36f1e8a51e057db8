"""The layering check: the repository's imports point down the layers, and the check reports each kind of breach."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipbench import layers
from ipbench_core import paths


def test_repository_layers_hold() -> None:
    assert layers.check(paths.ROOT) == []


def test_cli_entry_point_exits_zero_on_the_repository(capsys: pytest.CaptureFixture[str]) -> None:
    assert layers.main(["layers"]) == 0
    assert capsys.readouterr().out.startswith("layers: ok (")


def test_components_of_moved_modules() -> None:
    assert layers.component_of("ipbench_core.warehouse") == "base"
    assert layers.component_of("ipbench.cli") == "cli"
    assert layers.component_of("ipbench.evaluate") == "eval"
    assert layers.component_of("ipbench.dbt_runner") == "build"
    assert layers.component_of("ipbench_dev.synth") == "dev"
    assert layers.component_of("tools.warehouse_digest") == "dev"
    assert layers.component_of("ingest.tables.years") == "ingest"
    assert layers.component_of("elsewhere.module") is None


def _tree(root: Path, files: dict[str, str]) -> Path:
    """Write a tiny repository: {relative path: source}; every folder on the way gets an __init__.py."""
    for rel, source in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        for folder in path.relative_to(root).parents:
            if str(folder) != "." and folder.parts[0] != "tools":
                (root / folder / "__init__.py").touch()
        path.write_text(source, encoding="utf-8")
    return root


def test_a_lower_layer_importing_a_higher_one_is_reported(tmp_path: Path) -> None:
    root = _tree(tmp_path, {
        "ipbench_core/paths.py": "def f():\n    from ingest.document import parse\n    return parse\n",
        "ingest/document.py": "from ipbench_core import paths\n\ndef parse():\n    return paths\n",
    })
    assert layers.check(root, known={}) == [
        "ipbench_core/paths.py:2: ipbench_core.paths (base) imports ingest.document (ingest), a higher layer",
        "import cycle: ingest.document <-> ipbench_core.paths",
    ]


def test_a_sibling_import_and_a_type_checking_import_are_reported(tmp_path: Path) -> None:
    root = _tree(tmp_path, {
        "app/data.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from expectations.check import Run\n",
        "expectations/check.py": "Run = 1\n",
        "ipbench/cli.py": "from app import data\nfrom expectations import check\n",
    })
    assert layers.check(root, known={}) == [
        "app/data.py:3: app.data (app) imports expectations.check (expectations), a sibling in its own layer",
    ]


def test_a_cycle_within_one_component_and_a_relative_import(tmp_path: Path) -> None:
    root = _tree(tmp_path, {
        "ingest/tables/a.py": "from . import b\n\nx = 1\n",
        "ingest/tables/b.py": "def g():\n    from ingest.tables.a import x\n    return x\n",
        "ingest/c.py": "from ingest.tables import a\n",
    })
    assert layers.check(root, known={}) == ["import cycle: ingest.tables.a <-> ingest.tables.b"]
    # a known back edge lifts it; a known edge that no longer occurs is itself a problem
    assert layers.check(root, known={("ingest.tables.b", "ingest.tables.a"): "why"}) == []
    assert layers.check(root, known={("ingest.c", "ingest.tables.b"): "why"}) == [
        "known cycle edge ingest.c -> ingest.tables.b no longer occurs: remove it from KNOWN_CYCLE_EDGES",
        "import cycle: ingest.tables.a <-> ingest.tables.b",
    ]


def test_stale_imports_and_an_unplaced_package_are_reported(tmp_path: Path) -> None:
    root = _tree(tmp_path, {
        "ingest/document.py": ("from ingest.tables_years import parse_year_tables\nimport duckdb\n"
                               "from ingest import tables_years\nfrom ingest.tables.table import Table, Gone\n"),
        "ingest/tables/table.py": "from dataclasses import dataclass\n\n@dataclass\nclass Table:\n    name: str\n",
        "newpkg/thing.py": "import os\n",
        "tools/script.py": "from ipbench import cli\n",
        "ipbench/cli.py": "",
        "tests/test_x.py": "from ipbench import paths\nfrom ingest.tables.table import Table\n",
    })
    assert layers.check(root, known={}) == [
        "newpkg: in no component; add it to COMPONENTS in ipbench/layers.py",
        "newpkg.thing: in no component; add it to COMPONENTS in ipbench/layers.py",
        "ingest/document.py:1: imports ingest.tables_years, which no file provides",
        "ingest/document.py:3: imports ingest.tables_years, which no file provides",
        "ingest/document.py:4: imports ingest.tables.table.Gone, which no file provides",
        "tools/script.py:1: tools.script (dev) imports ipbench.cli (cli), a higher layer",
        "tests/test_x.py:1: imports ipbench.paths, which no file provides",
    ]


def test_the_entry_point_exits_one_on_a_breach(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _tree(tmp_path, {"ipbench_core/paths.py": "import app.ui\n", "app/ui.py": ""})
    assert layers.main(["layers", str(root)]) == 1
    assert "ipbench_core/paths.py:1: ipbench_core.paths (base) imports app.ui (app), a higher layer" in capsys.readouterr().out
