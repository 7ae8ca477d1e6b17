"""Tenancy: associations, the current-tenant context and automatic query scoping."""
