import re

from django.db import models

# C0 controls (but tab, newline and carriage return) and DEL: never meant by an
# editor (they arrive with pasted text), and invalid in XML, so in feeds.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_control_characters(value):
    return CONTROL_CHARACTERS.sub("", value) if isinstance(value, str) else value


class CleanTextMixin:
    """Removes control characters from every text field before saving."""

    def save(self, *args, **kwargs):
        for field in self._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField):
                value = getattr(self, field.attname)
                setattr(self, field.attname, strip_control_characters(value))
        super().save(*args, **kwargs)
