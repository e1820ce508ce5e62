from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Content")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import documents, revisions
        from .cards import checks  # noqa: F401 - registers the libraqm check
        from .pagecache import signals as pagecache_signals
        from .rendering import cover
        from .search import backends
        from .search import signals as search_signals
        from .stored import signals as rendering_signals

        revisions.register()
        documents.connect()
        pagecache_signals.connect()
        search_signals.connect()
        cover.connect()
        rendering_signals.connect()
        post_migrate.connect(backends.restore_sqlite_index, sender=self)
