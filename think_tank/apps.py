from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AxesAppConfig):
    """django-axes under a name editors read: its section in the admin says what it holds."""

    verbose_name = _("Login attempts")
