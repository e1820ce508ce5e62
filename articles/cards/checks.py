"""A system check: without libraqm the site would share cards with broken Arabic."""

from django.core import checks

from .draw import raqm_available


@checks.register()
def raqm_check(app_configs, **kwargs):
    if raqm_available():
        return []
    return [
        checks.Error(
            "Pillow has no complex text layout (libraqm): share cards would set Arabic "
            "unjoined and left to right.",
            hint="Install the system library (Debian: apt-get install libraqm0) and "
            "restart; PIL.features.check('raqm') must be True.",
            id="cards.E001",
        )
    ]
