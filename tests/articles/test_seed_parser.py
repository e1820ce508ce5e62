"""The seed parser on short strings: no database involved."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from articles.ingest.dates import parse_date, parse_dateline, parse_month
from articles.ingest.documents import decode, parse_document
from articles.ingest.errors import SeedError
from articles.ingest.metadata import parse_metadata, publication_time
from articles.ingest.references import parse_reference
from articles.ingest.translations import (
    is_translation,
    parse_translation,
    source_name,
    translation_name,
)

DAMASCUS = ZoneInfo("Asia/Damascus")


def error_of(function, *args, **kwargs):
    with pytest.raises(SeedError) as caught:
        function(*args, **kwargs)
    return caught.value


# --- Dates ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("نوفمبر", 11),
        ("تشرين الثاني", 11),
        ("تشرين الثاني/نوفمبر", 11),
        ("تشرين الثاني/ نوفمبر", 11),
        ("كانون الأول", 12),
        ("كانون الثاني", 1),
        ("آذار", 3),
        ("اذار", 3),
        ("إبريل", 4),
        ("أبريل", 4),
        ("آب", 8),
        ("أيلول", 9),
        ("November", 11),
    ],
)
def test_month_names_in_every_spelling(name, number):
    assert parse_month(name) == number


def test_double_month_name_must_agree():
    assert "disagree" in error_of(parse_month, "تشرين الأول/نوفمبر", line=4).message


def test_unknown_month_is_an_error_with_its_line():
    error = error_of(parse_date, "4 ديسمر 2025", line=9)
    assert error.line == 9
    assert "ديسمر" in error.message


def test_date_of_a_listing():
    assert parse_date("4 ديسمبر 2025") == date(2025, 12, 4)
    assert parse_date("٤ ديسمبر ٢٠٢٥") == date(2025, 12, 4)
    assert parse_date("7 تشرين الثاني/نوفمبر 2025") == date(2025, 11, 7)


def test_impossible_date_is_an_error():
    assert "no such date" in error_of(parse_date, "31 نيسان 2025").message


def test_dateline_with_weekday_and_am():
    assert parse_dateline("الإثنين, 3 نوفمبر 2025 04:54 AM") == datetime(
        2025, 11, 3, 4, 54, tzinfo=DAMASCUS
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("الاثنين، 3 تشرين الثاني 2025 04:54 PM", datetime(2025, 11, 3, 16, 54)),
        ("الإثنين, 3 نوفمبر 2025 12:05 AM", datetime(2025, 11, 3, 0, 5)),
        ("الإثنين, 3 نوفمبر 2025 12:05 PM", datetime(2025, 11, 3, 12, 5)),
        ("الإثنين 3 نوفمبر 2025 09:30 م", datetime(2025, 11, 3, 21, 30)),
        ("3 نوفمبر 2025 18:20", datetime(2025, 11, 3, 18, 20)),
    ],
)
def test_dateline_variants(text, expected):
    assert parse_dateline(text) == expected.replace(tzinfo=DAMASCUS)


def test_dateline_weekday_must_match_the_date():
    error = error_of(parse_dateline, "الثلاثاء, 3 نوفمبر 2025 04:54 AM", line=1)
    assert error.line == 1
    assert "does not match 2025-11-03" in error.message


@pytest.mark.parametrize(
    "text",
    [
        "3 نوفمبر 2025",  # no time
        "الإثنين, نوفمبر 2025 04:54 AM",  # no day
        "الإثنين, 3 نوفمبر 2025 13:54 PM",  # 13 on a 12-hour clock
        "الإثنين, 3 نوفمبر 2025 04:54 XY",
        "تحول تاريخي: سوريا تنضم إلى التحالف",
    ],
)
def test_bad_datelines(text):
    assert error_of(parse_dateline, text, line=1).line == 1


# --- References -------------------------------------------------------------


def test_reference_comma_style_arabic_with_quoted_title():
    reference = parse_reference(
        'وزارة الداخلية السورية، "بيان حول تفكيك خلايا داعش"، موقع تلفزيون سورية، '
        "7 تشرين الثاني/نوفمبر 2025."
    )
    assert reference.authors == "وزارة الداخلية السورية"
    assert reference.title == "بيان حول تفكيك خلايا داعش"
    assert reference.publisher == "موقع تلفزيون سورية"
    assert reference.date_text == "7 تشرين الثاني/نوفمبر 2025"
    assert reference.note == reference.report_number == reference.url == ""


def test_reference_comma_style_with_guillemets_and_report_number():
    reference = parse_reference("مركز ما، «دراسة، في جزأين»، دار النشر، تقرير رقم 12، 2020.")
    assert reference.title == "دراسة، في جزأين"
    assert reference.publisher == "دار النشر"
    assert reference.report_number == "تقرير رقم 12"
    assert reference.date_text == "2020"


def test_reference_comma_style_website_note():
    reference = parse_reference(
        "U.S. Department of State, Global Coalition to Defeat ISIS, official website, updated 2024."
    )
    assert reference.authors == "U.S. Department of State"
    assert reference.title == "Global Coalition to Defeat ISIS"
    assert reference.publisher == ""
    assert reference.note == "official website, updated 2024"


def test_reference_comma_style_report():
    reference = parse_reference(
        "International Crisis Group, Steadying the New Syria: Managing the Transition and "
        "the Peripheries, Report No. 237, 2025."
    )
    assert reference.authors == "International Crisis Group"
    assert reference.title == (
        "Steadying the New Syria: Managing the Transition and the Peripheries"
    )
    assert reference.report_number == "Report No. 237"
    assert reference.date_text == "2025"
    assert reference.publisher == ""


def test_reference_comma_style_title_with_a_year_in_brackets():
    reference = parse_reference('جهة ما، "الانتخابات (2024) ونتائجها"، دار ما، 2025.')
    assert (reference.authors, reference.title) == ("جهة ما", "الانتخابات (2024) ونتائجها")
    assert (reference.publisher, reference.date_text) == ("دار ما", "2025")


def test_reference_apa_style():
    reference = parse_reference(
        "Collombier, V. (2023). France’s Strategy in the Middle East after the Syrian "
        "Conflict. European Council on Foreign Relations."
    )
    assert reference.authors == "Collombier, V."
    assert reference.date_text == "2023"
    assert reference.title == "France’s Strategy in the Middle East after the Syrian Conflict"
    assert reference.publisher == "European Council on Foreign Relations"


def test_reference_apa_style_publication_kind_and_url():
    reference = parse_reference(
        "Khaddour, K. (2024). The Future of U.S. Aid. Chatham House Research Paper. "
        "https://example.org/paper."
    )
    assert reference.title == "The Future of U.S. Aid"
    assert reference.publisher == "Chatham House"
    assert reference.note == "Research Paper"
    assert reference.url == "https://example.org/paper"


@pytest.mark.parametrize("text", ["Lund, A. (2022).", "وزارة الداخلية السورية."])
def test_reference_without_title_is_an_error(text):
    error = error_of(parse_reference, text, number=3, line=47)
    assert (error.line, error.message) == (47, "reference entry without a title")


# --- Documents --------------------------------------------------------------

PAPER = """\
عنوان الورقة

