"""What a card shows, read from the page's subject: the one input of its drawing and name."""

import hashlib
import json
from dataclasses import asdict, dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _

from authors.models import Author
from core.site import site_name

from ..models import Article, Section, Tag
from ..selectors import authorships_prefetch, public_tags
from .draw import DESIGN_VERSION

KINDS = ("article", "section", "tag", "author", "site")


@dataclass(frozen=True)
class Card:
    """Everything a card draws; two cards with equal fields are the same image."""

    kind: str
    pk: int
    language: str
    rtl: bool
    title: str
    kicker: str = ""
    byline: str = ""
    date: str = ""
    site: str = ""
    # Names in the media storage: a cover drawn as the background, an author's photo.
    background: str = ""
    portrait: str = ""

    @property
    def digest(self):
        data = json.dumps([DESIGN_VERSION, asdict(self)], ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(data.encode()).hexdigest()[:20]

    @property
    def storage_name(self):
        return f"cards/{self.kind}/{self.pk}/{self.language}-{self.digest}.jpg"

    def get_absolute_url(self):
        """The card's address in the active edition; it changes whenever the card does."""
        return reverse(
            "articles:share_card", kwargs={"kind": self.kind, "pk": self.pk, "digest": self.digest}
        )


def _card(kind, pk, title, **fields):
    return Card(
        kind=kind,
        pk=pk,
        language=get_language(),
        rtl=get_language_bidi(),
        title=" ".join(str(title).split()),
        site=site_name(),
        **fields,
    )


def card_of(subject=None):
    """The card of a page's subject in the active language (None: the site's own).

    Reads only what the page has loaded: an article's section and authorships are
    expected to be fetched with it (``select_related``/``authorships_prefetch``).
    """
    if isinstance(subject, Article):
        separator = "، " if get_language_bidi() else ", "
        published = subject.published_at or timezone.now()
        return _card(
            "article",
            subject.pk,
            subject.title,
            kicker=subject.section.name,
            byline=separator.join(a.author.name for a in subject.authorships.all()),
            date=date_format(timezone.localtime(published), "j F Y"),
            background=subject.cover_image.name or "",
        )
    if isinstance(subject, Section):
        return _card("section", subject.pk, subject.name, kicker=_("Section"))
    if isinstance(subject, Tag):
        return _card("tag", subject.pk, subject.name, kicker=_("Tag"))
    if isinstance(subject, Author):
        return _card(
            "author",
            subject.pk,
            subject.name,
            kicker=subject.role or _("Author"),
            portrait=subject.photo.name or "",
        )
    return _card(
        "site", 0, site_name(), kicker=_("Analysis papers and news on Syria and the region.")
    )


def card_for(kind, pk):
    """The current card of a public subject by kind and id, or None: at most two queries."""
    if kind == "site":
        return card_of(None) if pk == 0 else None
    if kind == "article":
        found = (
            Article.objects.published()
            .without_text()
            .select_related("section")
            .prefetch_related(authorships_prefetch())
            .filter(pk=pk)
            .first()
        )
    elif kind == "section":
        found = Section.objects.filter(pk=pk).first()
    elif kind == "tag":
        found = public_tags().filter(pk=pk).first()
    elif kind == "author":
        found = Author.objects.filter(pk=pk).first()
    else:
        return None
    return None if found is None else card_of(found)
