"""Bulk import of an association's existing register of beneficiaries from an XLSX or CSV file."""
