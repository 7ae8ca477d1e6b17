"""An association running its own house: staff, invitations, roles, profile, holidays and audit."""
