from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from .models import Article, Authorship, ReadAlso, Section, Tag


def card_queryset():
    """Published articles with what a card shows, in a fixed number of queries."""
    return (
        Article.objects.published()
        .select_related("section")
        .prefetch_related(
            Prefetch(
                "authorships",
                queryset=Authorship.objects.select_related("author").order_by("position", "pk"),
            )
        )
    )


class ArticleListView(ListView):
    paginate_by = 12
    template_name = "articles/article_list.html"
    context_object_name = "articles"

    def get_queryset(self):
        return card_queryset()


class HomeView(ArticleListView):
    pass


class SectionView(ArticleListView):
    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return card_queryset().filter(section=self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=self.section, **kwargs)


class TagView(ArticleListView):
    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return card_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=self.tag, **kwargs)


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return card_queryset().prefetch_related(
            "tags",
            "references",
            Prefetch(
                "read_also_links",
                queryset=ReadAlso.objects.filter(target__in=Article.objects.published())
                .select_related("target__section")
                .order_by("position", "pk"),
            ),
        )
