"""The editors' admin, driven as an editor would: forms posted, pages read."""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from articles.models import Article, ReadAlso, Reference
from tests.helpers.admin import article_form, inline_management, with_rows
from tests.helpers.factories import make_article, make_author, make_reference, make_section

pytestmark = pytest.mark.django_db

DAMASCUS = ZoneInfo("Asia/Damascus")


class TestPagesRender:
    @pytest.mark.parametrize(
        "name",
        [
            "admin:index",
            "admin:articles_article_changelist",
            "admin:articles_article_add",
            "admin:articles_section_changelist",
            "admin:articles_section_add",
            "admin:articles_tag_changelist",
            "admin:articles_tag_add",
            "admin:authors_author_changelist",
            "admin:authors_author_add",
        ],
    )
    def test_arabic_right_to_left(self, superuser_client, name):
        response = superuser_client.get(reverse(name))

        assert response.status_code == 200
        html = response.content.decode()
        assert 'lang="ar"' in html
        assert 'dir="rtl"' in html
        assert "editorial/admin.css" in html

    def test_article_form_speaks_arabic(self, superuser_client):
        html = superuser_client.get(reverse("admin:articles_article_add")).content.decode()

        for label in ("العنوان", "الملخص", "قسم", "الحالة", "وقت النشر", "صورة الغلاف"):
            assert label in html
        for label in ("Title", "Summary", "Publication time", "Cover image"):
            assert f">{label}" not in html
        # Choices and inlines too.
        for word in ("مسودة", "قيد المراجعة", "منشور", "المراجع", "اقرأ أيضاً (بالترتيب)"):
            assert word in html

    def test_one_tag_model_in_the_menu(self, superuser_client):
        html = superuser_client.get(reverse("admin:index")).content.decode()

        assert reverse("admin:articles_tag_changelist") in html
        assert "/admin/taggit/" not in html

    def test_rich_text_editor_and_nothing_from_a_cdn(self, superuser_client):
        html = superuser_client.get(reverse("admin:articles_article_add")).content.decode()

        assert "data-django-prose-editor" in html
        assert "/static/jquery-ui/jquery-ui.min.js" in html
        assert "tabbed_translation_fields.js" in html
        assert "googleapis" not in html
        assert 'src="//' not in html and 'href="//' not in html

    def test_rich_text_editor_speaks_arabic(self, superuser_client):
        catalog = superuser_client.get(reverse("admin:jsi18n")).content.decode()

        for word in ("تعديل الرابط", "افتح في نافذة جديدة", "ملء الشاشة"):
            assert json.dumps(word)[1:-1] in catalog  # the catalogue is ASCII-escaped JSON

    def test_local_jquery_ui_is_served(self, client):
        from django.contrib.staticfiles import finders

        assert finders.find("jquery-ui/jquery-ui.min.js")

    def test_changelist_columns_filters_and_search(self, superuser_client):
        author = make_author(name="أنس قاسم المرفوع")
        section = make_section(name="تقدير موقف")
        make_article(title="مقال عن التحالف", section=section, authors=[author], tags=["سورية"])
        make_article(title="مسودة لم تنشر", published=False)

        url = reverse("admin:articles_article_changelist")
        html = superuser_client.get(url).content.decode()
        assert "مقال عن التحالف" in html and "أنس قاسم المرفوع" in html
        assert "تقدير موقف" in html

        found = superuser_client.get(url, {"q": "التحالف"}).content.decode()
        assert "مقال عن التحالف" in found and "مسودة لم تنشر" not in found

        drafts = superuser_client.get(url, {"status__exact": "draft"}).content.decode()
        assert "مسودة لم تنشر" in drafts and "مقال عن التحالف" not in drafts

        by_author = superuser_client.get(url, {"authors__id__exact": author.pk}).content.decode()
        assert "مقال عن التحالف" in by_author and "مسودة لم تنشر" not in by_author

    def test_changelist_marks_scheduled_articles(self, superuser_client):
        from datetime import timedelta

        from django.utils import timezone

        make_article(title="مقال الغد", when=timezone.now() + timedelta(days=1))
        html = superuser_client.get(reverse("admin:articles_article_changelist")).content.decode()

        assert "status-scheduled" in html and "مجدول" in html

    def test_author_autocomplete(self, superuser_client):
        make_author(name="أنس قاسم المرفوع")
        make_author(name="إدارة الموقع", kind="desk")
        response = superuser_client.get(
            reverse("admin:autocomplete"),
            {
                "term": "أنس",
                "app_label": "articles",
                "model_name": "authorship",
                "field_name": "author",
            },
        )

        assert response.status_code == 200
        assert [r["text"] for r in response.json()["results"]] == ["أنس قاسم المرفوع"]


