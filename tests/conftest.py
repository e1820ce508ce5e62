import pytest
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads in tests land in a temporary folder, never in the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def arabic():
    """Code outside a request runs in Arabic, the default language, as in production."""
    with translation.override("ar"):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the database it saw before is rolled back."""
    cache.clear()
    yield
    cache.clear()
