from django.urls import path

from . import views

app_name = "authors"


def patterns(*, articles):
    """The authors' URLs; ``articles(author)`` is what an author page lists."""
    return (
        [path("<uslug:slug>/", views.AuthorDetailView.as_view(articles=articles), name="detail")],
        app_name,
    )