class TestSavingArticles:
    def test_editor_creates_an_article_with_authors_references_read_also_and_tags(
        self, superuser_client
    ):
        section = make_section(name="تقدير موقف")
        first, second = make_author(name="أنس قاسم المرفوع"), make_author(name="إدارة الموقع")
        other = make_article(title="مقال آخر")
        data = article_form(section)
        data |= inline_management("authorships", total=2)
        data |= {
            "authorships-0-author": str(second.pk),
            "authorships-0-position": "1",
            "authorships-1-author": str(first.pk),
            "authorships-1-position": "2",
        }
        data = with_rows(
            data,
            "references",
            [
                {"number": "1", "title": "بيان حول تفكيك خلايا داعش", "authors": "وزارة الداخلية"},
                {"number": "2", "title": "Global Coalition to Defeat ISIS", "url": ""},
            ],
        )
        data |= inline_management("read_also_links", total=1)
        data |= {"read_also_links-0-target": str(other.pk), "read_also_links-0-position": "1"}

        response = superuser_client.post(reverse("admin:articles_article_add"), data)

        assert response.status_code == 302, response.context["errors"]
        article = Article.objects.get(title_ar=data["title_ar"])
        assert article.slug == "انضمام-سورية-إلى-التحالف-الدولي-ضد-داعش"
        assert article.published_at == datetime(2025, 11, 3, 4, 54, tzinfo=DAMASCUS)
        assert [a.author for a in article.authorships.order_by("position")] == [second, first]
        assert [r.number for r in article.references.all()] == [1, 2]
        assert [link.target for link in article.read_also_links.all()] == [other]
        assert sorted(t.name for t in article.tags.all()) == sorted(
            ["سورية", "داعش", "التحالف الدولي"]
        )

    def test_body_posted_with_a_script_is_stored_clean(self, superuser_client):
        data = article_form(
            make_section(), body_ar='<p onmouseover="steal()">نص<script>steal()</script></p>'
        )
        superuser_client.post(reverse("admin:articles_article_add"), data)

        assert Article.objects.get().body_ar == "<p>نص</p>"

    def test_swapping_reference_numbers(self, superuser_client):
        article = make_article(title="مقال بمرجعين")
        one = make_reference(article, 1, title="الأول")
        two = make_reference(article, 2, title="الثاني")
        data = article_form(
            article.section, editing=article, title_ar=article.title_ar, slug_ar=article.slug_ar
        )
        data = with_rows(
            data,
            "references",
            [
                {"id": str(one.pk), "article": str(article.pk), "number": "2", "title": "الأول"},
                {"id": str(two.pk), "article": str(article.pk), "number": "1", "title": "الثاني"},
            ],
            initial=2,
        )

        response = superuser_client.post(
            reverse("admin:articles_article_change", args=[article.pk]), data
        )

        assert response.status_code == 302
        assert dict(Reference.objects.values_list("title", "number")) == {"الأول": 2, "الثاني": 1}

    def test_duplicate_reference_number_is_an_arabic_error_not_a_crash(self, superuser_client):
        data = article_form(make_section())
        data = with_rows(
            data, "references", [{"number": "1", "title": "أ"}, {"number": "1", "title": "ب"}]
        )

        response = superuser_client.post(reverse("admin:articles_article_add"), data)

        assert response.status_code == 200
        errors = " ".join(str(e) for e in response.context["errors"])
        assert "الرقم" in errors
        assert not Article.objects.exists()

    def test_article_cannot_read_also_itself(self, superuser_client):
        article = make_article()
        data = article_form(
            article.section, editing=article, title_ar=article.title_ar, slug_ar=article.slug_ar
        )
        data |= inline_management("read_also_links", total=1)
        data |= {"read_also_links-0-target": str(article.pk), "read_also_links-0-position": "1"}

        response = superuser_client.post(
            reverse("admin:articles_article_change", args=[article.pk]), data
        )

        assert response.status_code == 200
        assert "لا يمكن أن يقترح المقال نفسه." in response.content.decode()
        assert not ReadAlso.objects.exists()

    def test_typing_an_existing_tag_in_english_reuses_it(self, superuser_client):
        from articles.models import Tag

        Tag.objects.create(name_ar="سورية", name_en="Syria")
        data = article_form(make_section(), tags="Syria، داعش")

        response = superuser_client.post(reverse("admin:articles_article_add"), data)

        assert response.status_code == 302
        assert sorted(Article.objects.get().tags.values_list("name_ar", flat=True)) == [
            "داعش",
            "سورية",
        ]
        assert Tag.objects.count() == 2

    def test_view_on_site_link(self, superuser_client):
        article = make_article()
        html = superuser_client.get(
            reverse("admin:articles_article_change", args=[article.pk])
        ).content.decode()

        assert "viewsitelink" in html


class TestCoverUploads:
    def jpeg(self, extra=b""):
        import io

        from PIL import Image

        buffer = io.BytesIO()
        Image.new("RGB", (64, 48), "teal").save(buffer, "JPEG")
        return buffer.getvalue() + extra

    def test_a_polyglot_is_refused_with_an_arabic_message(self, superuser_client):
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = SimpleUploadedFile(
            "cover.jpg", self.jpeg(b"<script>alert(1)</script>"), content_type="image/jpeg"
        )
        data = article_form(make_section()) | {"cover_image": upload}

        response = superuser_client.post(reverse("admin:articles_article_add"), data)

        assert response.status_code == 200
        assert "شيفرة صفحات ويب" in str(response.context["adminform"].form.errors)
        assert not Article.objects.exists()

    def test_an_accepted_cover_is_stored_re_encoded(self, superuser_client):
        from django.core.files.uploadedfile import SimpleUploadedFile

        original = self.jpeg()
        upload = SimpleUploadedFile("cover.jpg", original, content_type="image/jpeg")
        data = article_form(make_section()) | {"cover_image": upload}

        response = superuser_client.post(reverse("admin:articles_article_add"), data)

        assert response.status_code == 302
        stored = Article.objects.get().cover_image
        with stored.open("rb") as file:
            assert file.read() != original
