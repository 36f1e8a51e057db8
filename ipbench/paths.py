"""Every path ipbench uses, resolved in one place (the warehouse file comes from IPBENCH_DB)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = ROOT / "ingest" / "corpus"
CATALOG = CORPUS_DIR / "catalog.csv"
DBT_DIR = ROOT / "dbt_project"
SEEDS_DIR = DBT_DIR / "seeds"
REGIONS_SEED = SEEDS_DIR / "regions.csv"
EXPECTATIONS_DIR = ROOT / "expectations"
APP_DIR = ROOT / "app"
APP_ENTRY = APP_DIR / "streamlit_app.py"
DEFAULT_DB = ROOT / "warehouse" / "ipbench.duckdb"
ENV_DB = "IPBENCH_DB"


def db_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The warehouse file: explicit override, else $IPBENCH_DB, else warehouse/ipbench.duckdb."""
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(ENV_DB)
    return Path(env).expanduser().resolve() if env else DEFAULT_DB


def reports_dir(db: Path) -> Path:
    """Reports live next to the warehouse file, in reports/."""
    return db.parent / "reports"
