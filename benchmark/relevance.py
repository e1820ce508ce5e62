"""A fixed relevance set for the site search: short Arabic articles, queries, and what each
query must find.

The articles are written in the register of the seed documents (``/work/shared/seeds``
and ``benchmark.words``): Syrian politics, security, economy and services. The queries
are what readers type: a word with or without «ال» and clitics, singular or plural,
«ة» or «ه», «أ» or «ا», and two-word queries. Each names, by key, the articles a
reader who typed it means (``QUERIES``); an article that only shares a word with the
query in another sense is not among them, and is a false positive if returned.

``install()`` puts the articles in the current database (slugs ``relevance-…``);
``evaluate()`` runs every query the way ``SearchView`` does and measures the top ten.
``tests/articles/test_search_relevance.py`` holds the search to it; the benchmark can
run it over its generated archive as well.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone, translation

from articles import search
from articles.models import Article, Section

SLUG_PREFIX = "relevance-"
SECTION_SLUG = "relevance-set"
TOP = 10

# key: (title, summary, body)
ARTICLES = {
    "coalition-joins": (
        "انضمام سورية إلى التحالف الدولي ضد داعش",
        "دعوة فرنسية لانضمام دمشق رسمياً إلى التحالف.",
        "يفتح الانضمام إلى التحالف فصلاً جديداً في العلاقة بين دمشق والعواصم الغربية، "
        "ويعيد تعريف موقع سورية في منظومة الأمن الإقليمي.",
    ),
    "regional-alliances": (
        "تحالفات جديدة ترسم خريطة المنطقة",
        "قراءة في التحالفات الإقليمية بعد سقوط النظام.",
        "تتبدل تحالفات القوى الإقليمية بسرعة، وتسعى العواصم المجاورة إلى شراكات أمنية "
        "واقتصادية مع الحكومة الانتقالية.",
    ),
    "geneva-talks": (
        "جولة جديدة من المفاوضات في جنيف",
        "الوفود تعود إلى طاولة المفاوضات برعاية الأمم المتحدة.",
        "تتناول المفاوضات ملف المعتقلين وصياغة الدستور، ويأمل المبعوث الأممي أن تفضي "
        "إلى اتفاق على جدول زمني.",
    ),
    "trade-talks": (
        "مفاوضات تجارية مع الاتحاد الأوروبي",
        "بروكسل تدرس تخفيف القيود على الصادرات السورية.",
        "بدأت مفاوضات حول رفع القيود الجمركية عن زيت الزيتون والمنسوجات، وسط مطالب "
        "أوروبية بضمانات للشفافية.",
    ),
    "observers": (
        "المراقبون الدوليون يتابعون وقف إطلاق النار",
        "بعثة من المراقبين الدوليين تصل إلى ريف حماة.",
        "قال رئيس البعثة إن المراقبين الدوليين سيرفعون تقارير أسبوعية عن الخروقات، "
        "بالتنسيق مع الضامنين.",
    ),
    "international-aid": (
        "الدعم الدولي لإعادة الإعمار",
        "مؤتمر المانحين يتعهد بمليارات الدولارات.",
        "ربط المانحون التمويل الدولي بالإصلاحات الإدارية، وطالبوا بآلية رقابة مستقلة على المشاريع.",
    ),
    "refugees-return": (
        "عودة اللاجئين من لبنان",
        "آلاف العائلات تعبر الحدود في الأسابيع الأخيرة.",
        "يواجه اللاجئون العائدون صعوبات في السكن وفي استعادة الوثائق الرسمية، وتطالب "
        "المفوضية بضمانات لعودة آمنة وطوعية.",
    ),
    "refugee-camp": (
        "مخيم الزعتري بعد عشر سنوات",
        "حياة لاجئ سوري في الأردن بين التعليم والعمل.",
        "يروي لاجئ من درعا كيف تغيرت حياة المخيم، وكيف يفكر في العودة بعد تحسن الأوضاع.",
    ),
    "drought": (
        "الجفاف يضرب محاصيل القمح في الجزيرة",
        "تراجع الأمطار يهدد الموسم الزراعي.",
        "يقدّر المزارعون خسائرهم بنصف المحصول، ويطالبون بدعم المحروقات لتشغيل الآبار "
        "في مواسم الجفاف.",
    ),
    "bread": (
        "أسعار الخبز وسياسات دعم القمح",
        "الحكومة تعيد النظر في دعم الرغيف.",
        "يستورد البلد جزءاً كبيراً من قمحه، وتبحث وزارة التجارة الداخلية عن بدائل "
        "لتوزيع الخبز المدعوم بعدالة.",
    ),
    "electricity": (
        "أزمة الكهرباء في حلب",
        "ساعات التقنين تطول مع دخول الشتاء.",
        "تعمل محطات التوليد بأقل من نصف طاقتها بسبب نقص الوقود، ويلجأ السكان إلى المولدات الخاصة.",
    ),
    "solar": (
        "الطاقة الشمسية بديل للأسر والمزارع",
        "انتشار الألواح الشمسية على أسطح المنازل.",
        "تشجع قروض صغيرة على تركيب ألواح الطاقة الشمسية، لكن أسعار البطاريات تبقى عائقاً.",
    ),
    "local-elections": (
        "الانتخابات المحلية المقبلة",
        "قانون جديد لانتخاب المجالس البلدية.",
        "يتيح القانون للمرشحين المستقلين خوض الانتخابات، وتطالب منظمات مدنية بمراقبة "
        "مستقلة لعملية الاقتراع.",
    ),
    "parliament": (
        "انتخاب أعضاء مجلس الشعب",
        "آلية اختيار النواب في المرحلة الانتقالية.",
        "تختار لجان فرعية ثلثي الأعضاء، ويعيّن الرئيس الثلث الباقي، وهو ما ينتقده معارضون.",
    ),
    "constitution": (
        "الإعلان الدستوري ومستقبل الحكم",
        "قراءة قانونية في مواد الإعلان الدستوري.",
        "يحدد الإعلان مدة المرحلة الانتقالية بخمس سنوات، ويمنح السلطة التنفيذية صلاحيات واسعة.",
    ),
    "sanctions": (
        "رفع العقوبات الأمريكية عن سورية",
        "واشنطن تعلّق العمل بقانون قيصر.",
        "يتيح تعليق العقوبات عودة التحويلات المصرفية، لكن المستثمرين ينتظرون وضوحاً "
        "قانونياً قبل ضخ الأموال.",
    ),
    "currency": (
        "الليرة السورية أمام الدولار",
        "تقلبات سعر الصرف تربك الأسواق.",
        "يعزو اقتصاديون تحسن الليرة إلى توقعات رفع العقوبة عن المصرف المركزي، ويحذرون من المضاربة.",
    ),
    "reconstruction": (
        "إعادة إعمار الأحياء المدمرة في حمص",
        "خطط لإعادة بناء البنية التحتية.",
        "تبدأ البلدية بترميم شبكات المياه والصرف، ويشكو السكان من بطء إزالة الأنقاض.",
    ),
    "schools": (
        "المدارس المدمرة وأزمة التعليم",
        "آلاف الأطفال خارج الصفوف.",
        "تحتاج مئات المدارس إلى ترميم، ويعمل المعلمون برواتب زهيدة، وتقترح منظمات "
        "برامج تعليم مسرّع.",
    ),
    "university": (
        "الجامعات السورية والاعتراف بالشهادات",
        "طلاب الشمال يطالبون بمعادلة شهاداتهم.",
        "تدرس وزارة التعليم العالي آلية لمعادلة شهادات الجامعات التي عملت خارج سلطة الحكومة.",
    ),
    "hospitals": (
        "المستشفيات في إدلب تحت الضغط",
        "نقص الأدوية والكوادر الطبية.",
        "تراجع تمويل المنظمات الإنسانية أغلق أقساماً في عدة مستشفيات، ويقطع المرضى "
        "مسافات طويلة للعلاج.",
    ),
    "water": (
        "أزمة المياه في الحسكة",
        "توقف محطة علوك يحرم المدينة من مياه الشرب.",
        "يشتري السكان المياه من الصهاريج بأسعار مرتفعة، وتحذر منظمات صحية من أمراض "
        "تنقلها المياه الملوثة.",
    ),
    "women": (
        "مشاركة المرأة في الحياة السياسية",
        "نساء سوريات يطالبن بحصة في مواقع القرار.",
        "ترى ناشطات أن المرحلة الانتقالية فرصة لتمثيل أوسع للنساء في الحكومة والبرلمان.",
    ),
    "captagon": (
        "تجارة المخدرات والكبتاغون",
        "شبكات التهريب بعد سقوط النظام.",
        "ضبطت قوى الأمن معامل للكبتاغون في ريف دمشق، ويطالب الأردن بتنسيق أكبر على "
        "الحدود لمكافحة التهريب.",
    ),
    "sdf": (
        "اتفاق آذار بين دمشق وقسد",
        "دمج المؤسسات المدنية والعسكرية في شمال شرق البلاد.",
        "ينص الاتفاق على دمج قوات سوريا الديمقراطية في الجيش، وتسليم المعابر وحقول "
        "النفط إلى الدولة.",
    ),
    "turkey": (
        "العلاقات السورية التركية بعد التغيير",
        "أنقرة تعرض التعاون في الطاقة والنقل.",
        "تبحث الحكومتان فتح المعابر الحدودية أمام التجارة، وتنظيم عودة المقيمين في تركيا.",
    ),
    "russia": (
        "مصير القواعد الروسية في الساحل",
        "مفاوضات حول حميميم وطرطوس.",
        "تسعى موسكو إلى الإبقاء على وجودها العسكري، بينما تربط دمشق أي اتفاق بملفات "
        "الديون والتعويضات.",
    ),
    "iran": (
        "تراجع النفوذ الإيراني في سورية",
        "انسحاب الميليشيات من دير الزور.",
        "فقدت طهران ممرها البري إلى لبنان، وتحاول الحفاظ على مصالحها الاقتصادية عبر عقود قديمة.",
    ),
    "press": (
        "حرية الصحافة في المرحلة الانتقالية",
        "صحفيون يعودون إلى العمل من دمشق.",
        "تطالب نقابة الصحفيين بقانون إعلام جديد يحمي المصادر ويلغي الرقابة المسبقة.",
    ),
    "councils": (
        "المجالس المحلية وإدارة الخدمات",
        "تجارب الإدارة الذاتية للبلدات.",
        "نجحت بعض المجالس في تنظيم جمع النفايات وتوزيع الخبز، وتعثرت أخرى بسبب نقص الموارد.",
    ),
    "oil": (
        "حقول النفط في دير الزور",
        "الإنتاج النفطي وعائداته للخزينة.",
        "تقدّر وزارة النفط أن إعادة تأهيل الحقول تحتاج إلى سنتين، وتفاوض شركات أجنبية "
        "على عقود الاستثمار.",
    ),
    "justice": (
        "العدالة الانتقالية ومحاسبة المسؤولين",
        "هيئة وطنية للعدالة الانتقالية.",
        "تعمل الهيئة على توثيق الانتهاكات وجبر الضرر، وتطالب عائلات الضحايا بمحاكمات علنية.",
    ),
    "missing": (
        "ملف المفقودين والمعتقلين",
        "آلاف العائلات تنتظر معرفة مصير أبنائها.",
        "تفتح المقابر الجماعية ملف المفقودين، وتدعو منظمات حقوقية إلى بنك وطني للحمض النووي.",
    ),
}

# (query, keys of the articles a reader who typed it means). Some are known misses, kept
# so the measure stays honest: broken plurals («مجلس» / «المجالس», «قاعدة» / «القواعد»)
# no light stemmer joins, and a conjunction or preposition written without «ال»
# («وقسد», «بدعم», «لإعادة»), which is not read off a word (it may be its first letter:
# «وزارة»). «الدولي» also finds «الدولة»: Snowball gives both the stem «دول».
QUERIES = [
    # The conflations the search promises: article, plural, singular, clitics.
    ("التحالفات", {"coalition-joins", "regional-alliances"}),
    ("تحالفات", {"coalition-joins", "regional-alliances"}),
    ("التحالف", {"coalition-joins", "regional-alliances"}),
    ("تحالف", {"coalition-joins", "regional-alliances"}),
    ("الدوليين", {"observers", "coalition-joins", "international-aid"}),
    ("الدولي", {"observers", "coalition-joins", "international-aid"}),
    ("المراقبين", {"observers"}),
    ("المفاوضات", {"geneva-talks", "trade-talks", "russia"}),
    ("مفاوضات", {"geneva-talks", "trade-talks", "russia"}),
    ("والمفاوضات", {"geneva-talks", "trade-talks", "russia"}),
    ("اللاجئين", {"refugees-return", "refugee-camp"}),
    ("لاجئ", {"refugees-return", "refugee-camp"}),
    ("اللاجئون", {"refugees-return", "refugee-camp"}),
    ("الانتخابات", {"local-elections", "parliament"}),
    ("انتخاب", {"local-elections", "parliament"}),
    ("المدارس", {"schools"}),
    ("الجامعات", {"university"}),
    ("جامعة", {"university"}),
    ("المستشفيات", {"hospitals"}),
    ("مستشفى", {"hospitals"}),
    ("العقوبات", {"sanctions", "currency"}),
    ("عقوبة", {"sanctions", "currency"}),
    ("المجالس", {"councils", "local-elections"}),
    ("مجلس", {"councils", "local-elections", "parliament"}),
    ("الصحفيين", {"press"}),
    ("صحفي", {"press"}),
    ("القواعد الروسية", {"russia"}),
    ("قاعدة روسية", {"russia"}),
    # Spellings: ة or ه, hamza or none, ى or ي.
    ("المرأه", {"women"}),
    ("الإيراني", {"iran"}),
    ("الايراني", {"iran"}),
    ("إعادة الإعمار", {"reconstruction", "international-aid"}),
    ("اعاده الاعمار", {"reconstruction", "international-aid"}),
    ("الطاقه الشمسيه", {"solar"}),
    ("مستشفي", {"hospitals"}),
    ("الأمريكية", {"sanctions"}),
    # Two words, each in its own form.
    ("الجفاف القمح", {"drought"}),
    ("دعم القمح", {"bread", "drought"}),
    ("أزمة الكهرباء", {"electricity"}),
    ("مياه الشرب", {"water"}),
    ("حقول النفط", {"oil", "sdf"}),
    ("العدالة الانتقالية", {"justice"}),
    ("المفقودين", {"missing"}),
    ("الكبتاغون", {"captagon"}),
    ("تهريب المخدرات", {"captagon"}),
    ("الإعلان الدستوري", {"constitution"}),
    ("العلاقات التركية", {"turkey"}),
    ("سعر الصرف", {"currency"}),
    ("قسد", {"sdf"}),
]


def _section():
    section = Section.objects.filter(slug=SECTION_SLUG).first()
    return section or Section.objects.create(name="مجموعة الصلة", slug=SECTION_SLUG)


@transaction.atomic
def install():
    """Put the articles in the current database, published; return each key's pk.

    Idempotent: an article already there (by its slug, ``relevance-<key>``) is kept
    and its text set back to the set's. All are published a day ago or earlier, one
    minute apart, in the order above.
    """
    section = _section()
    start = timezone.now() - timedelta(days=1)
    pks = {}
    with translation.override("ar"):
        for n, (key, (title, summary, body)) in enumerate(ARTICLES.items()):
            slug = SLUG_PREFIX + key
            article = Article.objects.filter(slug_ar=slug).first() or Article(slug=slug)
            article.title, article.summary, article.body = title, summary, f"<p>{body}</p>"
            article.section = section
            article.status = Article.Status.PUBLISHED
            article.published_at = start - timedelta(minutes=n)
            article.save()
            pks[key] = article.pk
    search.reindex(pks.values())
    return pks


def evaluate(keys_to_pks, language="ar"):
    """Run every query as ``SearchView`` does; measure its top ten against the set.

    For each query: its terms (``search.query_terms``), the ranked ids
    (``search.ranked_ids``), the public ones only, in that order, cut to the first
    ten. Then, averaged over the queries:

    - ``recall_at_10``: of the articles the query must find, the share in its top ten.
      Anything that pushes one out (another article of the set, or an article of a
      generated archive the set is installed beside) costs recall.
    - ``precision_at_10``: of the *set's* articles in its top ten, the share the query
      must find. Articles that are not the set's are left out: nobody judged them,
      and a generated archive is made of the seeds' own words, so its articles are
      often true matches; counting them as wrong would measure the archive, not the
      search. A query whose top ten has none of the set's articles has no precision,
      and is left out of that average (its recall is 0 if it had any to find).

    ``failures``: each query that missed an article it must find, or returned one of
    the set's it must not, with those keys.
    """
    key_of = {pk: key for key, pk in keys_to_pks.items()}
    recalls, precisions, failures = [], [], []
    with translation.override(language):
        variants = search.spelling_variants()
        for query, expected in QUERIES:
            ids = search.ranked_ids(search.query_terms(query, variants), language)
            public = set(
                Article.objects.published().filter(pk__in=ids).values_list("pk", flat=True)
            )
            top = [pk for pk in ids if pk in public][:TOP]
            found = [key_of[pk] for pk in top if pk in key_of]
            recalls.append(len(expected & set(found)) / len(expected))
            if found:
                precisions.append(len(expected & set(found)) / len(found))
            missing, unexpected = (
                sorted(expected - set(found)),
                [k for k in found if k not in expected],
            )
            if missing or unexpected:
                failures.append({"query": query, "missing": missing, "unexpected": unexpected})
    return {
        "queries": len(QUERIES),
        "recall_at_10": sum(recalls) / len(recalls),
        "precision_at_10": sum(precisions) / len(precisions) if precisions else 0.0,
        "failures": failures,
    }
