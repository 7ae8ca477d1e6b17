"""The operator tests share administration's per-request cache reset (see its conftest)."""

from tests.administration.conftest import fresh_request_caches  # noqa: F401 - autouse fixture
