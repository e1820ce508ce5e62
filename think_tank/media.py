"""Where media are served from when they live in an S3 bucket (read by settings.py)."""

from urllib.parse import urlsplit


def s3_media_url(bucket, endpoint_url, region_name, custom_domain):
    """The start of every address S3Storage gives in ``bucket``, unsigned as configured.

    With no custom domain, botocore chooses between ``https://bucket.s3.amazonaws.com/``
    and a path under the endpoint; it is asked (no request is made) rather than copied.
    tests/serving/test_s3_media.py checks the answer against django-storages' own.
    """
    if custom_domain:
        return f"https://{custom_domain.strip('/')}/"
    # Imported only when a bucket is configured: the local default has no use for boto3.
    import boto3
    from botocore import UNSIGNED
    from botocore.config import Config

    client = boto3.session.Session().client(
        "s3",
        endpoint_url=endpoint_url,
        region_name=region_name,
        config=Config(signature_version=UNSIGNED),
    )
    url = client.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "-"})
    return url.removesuffix("-")


def origin(url):
    """``https://host[:port]`` of an address, as a Content-Security-Policy source."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
