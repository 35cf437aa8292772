"""Reads of the traceability app."""
