"""Slices read by their keys first (puebla.core.narrow) are the slices the plain query gives."""

import pytest

from puebla.core.narrow import NarrowPaginator, records_in_order
from puebla.directory.models import Country

pytestmark = pytest.mark.django_db


@pytest.fixture
def countries():
    # Names that tie, so that the second key of the order decides.
    for number in range(30):
        Country.objects.create(
            iso_code=f"{'QX'[number // 26]}{chr(65 + number % 26)}",
            name_en=f"Name {number % 4}",
        )
    return Country.objects.filter(iso_code__regex=r"^[QX]").order_by("-name_en", "iso_code")


@pytest.mark.parametrize(("start", "stop"), [(0, 3), (0, 30), (5, 12), (28, 40), (40, 50)])
def test_a_slice_holds_the_records_of_the_plain_slice_in_their_order(countries, start, stop):
    assert list(records_in_order(countries, start, stop)) == list(countries[start:stop])


def test_each_page_holds_the_records_of_the_plain_page(countries):
    narrow = NarrowPaginator(countries, 7)
    expected = list(countries)
    shown = [country for number in narrow.page_range for country in narrow.page(number)]
    assert shown == expected
    assert narrow.page(5).object_list == expected[28:]
