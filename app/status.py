"""What a target's status means in words: achieved / missed / year passed without an actual / progress, shared by the pages."""

from __future__ import annotations

from typing import Any

import pandas as pd

from app import ui
from app.i18n import t

# target_status of mart_region_benchmark -> the i18n key naming the kind of point a target is drawn as
TARGET_KIND_KEY: dict[str, str] = {
    "achieved": "kind_achieved",
    "missed": "kind_missed",
    "year_passed_no_actual": "kind_year_passed",
    "actual_other_basis": "kind_other_basis",
}


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) and value is not pd.NA


def target_kind(status: Any) -> str:
    """The legend word for a target: a current goal ('target') or what became of a past one."""
    return t(TARGET_KIND_KEY.get(status, "kind_target")) if isinstance(status, str) else t("kind_target")


def status_text(row: Any) -> str:
    """One benchmark row's status in words ('' while a target is ahead with no actual in between)."""
    status = getattr(row, "target_status", None)
    if isinstance(status, str) and _present(getattr(row, "target_year", None)):
        return t("status_" + status, actual=ui.fmt_num(getattr(row, "target_actual_value", None)), year=int(row.target_year))
    progress = getattr(row, "progress_status", None)
    if isinstance(progress, str) and _present(getattr(row, "progress_year", None)):
        expected = getattr(row, "progress_expected_value", None)
        return t("status_" + progress, actual=ui.fmt_num(row.progress_value), year=int(row.progress_year),
                 expected=ui.fmt_num(round(expected, 4)) if _present(expected) else "")
    return ""
