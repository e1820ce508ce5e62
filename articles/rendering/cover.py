"""The cover image as pages show it: its address and a srcset of stored renditions."""

from easy_thumbnails.files import get_thumbnailer

RENDITIONS = (("w480", 480), ("w800", 800), ("w1200", 1200))


def cover_renditions(article, request):
    """The cover's URL and a srcset of stored renditions (none without a cover)."""
    if not article.cover_image:
        return {"url": "", "srcset": "", "absolute": ""}
    thumbnailer = get_thumbnailer(article.cover_image)
    renditions = []
    for alias, width in RENDITIONS:
        if width < article.cover_image.width:
            renditions.append(f"{thumbnailer[alias].url} {width}w")
    renditions.append(f"{article.cover_image.url} {article.cover_image.width}w")
    url = article.cover_image.url
    return {
        "url": url,
        "srcset": ", ".join(renditions),
        "absolute": request.build_absolute_uri(url),
    }
