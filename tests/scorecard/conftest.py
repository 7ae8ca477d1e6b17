"""A seed association with its staff, a page client per test, and the survey links its deliveries send."""

from tests.surveys.conftest import invitations, wefaq  # noqa: F401 - the same fixtures
