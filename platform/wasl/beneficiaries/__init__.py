"""The beneficiary registry: identity, encrypted contact data, Arabic name search, consents."""
