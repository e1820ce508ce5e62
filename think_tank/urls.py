from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import index, sitemap
from django.urls import include, path, register_converter
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from articles.selectors import author_articles
from articles.sitemaps import SITEMAPS, URLSET
from authors.urls import patterns as author_patterns
from core.converters import UnicodeSlugConverter

from .health import healthz
from .views import view_on_site

register_converter(UnicodeSlugConverter, "uslug")

admin.site.site_header = _("Content administration")
admin.site.site_title = _("Content administration")
admin.site.index_title = _("Editorial dashboard")

urlpatterns = [
    # Outside the language prefixes, and exempt from the HTTPS redirect (settings).
    path("healthz", healthz, name="healthz"),
    # Before the admin's own "view on site", which answers for any object (views.py).
    path(
        "admin/r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(view_on_site),
        name="admin-view-on-site",
    ),
    path("admin/", admin.site.urls),
    # Cached with every public page, and as fresh (articles/pagecache/). An index of
    # paged section sitemaps: /sitemap-articles.xml?p=2 … (articles/sitemaps.py).
    path(
        "sitemap.xml",
        index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap,
        {"sitemaps": SITEMAPS, "template_name": URLSET},
        name="sitemap-section",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("authors/", include(author_patterns(articles=author_articles))),
    path("", include("articles.urls")),
    prefix_default_language=False,
)

handler400 = "think_tank.views.bad_request"
handler404 = "think_tank.views.page_not_found"
handler500 = "think_tank.views.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
