"""The benchmark's database: refused unless it is empty or the benchmark's own, then filled.

Sections, authors and tags (a few hundred rows) are saved one by one through the
models, as an editor's would be. Articles and everything hanging off them are
written with ``bulk_create`` in batches, one transaction per batch, so that
100,000 articles take minutes, not hours; the rows are still what
``Article.save()`` would have stored: sanitized bodies, slugs made by the same
rule, ``search_document`` built by ``articles.search`` from the same parts. On
SQLite the FTS5 table is filled by the insert trigger of migration 0003 (bulk
inserts fire it row by row); on PostgreSQL the GIN index follows by itself.
"""

import itertools
import random
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import override

from articles import search
from articles.models import (
    Article,
    Authorship,
    ReadAlso,
    Reference,
    Section,
    Tag,
    TaggedArticle,
)
from articles.sanitize import sanitize_html
from authors.models import Author

from .words import ARABIC, ENGLISH

MARKER_TABLE = "benchmark_dataset"
BATCH = 500
YEARS = 8

SECTIONS = [
    ("تقدير موقف", "Situation Assessment", Section.Genre.ANALYSIS),
    ("دراسات وتحليلات", "Studies and Analysis", Section.Genre.ANALYSIS),
    ("أخبار", "News", Section.Genre.NEWS),
    ("رأي", "Opinion", Section.Genre.OPINION),
    ("تقارير", "Reports", Section.Genre.NEWS),
    ("الاقتصاد السياسي", "Political Economy", Section.Genre.ANALYSIS),
    ("الشؤون الأمنية", "Security Affairs", Section.Genre.ANALYSIS),
    ("قراءات", "Reviews", Section.Genre.OPINION),
]
# Words per article body, by genre.
LENGTHS = {
    Section.Genre.ANALYSIS: (700, 1800),
    Section.Genre.NEWS: (200, 600),
    Section.Genre.OPINION: (500, 1100),
}
FIRST_NAMES = [
    ("أحمد", "Ahmad"), ("محمد", "Mohammad"), ("عمر", "Omar"), ("خالد", "Khaled"),
    ("سامر", "Samer"), ("ريم", "Reem"), ("لينا", "Lina"), ("هبة", "Heba"), ("يوسف", "Yousef"),
    ("نور", "Nour"), ("فراس", "Firas"), ("رنا", "Rana"), ("مازن", "Mazen"), ("سلمى", "Salma"),
    ("عبد الله", "Abdullah"), ("إبراهيم", "Ibrahim"), ("آلاء", "Alaa"), ("أسامة", "Osama"),
    ("ياسر", "Yasser"), ("دينا", "Dina"), ("حسن", "Hasan"), ("جود", "Joud"), ("زياد", "Ziad"),
    ("مريم", "Maryam"), ("وائل", "Wael"),
]  # fmt: skip
FAMILY_NAMES = [
    ("الأحمد", "al-Ahmad"), ("الحلبي", "al-Halabi"), ("الشامي", "al-Shami"),
    ("العلي", "al-Ali"), ("قاسم", "Qasem"), ("المرفوع", "al-Marfoua"), ("الخطيب", "al-Khatib"),
    ("النجار", "al-Najjar"), ("حداد", "Haddad"), ("الزعبي", "al-Zoubi"), ("السيد", "al-Sayed"),
    ("الحمصي", "al-Homsi"), ("العمر", "al-Omar"), ("إسماعيل", "Ismail"), ("الديري", "al-Deiri"),
    ("الرفاعي", "al-Rifai"), ("البيطار", "al-Bitar"), ("الأتاسي", "al-Atassi"),
    ("عثمان", "Othman"), ("منصور", "Mansour"),
]  # fmt: skip
PLACES = [
    ("سورية", "Syria"), ("العراق", "Iraq"), ("لبنان", "Lebanon"), ("الأردن", "Jordan"),
    ("تركيا", "Turkey"), ("إيران", "Iran"), ("مصر", "Egypt"), ("الخليج", "the Gulf"),
    ("فرنسا", "France"), ("روسيا", "Russia"), ("الولايات المتحدة", "the United States"),
    ("أوروبا", "Europe"), ("دمشق", "Damascus"), ("حلب", "Aleppo"), ("دير الزور", "Deir ez-Zor"),
    ("إدلب", "Idlib"), ("حمص", "Homs"), ("درعا", "Daraa"), ("الرقة", "Raqqa"),
    ("اللاذقية", "Latakia"),
]  # fmt: skip
TOPICS = [
    ("الأمن", "Security"), ("الاقتصاد", "Economy"), ("الطاقة", "Energy"),
    ("اللاجئون", "Refugees"), ("الانتخابات", "Elections"), ("الدستور", "Constitution"),
    ("إعادة الإعمار", "Reconstruction"), ("العدالة الانتقالية", "Transitional Justice"),
    ("مكافحة الإرهاب", "Counter-terrorism"), ("المياه", "Water"), ("التعليم", "Education"),
    ("الصحة", "Health"), ("الإعلام", "Media"), ("المجتمع المدني", "Civil Society"),
    ("العقوبات", "Sanctions"), ("الزراعة", "Agriculture"), ("النفط", "Oil"),
    ("الحدود", "Borders"), ("الدبلوماسية", "Diplomacy"), ("حقوق الإنسان", "Human Rights"),
    ("الهجرة", "Migration"), ("الإدارة المحلية", "Local Government"), ("الجيش", "Army"),
    ("المخدرات", "Narcotics"), ("التحالف الدولي", "International Coalition"),
    ("داعش", "ISIS"), ("المرأة", "Women"), ("الشباب", "Youth"), ("الفساد", "Corruption"),
    ("السياحة", "Tourism"),
]  # fmt: skip
PUBLISHERS_AR = [
    "وزارة الداخلية السورية", "مركز الدراسات الاستراتيجية", "الجزيرة نت", "عنب بلدي",
    "تلفزيون سوريا", "المرصد السوري", "جامعة دمشق", "الأمم المتحدة",
]  # fmt: skip
PUBLISHERS_EN = [
    "Reuters", "Carnegie Middle East Center", "Chatham House", "The Washington Institute",
    "UNHCR", "International Crisis Group", "Brookings", "Al-Monitor",
]  # fmt: skip


