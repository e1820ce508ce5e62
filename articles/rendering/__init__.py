"""What readers see of an article, derived from what editors stored.

- ``body``: footnote links, direction marks, reading time (pure functions on HTML);
- ``markup``: the parsed tree those walk;
- ``cover``: the cover image's renditions for a responsive ``srcset``.
"""

from .body import (
    RenderedBody,
    link_footnotes,
    mark_directions,
    reading_minutes,
    render_body,
    text_of,
)

__all__ = [
    "RenderedBody",
    "link_footnotes",
    "mark_directions",
    "reading_minutes",
    "render_body",
    "text_of",
]
