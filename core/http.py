"""Response headers more than one download shares."""

from urllib.parse import quote


def content_disposition(kind, filename, *, fallback):
    """``kind`` ("inline" or "attachment") named ``filename``: an ASCII ``fallback`` for
    old clients and the UTF-8 name (RFC 5987) for the others."""
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
