from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared helpers with no models: text, Arabic script, slugs, uploads, CSP, template tags.

    Imports Django and third-party packages only, never one of the project's apps.
    """

    name = "core"
    verbose_name = "core"