مقدمة:

فقرة أولى فيها إشارة[1].
سطر ثان.

التحليل:
جملة تمهيدية تنتهي بنقطتين:

  1. البند الأول: شرح البند.
  2. بند بلا عنوان قصير.

    قسم مزاح:

    فقرة مزاحة[2].

المراجع:

  1. جهة ما، "عنوان أول"، ناشر ما، 2024.
  2. Smith, J. (2020). A Title. A Publisher.

شاركها على:

اقرأ أيضا

مقال آخر

ملخص المقال الآخر.

4 ديسمبر 2025

كاتب ما
"""


def test_paper_structure():
    document = parse_document(PAPER, "paper")
    assert document.title == "عنوان الورقة"
    assert document.headings == ["مقدمة", "التحليل", "قسم مزاح"]
    assert [block.kind for block in document.blocks] == [
        "h2", "p", "p", "h2", "p", "ol", "h2", "p",
    ]  # fmt: skip
    assert document.body_html == (
        "<h2>مقدمة</h2><p>فقرة أولى فيها إشارة[1].</p><p>سطر ثان.</p>"
        "<h2>التحليل</h2><p>جملة تمهيدية تنتهي بنقطتين:</p>"
        "<ol><li><strong>البند الأول:</strong> شرح البند.</li><li>بند بلا عنوان قصير.</li></ol>"
        "<h2>قسم مزاح</h2><p>فقرة مزاحة[2].</p>"
    )
    assert [(r.number, r.title, r.line) for r in document.references] == [
        (1, "عنوان أول", 20),
        (2, "A Title", 21),
    ]
    [entry] = document.read_also
    assert (entry.title, entry.summary, entry.date, entry.author) == (
        "مقال آخر",
        "ملخص المقال الآخر.",
        date(2025, 12, 4),
        "كاتب ما",
    )
    assert (entry.line, entry.author_line) == (27, 33)
    assert document.published_at is None


def test_html_is_escaped():
    document = parse_document("عنوان\n\nنص فيه <script> & رمز.\n", "paper")
    assert document.body_html == "<p>نص فيه &lt;script&gt; &amp; رمز.</p>"


def test_long_colon_line_opening_a_block_is_a_paragraph():
    sentence = (
        "هذه جملة طويلة جدا تمهد لما بعدها وتزيد كلماتها على الحد المعقول لعنوان قسم في النص:"
    )
    document = parse_document(f"عنوان\n\n{sentence}\nبعدها.\n", "paper")
    assert document.headings == []


def test_list_numbering_that_does_not_start_at_one():
    document = parse_document("عنوان\n\n  3. ثالث.\n  4. رابع.\n", "paper")
    assert document.body_html == '<ol start="3"><li>ثالث.</li><li>رابع.</li></ol>'


NEWS = (
    "الإثنين, 3 نوفمبر 2025 04:54 AM\n\nعنوان الخبر: ما الجديد؟\n\nعنوان الخبر: ما الجديد؟\n\n"
    'قال المتحدث إن "الأمر مهم".\n\nعنوان فرعي قصير\n\n'
    "علاقة التحالف بالقوات الشريكة (قسد وسوريا الحرة)\n\nفقرة أخيرة.\n\nمشاركة المقال:"
)


def test_news_structure():
    document = parse_document(NEWS, "news")
    assert document.published_at == datetime(2025, 11, 3, 4, 54, tzinfo=DAMASCUS)
    assert document.title == "عنوان الخبر: ما الجديد؟"
    assert document.body_html == (
        '<p>قال المتحدث إن "الأمر مهم".</p><h2>عنوان فرعي قصير</h2>'
        "<h2>علاقة التحالف بالقوات الشريكة (قسد وسوريا الحرة)</h2><p>فقرة أخيرة.</p>"
    )


def test_news_may_cite_without_references():
    document = parse_document(NEWS.replace("فقرة أخيرة.", "فقرة [1] أخيرة."), "news")
    assert "[1]" in document.body_html


@pytest.mark.parametrize(
    ("text", "layout", "line", "message"),
    [
        ("", "paper", 1, "empty document"),
        ("\n  \n", "paper", 1, "empty document"),
        ("مقدمة:\n\nنص.\n", "paper", 1, "no title"),
        ("عنوان فقط\n", "paper", 1, "no body text"),
        ("عنوان\n\nنص[3].\n\nالمراجع:\n\n  1. جهة، عنوان، 2020.\n", "paper", 3, "footnote [3]"),
        ("عنوان\n\nنص[1].\n", "paper", 3, "footnote [1] has no reference 1"),
        ("عنوان\n\nنص.\n\nالمراجع:\n\nشاركها على:\n", "paper", 5, "references heading"),
        ("عنوان\n\nنص.\n\nالمراجع:\n  2. جهة، عنوان، 2020.\n", "paper", 6, "numbered 2"),
        ("عنوان\n\nنص.\n\nالمراجع:\nكلام عابر\n", "paper", 6, "numbered reference"),
        ("عنوان\n\nنص.\n\nالمراجع:\n  1. جهة وحدها.\n", "paper", 6, "without a title"),
        ("عنوان\n\nنص.\n\nاقرأ أيضا\n\nمقال\n\nملخص.\n\nكاتب\n", "paper", 7, "without a date"),
        ("عنوان\n\nنص.\n\nاقرأ أيضا\n\nمقال\n\n4 ديسمبر 2025\n", "paper", 7, "excerpt"),
        ("عنوان\n\nنص.\n\nاقرأ أيضا\n\nمقال\nملخص.\n4 ديسمبر 2025\n", "paper", 9, "author"),
        ("عنوان\n\nنص.\n\nاقرأ أيضا\n", "paper", 5, "read-also heading without"),
        ("أمس في الصباح الباكر\n\nعنوان\n\nنص.\n", "news", 1, "unparseable dateline"),
        ("الأحد, 3 نوفمبر 2025 04:54 AM\n\nعنوان\n\nنص.\n", "news", 1, "does not match"),
        ("الإثنين, 3 نوفمبر 2025 04:54 AM\n\n", "news", 1, "no title"),
    ],
)
def test_malformed_documents(text, layout, line, message):
    error = error_of(parse_document, text, layout)
    assert error.line == line
    assert message in error.message


def test_unreadable_bytes_name_their_line():
    error = error_of(decode, "عنوان\n\nنص\n".encode() + b"\xff\xfe bad\n")
    assert error.line == 4
    assert "UTF-8" in error.message


def test_decode_accepts_bom_and_windows_line_ends():
    assert decode("\ufeffعنوان\r\n\r\nنص.".encode()) == "عنوان\n\nنص."


# --- Metadata ---------------------------------------------------------------

METADATA = """\
layout = "paper"

