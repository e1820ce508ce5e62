"""Links between the editions: the language switcher and the hreflang alternates."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils.translation import get_language, get_language_info, override


@dataclass
class LanguageLink:
    code: str
    name: str
    url: str
    #: whether ``url`` is this same page in that language (else: that edition's home)
    exists: bool
    current: bool


def _home(code):
    with override(code):
        return reverse("articles:home")


def language_links(request, url_for=None):
    """One link per language to this page in that language, or to its home page.

    ``url_for(code)`` gives the page's URL in a language, or None where the
    page does not exist in it (an article with no English text); without it the
    current URL is translated route for route.
    """
    current = get_language()
    try:
        resolve(request.path_info)
        found = True
    except Resolver404:
        found = False
    links = []
    for code, _name in settings.LANGUAGES:
        if url_for is not None:
            url = url_for(code)
        elif found:
            url = translate_url(request.get_full_path(), code)
        else:
            url = None
        exists = url is not None and (code == current or found)
        links.append(
            LanguageLink(
                code=code,
                name=get_language_info(code)["name_local"],
                url=url if exists else _home(code),
                exists=exists,
                current=code == current,
            )
        )
    return links


def article_url_in(article):
    """The article's URL in each language it is written in (None in the others)."""
    languages = article.languages()

    def url_for(code):
        if code not in languages:
            return None
        with override(code):
            return article.get_absolute_url()

    return url_for
