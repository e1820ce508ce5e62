"""``manage.py import_seeds`` on the real seed documents and on broken ones."""

import io
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from articles.models import (
    Article,
    Authorship,
    ReadAlso,
    Reference,
    Section,
    SeedImport,
    Tag,
    TaggedArticle,
)
from authors.models import Author
from tests.factories import make_author

DAMASCUS = ZoneInfo("Asia/Damascus")
SEEDS = Path(settings.BASE_DIR) / "seeds"
PAPER = "000_2d0fe8b332cbd347.txt"
NEWS = "001_634fd96d3931dd05.txt"
PAPER_TITLE = "انضمام سورية إلى التحالف الدولي ضد داعش"
NEWS_TITLE = "تحول تاريخي: سوريا تنضم إلى التحالف الدولي ضد داعش.. ما الدلالات؟"
MODELS = (
    Article,
    Authorship,
    Author,
    ReadAlso,
    Reference,
    Section,
    SeedImport,
    Tag,
    TaggedArticle,
)

pytestmark = pytest.mark.django_db


def run(folder=None):
    out = io.StringIO()
    args = ["--path", str(folder)] if folder else []
    call_command("import_seeds", *args, stdout=out)
    return out.getvalue()


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def headings(html):
    return re.findall(r"<h2>(.*?)</h2>", html)


@pytest.fixture
def output():
    return run()


@pytest.fixture
def paper(output):
    return Article.objects.get(title_ar=PAPER_TITLE)


@pytest.fixture
def news(output):
    return Article.objects.get(title_ar=NEWS_TITLE)


# --- The real documents -----------------------------------------------------


def test_output_has_one_line_per_document(output):
    assert output.splitlines() == [
        f"imported {PAPER}: «{PAPER_TITLE}» (7 references, 2 read-also)",
        f"imported {NEWS}: «{NEWS_TITLE}» (0 references, 0 read-also)",
    ]


def test_paper_article(paper):
    assert paper.status == Article.Status.PUBLISHED
    assert paper.published_at == datetime(2025, 11, 8, 10, 0, tzinfo=DAMASCUS)
    assert paper.is_public
    assert (paper.section.slug, paper.section.name_ar, paper.section.genre) == (
        "تقدير-موقف",
        "تقدير موقف",
        "analysis",
    )
    assert [(a.name_ar, a.kind) for a in paper.authors.all()] == [("إدارة الموقع", "desk")]
    assert set(paper.tags.names()) == {"سورية", "داعش", "التحالف الدولي", "فرنسا"}
    assert paper.summary.startswith("تقدير موقف يتناول إعلان وزارة الداخلية السورية")
    assert SeedImport.objects.get(document=PAPER).article == paper


def test_paper_body(paper):
    body = paper.body_ar
    assert headings(body) == [
        "مقدمة",
        "خلفية الحدث",
        "التحالف الدولي ودور فرنسا",
        "الدلالات السياسية في حال انضمام سورية للتحالف",
        "الأبعاد الاستراتيجية والانعكاسات على اتفاق آذار",
        "السيناريوهات المستقبلية",
        "الخاتمة",
    ]
    # A colon line right under a heading introduces the list; it is no heading.
    assert "<p>يحمل هذا التطور إن تم عدة دلالات مهمة:</p>" in body
    assert "<p>يمكن استشراف ثلاثة مسارات رئيسية:</p>" in body
    assert body.count("<ol>") == 2
    assert body.count("<li>") == 6
    assert "<li><strong>استعادة الدور السيادي:</strong> انضمام سورية رسميا" in body
    assert "<li><strong>تحالف إقليمي موسّع:</strong> يجمع سورية" in body
    # The indented block is ordinary paragraphs under its heading.
    assert '<p>شكّلت "قوات سورية الديمقراطية" لسنوات' in body
    assert "من البلاد[1] تطورا" in body
    assert "ثمانين دولة[2]." in body
    assert body.startswith("<h2>مقدمة</h2>")  # the title is not repeated in the body
    for absent in ("شاركها", "المراجع", "Collombier", "اقرأ أيضا", "إدارة الموقع", "ديسمبر"):
        assert absent not in body


