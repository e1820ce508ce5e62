"""Uploads in one S3 bucket: what one app server stores, every other one serves.

The bucket is on moto's standalone server (``s3_bucket`` in conftest.py), a process of
its own speaking S3's HTTP API on loopback; the app servers reach it through
django-storages and boto3, as they would reach S3, and the test looks into it with boto3
over the same API. Nothing is mocked inside any process.

Servers A and B stand for two machines: they share the database, the cache and the
bucket, and nothing on disk. A cover uploaded through A's admin, its renditions (made by
whichever server renders the page first) and an author's photo are served from the
bucket in the pages B serves (one worker each: what matters is two processes with
nothing on disk in common). Beside that, in this process: the settings choose S3Storage
from the variables alone, every use of media works with a storage that has no file
system paths at all, as S3 has none, and no application code reaches media by a path.
"""

import ast
import http.client
import io
import os
import re
import secrets
from urllib.parse import quote, unquote, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import etree
from PIL import Image
from storages.backends.s3 import S3Storage

from articles.models import Article
from tests.helpers.admin import article_form
from tests.helpers.factories import make_author, make_section
from tests.helpers.html import HtmlPage, form_fields
from tests.helpers.serving import HOST, ROOT, Browser, make_content
from think_tank.media import s3_media_url

PASSWORD = secrets.token_urlsafe(16)
CONTENT = """
import io, json, os
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from PIL import Image
from tests.helpers.factories import make_article, make_author, make_section
User.objects.create_superuser("media-editor", "media@example.org", os.environ["EDITOR_PASSWORD"])
photo = io.BytesIO()
Image.new("RGB", (256, 256), "teal").save(photo, "JPEG")
author = make_author(name="كاتبة الوسائط", photo=ContentFile(photo.getvalue(), name="portrait.jpg"))
article = make_article(
    title="مقال بغلاف في الحاوية", body="<p>نص المقال.</p>",
    section=make_section(name="قسم الوسائط"), authors=[author],
)
print(json.dumps({
    "id": article.pk, "url": article.get_absolute_url(),
    "author_url": author.get_absolute_url(), "photo": author.photo.name,
}))
"""


def jpeg(width=1000, height=600):
    """A real photograph-like JPEG, wider than two of the renditions (480, 800)."""
    output = io.BytesIO()
    Image.radial_gradient("L").resize((width, height)).convert("RGB").save(output, "JPEG")
    return output.getvalue()


def image(data):
    """The format and size of an image, or a failure if Pillow cannot read it whole."""
    with Image.open(io.BytesIO(data)) as picture:
        picture.load()
        return picture.format, picture.size


