import pytest
from django.db import connection

from pinpai.accounts.models import Organisation
from pinpai.common.search import contains_q, ngrams
from pinpai.registry.selectors import brand_list, enterprise_list
from pinpai.registry.tests.factories import make_brand, make_enterprise


@pytest.mark.parametrize(
    ("term", "expected"),
    [("榨", ["榨"]), ("榨菜", ["榨菜"]), ("涪陵榨菜", ["榨菜", "涪陵", "陵榨"]), ("ab", ["AB"]), ("", [])],
)
def test_ngrams_of_a_term_are_its_character_or_its_pairs(term, expected):
    assert ngrams(term) == expected


def test_pinpai_ngrams_in_the_database_holds_every_character_and_pair(reference):
    if connection.vendor != "postgresql":
        pytest.skip("the SQL function exists on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pinpai_ngrams(UPPER('涪陵ab'))")
        (grams,) = cursor.fetchone()
    assert sorted(grams) == sorted(["涪", "陵", "A", "B", "涪陵", "陵A", "AB"])


def test_contains_q_finds_substrings_of_any_length_case_insensitively(reference):
    for name in ("重庆涪陵榨菜集团", "Chongqing Pickle Works", "榨"):
        Organisation.objects.create(kind="association", name=name)

    def found(term):
        return sorted(Organisation.objects.filter(contains_q("name", term)).values_list("name", flat=True))

    assert found("榨菜") == ["重庆涪陵榨菜集团"]
    assert found("榨") == ["榨", "重庆涪陵榨菜集团"]
    assert found("涪陵榨菜集") == ["重庆涪陵榨菜集团"]
    assert found("pickle") == ["Chongqing Pickle Works"]
    assert found("菜涪") == []  # both characters are there, not in this order


def test_contains_q_is_answered_by_the_ngram_index_on_postgresql(reference):
    if connection.vendor != "postgresql":
        pytest.skip("the GIN index exists on PostgreSQL only")
    with connection.cursor() as cursor:
        # A tiny test table: rule out the scans that read every row, so the plan shows the index if it can be used.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        sql, params = Organisation.objects.filter(contains_q("name", "榨菜")).query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "accounts_organisation_name_ngram_idx" in plan


def test_brand_and_enterprise_text_search_every_term_in_the_name_or_the_owners(reference, admin_user):
    zhacai = make_enterprise("重庆市涪陵区测试榨菜有限公司")
    orange = make_enterprise("重庆市奉节县测试果业有限公司", district_code="500236")
    make_brand(owner=zhacai, name="乌江")
    make_brand(owner=orange, name="奉节脐橙")
    make_brand(owner=orange, name="夔州榨菜")

    def brands(text):
        return sorted(brand_list(actor=admin_user, text=text).values_list("name", flat=True))

    assert brands("榨菜") == ["乌江", "夔州榨菜"]  # 乌江 by its owner's name
    assert brands("奉节 榨菜") == ["夔州榨菜"]  # one term in the owner's name, one in the brand's
    assert brands("脐") == ["奉节脐橙"]
    assert brands("果业 乌江") == []
    # three or more characters: matched through the union of name and owner matches
    assert brands("奉节县测试") == ["夔州榨菜", "奉节脐橙"]
    assert brands("夔州榨菜 测试果业") == ["夔州榨菜"]
    assert brands("涪陵区测试 乌江") == ["乌江"]
    enterprises = enterprise_list(actor=admin_user, text="果业 奉节")
    assert [e.organisation.name for e in enterprises] == ["重庆市奉节县测试果业有限公司"]
