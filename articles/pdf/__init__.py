"""The PDF edition of an article: rendered with WeasyPrint, once per version, and stored.

``rendering`` makes the file from its own print template; ``storage`` names it by the
article's version and language, keeps it in the media storage (shared by every
server) and makes sure two readers arriving together cause one render; ``views``
serves it with the page's caching headers.
"""
