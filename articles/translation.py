from modeltranslation.translator import TranslationOptions, register

from .models import Article, Section, Tag


@register(Section)
class SectionTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "summary", "body", "cover_caption", "cover_credit")
    # An English slug left empty is NULL, so any number of articles may lack one.
    empty_values = {"slug": None}


@register(Tag)
class TagTranslationOptions(TranslationOptions):
    fields = ("name",)
    empty_values = {"name": None}
