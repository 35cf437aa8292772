"""Writes of the traceability app: each checks permission, validates, writes and audits in one transaction."""