def fetch(url):
    """GET ``url`` as a reader's browser does: no credentials, no signature."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        reply = connection.getresponse()
        return reply.status, reply.getheader("Content-Type", ""), reply.read()
    finally:
        connection.close()


def post_multipart(browser, server, path, fields, files):
    """POST a form with files as a browser does (multipart/form-data), behind the proxy."""
    boundary = secrets.token_hex(16)
    body = b""
    for name, value in fields:
        body += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        ).encode()
    for name, (filename, content_type, data) in files.items():
        body += (
            (
                f"--{boundary}\r\n"
                f'Content-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {content_type}\r\n\r\n"
            ).encode()
            + data
            + b"\r\n"
        )
    body += f"--{boundary}--\r\n".encode()
    origin = f"https://{HOST}:{server.port}"
    headers = {
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "X-Forwarded-Proto": "https",
        "Origin": origin,
        "Referer": origin + path,
        "Cookie": "; ".join(f"{k}={v}" for k, v in browser.cookies.items()),
    }
    connection = http.client.HTTPConnection(HOST, server.port, timeout=60)
    try:
        connection.request("POST", path, body=body, headers=headers)
        reply = connection.getresponse()
        return reply.status, reply.getheader("Location", ""), reply.read()
    finally:
        connection.close()


def log_in(browser, server):
    page = browser.get(server, "/admin/login/?next=/admin/")
    assert page.status == 200
    fields = dict(form_fields(page.text, "login-form"))
    fields |= {"username": "media-editor", "password": PASSWORD}
    response = browser.post(server, "/admin/login/?next=/admin/", fields)
    assert response.status == 302, response.text[:3000]


def srcset(value):
    """``{width: url}`` from a srcset attribute."""
    entries = (entry.strip().rsplit(" ", 1) for entry in value.split(","))
    return {int(width.removesuffix("w")): url for url, width in entries}


def keys(bucket):
    listing = bucket.client.list_objects_v2(Bucket=bucket.name)
    return {entry["Key"] for entry in listing.get("Contents", [])}


@pytest.fixture
def bucket_env(site_env, redis_url, s3_bucket):
    """Every process on the one database, the one Redis and the one bucket."""
    return site_env | {"CACHE_URL": redis_url} | s3_bucket.env


def test_a_cover_uploaded_through_one_server_is_served_through_the_other(
    bucket_env, s3_bucket, start_server
):
    content = make_content(bucket_env | {"EDITOR_PASSWORD": PASSWORD}, CONTENT)
    a, b = start_server.ready(
        start_server(bucket_env, workers=1), start_server(bucket_env, workers=1)
    )
    base = f"{s3_bucket.env['AWS_S3_ENDPOINT_URL']}/{s3_bucket.name}/"
    # The shell that made the author (a third process) stored the photo in the bucket.
    assert keys(s3_bucket) == {content["photo"]}

    # An editor uploads a cover through A's admin, posting the whole change form.
    editor = Browser()
    log_in(editor, a)
    change = f"/admin/articles/article/{content['id']}/change/"
    form = editor.get(a, change)
    assert form.status == 200
    fields = [*form_fields(form.text, "article_form"), ("_save", "")]
    upload = {"cover_image": ("غلاف.jpg", "image/jpeg", jpeg())}
    status, _, body = post_multipart(editor, a, change, fields, upload)
    assert status == 302, re.findall(r"errorlist.{0,400}", body.decode(errors="replace"), re.S)
    # The upload itself; its renditions (…/renditions/) are made as it is saved.
    (cover_key,) = (
        key for key in keys(s3_bucket) if key.startswith("covers/") and "/renditions/" not in key
    )

    # A reader asks B for the article: its cover and renditions are addresses in the bucket.
    page = Browser().get(b, content["url"])
    assert page.status == 200, page.text[:2000]
    html = HtmlPage(page.text)
    cover = html.find("img", within=html.find("figure", class_="cover"))
    assert cover.get("src") == base + quote(cover_key)
    sources = srcset(cover.get("srcset"))
    assert sorted(sources) == [480, 800, 1000]
    assert sources[1000] == cover.get("src")
    assert all(url.startswith(base) for url in sources.values())
    # The share card (the cover under the title) is drawn by the first server asked, kept
    # in the bucket, and the other serves that same file.
    (card_url,) = html.meta("og:image")
    card_path = urlsplit(card_url).path
    drawn = Browser().get(a, card_path)
    assert drawn.status == 200 and image(drawn.body) == ("JPEG", (1200, 630))
    (card_key,) = (key for key in keys(s3_bucket) if key.startswith("cards/"))
    assert card_key.startswith(f"cards/article/{content['id']}/")
    assert Browser().get(b, card_path).body == drawn.body
    # The browser may load them: the bucket's origin is in the policy's img-src.
    policy = page.header("Content-Security-Policy")
    img_src = next(d for d in policy.split(";") if d.strip().startswith("img-src")).split()
    assert s3_bucket.env["AWS_S3_ENDPOINT_URL"] in img_src

    # Fetched from the bucket as a browser does, they are the images the page says.
    status, content_type, data = fetch(cover.get("src"))
    assert (status, content_type) == (200, "image/jpeg")
    assert image(data) == ("JPEG", (1000, 600))
    for width in (480, 800):
        status, content_type, data = fetch(sources[width])
        kind, (rendition_width, _) = image(data)
        assert (status, content_type, kind, rendition_width) == (200, "image/webp", "WEBP", width)
    renditions = {unquote(sources[width].removeprefix(base)) for width in (480, 800)}
    assert keys(s3_bucket) == {content["photo"], cover_key, card_key, *renditions}

    # The feed B serves encloses the same cover, with its size read from the bucket.
    feed = Browser().get(b, "/feed/")
    assert feed.status == 200
    # (Articles other serving tests left in the site's database have no cover: their
    # enclosure is their PDF edition.)
    (enclosure,) = [
        enclosure
        for enclosure in etree.fromstring(feed.body).iter("enclosure")
        if enclosure.get("type") != "application/pdf"
    ]
    assert enclosure.get("url") == cover.get("src")
    assert enclosure.get("length") == str(len(fetch(cover.get("src"))[2]))

    # The author's photo, stored by neither server, is served from the bucket too.
    author_page = HtmlPage(Browser().get(b, content["author_url"]).text)
    (photo,) = [
        img for img in author_page.find_all("img") if img.get("src").startswith(base + "authors/")
    ]
    status, content_type, data = fetch(photo.get("src"))
    assert (status, content_type, image(data)) == (200, "image/jpeg", ("JPEG", (256, 256)))

    # A's admin previews the very object B's page shows.
    preview = HtmlPage(editor.get(a, change).text).find("img", class_="admin-preview")
    assert preview.get("src") == cover.get("src")


SHOW_STORAGE = """
import json
from django.conf import settings
from django.core.files.storage import default_storage
from easy_thumbnails.files import get_thumbnailer
from articles.models import Article
thumbnailer = get_thumbnailer(Article(cover_image="covers/2025/01/x.jpg").cover_image)
print(json.dumps({
    "uploads": default_storage.__class__.__module__ + "." + default_storage.__class__.__name__,
    "renditions": thumbnailer.thumbnail_storage.__class__.__name__,
    "url": default_storage.url("covers/2025/01/x.jpg"),
    "media_url": settings.MEDIA_URL,
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
}))
"""


def test_the_variables_alone_choose_the_bucket():
    """The settings as a server reads them: S3 with the variables, the disk without."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("AWS_")}
    bucket = {
        "AWS_STORAGE_BUCKET_NAME": "think-tank-media",
        "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9",
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "made-up",
        "AWS_SECRET_ACCESS_KEY": "made-up",
    }

    s3 = make_content(env | bucket, SHOW_STORAGE)
    local = make_content(env, SHOW_STORAGE)

    assert s3 == {
        "uploads": "storages.backends.s3.S3Storage",
        "renditions": "S3Storage",
        # Plain and lasting, for cached pages: no signature that expires.
        "url": "http://127.0.0.1:9/think-tank-media/covers/2025/01/x.jpg",
        "media_url": "http://127.0.0.1:9/think-tank-media/",
        "img_src": ["'self'", "http://127.0.0.1:9"],
    }
    assert local == {
        "uploads": "django.core.files.storage.filesystem.FileSystemStorage",
        "renditions": "FileSystemStorage",
        "url": "/media/covers/2025/01/x.jpg",
        "media_url": "/media/",
        "img_src": ["'self'"],
    }


