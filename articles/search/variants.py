"""The editors' spelling groups as the search reads them: «سوريا» is indexed and looked up
as «سورية», with or without a clitic («وسوريا», «لسورية»).

Each process keeps the table and reloads it when its version in the shared cache
changes. A change of a group drops the version at once and sets a new one when the
change commits (as the page cache's stamp does), so every process reloads it, and a
process that loads it in between reads it again after the commit.
"""

import uuid

from django.core.cache import cache
from django.db import transaction

from ..models import SpellingGroup

VERSION_KEY = "search:spelling-groups"

# What may be written before a noun: a conjunction (و، ف), a preposition (ب، ك، ل) and the
# article, in that order; ل with the article is «لل». Read off a word only when what
# remains is a spelling of a group: «لسوريا» is «ل» + «سوريا», but «وزارة» stays «وزارة»,
# which is why core.arabic.stem strips only the article and the clitics written with it.
CLITICS = sorted(
    {
        conjunction + ("لل" if preposition == "ل" and article else preposition + article)
        for conjunction in ("", "و", "ف")
        for preposition in ("", "ب", "ك", "ل")
        for article in ("", "ال")
    }
    - {""}
)


class Variants:
    """Which group's canonical word a normalized word is, in any spelling of the group."""

    def __init__(self, groups=()):
        """``groups``: each group's keys (``SpellingGroup.keys()``), the canonical one first."""
        direct, with_clitic = {}, {}
        for keys in groups:
            for key in keys:
                direct.setdefault(key, keys[0])
                for clitic in CLITICS:
                    with_clitic.setdefault(clitic + key, keys[0])
        # A spelling as written wins over reading a clitic off another word.
        self._canonical = with_clitic | direct

    def canonical(self, word):
        """The canonical word of the group ``word`` (normalized) is spelt from, or None."""
        return self._canonical.get(word)


NO_VARIANTS = Variants()

_loaded = (None, NO_VARIANTS)


def load():
    return Variants(group.keys() for group in SpellingGroup.objects.order_by("pk"))


def current():
    """The table as the editors left it: one cache read, and a query when it changed."""
    global _loaded
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)  # unless another process just did
        version = cache.get(VERSION_KEY)
    if version is None or _loaded[0] != version:  # None: no cache to share a version in
        _loaded = (version, load())
    return _loaded[1]


def changed():
    """A group changed: every process reads the table again, now and after the commit."""
    cache.delete(VERSION_KEY)
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, None))


def respelt_words(before, after):
    """Index words of the articles whose text a group's change re-spells.

    ``before`` and ``after`` are the group's keys (empty when it is new or deleted).
    Words of the group were indexed as its canonical word; a spelling it did not have
    was indexed as written, with whatever clitic it had.
    """
    found = set()
    if before and (after[:1] != before[:1] or set(before) - set(after)):
        found.add(before[0])
    for key in set(after) - set(before):
        found.update([key, *(clitic + key for clitic in CLITICS)])
    return found
