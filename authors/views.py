from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import ListView

from .models import Author


class AuthorDetailView(ListView):
    """An author's page: who they are, then their published articles, paginated."""

    template_name = "authors/author_detail.html"
    context_object_name = "articles"
    paginate_by = 10

    def get_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        authorships = self.author.authorships.model.objects.select_related("author")
        return (
            self.author.articles.published()
            .without_text()
            .select_related("section")
            .prefetch_related(
                Prefetch("authorships", queryset=authorships.order_by("position", "pk"))
            )
        )

    def get_context_data(self, **kwargs):
        slug = {"slug": self.author.slug}
        return super().get_context_data(
            author=self.author,
            # The feeds live in the articles app, which this app does not import.
            feed_url=reverse("articles:author_feed", kwargs=slug),
            feed_atom_url=reverse("articles:author_feed_atom", kwargs=slug),
            **kwargs,
        )
