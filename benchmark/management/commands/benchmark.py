"""``manage.py benchmark --articles 10000``: generate content, measure, print one table.

By default it makes its own SQLite database in ``.benchmark/`` (and fills a
PostgreSQL one too when ``--postgres`` or ``BENCHMARK_DATABASE_URL`` names one);
it never writes into a database holding content it did not create. See
``benchmark/`` and the README's "Benchmark" section.
"""

import json
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Generate realistic articles and measure pages, HTTP, search and memory."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=10_000)
        parser.add_argument(
            "--postgres",
            default=os.environ.get("BENCHMARK_DATABASE_URL", ""),
            metavar="URL",
            help="Also run on this PostgreSQL database (created if missing; must be empty or "
            "the benchmark's own). Default: $BENCHMARK_DATABASE_URL.",
        )
        parser.add_argument(
            "--database-url",
            metavar="URL",
            help="Run on this database only, instead of .benchmark/benchmark.sqlite3.",
        )
        parser.add_argument("--output", type=Path, help="Also write the table to this file.")
        parser.add_argument("--skip-http", action="store_true", help="No gunicorn and wrk.")
        parser.add_argument(
            "--regenerate", action="store_true", help="Generate again even if already there."
        )
        parser.add_argument("--duration", type=int, default=10, help="Seconds per wrk run.")
        parser.add_argument("--connections", type=int, default=16, help="wrk connections.")
        parser.add_argument(
            "--here",
            action="store_true",
            help="Measure the database of this process's settings (DATABASE_URL) directly; "
            "what the command runs once per database.",
        )
        parser.add_argument("--json", type=Path, help="With --here: write the results here.")

    def handle(self, *args, **options):
        try:
            from benchmark import runner
        except ModuleNotFoundError as error:
            if error.name != "psutil":
                raise
            raise CommandError(
                "The benchmark needs psutil: pip install -e '.[benchmark]' (or '.[dev]')."
            ) from None
        if options["articles"] < 10:
            raise CommandError("--articles: at least 10.")
        if options["here"]:
            results = runner.run_here(
                articles=options["articles"],
                regenerate=options["regenerate"],
                skip_http=options["skip_http"],
                duration=options["duration"],
                connections=options["connections"],
                stdout=self.stdout,
            )
            if options["json"]:
                options["json"].write_text(json.dumps(results, indent=1, ensure_ascii=False))
            return
        if options["database_url"]:
            url = options["database_url"]
            label = "PostgreSQL" if url.startswith("postgres") else "SQLite"
            targets = [(label, url)]
        else:
            targets = [("SQLite", runner.sqlite_url())]
            if options["postgres"]:
                targets.append(("PostgreSQL", options["postgres"]))
        table = runner.run_all(
            articles=options["articles"], targets=targets, options=options, stdout=self.stdout
        )
        self.stdout.write("\n" + table)
        if options["output"]:
            options["output"].write_text(table + "\n")
