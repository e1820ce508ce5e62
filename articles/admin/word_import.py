"""«استيراد من Word»: the article list's form that makes a Word document a draft.

The work is :func:`articles.ingest.word.importer.docx_import`; this is the form
(file, section, authors in order, language, the article an English document
translates), the view ``ArticleAdmin.get_urls`` adds, and the admin's workflow
around it: whoever may add articles may import (writers too), the result is
always a draft created by them, and an English translation goes only into an
article they may edit.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from authors.models import Author

from .. import access
from ..ingest.word.importer import docx_import
from ..ingest.word.package import WordImportError, check_size, max_upload_bytes
from ..models import Article, Section

DOCX_TYPES = ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class WordImportForm(forms.Form):
    document = forms.FileField(
        label=_("Word document"),
        help_text=_("A .docx file saved from Word, LibreOffice or Google Docs."),
        widget=forms.ClearableFileInput(attrs={"accept": DOCX_TYPES}),
    )
    section = forms.ModelChoiceField(label=_("section"), queryset=Section.objects.all())
    authors = forms.ModelMultipleChoiceField(
        label=_("authors"),
        queryset=Author.objects.all(),
        required=False,
        help_text=_("In the order of the byline."),
    )
    language = forms.ChoiceField(
        label=_("The document's language"),
        choices=[("ar", _("Arabic")), ("en", _("English"))],
        initial="ar",
    )
    translation_of = forms.ModelChoiceField(
        label=_("English translation of"),
        queryset=Article.objects.none(),
        required=False,
        help_text=_(
            "For an English document: the article it translates. Only its empty English "
            "fields are filled."
        ),
    )
    use_cover = forms.BooleanField(
        label=_("Use the document's first image as the cover"), required=False, initial=True
    )

    def __init__(self, *args, user, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].widget = AutocompleteSelect(
            Article._meta.get_field("section"), admin_site
        )
        self.fields["authors"].widget = AutocompleteSelectMultiple(
            Article._meta.get_field("authors"), admin_site
        )
        for name in ("section", "authors"):
            self.fields[name].widget.choices = self.fields[name].choices
        self.fields["translation_of"].queryset = access.editable_articles(user).order_by(
            "-updated_at"
        )
        self.fields["section"].required = False
        # The first section, as the admin's menu lists them, until the editor picks another.
        self.fields["section"].initial = Section.objects.order_by("position", "pk").first()

    def clean_document(self):
        upload = self.cleaned_data["document"]
        try:
            check_size(upload.size)
        except WordImportError as error:
            raise forms.ValidationError(error.message, code=error.code) from error
        return upload

    def clean_authors(self):
        chosen = {str(author.pk): author for author in self.cleaned_data["authors"]}
        # The byline's order is the order the editor picked them in.
        return [chosen[pk] for pk in dict.fromkeys(self.data.getlist("authors")) if pk in chosen]

    def clean(self):
        data = super().clean()
        if data.get("translation_of") and data.get("language") != "en":
            self.add_error(
                "translation_of", _("Only an English document is imported as a translation.")
            )
        if not data.get("translation_of") and not data.get("section"):
            self.add_error("section", _("Choose the article's section."))
        return data


class WordImportMixin:
    """Adds the import view to ``ArticleAdmin`` (``get_urls``) and its button to the list."""

    change_list_template = "admin/articles/article/change_list.html"

    def get_urls(self):
        view = self.admin_site.admin_view(self.word_import_view)
        return [
            path("import-word/", view, name="articles_article_import_word"),
            *super().get_urls(),
        ]

    def word_import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = WordImportForm(
            request.POST or None,
            request.FILES or None,
            user=request.user,
            admin_site=self.admin_site,
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            upload = data["document"]
            try:
                result = docx_import(
                    data=upload.read(),
                    name=upload.name,
                    user=request.user,
                    section=data["section"],
                    authors=data["authors"],
                    language=data["language"],
                    translation_of=data["translation_of"],
                    cover=data["use_cover"],
                )
            except WordImportError as error:
                form.add_error("document", error.message)
            else:
                messages.success(request, result.message)
                return redirect("admin:articles_article_change", result.article.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": _("Import from Word"),
            "max_size": max_upload_bytes(),
        }
        return TemplateResponse(request, "admin/articles/article/word_import.html", context)
