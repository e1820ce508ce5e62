"""Articles in the admin: the editorial workflow, history, locking and restore."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin
from taggit.managers import TaggableManager

from core.csp import FormMediaNonceAdminMixin
from core.images import ImageUploadField
from core.widgets import DirectionalInputsMixin, LanguageTabsMixin, RichTextEditorMixin

from .. import access, search
from ..models import Article, Authorship
from ..revisions.comparison import ArticleCompareMixin
from ..revisions.locking import EditConflict, claim_version, locked_version
from ..revisions.restore import RestorePlan
from ..services import article_keep_old_addresses, article_published_slugs
from ..tagging import EditorTagField
from .columns import ArticleColumnsMixin
from .documents import DOCUMENT_FIELDS, DocumentDetailsForm
from .filters import EnglishTranslationFilter, PublicationFilter
from .formsets import (
    AuthorshipInline,
    ReadAlsoInline,
    ReferenceInline,
    citation_gaps,
    is_read_also_autocomplete,
    numbers_list,
)
from .word_import import WordImportMixin

logger = logging.getLogger(__name__)


@dataclass
class EditContext:
    """What one admin request knows of the article it edits, from its first step to its save.

    Django's admin hands each step only the request; this object is the one thing
    carried on it (``edit_context(request)``).
    """

    #: the article's edit_version read under the row lock at the start of the request
    version_now: int | None = None
    #: the slugs it was published under before a revision was written back (restoring)
    restoring: dict | None = None
    #: what the revision being restored points to that is gone
    plan: RestorePlan | None = None


def edit_context(request):
    context = getattr(request, "article_edit", None)
    if context is None:
        context = request.article_edit = EditContext()
    return context


@admin.register(Article)
class ArticleAdmin(
    WordImportMixin,
    ArticleColumnsMixin,
    DirectionalInputsMixin,
    LanguageTabsMixin,
    RichTextEditorMixin,
    FormMediaNonceAdminMixin,
    ArticleCompareMixin,
    CompareVersionAdmin,
    TabbedTranslationAdmin,
):
    """Articles, with their history (django-reversion) and comparisons (reversion-compare).

    Every save keeps a revision of the article with its authors, references,
    read-also links and tags (articles/revisions/) and is refused if the
    article was saved by someone else since the form was opened.
    """

    form = DocumentDetailsForm
    inlines = [AuthorshipInline, ReferenceInline, ReadAlsoInline]
    list_display = [
        "title",
        "section",
        "status_label",
        "published_at",
        "author_names",
        "featured",
    ]
    list_display_links = ["title"]
    list_filter = [
        "status",
        PublicationFilter,
        EnglishTranslationFilter,
        "section",
        "authors",
        "tags",
        "featured",
        "summary_only",
    ]
    list_select_related = ["section"]
    search_fields = ["title_ar", "title_en", "summary_ar", "summary_en"]
    date_hierarchy = "published_at"
    # Each edition's slug from its own title (modeltranslation maps slug_en ← title_en).
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["section"]
    readonly_fields = ["cover_preview", "created_at", "updated_at", "page_count"]
    save_on_top = True
    # Uploads are checked by content and re-encoded before they are stored.
    formfield_overrides = {
        models.ImageField: {"form_class": ImageUploadField},
        TaggableManager: {"form_class": EditorTagField},
    }
    fieldsets = [
        (None, {"fields": ["title", "slug", "section", "summary", "body", "seen_version"]}),
        (
            _("Publication"),
            {"fields": ["status", "published_at", "featured", "summary_only", "tags"]},
        ),
        (
            _("cover image"),
            {"fields": ["cover_image", "cover_preview", "cover_caption", "cover_credit"]},
        ),
        (_("Document details"), {"fields": DOCUMENT_FIELDS}),
        (_("History"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "published_at" and formfield is not None:
            # Editors abroad see their own clock's offset from the browser; the field
            # itself is in the site's time, and says so.
            formfield.help_text = format_html(
                "{} {}",
                formfield.help_text,
                _("Times are in the site's time zone (%(zone)s).") % {"zone": settings.TIME_ZONE},
            )
        return formfield

    def get_queryset(self, request):
        queryset = (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("authorships", queryset=Authorship.objects.select_related("author"))
            )
        )
        if self.can_publish(request):
            return queryset
        if is_read_also_autocomplete(request):
            # A writer picks «read also» among what is public and their own (``access``).
            return queryset & access.pickable_articles(request.user)
        return queryset & access.editable_articles(request.user)

    # The editorial workflow, enforced here on the server: a writer (no
    # "publish" permission) sees and edits only their own unpublished articles,
    # and cannot choose "published" or set the publication time, whatever the
    # browser sends.
    def can_publish(self, request):
        return access.may_publish(request.user)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or self.can_publish(request):
            return True
        return obj.created_by_id == request.user.pk and obj.status != Article.Status.PUBLISHED

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or self.can_publish(request) or obj.created_by_id == request.user.pk

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.can_publish(request):
            fields += ["published_at", "featured"]
        return fields

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        version_now = edit_context(request).version_now

        class ArticleForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, current_version=version_now, **kwargs)

        form = ArticleForm
        if not self.can_publish(request) and "status" in form.base_fields:
            form.base_fields["status"].choices = [
                choice
                for choice in form.base_fields["status"].choices
                if choice[0] != Article.Status.PUBLISHED
            ]
        return form

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        if obj.status == Article.Status.PUBLISHED and not self.can_publish(request):
            raise PermissionDenied
        context = edit_context(request)
        if context.restoring is not None:
            # The row was rewritten from the revision in this transaction, under the
            # lock taken before; the form's number was checked against the one before.
            obj.edit_version = context.version_now + 1
            old_slugs = context.restoring
        else:
            if change:
                # Every save, even one that changes only the inlines, moves the version on.
                seen = form.cleaned_data.get("seen_version")
                claim_version(obj, obj.edit_version if seen is None else seen)
            old_slugs = article_published_slugs(article=obj)
        super().save_model(request, obj, form, change)
        # The addresses it was published under stay alive.
        article_keep_old_addresses(article=obj, old_slugs=old_slugs)

    # No lost work. A POST locks the article's row first (PostgreSQL; SQLite
    # serializes writers anyway), so the version the form was opened at is
    # compared with the stored one while nobody else can save.
    def _lock_version(self, request, object_id):
        edit_context(request).version_now = locked_version(object_id)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method != "POST":
            return super().change_view(request, object_id, form_url, extra_context)
        try:
            with transaction.atomic():
                self._lock_version(request, unquote(object_id))
                return super().change_view(request, object_id, form_url, extra_context)
        except EditConflict:
            # Saved by someone else between the check and the write: nothing of this
            # request was kept. Shown again, the form now explains the conflict.
            with transaction.atomic():
                self._lock_version(request, unquote(object_id))
                return super().change_view(request, object_id, form_url, extra_context)

    # History, restore and recover follow the workflow: a writer restores only
    # their own article, never a published one, and never makes one published.
    def _article_version(self, request, version_id):
        version = get_object_or_404(
            Version,
            pk=version_id,
            content_type=ContentType.objects.get_for_model(Article),
        )
        data = version.field_dict
        if not self.can_publish(request) and (
            data.get("status") == Article.Status.PUBLISHED
            or data.get("created_by_id") != request.user.pk
        ):
            raise PermissionDenied
        return version

    def revision_view(self, request, object_id, version_id, extra_context=None):
        object_id = unquote(object_id)
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = self._article_version(request, version_id)
        if version.object_id != str(obj.pk):
            raise Http404
        back = redirect("admin:articles_article_history", obj.pk)
        if not self._plan_restore(request, version):
            return back
        try:
            with transaction.atomic():
                self._lock_version(request, obj.pk)
                edit_context(request).restoring = article_published_slugs(article=obj)
                return super().revision_view(request, object_id, version_id, extra_context)
        except IntegrityError:
            return self._restore_failed(request, back)

    def recover_view(self, request, version_id, extra_context=None):
        version = self._article_version(request, version_id)
        if Article.objects.filter(pk=version.object_id).exists():
            # Not deleted: restoring goes through its history, with its checks.
            raise Http404
        back = redirect("admin:articles_article_recoverlist")
        if not self._plan_restore(request, version):
            return back
        context = edit_context(request)
        context.version_now = version.field_dict.get("edit_version") or 0
        context.restoring = {}
        try:
            with transaction.atomic():
                return super().recover_view(request, version_id, extra_context)
        except IntegrityError:
            return self._restore_failed(request, back)

    # A revision may point to authors, tags, suggested articles or a section deleted
    # since it was saved. Restoring leaves out the links to what is gone and says so;
    # a missing section refuses the restore before anything is touched.
    def _plan_restore(self, request, version):
        plan = RestorePlan(version)
        if plan.refused:
            messages.error(request, plan.refused)
            return False
        edit_context(request).plan = plan
        return True

    def _restore_failed(self, request, back):
        # Whatever else the revision points to that is gone: the transaction is rolled
        # back whole, and the editor is told so instead of getting an error page.
        logger.exception("restoring an article's revision failed")
        messages.error(
            request,
            _(
                "This version could not be restored: something it points to has been "
                "deleted since it was saved. Nothing was changed."
            ),
        )
        return back

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        plan = edit_context(request).plan
        if plan is None:
            # Authors and tags are saved after the article: its search text is
            # rebuilt once, when all of them are.
            with search.deferred():
                return super().changeform_view(request, object_id, form_url, extra_context)
        # Restoring: the revision has just been written back, in this transaction.
        plan.apply()
        if plan.dropped and request.method != "POST":
            messages.warning(request, plan.preview_message())
        response = super().changeform_view(request, object_id, form_url, extra_context)
        if plan.dropped and request.method == "POST" and response.status_code == 302:
            messages.warning(request, plan.done_message())
        return response

    def recoverlist_view(self, request, extra_context=None):
        deleted = self._reversion_order_version_queryset(
            request, Version.objects.get_deleted(Article).select_related("revision")
        )
        if not self.can_publish(request):
            deleted = [
                version
                for version in deleted
                if version.field_dict.get("created_by_id") == request.user.pk
                and version.field_dict.get("status") != Article.Status.PUBLISHED
            ]
        return super().recoverlist_view(request, {"deleted": deleted, **(extra_context or {})})

    def compare_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return super().compare_view(request, object_id, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        missing, uncited = citation_gaps(
            article, article.references.values_list("number", flat=True)
        )
        # A warning, not an error: a draft is work in progress (publishing is refused
        # while a marker leads nowhere, by the references' formset).
        if missing:
            messages.warning(
                request,
                _("The text cites %(markers)s, but there is no reference with that number.")
                % {"markers": numbers_list(missing)},
            )
        if uncited:
            messages.warning(
                request,
                _("No marker in the text cites the references %(numbers)s.")
                % {"numbers": numbers_list(uncited)},
            )
