"""The page cache: whole public pages served from the shared cache, never stale.

- ``middleware``: ``PageCacheMiddleware``, what is served, stored and how;
- ``stamp``: the site's stamp every page is filed under, and when it changes;
- ``signals``: the receivers that change it when content does.
"""

from .stamp import STAMP_KEY, new_stamp, page_cache, valid_stamp

__all__ = ["STAMP_KEY", "new_stamp", "page_cache", "valid_stamp"]
