"""The editors' admin: articles (with their history), the taxonomy around them, and the
spellings the search joins."""

from ..revisions import register

# Before the admin classes: reversion-compare's admin registers a model it finds
# unregistered with its inlines only, which would leave the tag links out of revisions.
# The admin is autodiscovered before ArticlesConfig.ready() runs.
register()

from . import articles, search, taxonomy  # noqa: E402, F401  (each registers its models)
