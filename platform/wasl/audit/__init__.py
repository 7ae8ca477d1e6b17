"""Append-only audit trail: one for each association, one for the platform."""