def _zipf(words, s=1.0, offset=8):
    """Cumulative weights that make frequent words frequent, as in real text."""
    return list(itertools.accumulate(1 / (rank + offset) ** s for rank in range(len(words))))


AR_WEIGHTS = _zipf(ARABIC)
EN_WEIGHTS = _zipf(ENGLISH)


# --- The benchmark's own database ---------------------------------------------------


def project_database():
    """The developer's database file (settings' default), which the benchmark never touches."""
    return (Path(settings.BASE_DIR) / "db.sqlite3").resolve()


def marker():
    """What the benchmark wrote here before (articles, seed, seconds), or None."""
    if MARKER_TABLE not in connection.introspection.table_names():
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT articles, seed, seconds FROM {MARKER_TABLE}")  # noqa: S608
        row = cursor.fetchone()
    return {"articles": row[0], "seed": row[1], "seconds": row[2]} if row else {}


def content_counts():
    return {
        "articles": Article.objects.count(),
        "authors": Author.objects.count(),
        "sections": Section.objects.count(),
        "tags": Tag.objects.count(),
        "users": get_user_model().objects.count(),
    }


def refuse_project_database(vendor, name):
    """The developer's ``db.sqlite3`` is never the benchmark's, even when empty."""
    sqlite_file = vendor == "sqlite" and isinstance(name, str | Path) and str(name)
    if sqlite_file and Path(name).resolve() == project_database():
        raise CommandError(
            f"Refusing to fill {name}, the project's own database. The benchmark makes "
            "its own (.benchmark/); give --database-url to point it at another empty one."
        )


def check_database():
    """Refuse anything but an empty database or one the benchmark filled itself.

    Returns the marker (None for an empty database). The developer's own
    ``db.sqlite3`` is refused even when empty: a benchmark run would leave
    thousands of made-up articles in it.
    """
    name = connection.settings_dict["NAME"]
    refuse_project_database(connection.vendor, name)
    found = marker()
    if found is not None:
        return found
    counts = {kind: n for kind, n in content_counts().items() if n}
    if counts:
        listed = ", ".join(f"{n} {kind}" for kind, n in counts.items())
        raise CommandError(
            f"Refusing to touch this database ({connection.vendor}: {name}): it holds content "
            f"the benchmark did not create ({listed}). The benchmark writes only into an empty "
            "database or one it created itself; give --database-url with an empty one."
        )
    return None


def clear_benchmark_content():
    """Delete what an earlier run generated (only called on a marked database)."""
    ReadAlso.objects.all().delete()
    Reference.objects.all().delete()
    TaggedArticle.objects.all().delete()
    Authorship.objects.all().delete()
    Article.objects.all().delete()
    Tag.objects.all().delete()
    Author.objects.all().delete()
    Section.objects.all().delete()


