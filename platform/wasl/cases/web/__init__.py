"""The staff pages of cases: the inbox, the list, the intake, the case page with its actions, the letter."""
