"""The app's pages, each run by st.navigation as a script."""
