"""``manage.py benchmark``: generated content, then measurements, then one table.

- ``dataset``: the benchmark's own database (the marker, the refusal of any other),
  filled by ``generate`` and checked by ``full_text_rows``;
- ``rows``: realistic generated articles, written with ``bulk_create`` but exactly as the
  app stores them (sanitized bodies, slugs, the search text), with text
  from ``writer`` over the vocabulary of ``words``;
- ``pages``: in-process render time and queries of each page type, and search latency;
- ``http``: gunicorn on loopback driven by wrk;
- ``report``: the machine and the one table;
- ``runner``: one process per database, and the table of their results.

A Django app of its own (``manage.py benchmark``), imported by nothing else; it needs
the ``benchmark`` extra (psutil), which ``dev`` includes.
"""
