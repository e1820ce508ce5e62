"""The Content-Security-Policy nonce, for the few pages that need one.

The policy itself is in ``settings.CONTENT_SECURITY_POLICY`` (django-csp). Scripts
come from this site only; the one inline script anywhere is the import map that
django-prose-editor's widget puts in the admin's article form, so that form, and
only that form, is given the request's nonce. django-csp writes a nonce into the
header only when a page reads ``request.csp_nonce``: public pages never do, so
their responses (headers included) are the same for every reader and may be
cached whole.

The admin renders ``{{ media }}`` itself and widget media is built once per
process, so the nonce is attached to a copy of the form's media before the page
is rendered (``Media.with_nonce``, as django-js-asset documents for django-csp).
"""

from js_asset import Media


def media_with_nonce(request, media):
    """``media`` rendering with the request's nonce, if it is django-js-asset media.

    Only django-js-asset media carries an import map; plain ``forms.Media`` renders
    external files only and is returned as it is (so no nonce is made for it).
    """
    nonce = getattr(request, "csp_nonce", None)
    if isinstance(media, Media) and nonce is not None:
        return media.with_nonce(nonce)
    return media


class FormMediaNonceMiddleware:
    """The nonce for the form media of every template response rendered after its view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response):
        context = response.context_data
        if isinstance(context, dict) and "media" in context:
            context["media"] = media_with_nonce(request, context["media"])
        return response


class FormMediaNonceAdminMixin:
    """The nonce for a ModelAdmin's forms, attached in ``render_change_form``.

    Needed where a view renders its response itself, before any middleware sees
    it: django-reversion's revision and recover forms do.
    """

    def render_change_form(self, request, context, *args, **kwargs):
        if "media" in context:
            context["media"] = media_with_nonce(request, context["media"])
        return super().render_change_form(request, context, *args, **kwargs)
