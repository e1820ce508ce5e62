from django.urls import path

from . import exports, feeds, views
from .pdf import views as pdf_views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("section/<uslug:slug>/", views.SectionView.as_view(), name="section"),
    path("tag/<uslug:slug>/", views.TagView.as_view(), name="tag"),
    path("archive/", views.ArchiveIndexView.as_view(), name="archive"),
    path("archive/<int:year>/<int:month>/", views.ArchiveMonthView.as_view(), name="archive_month"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("articles/<uslug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("articles/<uslug:slug>/pdf/", pdf_views.article_pdf, name="pdf"),
    path("a/<int:pk>/", views.permalink, name="permalink"),
    # Citation downloads: …/citation.bib (the article), …/references.ris (its bibliography).
    path("articles/<uslug:slug>/<str:what>.<str:fmt>", exports.export, name="export"),
    path("cards/<slug:kind>/<int:pk>/<slug:digest>.jpg", views.share_card, name="share_card"),
    # Feeds: RSS 2.0 at …/feed/, Atom 1.0 at …/feed/atom/.
    path("feed/", feeds.ArticleFeed.view(), name="feed"),
    path("feed/atom/", feeds.ArticleFeed.view(atom=True), name="feed_atom"),
    path("section/<uslug:slug>/feed/", feeds.SectionFeed.view(), name="section_feed"),
    path(
        "section/<uslug:slug>/feed/atom/",
        feeds.SectionFeed.view(atom=True),
        name="section_feed_atom",
    ),
    path("authors/<uslug:slug>/feed/", feeds.AuthorFeed.view(), name="author_feed"),
    path(
        "authors/<uslug:slug>/feed/atom/", feeds.AuthorFeed.view(atom=True), name="author_feed_atom"
    ),
    path("tag/<uslug:slug>/feed/", feeds.TagFeed.view(), name="tag_feed"),
    path("tag/<uslug:slug>/feed/atom/", feeds.TagFeed.view(atom=True), name="tag_feed_atom"),
]
