from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("section/<uslug:slug>/", views.SectionView.as_view(), name="section"),
    path("tag/<uslug:slug>/", views.TagView.as_view(), name="tag"),
    path("archive/", views.ArchiveIndexView.as_view(), name="archive"),
    path("archive/<int:year>/<int:month>/", views.MonthArchiveView.as_view(), name="archive_month"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("articles/<uslug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]
