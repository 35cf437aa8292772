"""The GS1 Digital Link resolver: linksets, link-type redirects, the scan page as default, and its errors."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from pinpai.accounts.services import system_user_ensure
from pinpai.registry.services.rights import product_register
from pinpai.registry.tests.factories import make_brand
from pinpai.traceability.services.certificates import compliance_certificate_issue
from pinpai.traceability.tests.scan_world import GTIN_B, LOT_B, B, chain_build, district

pytestmark = pytest.mark.django_db

LOT_PATH = f"/01/{GTIN_B}/10/{LOT_B}"
SERVER = "http://testserver"
VOC = "https://gs1.org/voc/"
TRACE_HREF = f"{SERVER}/api/v1/trace/backward?id=https%3A%2F%2Fid.gs1.org%2F01%2F{GTIN_B}%2F10%2F{LOT_B}"


@pytest.fixture
def chain(reference):
    return chain_build()


def _page(href, title="Product information and traceability"):
    return [{"href": href, "title": title, "type": "text/html", "hreflang": ["zh"]}]


def _en(client, path, **headers):
    return client.get(path, HTTP_ACCEPT_LANGUAGE="en", **headers)


def test_a_client_asking_for_a_linkset_gets_the_lots_links(chain, client):
    response = _en(client, LOT_PATH, HTTP_ACCEPT="application/linkset+json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/linkset+json"
    assert json.loads(response.content) == {
        "linkset": [
            {
                "anchor": SERVER + LOT_PATH,
                VOC + "pip": _page(SERVER + LOT_PATH),
                VOC + "traceability": [
                    {
                        "href": TRACE_HREF,
                        "title": "Traceability data (sign-in required)",
                        "type": "application/json",
                        "hreflang": ["zh"],
                    }
                ],
                VOC + "defaultLink": _page(SERVER + LOT_PATH),
            }
        ]
    }
    assert response["Link"] == (
        f'<{SERVER}{LOT_PATH}?linkType=all>; rel="linkset"; type="application/linkset+json", '
        f'<{SERVER}{LOT_PATH}>; rel="{VOC}pip"; type="text/html"; hreflang="zh", '
        f'<{TRACE_HREF}>; rel="{VOC}traceability"; type="application/json"; hreflang="zh", '
        f'<{SERVER}{LOT_PATH}>; rel="{VOC}defaultLink"; type="text/html"; hreflang="zh"'
    )
    assert "Accept" in response["Vary"]


def test_link_type_all_is_the_linkset_too(chain, client):
    by_query = _en(client, LOT_PATH + "?linkType=all")
    by_header = _en(client, LOT_PATH, HTTP_ACCEPT="application/linkset+json")

    assert by_query["Content-Type"] == "application/linkset+json"
    assert by_query.content == by_header.content


def test_a_gtin_13_is_normalised_to_14_digits(chain, client):
    response = client.get(f"/01/{GTIN_B[1:]}/10/{LOT_B}?linkType=all")

    assert json.loads(response.content)["linkset"][0]["anchor"] == SERVER + LOT_PATH


@pytest.mark.parametrize(
    ("link_type", "location"),
    [
        ("gs1:pip", SERVER + LOT_PATH),
        (VOC + "traceability", TRACE_HREF),
        ("gs1:defaultLink", SERVER + LOT_PATH),
        ("gs1:certificationInfo", SERVER + LOT_PATH),  # no 合格证 for this lot: the default link
    ],
)
def test_a_link_type_redirects_with_307(chain, client, link_type, location):
    response = client.get(LOT_PATH, {"linkType": link_type})

    assert response.status_code == 307
    assert response["Location"] == location
    assert response["Link"].startswith(f'<{SERVER}{LOT_PATH}?linkType=all>; rel="linkset"')


def test_a_lot_with_a_compliance_certificate_links_its_verification_page(chain, client):
    certificate = compliance_certificate_issue(
        actor=system_user_ensure(), producer=chain.plant, gtin=GTIN_B, lot_number=LOT_B,
        product_category="vegetables", quantity=Decimal("800"), unit="袋", contact_phone="023-72220000",
        district=district("500102"), address="涪陵区江北街道", basis=["self_test"],
    )  # fmt: skip
    verify = f"{SERVER}/traceability/certificates/verify/{certificate.verification_code}/"

    linkset = json.loads(_en(client, LOT_PATH + "?linkType=all").content)["linkset"][0]
    redirect = client.get(LOT_PATH, {"linkType": "gs1:certificationInfo"})

    assert linkset[VOC + "certificationInfo"] == [
        {
            "href": verify,
            "title": f"Compliance-promise certificate {certificate.number}",
            "type": "text/html",
            "hreflang": ["zh"],
        }
    ]
    assert list(linkset) == [
        "anchor",
        VOC + "pip",
        VOC + "traceability",
        VOC + "certificationInfo",
        VOC + "defaultLink",
    ]
    assert (redirect.status_code, redirect["Location"]) == (307, verify)


def test_without_a_preference_the_resolver_serves_the_scan_page(chain, client):
    response = client.get(LOT_PATH, HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert 'id="scan"' in response.content.decode()
    assert f'data-identifier="{B}"' in response.content.decode()
    assert "Link" in response


def test_a_known_gtin_with_an_unknown_lot_gets_the_product_page_with_a_notice(chain, client):
    page = _en(client, f"/01/{GTIN_B}/10/NOPE42")
    linkset = _en(client, f"/01/{GTIN_B}/10/NOPE42?linkType=all")

    assert page.status_code == 200
    assert (
        "No trace record was found for lot NOPE42; here is the product information." in page.content.decode()
    )
    assert json.loads(linkset.content) == {
        "linkset": [
            {
                "anchor": f"{SERVER}/01/{GTIN_B}",
                VOC + "pip": _page(f"{SERVER}/01/{GTIN_B}"),
                VOC + "defaultLink": _page(f"{SERVER}/01/{GTIN_B}"),
            }
        ]
    }


def test_the_notice_is_in_chinese_by_default(chain, client):
    page = client.get(f"/01/{GTIN_B}/10/NOPE42")

    assert page.status_code == 200
    assert 'id="scan-notice"' in page.content.decode()


def test_a_wrong_check_digit_is_a_400_page_naming_the_right_digit(chain, client):
    response = _en(client, f"/01/{GTIN_B[:-1]}4/10/{LOT_B}")

    assert response.status_code == 400
    assert response["Content-Type"] == "text/html; charset=utf-8"
    html = response.content.decode()
    assert 'data-code="gtin_invalid"' in html
    assert '<p id="scan-error-detail">GTIN check digit is wrong: it should be 3</p>' in html


def test_a_wrong_check_digit_is_a_problem_for_machines(chain, client):
    response = _en(client, f"/01/{GTIN_B[:-1]}4", HTTP_ACCEPT="application/json")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert json.loads(response.content) == {
        "type": "urn:pinpai:problem:gtin_invalid",
        "title": "Invalid GTIN",
        "status": 400,
        "detail": "GTIN check digit is wrong: it should be 3",
        "code": "gtin_invalid",
        "instance": f"/01/{GTIN_B[:-1]}4",
        "errors": {"gtin": ["GTIN check digit is wrong: it should be 3"]},
        "expected_check_digit": "3",
    }


def test_a_gtin_of_the_wrong_length_is_a_400(chain, client):
    response = _en(client, "/01/12345/10/X", HTTP_ACCEPT="application/problem+json")

    assert response.status_code == 400
    assert json.loads(response.content)["detail"] == "A GTIN has 8, 12, 13 or 14 digits; 12345 does not."


def test_an_unknown_gtin_is_a_404_page_or_problem(chain, client):
    gtin = "06901234000030"  # well-formed, not registered
    page = _en(client, f"/01/{gtin}/10/{LOT_B}")
    problem = _en(client, f"/01/{gtin}", HTTP_ACCEPT="application/json")

    assert page.status_code == 404
    assert 'data-code="product_not_found"' in page.content.decode()
    assert problem.status_code == 404
    assert json.loads(problem.content)["code"] == "product_not_found"


def test_a_product_of_an_unpublished_brand_is_not_public(reference, client):
    chain = chain_build(publish_brands=False)

    response = client.get(f"/01/{chain.product_b.gtin}/10/{LOT_B}")

    assert response.status_code == 404


def test_the_product_alone_has_no_traceability_link(chain, client):
    response = client.get(f"/01/{GTIN_B}?linkType=all")

    entry = json.loads(response.content)["linkset"][0]
    assert sorted(entry) == ["anchor", VOC + "defaultLink", VOC + "pip"]


def test_an_item_serial_is_resolved_like_a_lot(chain, client):
    known = client.get(f"/01/{GTIN_B}/21/UNKNOWN-1?linkType=all")

    assert json.loads(known.content)["linkset"][0]["anchor"] == f"{SERVER}/01/{GTIN_B}"


def test_a_product_without_events_still_resolves(reference, client):
    from pinpai.registry.tests.factories import make_enterprise, publish

    owner = make_enterprise()
    brand = publish(make_brand(owner, name="乌江"))
    product_register(
        actor=system_user_ensure(), enterprise=owner, brand=brand, gtin="06901234000108", name="乌江榨菜"
    )

    response = client.get("/01/06901234000108")

    assert response.status_code == 200
    assert "乌江榨菜" in response.content.decode()
