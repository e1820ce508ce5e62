from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import ListView

from .models import Author


class AuthorDetailView(ListView):
    """An author's page: who they are, then their published articles, paginated.

    An author page is a list of articles, and articles are not this app's: the URL
    configuration hands the view ``articles``, a function from an author to the
    queryset of their public articles (``articles.selectors.author_articles``).
    """

    template_name = "authors/author_detail.html"
    context_object_name = "articles"
    paginate_by = 10
    articles = None

    def get_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return self.articles(self.author)

    def get_context_data(self, **kwargs):
        slug = {"slug": self.author.slug}
        return super().get_context_data(
            author=self.author,
            feed_url=reverse("articles:author_feed", kwargs=slug),
            feed_atom_url=reverse("articles:author_feed_atom", kwargs=slug),
            **kwargs,
        )
