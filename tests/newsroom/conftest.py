import pytest

from tests.factories import UserFactory


@pytest.fixture
def editor():
    return UserFactory(role="Editors")


@pytest.fixture
def contributor():
    return UserFactory(role="Contributors")
