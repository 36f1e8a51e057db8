"""The app's pages, each a script run by st.navigation (not named pages/: that folder name switches Streamlit to its legacy multipage mode)."""
