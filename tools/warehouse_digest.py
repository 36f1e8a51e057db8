"""Dev tool: one line per warehouse table (rows and a hash of its sorted rows), to show a refactor left the warehouse unchanged.

Usage: python tools/warehouse_digest.py [WAREHOUSE.duckdb] > before.txt; (change code; make build);
python tools/warehouse_digest.py > after.txt; diff before.txt after.txt
Columns holding wall-clock times (ingested_at, accepted_at) are left out of the hash.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

VOLATILE_COLUMNS = {"ingested_at", "accepted_at"}


def digest(db: Path) -> list[str]:
    """`schema.table rows=N hash=H` for every base table and view of the warehouse, sorted by name."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_catalog = current_database() order by 1, 2"
        ).fetchall()
        out = []
        for schema, table in tables:
            cols = [
                c
                for (c,) in con.execute(
                    "select column_name from information_schema.columns "
                    "where table_schema = ? and table_name = ? order by ordinal_position",
                    [schema, table],
                ).fetchall()
                if c not in VOLATILE_COLUMNS
            ]
            quoted = ", ".join(f'"{c}"' for c in cols)
            rows, h = con.execute(
                f"select count(*), coalesce(md5(string_agg(r, chr(10) order by r)), '-') "
                f'from (select cast(row({quoted}) as varchar) as r from "{schema}"."{table}")'
            ).fetchone()
            out.append(f"{schema}.{table} rows={rows} cols={len(cols)} hash={h}")
        return out
    finally:
        con.close()


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from ipbench_core import paths

    db = Path(argv[1]) if len(argv) > 1 else paths.db_path()
    if not db.exists():
        print(f"warehouse_digest: {db} does not exist; run `make build` first", file=sys.stderr)
        return 2
    print("\n".join(digest(db)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
