"""Accounts: one global identity, memberships in associations, roles made of permissions."""
