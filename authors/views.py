from django.views.generic import DetailView

from .models import Author


class AuthorDetailView(DetailView):
    model = Author
    template_name = "authors/author_detail.html"
    context_object_name = "author"

    def get_context_data(self, **kwargs):
        articles = self.object.articles.published().select_related("section")
        return super().get_context_data(articles=articles, **kwargs)