def test_paper_references(paper):
    references = {reference.number: reference for reference in paper.references.all()}
    assert sorted(references) == [1, 2, 3, 4, 5, 6, 7]

    first = references[1]
    assert first.authors == "وزارة الداخلية السورية"
    assert first.title == "بيان حول تفكيك خلايا داعش"
    assert first.publisher == "موقع تلفزيون سورية"
    assert first.date_text == "7 تشرين الثاني/نوفمبر 2025"
    assert first.is_arabic

    second = references[2]
    assert (second.authors, second.title) == (
        "U.S. Department of State",
        "Global Coalition to Defeat ISIS",
    )
    assert second.note == "official website, updated 2024"

    third = references[3]
    assert third.authors == "Collombier, V."
    assert third.date_text == "2023"
    assert third.title == "France’s Strategy in the Middle East after the Syrian Conflict"
    assert third.publisher == "European Council on Foreign Relations"
    assert not third.is_arabic

    assert references[4].publisher == "Carnegie Middle East Center"
    assert references[5].title == "ISIS in Syria: The Enduring Threat"

    sixth = references[6]
    assert (sixth.publisher, sixth.note, sixth.date_text) == (
        "Chatham House",
        "Research Paper",
        "2024",
    )

    seventh = references[7]
    assert seventh.authors == "International Crisis Group"
    assert seventh.title == "Steadying the New Syria: Managing the Transition and the Peripheries"
    assert seventh.report_number == "Report No. 237"
    assert seventh.date_text == "2025"


def test_paper_read_also(paper):
    links = list(paper.read_also_links.order_by("position"))
    assert [link.position for link in links] == [1, 2]
    first, second = (link.target for link in links)
    assert first.title == "إعادة تكوين الإنسان العربي: من التهميش إلى الولادة الجديدة"
    assert second.title == (
        "واقع تجارة المخدرات وتعاطيها في سورية في مرحلتي ما قبل وبعد سقوط نظام الأسد"
    )
    assert first.summary == (
        "التحديات التي تواجه الإنسان العربي وكيف يمكن إعادة تكوينه من التهميش إلى التحول الإيجابي."
    )
    for target in (first, second):
        assert target.status == Article.Status.PUBLISHED
        assert target.published_at == datetime(2025, 12, 4, 12, 0, tzinfo=DAMASCUS)
        assert target.section.slug == "دراسات-وتحليلات"
    assert [(a.name_ar, a.kind) for a in first.authors.all()] == [("أنس قاسم المرفوع", "person")]
    assert [(a.name_ar, a.kind) for a in second.authors.all()] == [("إدارة الموقع", "desk")]
    # One desk, shared by the paper, the related article and the news.
    assert Author.objects.filter(name_ar="إدارة الموقع").count() == 1


def test_news_article(news):
    assert news.published_at == datetime(2025, 11, 3, 4, 54, tzinfo=DAMASCUS)
    assert (news.section.slug, news.section.genre) == ("أخبار", "news")
    assert [(a.name_ar, a.kind) for a in news.authors.all()] == [("إدارة الموقع", "desk")]
    assert set(news.tags.names()) == {"سورية", "داعش", "التحالف الدولي", "الولايات المتحدة"}
    assert not news.references.exists()
    assert not news.read_also_links.exists()


def test_news_body(news):
    body = news.body_ar
    assert NEWS_TITLE not in body  # shown once, as the title
    assert "الإثنين" not in body
    assert body.startswith("<p>يبدو أن التحالف الدولي ضد تنظيم داعش")
    assert headings(body) == [
        "نشأة التحالف الدولي وتكوينه",
        "التمويل والبرامج الإنمائية",
        "علاقة التحالف الدولي بسوريا والقوات الشريكة (قسد وسوريا الحرة)",
        "القواعد والانتشار العسكري",
    ]
    assert body.count("<p>") == 11
    assert 'أوضح باراك أن "الرئيس السوري سينضم إلى 88 دولة' in body
    assert "مشاركة المقال" not in body
    assert body.endswith("دير الزور.</p>")


