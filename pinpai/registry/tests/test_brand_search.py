"""The brand list's text search: a term in the brand's name or its owner's, kept in `search_name` by database
triggers (registry/0007) whatever writes the rows."""

from __future__ import annotations

from typing import Any

import pytest

from pinpai.accounts.services import organisation_update, system_user_ensure
from pinpai.registry.models import Brand
from pinpai.registry.selectors import brand_list
from pinpai.registry.tests.factories import make_brand, make_enterprise

pytestmark = pytest.mark.django_db


def _found(text: str) -> list[str]:
    return list(brand_list(actor=system_user_ensure(), text=text).values_list("name", flat=True))


@pytest.fixture
def brands(reference: None) -> dict[str, Any]:
    fuling = make_enterprise("重庆市涪陵区鑫源榨菜有限公司")
    fengjie = make_enterprise("奉节县夔门果业有限公司", district_code="500236")
    return {
        "fuling": fuling,
        "zhacai": make_brand(fuling, name="乌江榨菜"),
        "orange": make_brand(
            fengjie, name="夔门脐橙", pillar_code="agri-original", product_line=None, category_code=None
        ),
    }


def test_a_term_matches_the_brand_name_or_the_owner_name(brands: dict[str, Any]) -> None:
    assert Brand.objects.get(name="乌江榨菜").search_name == "乌江榨菜 重庆市涪陵区鑫源榨菜有限公司"
    assert _found("榨菜") == ["乌江榨菜"]  # in both names: listed once
    assert _found("鑫源") == ["乌江榨菜"]  # the owner's name only
    assert _found("脐橙") == ["夔门脐橙"]
    assert _found("夔门") == ["夔门脐橙"]
    assert _found("有限公司") == ["乌江榨菜", "夔门脐橙"]
    assert _found("榨菜 夔门") == []  # every term must match
    assert _found("菜重") == []  # never across the two names


def test_renaming_the_owner_renames_what_its_brands_are_found_by(brands: dict[str, Any]) -> None:
    organisation_update(
        actor=system_user_ensure(),
        organisation=brands["fuling"].organisation,
        name="重庆市涪陵区红星食品有限公司",
    )
    assert _found("鑫源") == []
    assert _found("红星") == ["乌江榨菜"]


def test_renaming_a_brand_and_a_bulk_insert_are_kept_too(brands: dict[str, Any]) -> None:
    zhacai = brands["zhacai"]
    zhacai.name = "江津花椒"
    zhacai.save()  # a full save writes the stale search_name too: the trigger recomputes it
    assert _found("花椒") == ["江津花椒"]
    assert _found("乌江") == []
    Brand.objects.bulk_create(
        [Brand(name="巫山脆李", owner=zhacai.owner, kind=zhacai.kind, pillar=zhacai.pillar)]
    )
    assert _found("脆李") == ["巫山脆李"]
    assert Brand.objects.get(name="巫山脆李").search_name == "巫山脆李 重庆市涪陵区鑫源榨菜有限公司"
