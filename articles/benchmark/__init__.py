"""``manage.py benchmark``: generated content, then measurements, then one table.

- ``dataset``: the benchmark's own database (the marker, the refusal of any other) and
  realistic generated articles, written with ``bulk_create`` but exactly as the app
  stores them (sanitized bodies, slugs, search text, the full-text index);
- ``pages``: in-process render time and queries of each page type, and search latency;
- ``http``: gunicorn on loopback driven by wrk;
- ``report``: the machine and the one table.
"""