def test_tags_shared_between_documents(paper, news):
    assert Tag.objects.filter(name_ar="سورية").count() == 1


def test_import_in_english_still_fills_the_arabic_fields():
    with translation.override("en"):
        run()
    article = Article.objects.get(title_ar=PAPER_TITLE)
    assert article.title_en is None
    assert article.slug_ar == "انضمام-سورية-إلى-التحالف-الدولي-ضد-داعش"


# --- Running twice ----------------------------------------------------------


def test_second_run_creates_nothing(output):
    before = counts()
    again = run()
    assert counts() == before
    assert again.splitlines() == [
        f"skipped {PAPER} (already imported)",
        f"skipped {NEWS} (already imported)",
    ]


def test_second_run_keeps_an_editors_changes(paper, news):
    paper.title_ar = "عنوان عدّله محرر"
    paper.save()
    news.delete()
    run()
    paper.refresh_from_db()
    assert paper.title_ar == "عنوان عدّله محرر"
    assert not Article.objects.filter(title_ar__in=[PAPER_TITLE, NEWS_TITLE]).exists()
    assert SeedImport.objects.get(document=NEWS).article is None


def test_existing_author_and_section_are_reused_as_they_are():
    desk = make_author(name="إدارة الموقع", kind="desk", role="دور كتبه محرر")
    section = Section.objects.create(name="اسم اختاره محرر", slug="أخبار", genre="news")
    run()
    assert Author.objects.filter(name_ar="إدارة الموقع").get() == desk
    desk.refresh_from_db()
    assert desk.role == "دور كتبه محرر"
    assert Article.objects.get(title_ar=NEWS_TITLE).section == section
    section.refresh_from_db()
    assert section.name == "اسم اختاره محرر"


# --- Broken documents -------------------------------------------------------

GOOD_TEXT = """\
ورقة سليمة

مقدمة:

نص سليم[1].

المراجع:

  1. جهة ما، "عنوان المرجع"، ناشر ما، 2024.
"""

GOOD_META = """\
layout = "paper"

[article]
section = "قسم-تجريبي"
authors = ["كاتب تجريبي"]
tags = ["وسم تجريبي"]
published_at = 2025-01-02T03:04:05

[read_also]
section = "قسم-تجريبي"

[[sections]]
name = "قسم تجريبي"
slug = "قسم-تجريبي"

[[authors]]
name = "كاتب تجريبي"
kind = "person"
"""

READ_ALSO = """
اقرأ أيضا

مقال مقترح

ملخصه.

4 ديسمبر 2025

كاتب غير معروف
"""


def write(folder, name, text, meta=GOOD_META):
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    if meta is not None:
        path.with_suffix(".toml").write_text(meta, encoding="utf-8")
    return path


def failure(folder):
    with pytest.raises(CommandError) as caught:
        run(folder)
    return str(caught.value)


def assert_no_trace():
    """Nothing of the broken test documents is in the database."""
    assert not Article.objects.exists()
    assert not Section.objects.filter(slug="قسم-تجريبي").exists()
    assert not Author.objects.filter(name_ar="كاتب تجريبي").exists()
    assert not Tag.objects.filter(name_ar="وسم تجريبي").exists()
    assert not Reference.objects.exists()
    assert not SeedImport.objects.exists()


def test_a_good_document_in_another_folder(tmp_path):
    write(tmp_path, "a.txt", GOOD_TEXT)
    assert run(tmp_path) == "imported a.txt: «ورقة سليمة» (1 references, 0 read-also)\n"


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("", "bad.txt:1", "empty document"),
        (GOOD_TEXT.replace("[1]", "[1][2]"), "bad.txt:5", "footnote [2] has no reference 2"),
        (
            GOOD_TEXT.replace('جهة ما، "عنوان المرجع"، ناشر ما، 2024.', "جهة ما."),
            "bad.txt:9",
            "reference entry without a title",
        ),
        (
            GOOD_TEXT.replace('  1. جهة ما، "عنوان المرجع"، ناشر ما، 2024.\n', ""),
            "bad.txt:7",
            "references heading without entries",
        ),
        (GOOD_TEXT + READ_ALSO.replace("4 ديسمبر 2025\n", ""), "bad.txt:13", "without a date"),
        (GOOD_TEXT + READ_ALSO.replace("كاتب غير معروف\n", ""), "bad.txt:17", "without an author"),
        ("ورقة\n\nنص.\n".encode() + b"\xc3\x28\n", "bad.txt:4", "not valid UTF-8"),
        # Found only while writing: everything before it must be rolled back.
        (GOOD_TEXT + READ_ALSO, "bad.txt:19", "unknown author «كاتب غير معروف»"),
    ],
)
def test_broken_document_names_file_and_line_and_leaves_no_trace(tmp_path, text, where, message):
    write(tmp_path, "bad.txt", text)
    error = failure(tmp_path)
    assert re.search(rf"(^|/){re.escape(where)}: ", error), error
    assert message in error
    assert_no_trace()


