"""Footnote links and reading time: pure functions on the stored body HTML."""

import re

from django.utils.html import strip_tags

from articles.rendering import link_footnotes, reading_minutes
from tests.helpers.html import HtmlPage

PARAGRAPH = (
    "<p>أعلنت وزارة الداخلية السورية، في بيان «رسمي»، تفكيك خلايا[1] في ريف حمص؛ "
    "وضمّ التحالف أكثر من ثمانين دولة[2].</p>"
)


def footnote_links(html):
    """(id, href, text) of every footnote link in ``html``."""
    page = HtmlPage(html)
    return [
        (a.get("id"), a.get("href"), a.text)
        for a in page.find_all("a")
        if a.get("href", "").startswith("#ref-")
    ]


class TestLinkFootnotes:
    def test_each_marker_links_to_its_reference(self):
        rendered = link_footnotes(PARAGRAPH, [1, 2])

        assert footnote_links(rendered.html) == [
            ("cite-1-1", "#ref-1", "[1]"),
            ("cite-2-1", "#ref-2", "[2]"),
        ]
        assert rendered.citations == {1: ["cite-1-1"], 2: ["cite-2-1"]}

    def test_the_reader_sees_the_same_text(self):
        """Only links are added: the Arabic words, punctuation and markers read as before."""
        rendered = link_footnotes(PARAGRAPH, [1, 2])

        assert strip_tags(rendered.html) == strip_tags(PARAGRAPH)
        assert "تفكيك خلايا" in rendered.html
        assert "في ريف حمص؛ وضمّ التحالف" in rendered.html

    def test_a_reference_cited_twice_gets_two_ids(self):
        html = "<p>أول[2] ثم[1] ثم مرة أخرى[2].</p>"

        rendered = link_footnotes(html, [1, 2])

        assert footnote_links(rendered.html) == [
            ("cite-2-1", "#ref-2", "[2]"),
            ("cite-1-1", "#ref-1", "[1]"),
            ("cite-2-2", "#ref-2", "[2]"),
        ]
        assert rendered.citations == {2: ["cite-2-1", "cite-2-2"], 1: ["cite-1-1"]}

    def test_every_id_is_unique_in_the_page(self):
        html = "<p>[1][1][2]</p><ul><li>[1]</li></ul><blockquote><p>[2][3]</p></blockquote>"

        rendered = link_footnotes(html, [1, 2, 3])

        ids = [link[0] for link in footnote_links(rendered.html)]
        assert ids == ["cite-1-1", "cite-1-2", "cite-2-1", "cite-1-3", "cite-2-2", "cite-3-1"]
        assert len(set(ids)) == len(ids)

    def test_a_marker_without_a_reference_stays_text(self):
        html = "<p>نص[1] ورقم لا مرجع له[99].</p>"

        rendered = link_footnotes(html, [1])

        assert footnote_links(rendered.html) == [("cite-1-1", "#ref-1", "[1]")]
        assert "له[99]." in rendered.html
        assert rendered.citations == {1: ["cite-1-1"]}

    def test_no_references_changes_nothing(self):
        rendered = link_footnotes(PARAGRAPH, [])

        assert rendered.html == PARAGRAPH
        assert rendered.citations == {}

    def test_numbers_with_several_digits(self):
        rendered = link_footnotes("<p>نص[12] ونص[1].</p>", [1, 12])

        assert footnote_links(rendered.html) == [
            ("cite-12-1", "#ref-12", "[12]"),
            ("cite-1-1", "#ref-1", "[1]"),
        ]

    def test_markers_inside_attributes_are_untouched(self):
        html = '<p title="[1]">نص[1]</p><ol start="2" title="انظر [2]"><li>بند</li></ol>'

        rendered = link_footnotes(html, [1, 2])

        assert '<p title="[1]">' in rendered.html
        assert '<ol start="2" title="انظر [2]">' in rendered.html
        assert footnote_links(rendered.html) == [("cite-1-1", "#ref-1", "[1]")]

    def test_markers_inside_an_existing_link_are_untouched(self):
        html = (
            '<p><a href="https://example.org/[1]" title="[2]" rel="noopener noreferrer">'
            "تقرير [1] <strong>مهم [2]</strong></a> يليه[1].</p>"
        )

        rendered = link_footnotes(html, [1, 2])

        assert (
            '<a href="https://example.org/[1]" title="[2]" rel="noopener noreferrer">'
            "تقرير [1] <strong>مهم [2]</strong></a>" in rendered.html
        )
        assert footnote_links(rendered.html) == [("cite-1-1", "#ref-1", "[1]")]
        assert rendered.citations == {1: ["cite-1-1"]}

    def test_markers_after_a_link_are_linked_again(self):
        html = '<p><a href="https://example.org/">رابط[1]</a> ثم[1] و<a href="#x">[2]</a>[2]</p>'

        rendered = link_footnotes(html, [1, 2])

        assert footnote_links(rendered.html) == [
            ("cite-1-1", "#ref-1", "[1]"),
            ("cite-2-1", "#ref-2", "[2]"),
        ]

    def test_link_is_labelled_in_arabic(self):
        rendered = link_footnotes("<p>نص[3]</p>", [3])

        link = HtmlPage(rendered.html).find("a", href="#ref-3")
        assert link.get("aria-label") == "المرجع 3"
        assert link.get("role") == "doc-noteref"

    def test_empty_body(self):
        rendered = link_footnotes("", [1])

        assert rendered.html == ""
        assert rendered.citations == {}


class TestReadingMinutes:
    def test_at_least_one_minute(self):
        assert reading_minutes("") == 1
        assert reading_minutes("<p></p>") == 1
        assert reading_minutes("<p>كلمة</p>") == 1

    def test_two_hundred_words_a_minute(self):
        assert reading_minutes("<p>" + "كلمة " * 1000 + "</p>") == 5
        assert reading_minutes("<p>" + "كلمة " * 2000 + "</p>") == 10

    def test_markup_is_not_read(self):
        link = '<a href="https://example.org/a/very/long/path/with/many/parts" title="x y z">ص</a> '
        body = "<p>" + "كلمة " * 200 + link * 200 + "</p>"

        # 200 words and 200 one-word links: 400 words, two minutes; the addresses and
        # titles of the links (ten words each) are not read.
        assert reading_minutes(body) == 2

    def test_vocalised_words_count_once(self):
        """«سُورِيَّة» is one word to a reader, whatever its diacritics.

        400 words are two minutes; counting each diacritic as a word break would make
        them several times longer.
        """
        vocalised = "سُورِيَّة "
        assert len(re.findall(r"\S+", vocalised * 400)) == 400

        assert reading_minutes("<p>" + vocalised * 400 + "</p>") == 2
