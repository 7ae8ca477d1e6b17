"""The platform operator's side: console, second factor, onboarding, lifecycle and export."""
