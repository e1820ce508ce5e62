"""Bringing content in from outside: the seed documents in ``seeds/``.

- ``documents``: a seed document's text (its two layouts) as a ``SeedDocument``;
- ``translations``: a document's English translation, checked against its source;
- ``references``: one bibliography entry as the fields of ``Reference``;
- ``dates``: months, weekdays, dates and datelines as the documents write them;
- ``metadata``: the TOML file beside a document;
- ``errors``: ``SeedError`` (with its line) and ``ImportFailed``;
- ``importer``: the database writes, one transaction per document (``seeds_import``);
- ``rows``: the rows one document becomes, written inside that transaction.

All but ``importer`` and ``rows`` are pure functions of their input.
"""
