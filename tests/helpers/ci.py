"""Skipping a test for a missing tool, except in CI, where nothing may be skipped."""

import os

import pytest


def require(available, reason):
    """Skip when ``available`` is false, or fail instead when running in CI."""
    if available:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: this test may not be skipped)", pytrace=False)
    pytest.skip(reason)
