"""What a newsroom met in its first week, each fixed at its root and kept fixed here."""

import importlib
import io
import json
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from articles.models import Article, SlugRedirect, Tag
from articles.rendering import link_footnotes, mark_directions
from articles.sanitize import sanitize_html
from articles.services import article_save
from tests.helpers.admin import article_form
from tests.helpers.factories import make_article, make_read_also, make_reference, make_section
from tests.helpers.html import HtmlPage
from tests.helpers.seeds import PAPER_TITLE, READ_ALSO_TITLES

pytestmark = pytest.mark.django_db

DAMASCUS = ZoneInfo("Asia/Damascus")


# --- Security -----------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["\x7f", "\x00", "\x01", "\x1f", "\x08"])
def test_a_control_character_before_the_scheme_never_makes_a_script_link(client, prefix):
    body = f'<p><a href="{prefix}javascript:alert(1)">انقر</a> نص.</p>'
    assert "javascript:" not in sanitize_html(body)

    article = make_article(body=body)

    stored = Article.objects.get(pk=article.pk).body_ar
    assert "javascript" not in stored and "\x7f" not in stored
    assert "javascript" not in client.get(article.get_absolute_url()).content.decode()


def test_what_update_wrote_unsanitized_is_sanitized_when_shown(client):
    article = make_article(body="<p>نص سليم[1].</p>")
    make_reference(article, 1)
    Article.objects.filter(pk=article.pk).update(
        body_ar='<p onclick="alert(1)">نص[1] <a href="javascript:alert(2)">رابط</a></p>'
        "<script>alert(3)</script><img src=x onerror=alert(4)>"
    )

    for url in (article.get_absolute_url(), "/feed/", "/feed/atom/"):
        html = client.get(url).content.decode()
        assert "alert(" not in html, url
        assert "نص" in html


# --- The seed import ----------------------------------------------------------------


@pytest.fixture
def seeded():
    call_command("import_seeds", stdout=io.StringIO())
    return Article.objects.get(title_ar=PAPER_TITLE)


def test_the_papers_read_also_entries_show_in_its_block_as_summaries(client, seeded):
    page = HtmlPage(client.get(seeded.get_absolute_url()))

    block = page.find("aside", class_="read-also")
    cards = page.find_all("article", class_="card", within=block)
    assert [page.find("h3", within=card).text for card in cards] == READ_ALSO_TITLES
    for card in cards:
        # Title, summary, date and author as the source site shows them; no link to a page.
        title = page.find("h3", within=card)
        assert not page.find_all("a", within=title)
        assert page.find("p", class_="card__summary", within=card).text
        assert page.find("time", within=card).get("datetime").startswith("2025-12-04")
        assert page.find_all("a", within=page.find("span", class_="byline", within=card))


def test_a_summary_only_entry_is_listed_nowhere_and_has_no_page(client, seeded):
    entry = Article.objects.get(title_ar=READ_ALSO_TITLES[0])
    assert entry.summary_only

    assert client.get(entry.get_absolute_url()).status_code == 404
    assert client.get(reverse("articles:permalink", args=[entry.pk])).status_code == 404
    for url in ("/", entry.section.get_absolute_url(), "/archive/2025/12/", "/feed/"):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert entry.title not in response.content.decode(), url
    found = client.get("/search/", {"q": "تكوين الإنسان العربي"}).content.decode()
    assert entry.title not in found


def test_make_run_says_what_the_read_also_entries_became(tmp_path):
    out = io.StringIO()
    call_command("import_seeds", stdout=out)
    lines = [line for line in out.getvalue().splitlines() if "summary-only" in line]
    assert [title for title in READ_ALSO_TITLES if any(title in line for line in lines)] == (
        READ_ALSO_TITLES
    )


def test_empty_read_also_targets_of_an_earlier_import_become_summaries():
    """What the migration does to a database seeded before summary-only entries existed."""
    paper = make_article()
    stub = make_article(body="")
    written = make_article(body="<p>نص كامل.</p>")
    make_read_also(paper, stub, 1)
    make_read_also(paper, written, 2)
    alone = make_article(body="")

    migration = importlib.import_module("articles.migrations.0010_article_summary_only")
    migration.mark_seed_read_also(django_apps, None)

    assert Article.objects.get(pk=stub.pk).summary_only
    assert not Article.objects.filter(pk__in=[paper.pk, written.pk, alone.pk], summary_only=True)


# --- The editors' admin -------------------------------------------------------------