@pytest.mark.parametrize(
    "options",
    [
        {"bucket_name": "think-tank-media", "endpoint_url": "http://127.0.0.1:9000"},
        {"bucket_name": "think-tank-media", "region_name": "eu-central-1"},
        {"bucket_name": "media.example.org", "region_name": "eu-west-1"},
        {"bucket_name": "media.example.org"},
        {"bucket_name": "think-tank-media", "custom_domain": "media.example.org"},
    ],
)
def test_media_url_is_where_every_address_in_the_bucket_begins(options, monkeypatch):
    """MEDIA_URL (and so the policy's img-src) as django-storages writes the addresses."""
    for name in [name for name in os.environ if name.startswith("AWS_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
    storage = S3Storage(querystring_auth=False, access_key="k", secret_key="s", **options)

    media_url = s3_media_url(
        options["bucket_name"],
        options.get("endpoint_url"),
        options.get("region_name"),
        options.get("custom_domain"),
    )

    name = "covers/2025/01/غلاف 1.jpg"
    assert storage.url(name) == media_url + quote(name)


class PathlessStorage(InMemoryStorage):
    """Django's in-memory storage with no file system paths: ``path()`` raises, as S3's."""

    def path(self, name):
        raise NotImplementedError("Media have no path here, as in a bucket.")

    # Django 5.2's InMemoryStorage finds its own files through path(); it keeps doing so.
    def _relative_path(self, name):
        return os.path.relpath(super().path(name), self.location)


def test_media_are_reached_only_through_the_storage_api(
    settings, media_root, superuser_client, client, django_capture_on_commit_callbacks
):
    """Upload, renditions, page, feed, author page and admin previews, with no paths.

    Media kept in memory, with no file system paths (``path()`` raises, as S3's does):
    any code that opened media by a path, or under MEDIA_ROOT, would fail here or leave
    a file on disk.
    """
    settings.STORAGES = settings.STORAGES | {"default": {"BACKEND": f"{__name__}.PathlessStorage"}}
    with pytest.raises(NotImplementedError):
        default_storage.path("covers/x.jpg")
    photo = ContentFile(jpeg(300, 300), name="portrait.jpg")
    author = make_author(name="كاتب بلا مسار", photo=photo)
    upload = SimpleUploadedFile("cover.jpg", jpeg(), content_type="image/jpeg")
    data = article_form(make_section()) | {"cover_image": upload}
    with django_capture_on_commit_callbacks(execute=True):  # renditions, once saved
        response = superuser_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302
    article = Article.objects.get()
    article.authorships.create(author=author, position=1)

    page = HtmlPage(client.get(article.get_absolute_url()))
    cover = page.find("img", within=page.find("figure", class_="cover"))
    renditions = srcset(cover.get("srcset"))
    assert sorted(renditions) == [480, 800, 1000]
    for width in (480, 800):
        name = renditions[width].removeprefix(settings.MEDIA_URL)
        with default_storage.open(name) as stored:
            assert image(stored.read())[1][0] == width
    feed = etree.fromstring(client.get(reverse("articles:feed")).content)
    (enclosure,) = feed.iter("enclosure")
    assert enclosure.get("length") == str(default_storage.size(article.cover_image.name))
    assert client.get(author.get_absolute_url()).status_code == 200
    for admin_page in (
        reverse("admin:authors_author_changelist"),
        reverse("admin:authors_author_change", args=[author.pk]),
        reverse("admin:articles_article_change", args=[article.pk]),
    ):
        assert superuser_client.get(admin_page).status_code == 200, admin_page

    assert not media_root.exists()
    assert not (ROOT / "media" / article.cover_image.name).exists()


# What names a stored file or a storage in this code base: ``cover_image``, ``photo``,
# ``default_storage``, ``thumbnailer``, ``field_file``…
MEDIA_WORDS = re.compile(r"storage|image|photo|cover|file|thumbnail|rendition", re.IGNORECASE)
# The local default's settings and its DEBUG-only view of MEDIA_ROOT (think_tank/urls.py).
MEDIA_ROOT_ALLOWED = {"think_tank/settings.py", "think_tank/urls.py"}


def disk_uses(source, filename):
    """Where ``source`` reaches media on disk: ``<file or storage>.path``, or MEDIA_ROOT."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Attribute):
            name, owner = node.attr, ast.unparse(node.value)
        elif isinstance(node, ast.Name):
            name, owner = node.id, ""
        else:
            continue
        by_path = name == "path" and MEDIA_WORDS.search(owner)
        by_root = name == "MEDIA_ROOT" and filename not in MEDIA_ROOT_ALLOWED
        if by_path or by_root:
            found.append(f"{filename}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_the_checker_finds_media_reached_on_disk():
    source = "Image.open(article.cover_image.path)\nfolder = settings.MEDIA_ROOT / 'pdf'\n"
    assert len(disk_uses(source, "articles/x.py")) == 2
    assert disk_uses("request.path; os.path.join(a, b); parts.path", "articles/x.py") == []


def test_no_code_reaches_media_on_disk():
    """The static half of the test above, for code no test drives (commands, later files)."""
    found = []
    for package in ("think_tank", "core", "articles", "authors", "benchmark"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                name = path.relative_to(ROOT).as_posix()
                found += disk_uses(path.read_text(encoding="utf-8"), name)
    assert found == []
