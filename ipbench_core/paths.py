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
ENV_ALIASES = "IPBENCH_ALIASES"
USER_ALIASES_NAME = "user_metric_aliases.csv"


def db_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The warehouse file: explicit override, else $IPBENCH_DB, else warehouse/ipbench.duckdb."""
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(ENV_DB)
    return Path(env).expanduser().resolve() if env else DEFAULT_DB


def reports_dir(db: Path) -> Path:
    """Reports live next to the warehouse file: reports/ for ipbench.duckdb, NAME.reports/ for NAME.duckdb
    (two warehouses in one folder never overwrite each other's reports)."""
    db = Path(db)
    return db.parent / ("reports" if db.stem == DEFAULT_DB.stem else f"{db.stem}.reports")


def user_aliases_path(db: Path) -> Path:
    """The user alias CSV (`ipbench metrics accept`): $IPBENCH_ALIASES, else user_metric_aliases.csv next to the warehouse."""
    env = os.environ.get(ENV_ALIASES)
    return Path(env).expanduser().resolve() if env else Path(db).parent / USER_ALIASES_NAME