def write_marker(articles, seed, seconds):
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} "
            "(articles integer NOT NULL, seed integer NOT NULL, seconds real NOT NULL)"
        )
        cursor.execute(f"DELETE FROM {MARKER_TABLE}")  # noqa: S608
        cursor.execute(
            f"INSERT INTO {MARKER_TABLE} (articles, seed, seconds) VALUES (%s, %s, %s)",  # noqa: S608
            [articles, seed, seconds],
        )


# --- Text -----------------------------------------------------------------------------


class Writer:
    """Made-up but realistic text from the seed documents' vocabulary."""

    def __init__(self, rng):
        self.rng = rng

    def words(self, n, english=False):
        vocabulary, weights = (ENGLISH, EN_WEIGHTS) if english else (ARABIC, AR_WEIGHTS)
        return self.rng.choices(vocabulary, cum_weights=weights, k=n)

    def sentence(self, english=False, low=8, high=24):
        words = self.words(self.rng.randint(low, high), english)
        if english:
            words[0] = words[0].capitalize()
        if len(words) > 10 and self.rng.random() < 0.5:
            i = self.rng.randint(4, len(words) - 4)
            words[i] += "," if english else "،"
        return " ".join(words) + "."

    def title(self, english=False):
        words = self.words(self.rng.randint(5, 11), english)
        if english:
            words = [w.capitalize() for w in words]
        if self.rng.random() < 0.3:
            words[self.rng.randint(1, len(words) - 2)] += ":"
        return " ".join(words)

    def summary(self, english=False):
        return " ".join(self.sentence(english, 12, 22) for _ in range(self.rng.randint(1, 2)))

    def body(self, words, references, english=False):
        """Paragraphs, headings, a list or a quotation now and then, and every reference
        cited with ``[n]`` (in order, a few twice)."""
        rng = self.rng
        sentences = []
        total = 0
        while total < words or len(sentences) < references:
            sentence = self.sentence(english)
            sentences.append(sentence)
            total += sentence.count(" ") + 1
        citations = sorted(rng.sample(range(len(sentences)), references))
        for number, index in enumerate(citations, start=1):
            sentences[index] = sentences[index][:-1] + f"[{number}]."
        for number in rng.sample(range(1, len(citations) + 1), len(citations) // 5):
            index = rng.randrange(len(sentences))
            sentences[index] = sentences[index][:-1] + f"[{number}]."
        blocks = []
        i = 0
        while i < len(sentences):
            if blocks and rng.random() < 0.18:
                blocks.append(f"<h2>{self.title(english).rstrip(':')}</h2>")
            kind = rng.random()
            take = rng.randint(2, 5)
            chunk = sentences[i : i + take]
            i += take
            if kind < 0.06 and len(chunk) > 2:
                items = "".join(f"<li>{s}</li>" for s in chunk)
                blocks.append(f"<ol>{items}</ol>" if kind < 0.03 else f"<ul>{items}</ul>")
            elif kind < 0.09:
                blocks.append(f"<blockquote><p>{' '.join(chunk)}</p></blockquote>")
            else:
                text = " ".join(chunk)
                if rng.random() < 0.15:
                    first, _space, rest = text.partition(" ")
                    text = f"<strong>{first}</strong> {rest}"
                blocks.append(f"<p>{text}</p>")
        return "".join(blocks)


# --- Generation ---------------------------------------------------------------------


@dataclass
class Dataset:
    articles: int
    seed: int
    seconds: float
    #: the SQLite FTS5 index had to be rebuilt: its insert trigger is missing
    index_rebuilt: bool = False


def unique(base, taken):
    """Slugs as core.slugs.unique_slug makes them, against the slugs written so far."""
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def slug_for(text, max_length=300):
    return slugify(text, allow_unicode=True)[: max_length - 8].strip("-") or "item"


def make_sections():
    sections = []
    for position, (name, name_en, genre) in enumerate(SECTIONS, start=1):
        section = Section(name=name, name_ar=name, name_en=name_en, genre=genre, position=position)
        section.save()
        sections.append(section)
    return sections


def make_authors(rng, count):
    desk = Author(name="إدارة الموقع", name_ar="إدارة الموقع", name_en="Editorial Desk")
    desk.kind = Author.Kind.DESK
    desk.save()
    authors = []
    names = list(itertools.product(FIRST_NAMES, FAMILY_NAMES))
    rng.shuffle(names)
    for i in range(count):
        (first, first_en), (family, family_en) = names[i % len(names)]
        suffix = f" {i // len(names) + 1}" if i >= len(names) else ""
        name = f"{first} {family}{suffix}"
        author = Author(
            name=name,
            name_ar=name,
            name_en=f"{first_en} {family_en}{suffix}" if i % 3 else None,
            role="باحث" if i % 2 else "باحثة في الشؤون السياسية",
            bio=" ".join(Writer(rng).sentence() for _ in range(2)),
        )
        author.save()
        authors.append(author)
    return desk, authors


def make_tags(count):
    tags = [Tag.objects.create(name=ar, name_ar=ar, name_en=en) for ar, en in PLACES + TOPICS]
    for (topic, topic_en), (place, place_en) in itertools.product(TOPICS, PLACES):
        if len(tags) >= count:
            break
        name = f"{topic} في {place}"
        tags.append(
            Tag.objects.create(name=name, name_ar=name, name_en=f"{topic_en} in {place_en}")
        )
    return tags


def publication_times(rng, count):
    """Sorted times over the last years; a few drafts (None) and scheduled ones (future)."""
    now = timezone.now()
    span = YEARS * 365 * 24 * 3600
    times = sorted(now - timedelta(seconds=rng.uniform(3600, span)) for _ in range(count))
    return times, now


def reference(rng, writer, article, number, english):
    accessed = date.today() - timedelta(days=rng.randint(0, YEARS * 365))
    if english:
        (_first, first), (_family, family) = rng.choice(FIRST_NAMES), rng.choice(FAMILY_NAMES)
        return Reference(
            article=article,
            number=number,
            authors=f"{first} {family}" if rng.random() < 0.7 else "",
            title=writer.title(english=True).rstrip(":"),
            publisher=rng.choice(PUBLISHERS_EN),
            date_text=str(accessed.year),
            report_number=f"No. {rng.randint(1, 400)}" if rng.random() < 0.2 else "",
            url=f"https://example.org/en/{accessed.year}/{rng.randint(1000, 99999)}",
            accessed=accessed,
        )
    (first, _fe), (family, _fa) = rng.choice(FIRST_NAMES), rng.choice(FAMILY_NAMES)
    return Reference(
        article=article,
        number=number,
        authors=f"{first} {family}" if rng.random() < 0.6 else "",
        title=writer.title().rstrip(":"),
        publisher=rng.choice(PUBLISHERS_AR),
        date_text=str(accessed.year),
        url=f"https://example.org/ar/{accessed.year}/{rng.randint(1000, 99999)}",
        accessed=accessed,
        note="الموقع الرسمي" if rng.random() < 0.2 else "",
    )


def generate(articles, *, seed=2025, progress=None):
    """Fill an empty (or the benchmark's own) database with ``articles`` articles."""
    rng = random.Random(seed)  # noqa: S311 - made-up content, not secrets
    writer = Writer(rng)
    started = time.perf_counter()
    with override(settings.LANGUAGE_CODE), transaction.atomic():
        sections = make_sections()
        desk, authors = make_authors(rng, 300)
        tags = make_tags(600)
    author_weights = list(itertools.accumulate(1 / (i + 5) for i in range(len(authors))))
    tag_weights = list(itertools.accumulate(1 / (i + 3) for i in range(len(tags))))
    times, now = publication_times(rng, articles)
    slugs, slugs_en = set(), set()
    created_ids = []
    for start in range(0, articles, BATCH):
        with override(settings.LANGUAGE_CODE), transaction.atomic():
            batch = _batch(
                rng, writer, times[start : start + BATCH], now, sections, desk, authors,
                author_weights, tags, tag_weights, slugs, slugs_en, created_ids,
            )  # fmt: skip
        created_ids.extend(batch)
        if progress:
            progress(start + len(batch), time.perf_counter() - started)
    rebuilt = full_text_rows() not in (None, articles)
    if rebuilt:
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO articles_article_fts(articles_article_fts) VALUES ('rebuild')"
            )
    seconds = time.perf_counter() - started
    write_marker(articles, seed, seconds)
    # bulk_create sends no signals: start the page cache afresh.
    caches["default"].clear()
    return Dataset(articles=articles, seed=seed, seconds=seconds, index_rebuilt=rebuilt)