[article]
section = "قسم"
authors = ["كاتب"]
published_at = 2025-11-08T10:00:00

[[sections]]
name = "قسم"
slug = "قسم"
genre = "analysis"
"""


def test_metadata_local_time_is_site_time():
    metadata = parse_metadata(METADATA)
    assert metadata.published_at == datetime(2025, 11, 8, 10, 0, tzinfo=DAMASCUS)
    assert metadata.read_also_time == time(12, 0)
    assert metadata.line_of("article", "section") == 4
    assert metadata.line_of("sections", "genre") == 11


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("layout = \n", 1, "invalid TOML"),
        (METADATA.replace('layout = "paper"', 'layout = "book"'), 1, "'layout'"),
        (METADATA.replace("section =", "sektion ="), 4, "unknown key 'sektion'"),
        (METADATA.replace('genre = "analysis"', 'genre = "essay"'), 11, "'genre'"),
        (METADATA.replace('authors = ["كاتب"]', "authors = []"), 5, "lists nobody"),
        (METADATA.replace('section = "قسم"\n', ""), 3, "missing 'section'"),
        (METADATA.replace("2025-11-08T10:00:00", '"8 نوفمبر"'), 6, "'published_at'"),
    ],
)
def test_bad_metadata(text, line, message):
    error = error_of(parse_metadata, text)
    assert error.line == line
    assert message in error.message


def test_metadata_time_must_agree_with_a_dateline():
    document = parse_document(NEWS, "news")
    news = METADATA.replace("paper", "news")
    error = error_of(publication_time, document, parse_metadata(news))
    assert error.line == 6
    assert "contradicts" in error.message

    agreeing = parse_metadata(news.replace("2025-11-08T10:00:00", "2025-11-03T04:54:00"))
    assert publication_time(document, agreeing) == document.published_at

    silent = parse_metadata(news.replace("published_at = 2025-11-08T10:00:00\n", ""))
    assert publication_time(document, silent) == document.published_at


def test_paper_needs_a_publication_time():
    document = parse_document(PAPER, "paper")
    metadata = parse_metadata(METADATA.replace("published_at = 2025-11-08T10:00:00\n", ""))
    assert "published_at" in error_of(publication_time, document, metadata).message


def test_metadata_english_names():
    metadata = parse_metadata(
        METADATA.replace(
            'authors = ["كاتب"]', 'authors = ["كاتب"]\nsummary_en = " A summary. "'
        ).replace('genre = "analysis"', 'genre = "analysis"\nname_en = "Section"')
        + '\n[[authors]]\nname = "كاتب"\nname_en = "Writer"\nrole_en = "Researcher"\n'
    )
    assert metadata.summary_en == "A summary."
    assert metadata.sections[0].english() == {"name_en": "Section"}
    assert metadata.author_specs[0].english() == {"name_en": "Writer", "role_en": "Researcher"}
    assert metadata.tags_en == {}


TAGGED = (
    METADATA.replace('authors = ["كاتب"]', 'authors = ["كاتب"]\ntags = ["سورية", "داعش"]')
    + '\n[tags_en]\n"سورية" = "Syria"\n\'داعش\' = " ISIS "\n'
)


def test_metadata_english_tag_names():
    metadata = parse_metadata(TAGGED)
    assert metadata.tags_en == {"سورية": "Syria", "داعش": "ISIS"}
    # Quoted keys are found for error messages too.
    assert metadata.line_of("tags_en", "سورية") == 15
    assert metadata.line_of("tags_en", "داعش") == 16


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (TAGGED.replace('"سورية" = "Syria"', '"فرنسا" = "France"'), 15,
         "[tags_en] names «فرنسا», which is not among the article's tags"),
        (TAGGED.replace('"Syria"', '"  "'), 15, "must be a non-empty string"),
        (TAGGED.replace('"Syria"', "3"), 15, "must be a non-empty string"),
        (TAGGED.replace('"Syria"', f'"{"x" * 101}"'), 15, "longer than 100"),
        (METADATA.replace('layout = "paper"', 'layout = "paper"\ntags_en = "x"'), 2, "table"),
        (METADATA.replace('genre = "analysis"', "name_en = 3"), 11, "'name_en'"),
        (METADATA.replace('section = "قسم"', 'section = "قسم"\ntitle_en = "x"'), 5, "'title_en'"),
    ],
)  # fmt: skip
def test_bad_english_metadata(text, line, message):
    error = error_of(parse_metadata, text)
    assert error.line == line
    assert message in error.message


# --- Translations -----------------------------------------------------------


def test_translation_file_names():
    assert is_translation("001_x.en.txt")
    assert not is_translation("001_x.txt")
    assert translation_name("001_x.txt") == "001_x.en.txt"
    assert source_name("001_x.en.txt") == "001_x.txt"


NEWS_EN = (
    "Monday, 3 November 2025 04:54 AM\n\nNews title: what is new?\n\n"
    'The spokesman said that "the matter is important."\n\nA short subheading\n\n'
    "Coalition relations with partner forces (SDF and Free Syria)\n\nA last paragraph.\n"
)


def test_news_translation_is_read_by_the_source_rules():
    english = parse_translation(NEWS_EN, parse_document(NEWS, "news"), "news")
    assert english.title == "News title: what is new?"
    assert english.published_at == datetime(2025, 11, 3, 4, 54, tzinfo=DAMASCUS)
    assert english.body_html == (
        '<p>The spokesman said that "the matter is important."</p>'
        "<h2>A short subheading</h2>"
        "<h2>Coalition relations with partner forces (SDF and Free Syria)</h2>"
        "<p>A last paragraph.</p>"
    )


PAPER_EN = """\
Paper title

