from django.conf import settings
from django.utils.translation import gettext


def site_name():
    """The publication's name in the active language (``DJANGO_SITE_NAME`` overrides)."""
    return settings.SITE_NAME or gettext("Centre for Studies")
