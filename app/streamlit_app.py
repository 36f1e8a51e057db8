"""Entry point of the ipbench app: language toggle, navigation, and the warehouse check before any page runs."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `streamlit run app/streamlit_app.py` from a plain checkout
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from app import data, i18n, ui  # noqa: E402
from app.i18n import t  # noqa: E402

st.set_page_config(page_title="ipbench", page_icon=":material/query_stats:", layout="wide")

# a direct link may ask for a language (?lang=en); the toggle decides from then on
if i18n.LANG_KEY not in st.session_state and st.query_params.get("lang") in i18n.LANGS:
    st.session_state[i18n.LANG_KEY] = st.query_params["lang"]

OVERVIEW = st.Page("views/overview.py", title=t("page_overview"), icon=":material/dashboard:", url_path="overview")
PAGES = [
    OVERVIEW,
    st.Page("views/benchmark.py", title=t("page_benchmark"), icon=":material/leaderboard:", url_path="benchmark"),
    st.Page("views/region_profile.py", title=t("page_profile"), icon=":material/location_city:", url_path="region_profile"),
    st.Page("views/quality.py", title=t("page_quality"), icon=":material/rule:", url_path="quality"),
    st.Page("views/sources.py", title=t("page_sources"), icon=":material/description:", url_path="sources"),
]


def _home() -> None:
    """The app's root URL: open the overview at its own URL (/overview), like every other page."""
    st.switch_page(OVERVIEW)


# Streamlit serves its default page at "/" only, so /overview would be "Page not found" if the
# overview were the default: the default is a hidden page that forwards to /overview instead.
page = st.navigation([st.Page(_home, title=t("page_overview"), url_path="home", default=True, visibility="hidden"), *PAGES])

with st.sidebar:
    st.radio(
        i18n.TEXT["language"][0],
        i18n.LANGS,
        key=i18n.LANG_KEY,
        format_func={"zh": "中文", "en": "English"}.get,
        horizontal=True,
    )
    st.caption(f"{t('warehouse')}: `{data.db_file()}`")

# the URL carries the language, so a copied link opens the page as the reader sees it (?lang=en)
if st.query_params.get("lang") != i18n.lang():
    st.query_params["lang"] = i18n.lang()

if ui.warehouse_gate():
    page.run()
