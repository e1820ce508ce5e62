"""The editorial groups and their members, and admin forms as an editor's browser posts them.

Two ways to fill a form, for two different needs:

* ``browser_form(response)``: the change form on a page the test fetched, read from its
  HTML and posted back as a browser would (hidden fields, inline rows, the version the
  form was opened at); a test changes only the fields it is about;
* ``article_form(section, ...)``: an article form written out whole, for pages the test
  has not fetched (an add form) and for posts no page would make (forgeries).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from articles.models import Article
from tests.helpers.html import form_fields

# The groups migration articles/0005_editorial_groups creates, with their permissions.
WRITERS, EDITORS, ADMINISTRATORS = "الكتّاب", "المحررون", "المديرون"


def member_of(group_name, username, **fields):
    """A staff user in one of the editorial groups (الكتّاب، المحررون، المديرون)."""
    user = get_user_model().objects.create_user(
        username, password="unused-pass-1", is_staff=True, **fields
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


def logged_in(user):
    """A browser of its own, logged in as ``user``."""
    client = Client()
    client.force_login(user)
    return client


def editor_client(name):
    """A browser of its own, logged in as a member of المحررون called ``name``.

    ``name`` is their first name too: the admin's messages about who saved show it.
    """
    return logged_in(member_of(EDITORS, name, first_name=name))


def inline_management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def with_rows(data, prefix, rows, initial=0):
    """``data`` with the inline formset ``prefix`` holding exactly ``rows``."""
    data = data | inline_management(prefix, total=len(rows), initial=initial)
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


def article_form(section, editing=None, **overrides):
    """An article form as posted. ``editing``: the article whose change form the editor
    opened; the form then carries the version it was opened at (``seen_version``), read
    now, as the page would have it. Without it, a change form is refused."""
    data = {
        "title_ar": "انضمام سورية إلى التحالف الدولي ضد داعش",
        "title_en": "",
        "slug_ar": "",
        "slug_en": "",
        "section": str(section.pk),
        "summary_ar": "ملخص المقال.",
        "summary_en": "",
        "body_ar": "<h2>مقدمة</h2><p>نص ونص آخر.</p>",
        "body_en": "",
        "status": "published",
        "published_at_0": "2025-11-03",
        "published_at_1": "04:54:00",
        "tags": "سورية، داعش، التحالف الدولي",
        "cover_caption": "",
        "cover_credit": "",
    }
    data |= inline_management("authorships")
    data |= inline_management("references")
    data |= inline_management("read_also_links")
    if editing is not None:
        version = Article.objects.values_list("edit_version", flat=True).get(pk=editing.pk)
        data["seen_version"] = str(version)
    data.update(overrides)
    return data


def browser_form(response, form_id=None):
    """What the browser would post back from the admin form on the page, untouched.

    ``form_id``: by default the admin's change form of the page's model
    (``article_form``, ``author_form``…), on change, revision and recover pages alike.
    A field the browser sends several times (a multiple select) becomes a list.
    """
    if form_id is None:
        form_id = f"{response.context['opts'].model_name}_form"
    data = {}
    for name, value in form_fields(response.content.decode(), form_id):
        if name in data:
            previous = data[name]
            data[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            data[name] = value
    assert data, f"no <form id={form_id!r}> with fields on the page"
    return data
