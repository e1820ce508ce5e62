"""The admin in the editor's language: Arabic by default, English for who chooses it.

The public site's language is its address (``/en/…``); the admin has one address for
both, so an editor's choice (the language cookie, set by the switch in the admin's
header through Django's ``set_language``) decides there. Readers are never affected:
this runs for the admin's paths only.
"""

from django.conf import settings
from django.utils import translation


class AdminLanguageMiddleware:
    """After ``LocaleMiddleware``: the admin speaks the language its user chose."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.codes = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if request.path_info.startswith("/admin/") and chosen in self.codes:
            translation.activate(chosen)
            request.LANGUAGE_CODE = chosen
        return self.get_response(request)
