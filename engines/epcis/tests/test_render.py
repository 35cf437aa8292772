"""render_event: identifiers as Digital Links or EPC URNs (GS1-EPC-Format), never touching the input."""

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from engines.epcis import EPC_FORMATS, InputError, render_event

EXAMPLES = Path(__file__).resolve().parents[3] / "tests" / "conformance" / "epcis" / "examples"


def _events(path: str) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = json.loads((EXAMPLES / path).read_bytes())["epcisBody"]["eventList"]
    return events


def _seven(key: str) -> int | None:
    return 7


def test_example_9_6_1_round_trips_urn_to_digital_link_and_back() -> None:
    for event in _events("gs1/json/Example_9.6.1-ObjectEvent.jsonld"):
        before = copy.deepcopy(event)
        as_dl = render_event(event, epc_format="Always_GS1_Digital_Link")
        assert render_event(as_dl, epc_format="Always_EPC_URN", prefix_length=_seven) == event
        assert event == before
    events = _events("gs1/json/Example_9.6.1-ObjectEvent.jsonld")
    first, second = (render_event(e, epc_format="Always_GS1_Digital_Link") for e in events)
    assert first["epcList"] == [
        "https://id.gs1.org/01/10614141073464/21/2017",
        "https://id.gs1.org/01/10614141073464/21/2018",
    ]
    assert first["readPoint"] == {"id": "https://id.gs1.org/414/0614141073467/254/1234"}
    assert second["bizLocation"] == {"id": "https://id.gs1.org/414/0012345111112"}
    # business transactions are not identifiers of objects: left as they are
    assert second["bizTransactionList"][1]["bizTransaction"] == "urn:epcglobal:cbv:bt:0614141073467:1152"


def test_digital_link_example_round_trips_to_urn_and_back() -> None:
    for event in _events("gs1/json/WithDigitalLinkID/Example_9.6.1-ObjectEventWithDigitalLink.jsonld"):
        as_urn = render_event(event, epc_format="Always_EPC_URN", prefix_length=7)
        assert all(epc.startswith("urn:epc:id:sgtin:0614141.") for epc in as_urn["epcList"])
        assert render_event(as_urn, epc_format="Always_GS1_Digital_Link")["epcList"] == event["epcList"]


def test_every_identifier_field_is_rewritten() -> None:
    event = {
        "type": "TransformationEvent",
        "parentID": "urn:epc:id:sscc:0614141.1234567890",
        "inputEPCList": ["urn:epc:id:sgtin:4012345.011122.25"],
        "outputEPCList": ["urn:uuid:8a3b6b2e-3b1c-4f58-9d2c-000000000001"],
        "inputQuantityList": [{"epcClass": "urn:epc:class:lgtin:4012345.011111.4444", "quantity": 10}],
        "outputQuantityList": [{"epcClass": "urn:epc:idpat:sgtin:4012345.011111.*"}],
        "sourceList": [{"type": "owning_party", "source": "urn:epc:id:pgln:4012345.00225"}],
        "destinationList": [{"type": "location", "destination": "https://example.com/warehouse/7"}],
    }
    assert render_event(event, epc_format="Always_GS1_Digital_Link") == {
        "type": "TransformationEvent",
        "parentID": "https://id.gs1.org/00/106141412345678908",
        "inputEPCList": ["https://id.gs1.org/01/04012345111224/21/25"],
        "outputEPCList": ["urn:uuid:8a3b6b2e-3b1c-4f58-9d2c-000000000001"],
        "inputQuantityList": [{"epcClass": "https://id.gs1.org/01/04012345111118/10/4444", "quantity": 10}],
        "outputQuantityList": [{"epcClass": "https://id.gs1.org/01/04012345111118"}],
        "sourceList": [{"type": "owning_party", "source": "https://id.gs1.org/417/4012345002256"}],
        "destinationList": [{"type": "location", "destination": "https://example.com/warehouse/7"}],
    }
    back = render_event(
        render_event(event, epc_format="Always_GS1_Digital_Link"),
        epc_format="Always_EPC_URN",
        prefix_length=7,
    )
    assert back == event


def test_unknown_prefix_length_leaves_digital_links_as_they_are() -> None:
    event = {
        "epcList": ["https://id.gs1.org/01/10614141073464/21/2017"],
        "readPoint": {"id": "https://x.example/1"},
    }
    assert render_event(event, epc_format="Always_EPC_URN", prefix_length=lambda key: None) == event
    assert render_event(event, epc_format="Always_EPC_URN") == event


@pytest.mark.parametrize("epc_format", ["No_Preference", "Never_Translates"])
def test_no_preference_is_an_unchanged_copy(epc_format: str) -> None:
    event = {"epcList": ["https://brand.example.cn/01/10614141073464/21/2017"]}
    rendered = render_event(event, epc_format=epc_format)
    assert rendered == event
    assert rendered is not event


def test_unknown_format_is_an_input_error() -> None:
    assert EPC_FORMATS == ("Always_GS1_Digital_Link", "Always_EPC_URN", "Never_Translates", "No_Preference")
    with pytest.raises(InputError) as caught:
        render_event({}, epc_format="Always_URN")
    assert (caught.value.field, caught.value.rule) == ("epc_format", "malformed")
