from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from think_tank.slugs import unique_slug


class Author(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", _("شخص")
        DESK = "desk", _("جهة مؤسسية")

    name = models.CharField(_("الاسم"), max_length=200)
    slug = models.SlugField(
        _("المعرّف في الرابط"),
        max_length=200,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text=_("يُشتق من الاسم إن تُرك فارغاً؛ تُقبل الحروف العربية."),
    )
    kind = models.CharField(_("النوع"), max_length=10, choices=Kind, default=Kind.PERSON)
    role = models.CharField(
        _("الصفة"),
        max_length=200,
        blank=True,
        help_text=_("مثل: باحث في الشؤون الأمنية، أو فريق التحرير."),
    )
    bio = models.TextField(_("نبذة"), blank=True)
    photo = models.ImageField(_("الصورة"), upload_to="authors/%Y/", blank=True)
    email = models.EmailField(_("البريد الإلكتروني"), blank=True)
    website = models.URLField(_("الموقع الشخصي"), blank=True)
    x_handle = models.CharField(
        _("حساب إكس"),
        max_length=50,
        blank=True,
        help_text=_("اسم المستخدم بلا @."),
    )
    created_at = models.DateTimeField(_("أُنشئ في"), auto_now_add=True)
    updated_at = models.DateTimeField(_("عُدّل في"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("كاتب")
        verbose_name_plural = _("الكتّاب")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("authors:detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)

    @property
    def is_desk(self):
        return self.kind == self.Kind.DESK
