"""What pages work out alike is kept until the public content changes: worked out once per
version and arguments, again after any save of public content."""

import pytest

from puebla.core.pagecache import bump_content_version
from puebla.core.per_version import kept_per_version
from puebla.directory.models import Body

pytestmark = pytest.mark.django_db


def test_kept_until_the_content_changes_for_each_arguments():
    calls = []

    @kept_per_version
    def names(language):
        calls.append(language)
        return [body.slug for body in Body.objects.order_by("slug")]

    first = names("es")
    assert names("es") is first
    assert names("en") is not first  # other arguments: worked out for them
    assert calls == ["es", "en"]
    body = Body.objects.order_by("slug").first()
    body.slug = "aaa-renamed-body"
    body.save()  # a save of public content bumps the version (puebla.core.pagecache)
    assert names("es")[0] == "aaa-renamed-body"
    assert calls == ["es", "en", "es"]
    bump_content_version()
    names("es")
    assert calls == ["es", "en", "es", "es"]
