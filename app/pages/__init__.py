"""Placeholder kept only because pyproject lists the package `app.pages`; the pages live in app/views/.

A folder named `pages` next to the entry script switches Streamlit 1.67 into its legacy multipage
mode on a server's first run (a deep link such as /benchmark then shows "Page not found"); delete
this folder once pyproject lists `app.views` instead.
"""
