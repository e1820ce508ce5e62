from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.slugs import unique_slug
from core.text import CleanTextMixin


class Author(CleanTextMixin, models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        DESK = "desk", _("Institutional desk")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text=_("Made from the name when left empty; Arabic letters are welcome."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.PERSON)
    role = models.CharField(
        _("role"),
        max_length=200,
        blank=True,
        help_text=_("E.g. security affairs researcher, or editorial team."),
    )
    bio = models.TextField(_("biography"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="authors/%Y/", blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    x_handle = models.CharField(
        _("X account"),
        max_length=50,
        blank=True,
        help_text=_("The user name without @."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("authors:detail", kwargs={"slug": self.slug})

    @property
    def is_desk(self):
        return self.kind == self.Kind.DESK
