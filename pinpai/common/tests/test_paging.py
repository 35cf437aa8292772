"""A page and its count: read by id when the list is small, by offset and COUNT otherwise; same rows either way."""

import pytest

from pinpai.accounts.models import Organisation
from pinpai.common import paging


@pytest.fixture
def districts(reference):
    return Organisation.objects.filter(kind="district").order_by("name", "pk")


def test_a_small_list_is_read_from_its_ids_without_a_count(districts, django_assert_num_queries, monkeypatch):
    monkeypatch.setattr(paging, "SMALL", 50)
    expected = list(districts.all())[5:15]
    with django_assert_num_queries(2) as captured:  # the ids probe, then the page by id
        rows, count = paging.page_window(districts, 5, 10)
    assert (rows, count) == (expected, 38)
    assert "COUNT(" not in " ".join(q["sql"].upper() for q in captured.captured_queries)


def test_a_large_list_is_counted_and_read_in_order(districts, django_assert_num_queries, monkeypatch):
    monkeypatch.setattr(paging, "SMALL", 10)
    expected = list(districts.all())[30:40]
    with django_assert_num_queries(3):  # the probe finds more than SMALL: COUNT, then the page
        rows, count = paging.page_window(districts, 30, 10)
    assert (rows, count) == (expected, 38)


def test_the_paginator_knows_a_small_count_and_keeps_the_order(
    districts, django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr(paging, "SMALL", 50)
    with django_assert_num_queries(2):
        page = paging.window_paginator(districts, 20).get_page(2)
        rows = list(page.object_list)
    assert (page.paginator.count, page.paginator.num_pages, page.number) == (38, 2, 2)
    assert rows == list(districts.all())[20:38]


def test_lists_and_aggregates_are_read_as_they_are(districts):
    names = list(districts.values_list("name", flat=True))
    rows, count = paging.page_window(names, 0, 3)
    assert (rows, count) == (names[:3], 38)
    grouped = districts.values("kind")
    assert paging.page_window(grouped, 0, 5)[1] == 38
