"""The generated rows: sections, authors and tags saved one by one, then articles in batches.

Sections, authors and tags (a few hundred rows) are saved through the models, as an
editor's would be. Articles and everything hanging off them are written with
``bulk_create``, one call per model and batch; the rows are still what
``Article.save()`` would have stored: bodies sanitized by ``articles.sanitize``,
slugs made by the same rule, and each edition's search text made by
``articles.search.indexing.documents_of`` with the authors and tags in the order
``reindex`` reads them (``bulk_create`` sends no signal, so nothing else would set it).
"""

import itertools
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article, Authorship, ReadAlso, Reference, Section, Tag, TaggedArticle
from articles.sanitize import sanitize_html
from articles.search.indexing import documents_of
from authors.models import Author

from .writer import Writer

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


@dataclass
class Pools:
    """What every batch draws from, and the slugs written so far."""

    sections: list
    desk: Author
    authors: list
    tags: list
    author_weights: list = field(init=False)
    tag_weights: list = field(init=False)
    slugs: set = field(default_factory=set)
    slugs_en: set = field(default_factory=set)

    def __post_init__(self):
        self.author_weights = list(
            itertools.accumulate(1 / (i + 5) for i in range(len(self.authors)))
        )
        self.tag_weights = list(itertools.accumulate(1 / (i + 3) for i in range(len(self.tags))))


def make_pools(rng):
    sections = make_sections()
    desk, authors = make_authors(rng, 300)
    tags = make_tags(600)
    return Pools(sections=sections, desk=desk, authors=authors, tags=tags)


def write_batch(rng, writer, times, now, pools, earlier_ids):
    """Plan one article per time of ``times`` and write it, with its authors, tags,
    references and read-also links; returns the new articles' ids."""
    plans = [plan_article(rng, writer, published_at, now, pools) for published_at in times]
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


def plan_article(rng, writer, published_at, now, pools):
    """An unsaved article, its byline (in position order), tags and number of references."""
    section = rng.choice(pools.sections)
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
    byline = [pools.desk] if section.genre == Section.Genre.NEWS and rng.random() < 0.5 else []
    size = rng.randint(2, 4)
    while len(byline) < size:
        author = rng.choices(pools.authors, cum_weights=pools.author_weights)[0]
        if author not in byline:
            byline.append(author)
    chosen_tags = []
    for tag in rng.choices(pools.tags, cum_weights=pools.tag_weights, k=20):
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
    fields["slug"] = fields["slug_ar"] = unique(slug_for(title), pools.slugs)
    if english:
        title_en = writer.title(english=True)
        fields |= {
            "title_en": title_en,
            "slug_en": unique(slug_for(title_en), pools.slugs_en),
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
    # In the order search.reindex reads them: authorships by position; tags as taggit's
    # prefetch returns them, which has no ORDER BY: by id on SQLite, unspecified on PostgreSQL.
    tags_by_id = sorted(chosen_tags, key=lambda tag: tag.pk)
    for name, document in documents_of(article, byline, tags_by_id).items():
        setattr(article, name, document)
    return article, byline, chosen_tags, n_refs
