"""The Great Expectations suites, defined in code: the row-level integrity of each mart (findings are data, not failures)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from great_expectations.expectations.expectation import Expectation

VALUE_KINDS = ["actual", "target", "change", "unknown"]  # change: 增长X% (issue 11), never mixed with levels
BASES = ["stock", "annual", "cumulative", "ratio", "unknown"]
QUALIFIERS = [">=", "<=", ""]
SEVERITIES = ["error", "warning", "info"]

# Value ranges (a percentage above 100, a per-10k ratio above 1000, an error-severity finding) are
# findings about the documents, reported from mart_quality_findings (qc_plausibility_range): a failed
# expectation here means the pipeline produced a broken mart, never that a document is odd.


@dataclass(frozen=True)
class SuiteSpec:
    """One mart, the columns that identify a row in reports, and the expectations it must meet."""

    table: str
    id_columns: list[str]
    expectations: list["Expectation"] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.table}_suite"


def build_suites() -> list[SuiteSpec]:
    """Every suite `ipbench check` runs, in report order (imports GX, which takes seconds: call only to validate)."""
    from great_expectations import expectations as gxe

    provenance = ["observation_id", "document_id", "source_kind", "source_line", "source_text", "indicator_label",
                  "indicator_key", "document_status"]  # region_code may be unknown: dbt's qc_region_unknown
    observations = SuiteSpec(
        table="fct_indicator_observation",
        id_columns=["observation_id"],
        expectations=[
            gxe.ExpectColumnValuesToBeUnique(column="observation_id"),
            *[gxe.ExpectColumnValuesToNotBeNull(column=column) for column in provenance],
            gxe.ExpectColumnValuesToBeInSet(column="value_kind", value_set=VALUE_KINDS),
            gxe.ExpectColumnValuesToBeInSet(column="basis", value_set=BASES),
            gxe.ExpectColumnValuesToBeInSet(column="qualifier", value_set=QUALIFIERS),
            gxe.ExpectColumnValuesToBeInSet(column="source_kind", value_set=["table", "prose"]),
            gxe.ExpectColumnValuesToBeInSet(column="document_status", value_set=["draft", "final"]),
            gxe.ExpectColumnValuesToBeBetween(column="year", min_value=2000, max_value=2040),
            gxe.ExpectColumnValuesToBeBetween(column="source_line", min_value=1),
        ],
    )
    values = SuiteSpec(
        table="fct_indicator_value",
        id_columns=["region_code", "metric_id", "year", "value_kind", "basis"],
        expectations=[
            gxe.ExpectCompoundColumnsToBeUnique(column_list=["region_code", "metric_id", "year", "value_kind", "basis"]),
            *[gxe.ExpectColumnValuesToNotBeNull(column=column)
              for column in ["region_code", "metric_id", "value", "observation_id", "document_id", "source_line"]],
            gxe.ExpectColumnValuesToBeInSet(column="value_kind", value_set=VALUE_KINDS),
            gxe.ExpectColumnValuesToBeInSet(column="basis", value_set=BASES),
            gxe.ExpectColumnValuesToBeBetween(column="year", min_value=2000, max_value=2040),
            gxe.ExpectColumnValuesToBeBetween(column="n_observations", min_value=1),
        ],
    )
    benchmark = SuiteSpec(
        table="mart_region_benchmark",
        id_columns=["region_code", "metric_id", "basis"],
        expectations=[
            gxe.ExpectCompoundColumnsToBeUnique(column_list=["region_code", "metric_id", "basis"]),
            gxe.ExpectColumnValuesToNotBeNull(column="region_code"),
            gxe.ExpectColumnValuesToNotBeNull(column="metric_id"),
            gxe.ExpectColumnValuesToBeInSet(column="basis", value_set=BASES),
            gxe.ExpectColumnValuesToBeBetween(column="baseline_year", min_value=2000, max_value=2040),
            gxe.ExpectColumnValuesToBeBetween(column="target_year", min_value=2000, max_value=2040),
            gxe.ExpectColumnValuesToBeBetween(column="rank_in_level", min_value=1),
        ],
    )
    findings = SuiteSpec(
        table="mart_quality_findings",
        id_columns=["finding_id"],
        expectations=[
            gxe.ExpectColumnValuesToBeUnique(column="finding_id"),
            *[gxe.ExpectColumnValuesToNotBeNull(column=column) for column in ["finding_id", "check_name", "severity", "details"]],
            gxe.ExpectColumnValuesToBeInSet(column="severity", value_set=SEVERITIES),
        ],
    )
    sources = SuiteSpec(
        table="mart_quality_finding_sources",
        id_columns=["finding_id", "source_no"],
        expectations=[
            gxe.ExpectCompoundColumnsToBeUnique(column_list=["finding_id", "source_no"]),
            *[gxe.ExpectColumnValuesToNotBeNull(column=column)
              for column in ["finding_id", "document_id", "source_line", "source_text"]],
        ],
    )
    return [observations, values, benchmark, findings, sources]
