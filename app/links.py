"""Deep links (?metric=, ?region=, ?doc=): a link to something the warehouse does not hold says so instead of silently showing the default."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import streamlit as st

from app import ui
from app.i18n import t

# URL parameter -> the i18n key of its notice
NOTICE_KEYS: dict[str, str] = {"metric": "unknown_metric", "region": "unknown_region", "doc": "unknown_document"}


def notice_unknown(param: str, asked: Any, known: Iterable[Any]) -> bool:
    """Show a notice when the URL asks for `param`=`asked` and it is not among `known`; True when shown."""
    if not isinstance(asked, str) or not asked or asked in set(known):
        return False
    st.warning(t(NOTICE_KEYS[param], value=ui.md_text(asked[:200])), icon=":material/link_off:")
    return True
