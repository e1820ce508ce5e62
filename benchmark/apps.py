from django.apps import AppConfig


class BenchmarkConfig(AppConfig):
    """``manage.py benchmark``; no models, no URLs of the site (``benchmark.urls`` is its own)."""

    name = "benchmark"
    verbose_name = "Benchmark"
