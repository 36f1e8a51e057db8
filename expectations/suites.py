"""The Great Expectations suites, defined in code: one suite of row-level expectations per mart."""

from __future__ import annotations

from dataclasses import dataclass, field

from great_expectations import expectations as gxe
from great_expectations.expectations.expectation import Expectation

VALUE_KINDS = ["actual", "target", "change", "unknown"]  # change: 增长X% (issue 11), never mixed with levels
BASES = ["stock", "annual", "cumulative", "ratio", "unknown"]
QUALIFIERS = [">=", "<=", ""]
SEVERITIES = ["error", "warning", "info"]

PERCENT_ROWS = 'unit == "%" and value_kind != "change"'  # a change (增长186%) may exceed 100
PER_10K_ROWS = 'indicator_key.str.startswith("每万人", na=False)'


@dataclass(frozen=True)
class SuiteSpec:
    """One mart, the columns that identify a row in reports, and the expectations it must meet."""

    table: str
    id_columns: list[str]
    expectations: list[Expectation] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.table}_suite"


def _cond(expectation_class: type[Expectation], row_condition: str, **kwargs: object) -> Expectation:
    """An expectation applied only to the rows matching a pandas query."""
    return expectation_class(row_condition=row_condition, condition_parser="pandas", **kwargs)


def build_suites() -> list[SuiteSpec]:
    """Every suite `ipbench check` runs, in report order."""
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
            _cond(gxe.ExpectColumnValuesToBeBetween, PERCENT_ROWS, column="value", min_value=0, max_value=100),
            _cond(gxe.ExpectColumnValuesToBeBetween, PER_10K_ROWS, column="value", min_value=0, max_value=1000),
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
            _cond(gxe.ExpectColumnValuesToBeBetween, PERCENT_ROWS, column="value", min_value=0, max_value=100),
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
            gxe.ExpectColumnValuesToBeBetween(column="baseline_per_10k", min_value=0, max_value=1000),
            gxe.ExpectColumnValuesToBeBetween(column="target_per_10k", min_value=0, max_value=1000),
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
            # the finding itself is the report: this one fails (and lists them) while error findings exist
            gxe.ExpectColumnValuesToNotBeInSet(
                column="severity", value_set=["error"],
                meta={"notes": "No error-severity findings: a document contradicts itself or a value is impossible."},
            ),
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
