import pytest

from tests.cases.support import staff


@pytest.fixture
def wefaq(factory):
    association = staff(factory, factory.seed_tenant("wefaq"), tokens=True)
    factory.commit()
    return association