def prepopulated(response):
    """{field id: the ids of the fields it is made from} as the add form's script reads it."""
    page = HtmlPage(response)
    (script,) = page.find_all("script", id="django-admin-prepopulated-fields-constants")
    fields = json.loads(script.get("data-prepopulated-fields"))
    return {field["id"]: field["dependency_ids"] for field in fields}


def test_each_editions_slug_is_made_from_its_own_title(admin_client):
    fields = prepopulated(admin_client.get(reverse("admin:articles_article_add")))

    assert fields["#id_slug_ar"] == ["#id_title_ar"]
    assert fields["#id_slug_en"] == ["#id_title_en"]


def test_inputs_that_may_hold_either_script_read_in_their_own_direction(admin_client):
    page = HtmlPage(admin_client.get(reverse("admin:articles_article_add")))

    def attribute(name):
        (element,) = [e for e in page.elements if e.get("name") == name]
        return element.get("dir")

    for name in ("authors", "title", "publisher", "date_text", "report_number", "note"):
        assert attribute(f"references-__prefix__-{name}") == "auto", name
    for name in ("url", "number", "accessed"):
        assert attribute(f"references-__prefix__-{name}") == "ltr", name
    assert attribute("series") == "auto"
    # One language's fields keep the direction the editors' stylesheet gives them.
    assert attribute("title_ar") is None
    assert attribute("cover_caption_en") is None


def test_tags_come_back_as_typed_with_the_arabic_comma(admin_client):
    section = make_section()
    data = article_form(
        section, tags="سورية، تركيا، الأمن الإقليمي", body_ar="<p>نص.</p>", status="draft"
    )
    assert admin_client.post(reverse("admin:articles_article_add"), data).status_code == 302
    article = Article.objects.get()

    page = HtmlPage(admin_client.get(reverse("admin:articles_article_change", args=[article.pk])))

    (field,) = [e for e in page.elements if e.get("name") == "tags"]
    assert field.get("value") == "الأمن الإقليمي، تركيا، سورية"
    assert sorted(t.name for t in article.tags.all()) == ["الأمن الإقليمي", "تركيا", "سورية"]


def test_a_single_tag_of_two_words_stays_one_tag(admin_client):
    data = article_form(make_section(), tags="الأمن الإقليمي", body_ar="<p>نص.</p>")
    admin_client.post(reverse("admin:articles_article_add"), data)

    assert [t.name for t in Article.objects.get().tags.all()] == ["الأمن الإقليمي"]


def with_references(data, numbers):
    data["references-TOTAL_FORMS"] = str(len(numbers))
    for i, number in enumerate(numbers):
        data[f"references-{i}-number"] = str(number)
        data[f"references-{i}-title"] = f"مرجع {number}"
    return data


def test_a_draft_with_a_dangling_marker_is_saved_with_a_warning(admin_client):
    data = with_references(
        article_form(make_section(), status="draft", body_ar="<p>نص[1] وآخر[3].</p>"), [1, 2]
    )

    response = admin_client.post(reverse("admin:articles_article_add"), data, follow=True)

    warnings = " ".join(str(m) for m in response.context["messages"])
    assert "[3]" in warnings and "لا مرجع بهذا الرقم" in warnings
    assert "[2]" in warnings and "لا إشارة في النص" in warnings
    assert Article.objects.get().references.count() == 2


def test_publishing_an_article_whose_marker_points_to_nothing_is_refused(admin_client):
    data = with_references(
        article_form(make_section(), status="published", body_ar="<p>نص[1] وآخر[3].</p>"), [1]
    )

    response = admin_client.post(reverse("admin:articles_article_add"), data)

    assert response.status_code == 200
    assert "قبل النشر" in response.content.decode()
    assert not Article.objects.exists()


def test_admin_words(admin_client):
    index = HtmlPage(admin_client.get(reverse("admin:index")))
    sections = [caption.text for caption in index.find_all("caption")]
    assert "محاولات الدخول" in sections
    assert not any("axes" in name.lower() for name in sections)

    Tag.objects.create(name="سورية")
    tags = admin_client.get(reverse("admin:articles_tag_changelist")).content.decode()
    assert "الإسم" not in tags and "سبيكة" not in tags
    assert "المعرّف في الرابط" in tags

    article = make_article(title="منشور")
    SlugRedirect.objects.create(language="en", old_slug="old", article=article)
    redirects = admin_client.get(reverse("admin:articles_slugredirect_changelist"))
    assert "الإنجليزية" in redirects.content.decode()


