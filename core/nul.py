"""Requests carrying a NUL character are refused with a 400, before any view reads them.

PostgreSQL's text cannot hold NUL (U+0000): a query that compares a column with
such a string fails with ``DataError`` (a 500), while SQLite accepts it, so the
same request behaves differently on each database. Text reaches queries from
more places than forms: the admin's autocomplete reads ``term`` itself, views
read ``request.GET``, the session middleware looks up the session cookie (and
``"\\000"`` in a quoted cookie is a NUL once parsed), django-axes stores the
User-Agent of a failed login.

Refused here, in one place, for the address (path and query string, names and
values), the headers and the cookies: no link or form of the site makes a NUL,
RFC 9110 forbids it in a header, so only a crafted request has one, and a 400
says it is the request that is wrong. Not stripped: a silently altered query is
a different question from the one asked.

Request bodies are left to the forms that read them: Django's form fields refuse a
NUL with a message on the field (``ProhibitNullCharactersValidator``), keeping what
the editor typed, where a 400 would throw away a whole article for one stray
character pasted from a PDF.
"""

from django.core.exceptions import BadRequest

NUL = "\x00"


def has_nul(request):
    if NUL in request.path_info:
        return True
    for name, values in request.GET.lists():
        if NUL in name or any(NUL in value for value in values):
            return True
    if any(NUL in value for value in request.headers.values()):
        return True
    return any(NUL in name or NUL in value for name, value in request.COOKIES.items())


class RefuseNulMiddleware:
    """A 400 (``BadRequest``, so ``handler400`` answers) for a request with a NUL."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_nul(request):
            raise BadRequest("NUL character in the request's address, headers or cookies.")
        return self.get_response(request)