def _batch(
    rng, writer, times, now, sections, desk, authors, author_weights, tags, tag_weights,
    slugs, slugs_en, earlier_ids,
):  # fmt: skip
    plans = []
    for published_at in times:
        section = rng.choice(sections)
        english = rng.random() < 0.15
        roll = rng.random()
        if roll < 0.02:
            status, published_at = Article.Status.DRAFT, None
        elif roll < 0.03:
            status, published_at = Article.Status.REVIEW, None
        elif roll < 0.04:
            status = Article.Status.PUBLISHED
            published_at = now + timedelta(hours=rng.randint(1, 24 * 30))
        else:
            status = Article.Status.PUBLISHED
        byline = [desk] if section.genre == Section.Genre.NEWS and rng.random() < 0.5 else []
        size = rng.randint(2, 4)
        while len(byline) < size:
            author = rng.choices(authors, cum_weights=author_weights)[0]
            if author not in byline:
                byline.append(author)
        chosen_tags = []
        for tag in rng.choices(tags, cum_weights=tag_weights, k=20):
            if tag not in chosen_tags:
                chosen_tags.append(tag)
        chosen_tags = chosen_tags[: rng.randint(4, 8)]
        n_refs = rng.randint(5, 20)
        low, high = LENGTHS[section.genre]
        title = writer.title()
        fields = {
            "title": title,
            "title_ar": title,
            "slug": None,
            "summary_ar": writer.summary(),
            "body_ar": sanitize_html(writer.body(rng.randint(low, high), n_refs)),
        }
        fields["slug"] = fields["slug_ar"] = unique(slug_for(title), slugs)
        if english:
            title_en = writer.title(english=True)
            fields |= {
                "title_en": title_en,
                "slug_en": unique(slug_for(title_en), slugs_en),
                "summary_en": writer.summary(english=True),
                "body_en": sanitize_html(
                    writer.body(rng.randint(low, high) // 2, n_refs, english=True)
                ),
            }
        fields["summary"], fields["body"] = fields["summary_ar"], fields["body_ar"]
        article = Article(
            section=section,
            status=status,
            published_at=published_at,
            featured=status == Article.Status.PUBLISHED and rng.random() < 0.01,
            **fields,
        )
        article.search_document = search_document(article, byline, chosen_tags)
        plans.append((article, byline, chosen_tags, n_refs))

    created = Article.objects.bulk_create([plan[0] for plan in plans])
    authorships, taggings, references, read_also = [], [], [], []
    ids = [article.pk for article in created]
    pool = earlier_ids + ids
    for (article, byline, chosen_tags, n_refs), pk in zip(plans, ids, strict=True):
        authorships += [
            Authorship(article_id=pk, author=author, position=position)
            for position, author in enumerate(byline, start=1)
        ]
        taggings += [TaggedArticle(content_object_id=pk, tag=tag) for tag in chosen_tags]
        english_share = 0.3 if article.title_en else 0.15
        references += [
            reference(rng, writer, article, number, rng.random() < english_share)
            for number in range(1, n_refs + 1)
        ]
        targets = []
        while len(pool) > 3 and len(targets) < 3:
            target = rng.choice(pool)
            if target != pk and target not in targets:
                targets.append(target)
        read_also += [
            ReadAlso(article_id=pk, target_id=target, position=position)
            for position, target in enumerate(targets, start=1)
        ]
    Authorship.objects.bulk_create(authorships)
    TaggedArticle.objects.bulk_create(taggings)
    Reference.objects.bulk_create(references)
    ReadAlso.objects.bulk_create(read_also)
    return ids


def search_document(article, byline, tags):
    """Article.build_search_document() for an article not saved yet, with its authors and tags.

    The model reads authors and tags through the database in their models' order (by
    name); the same order here gives the same text.
    """
    parts = []
    for lang, _name in settings.LANGUAGES:
        for name in ("title", "summary", "body"):
            parts.append(getattr(article, f"{name}_{lang}"))
    for author in sorted(byline, key=lambda a: (a.name, a.pk)):
        parts += [getattr(author, f"name_{lang}") for lang, _n in settings.LANGUAGES]
    for tag in sorted(tags, key=lambda t: (t.name, t.pk)):
        parts += [getattr(tag, f"name_{lang}") for lang, _n in settings.LANGUAGES]
    return search.index_text(*parts)


def full_text_rows():
    """Rows in the SQLite FTS5 index (None elsewhere): must equal the number of articles."""
    if connection.vendor != "sqlite":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM articles_article_fts_docsize")
        return cursor.fetchone()[0]
