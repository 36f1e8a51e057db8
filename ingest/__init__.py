"""Ingest: read documents (readers/ by format, tables/ by layout, prose/, regions/) into the raw layer of the warehouse."""