def test_publication_times_say_which_time_zone_they_are_in(admin_client):
    html = admin_client.get(reverse("admin:articles_article_add")).content.decode()

    assert "الأوقات بتوقيت الموقع (Asia/Damascus)" in html


def test_the_time_zone_note_uses_arabic_plurals(admin_client):
    script = admin_client.get(reverse("admin:jsi18n")).content.decode()
    found = re.search(r"const newcatalog = (\{.*?\n\s*\});", script, re.DOTALL)
    forms = json.loads(found[1])["Note: You are %s hour behind server time."]

    assert forms[3] == "ملاحظة: توقيتك متأخر %s ساعات عن توقيت الموقع."  # 3 to 10 hours
    assert forms[2] == "ملاحظة: توقيتك متأخر ساعتين عن توقيت الموقع."


# --- The reading site ---------------------------------------------------------------


def test_search_excerpts_keep_blocks_apart(client):
    make_article(
        title="مقال",
        summary="",
        body="<p>أولوية مكافحة الإرهاب.</p><h2>التحالف الدولي ودور فرنسا</h2><p>تأسس التحالف.</p>",
    )

    html = client.get("/search/", {"q": "فرنسا"}).content.decode()

    assert "الإرهاب.التحالف" not in html and "فرنساتأسس" not in html
    assert re.search(r"الإرهاب\. التحالف", re.sub(r"</?mark>", "", html))


def test_a_marker_typed_after_a_space_stays_with_its_word():
    rendered = link_footnotes("<p>كلمة [2]. ثم كلمة[1]</p>", [1, 2])

    assert "كلمة\u00a0<sup" in rendered.html
    assert "كلمة<sup" in rendered.html


def test_nested_lists_are_marked_item_by_item():
    html = (
        "<ul><li>An English item about the coalition<ul><li>بند عربي عن التحالف الدولي</li>"
        "</ul></li><li>بند عربي</li></ul>"
    )

    marked = HtmlPage(mark_directions(html, "ar"))

    items = marked.find_all("li")
    assert [(li.get("dir"), li.get("lang")) for li in items] == [
        ("ltr", "en"),
        ("rtl", "ar"),
        (None, None),
    ]


def test_an_old_address_costs_two_queries_whatever_the_archive(client, django_assert_num_queries):
    for n in range(5):
        make_article(title=f"مقال آخر {n}")
    article = make_article(title="العنوان الأول")
    old = article.get_absolute_url()
    article.slug_ar = "عنوان-جديد"
    article_save(article=article)
    with django_assert_num_queries(3):  # the site's stamp; the article by its slug; the old address
        response = client.get(old)
    assert response.status_code == 301


def test_a_month_without_articles_is_not_found(client):
    make_article(when=datetime(2025, 11, 3, 12, tzinfo=DAMASCUS))

    assert client.get("/archive/1999/1/").status_code == 404
    assert client.get("/archive/2025/10/").status_code == 404
    assert client.get("/archive/2025/11/").status_code == 200


def test_the_archive_index_groups_months_by_year_with_counts(client):
    for day in (3, 4):
        make_article(when=datetime(2025, 11, day, 12, tzinfo=DAMASCUS))
    make_article(when=datetime(2024, 2, 1, 12, tzinfo=DAMASCUS))

    page = HtmlPage(client.get("/archive/"))

    assert [h.text for h in page.find_all("h2")] == ["2025", "2024"]
    counts = [span.text for span in page.find_all("span", class_="archive-count")]
    assert counts == ["مقالان", "مقال واحد"]


def test_english_wording(client):
    article = make_article(
        title_ar="عنوان", title_en="Syria joins the coalition", body_en="<p>Text about ISIS.</p>"
    )

    with translation.override("en"):
        page = client.get(article.get_absolute_url()).content.decode()
        results = client.get("/en/search/", {"q": "ISIS"}).content.decode()

    assert "1 min read" in page
    assert "“ISIS”" in results and "«" not in results


def test_the_article_list_counts_and_dates_in_arabic(admin_client):
    section = make_section()
    for day in range(1, 6):
        make_article(section=section, when=datetime(2025, 11, day, 16, 54, tzinfo=DAMASCUS))

    html = admin_client.get(reverse("admin:articles_article_changelist")).content.decode()

    assert "5 نتائج" in html and "5 المقالات" not in html
    assert "3 نوفمبر 2025، 4:54 م" in html
