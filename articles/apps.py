from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Content")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import caching, search

        caching.connect_signals()
        post_migrate.connect(search.restore_sqlite_index, sender=self)
