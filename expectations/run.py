"""The result of one `ipbench check` run, shared by the check (which makes it) and the report (which shows it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

SEVERITY_ORDER = ["error", "warning", "info"]
SUMMARY_COLUMNS = [*SEVERITY_ORDER, "confirmed"]


@dataclass
class ExpectationOutcome:
    """One expectation of one suite (over all batches of its mart), as shown in the summary and the report."""

    suite: str
    table: str
    expectation: str
    column: str
    success: bool
    unexpected_count: int = 0
    examples: list[str] = field(default_factory=list)
    rows: int = 0
    batches: int = 0


@dataclass
class CheckRun:
    """Everything one `ipbench check` produced; the frames are bounded (aggregates and capped samples)."""

    db: Path
    matrix: pd.DataFrame  # check_name × error/warning/info/confirmed counts
    findings: pd.DataFrame  # the findings shown in the report: at most SHOWN_PER_CHECK per check, confirmations apart
    sources: pd.DataFrame  # their quoted sources (at most QUOTES_PER_FINDING each) with document title and status
    expectations: list[ExpectationOutcome]
    data_docs_index: Path | None
    # check_name -> its Chinese name as the problem it finds (mart_quality_findings.check_problem_zh, from seed check_names)
    check_problems_zh: dict[str, str] = field(default_factory=dict)
    report_path: Path | None = None
    report_paths: list[Path] = field(default_factory=list)

    @property
    def n_findings(self) -> int:
        """Problems found (confirmations not counted)."""
        return int(self.matrix[SEVERITY_ORDER].to_numpy().sum()) if not self.matrix.empty else 0

    @property
    def n_confirmed(self) -> int:
        return int(self.matrix["confirmed"].sum()) if not self.matrix.empty else 0
