"""Ingest: read plan documents (three table layouts and prose) into the raw layer of the warehouse."""