@pytest.mark.parametrize(
    ("meta", "where", "message"),
    [
        ("layout = \n", "bad.toml:1", "invalid TOML"),
        (GOOD_META.replace('section = "قسم-تجريبي"\nauthors', 'section = "لا-يوجد"\nauthors'),
         "bad.toml:4", "unknown section «لا-يوجد»"),
        (GOOD_META.replace('name = "كاتب تجريبي"', 'name = "كاتب آخر"'),
         "bad.toml:5", "unknown author «كاتب تجريبي»"),
        (GOOD_META.replace('layout = "paper"', 'layout = "news"'), "bad.txt:1", "dateline"),
    ],
)  # fmt: skip
def test_broken_metadata_names_file_and_line(tmp_path, meta, where, message):
    write(tmp_path, "bad.txt", GOOD_TEXT, meta)
    error = failure(tmp_path)
    assert re.search(rf"(^|/){re.escape(where)}: ", error), error
    assert message in error
    assert_no_trace()


def test_unknown_read_also_section_rolls_back_the_whole_document(tmp_path):
    text = GOOD_TEXT + READ_ALSO.replace("كاتب غير معروف", "كاتب تجريبي")
    write(
        tmp_path,
        "bad.txt",
        text,
        GOOD_META.replace('section = "قسم-تجريبي"\n\n[[', 'section = "x"\n\n[['),
    )
    error = failure(tmp_path)
    assert "bad.toml:10: unknown section «x»" in error
    assert_no_trace()


def test_missing_metadata_file_is_named(tmp_path):
    write(tmp_path, "bad.txt", GOOD_TEXT, meta=None)
    error = failure(tmp_path)
    assert "bad.txt: metadata file" in error
    assert "bad.toml is missing" in error
    assert_no_trace()


def test_documents_before_a_broken_one_stay_imported(tmp_path):
    write(tmp_path, "000_good.txt", GOOD_TEXT)
    bad = write(
        tmp_path, "001_bad.txt", GOOD_TEXT.replace("ورقة سليمة", "ورقة معطوبة") + "\nالمراجع:\n"
    )
    error = failure(tmp_path)
    assert "001_bad.txt:11: this section appears twice" in error

    assert list(SeedImport.objects.values_list("document", flat=True)) == ["000_good.txt"]
    assert list(Article.objects.values_list("title_ar", flat=True)) == ["ورقة سليمة"]
    assert Reference.objects.count() == 1

    # Once mended, the next run takes up where the last one stopped.
    bad.write_text(GOOD_TEXT.replace("ورقة سليمة", "ورقة مصلحة"), encoding="utf-8")
    assert run(tmp_path).splitlines() == [
        "skipped 000_good.txt (already imported)",
        "imported 001_bad.txt: «ورقة مصلحة» (1 references, 0 read-also)",
    ]


def test_an_imported_document_is_not_reread(tmp_path):
    path = write(tmp_path, "a.txt", GOOD_TEXT)
    run(tmp_path)
    path.write_bytes(b"\xff")
    path.with_suffix(".toml").unlink()
    assert run(tmp_path) == "skipped a.txt (already imported)\n"


def test_missing_folder(tmp_path):
    with pytest.raises(CommandError, match="no such folder"):
        run(tmp_path / "nowhere")
