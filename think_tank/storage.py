from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files (WhiteNoise), with one leniency.

    jQuery UI's theme stylesheet (XStatic) names its icons a second time in a comment,
    URL-escaped with their quotes, ``url(%22images%2Fui-icons….png%22)``: Django reads
    that as a reference to a file called ``"images/ui-icons….png"``, which cannot exist,
    and stops collectstatic. A name with a quote in it is left as written; any other
    missing file still stops it.
    """

    def hashed_name(self, name, content=None, filename=None):
        if '"' in name or "'" in name:
            return name
        return super().hashed_name(name, content, filename)
