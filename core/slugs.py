from django.utils.text import slugify


def unique_slug(instance, text, field_name="slug"):
    """A Unicode slug for ``text`` that no other row of the model uses yet.

    Arabic titles keep their letters (``allow_unicode``); a clash gets a
    numeric suffix, as an editor would add by hand.
    """
    field = instance._meta.get_field(field_name)
    base = slugify(text, allow_unicode=True)[: field.max_length - 8].strip("-") or "item"
    model = type(instance)
    others = model._default_manager.all()
    if instance.pk:
        others = others.exclude(pk=instance.pk)
    candidate, n = base, 2
    while others.filter(**{field_name: candidate}).exists():
        candidate, n = f"{base}-{n}", n + 1
    return candidate
