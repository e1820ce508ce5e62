"""What tests share, by kind; fixtures built on these are in ``tests/conftest.py``.

* ``factories``: model instances with as little typing as a test needs;
* ``html``: pages and forms parsed with the standard library;
* ``admin``: the editorial groups, their members, and admin forms as a browser posts them;
* ``ci``: ``require``, the skip that CI turns into a failure;
* ``browser``, ``serving``: what the tests of ``tests/browser`` and ``tests/serving``
  share beside their fixtures (a test module does not import a conftest).
"""
