"""Regions: a document's region from its text, each figure's own region, and statistics tables by region."""