Introduction:

A first paragraph with a marker[1].
A second line.

Analysis:
An introductory sentence ending in a colon:

  1. The first item: its explanation.
  2. An item without a short label.

    Indented section:

    An indented paragraph[2].
"""


def test_paper_translation_cites_the_sources_references():
    english = parse_translation(PAPER_EN, parse_document(PAPER, "paper"), "paper")
    assert english.headings == ["Introduction", "Analysis", "Indented section"]
    assert english.references == english.read_also == []
    assert english.section_lines == {}
    assert "<li><strong>The first item:</strong> its explanation.</li>" in english.body_html
    assert "marker[1].</p>" in english.body_html


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "empty document"),
        (NEWS_EN.replace("Monday, 3", "Tuesday, 4"), 1,
         "the dateline says 2025-11-04 04:54, the source's 2025-11-03 04:54"),
        (NEWS_EN.replace("04:54 AM", "04:54 PM"), 1, "the dateline says 2025-11-03 16:54"),
        (NEWS_EN.replace("Monday, 3", "Tuesday, 3"), 1, "does not match 2025-11-03"),
        (NEWS_EN.replace("Monday, 3 November 2025 04:54 AM\n\n", ""), 1, "dateline"),
        ("Monday, 3 November 2025 04:54 AM\n\n", 1, "no title after the dateline"),
        # No title: the first paragraph is taken for it, and the structure no longer fits.
        (NEWS_EN.replace("News title: what is new?\n\n", ""), 5,
         "a heading where the source has a paragraph (line 7 of the source)"),
        # A paragraph without its full stop reads as a heading.
        (NEWS_EN.replace("A last paragraph.", "A last paragraph"), 11,
         "a heading where the source has a paragraph (line 13 of the source)"),
        # Two paragraphs run together, or one left out.
        (NEWS_EN.replace("\n\nA last paragraph.", " A last paragraph."), 9,
         "a paragraph where the source has a heading (line 11 of the source)"),
        (NEWS_EN.replace("\n\nA last paragraph.", ""), 9,
         "the translation ends here, but the source goes on with a paragraph (line 13"),
        (NEWS_EN + "\nOne paragraph too many.\n", 13,
         "a paragraph the source does not have (it ends at line 13)"),
        (NEWS_EN.replace("A last paragraph.", "A last paragraph[1]."), 11,
         "a paragraph citing [1] where the source has a paragraph"),
        (NEWS_EN + "\nReferences:\n\n  1. Someone, A Title, 2020.\n", 13,
         "no references of its own"),
    ],
)  # fmt: skip
def test_malformed_news_translations(text, line, message):
    error = error_of(parse_translation, text, parse_document(NEWS, "news"), "news")
    assert error.line == line
    assert message in error.message


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (PAPER_EN.replace("[2]", "[3]"), 16, "footnote [3] has no reference 3"),
        (PAPER_EN.replace("  2. An item without a short label.\n", ""), 11,
         "a numbered list of 1 item where the source has a numbered list of 2 items"),
        (PAPER_EN + "\nRead also\n\nAnother article\n\nIts excerpt.\n\n4 December 2025\n\n"
         "Someone\n", 18, "no «read also» list"),
    ],
)  # fmt: skip
def test_malformed_paper_translations(text, line, message):
    error = error_of(parse_translation, text, parse_document(PAPER, "paper"), "paper")
    assert error.line == line
    assert message in error.message
