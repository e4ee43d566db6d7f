"""The administration site, outside the /es/ and /en/ prefixes, speaks the signed-in person's
preferred language, whatever the browser asks for."""

import pytest

from tests.roles import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("preferred", "browser", "expected", "not_expected"),
    [
        ("en", "es", "Site administration", "Sitio administrativo"),
        ("es", "en", "Sitio administrativo", "Site administration"),
    ],
)
def test_the_admin_speaks_the_users_language(client, preferred, browser, expected, not_expected):
    user = make_user("secretariat")
    user.language = preferred
    user.save(update_fields=["language"])
    client.force_login(user)
    page = client.get("/admin/", headers={"accept-language": browser}).content.decode()
    assert expected in page
    assert not_expected not in page
