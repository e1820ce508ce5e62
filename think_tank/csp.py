"""The Content-Security-Policy nonce, for the few pages that need one.

The policy itself is in ``settings.CONTENT_SECURITY_POLICY`` (django-csp). Scripts
come from this site only; the one inline script anywhere is the import map that
django-prose-editor's widget puts in the admin's change form, so that page, and
only that page, is given the request's nonce. django-csp writes a nonce into the
header only when a page reads ``request.csp_nonce``: public pages never do, so
their responses (headers included) are the same for every reader and may be
cached whole.
"""

from js_asset import Media


class FormMediaNonceMiddleware:
    """Render the form media of a template response with the request's CSP nonce.

    The admin renders ``{{ media }}`` itself, and widget media is built once per
    process, so the nonce is attached here, to a copy, as django-js-asset
    documents (``Media.with_nonce``). Only django-js-asset media is touched: it is
    what carries an import map; plain ``forms.Media`` renders external files only.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response):
        context = response.context_data
        media = context.get("media") if isinstance(context, dict) else None
        nonce = getattr(request, "csp_nonce", None)
        if isinstance(media, Media) and nonce is not None:
            context["media"] = media.with_nonce(nonce)
        return response
