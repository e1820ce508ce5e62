"""Spellings of one word that readers take for the same word: what the site search joins."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.arabic import without_clitics, words
from core.text import CleanTextMixin

SEPARATORS = re.compile("[،,]")


class SpellingGroup(CleanTextMixin, models.Model):
    spellings = models.CharField(
        _("spellings"),
        max_length=300,
        help_text=_(
            "The ways of writing one word, separated by «،» or «,»: سورية، سوريا. The site "
            "search finds each of them by any other. Write the word alone: «وسوريا» and "
            "«لسورية» are found anyway."
        ),
    )

    class Meta:
        ordering = ["spellings"]
        verbose_name = _("spelling group")
        verbose_name_plural = _("spelling groups")

    def __str__(self):
        return "، ".join(self.spelling_list())

    def spelling_list(self):
        """The spellings as the editor wrote them."""
        return [part.strip() for part in SEPARATORS.split(self.spellings) if part.strip()]

    def keys(self):
        """Each spelling as the search reads it (normalized, without «ال»), the first first.

        The first is the group's canonical word: the one every spelling is indexed and
        looked up as.
        """
        keys = []
        for spelling in self.spelling_list():
            for word in words(spelling)[:1]:
                if without_clitics(word) not in keys:
                    keys.append(without_clitics(word))
        return keys

    def clean(self):
        errors, seen = [], {}
        for spelling in self.spelling_list():
            found = words(spelling)
            if len(found) != 1:
                errors.append(
                    ValidationError(
                        _("Write one word for each spelling: «%(spelling)s» is not one word."),
                        params={"spelling": spelling},
                    )
                )
                continue
            key = without_clitics(found[0])
            if key in seen:
                errors.append(
                    ValidationError(
                        _("The search already takes «%(first)s» and «%(second)s» for one word."),
                        params={"first": seen[key], "second": spelling},
                    )
                )
            seen[key] = spelling
        if not errors and len(seen) < 2:
            errors.append(ValidationError(_("Write at least two spellings of the word.")))
        # A spelling in two groups would make the search choose between their words.
        for other in SpellingGroup.objects.exclude(pk=self.pk):
            for key in set(other.keys()) & set(seen):
                errors.append(
                    ValidationError(
                        _("«%(spelling)s» is already in the group «%(group)s»."),
                        params={"spelling": seen[key], "group": other},
                    )
                )
        if errors:
            raise ValidationError({"spellings": errors})
