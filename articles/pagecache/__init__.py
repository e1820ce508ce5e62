"""The page cache: whole public pages served from the shared cache, never stale.

- ``middleware``: ``PageCacheMiddleware``, what is served, stored and how;
- ``stamp``: the site's stamp (a database row) every page is filed under, and when it
  changes;
- ``signals``: the receivers that change it when content does.
"""

from .stamp import current_stamp, new_stamp, stamp_changed

__all__ = ["current_stamp", "new_stamp", "stamp_changed"]
