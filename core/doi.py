"""Digital Object Identifiers: the shape editors may type, and the address a DOI resolves at."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# "10." + a registrant code of four or more digits (sub-codes allowed) + "/" + a suffix.
DOI = re.compile(r"^10\.\d{4,9}(?:\.\d+)*/\S+$")


def validate_doi(value):
    if value and not DOI.match(value):
        raise ValidationError(
            _(
                "Enter a DOI such as 10.1234/abcd.2025.014: it starts with 10., "
                "a number of four or more digits and a slash, without https://doi.org/."
            ),
            code="invalid_doi",
        )


def doi_url(doi):
    return f"https://doi.org/{doi}" if doi else ""
