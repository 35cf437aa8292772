"""Every file under tests/conformance/epcis/examples, captured or rejected as decided in EXPECTED (one row per file).

The outcome is "captured" (JSON: capture_document; XML: parse_xml_document then capture_document), "event" (a bare
JSON event: capture_event), or the exact set of problem rules of the DocumentError, joined by "|". The reasons cite
tests/conformance/epcis/SOURCE.md ("Caveats") where the fixtures and the GS1 schemas disagree.
"""

import json
import re
from typing import Any

import pytest

from engines.epcis import (
    DocumentError,
    capture_document,
    capture_event,
    parse_json_document,
    parse_xml_document,
)
from engines.epcis.tests.conformance_table import EXAMPLES, EXPECTED

_CBV_URN = re.compile(r"urn:epcglobal:cbv:(?:bizstep|disp|btt|sdt|er|comp):(\w+)")


def _files() -> set[str]:
    return {
        str(path.relative_to(EXAMPLES))
        for path in EXAMPLES.rglob("*")
        if path.suffix in (".json", ".jsonld", ".xml") and path.is_file()
    }


def _capture(path: str) -> tuple[str, int, int]:
    """(outcome, events captured, events in the document)."""
    body = (EXAMPLES / path).read_bytes()
    try:
        if path.endswith(".xml"):
            document = parse_xml_document(body)
            return "captured", len(capture_document(document)), len(document["epcisBody"]["eventList"])
        document = parse_json_document(body)
        if "/Capture/Events/" in path:
            capture_event(document)
            return "event", 1, 1
        return "captured", len(capture_document(document)), len(document["epcisBody"]["eventList"])
    except DocumentError as error:  # never empty: DocumentError needs at least one problem
        return "|".join(sorted(set(error.rules))), 0, 0


def test_the_table_has_one_decision_for_every_file() -> None:
    assert set(EXPECTED) == _files()
    assert all(reason for _, reason in EXPECTED.values())


def test_every_file_in_an_invalid_folder_is_rejected() -> None:
    invalid = [path for path in EXPECTED if "/Invalid/" in path]
    assert len(invalid) == 30
    assert all(EXPECTED[path][0] not in ("captured", "event") for path in invalid)


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_document(path: str) -> None:
    outcome, captured, total = _capture(path)
    assert outcome == EXPECTED[path][0]
    assert captured == total


def _client_fix(node: Any, key: str = "") -> Any:
    """What the agrifood examples' senders would have to change: drop "_…" annotation keys, write CBV words bare,
    and send sensorReport values as JSON numbers."""
    if isinstance(node, dict):
        fixed = {k: _client_fix(v, k) for k, v in node.items() if not k.startswith("_")}
        if key == "sensorReport" and isinstance(fixed.get("value"), str):
            fixed["value"] = float(fixed["value"])
        return fixed
    if isinstance(node, list):
        return [_client_fix(item, key) for item in node]
    if isinstance(node, str):
        match = _CBV_URN.fullmatch(node)
        return match.group(1) if match else node
    return node


AGRIFOOD = sorted(p for p in EXPECTED if p.startswith("agrifood/") and "/context/" not in p)


@pytest.mark.parametrize("path", AGRIFOOD)
def test_agrifood_documents_capture_once_the_client_fixes_them(path: str) -> None:
    document = _client_fix(json.loads((EXAMPLES / path).read_bytes()))
    events = capture_document(document)
    assert len(events) == len(document["epcisBody"]["eventList"]) > 0


def test_agrifood_set_is_complete() -> None:
    assert len(AGRIFOOD) == 13
