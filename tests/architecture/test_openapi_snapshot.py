"""The committed OpenAPI document is the API's contract: a change to the code must change it too.

Regenerate with `make openapi` and review the diff.
"""

import json
from pathlib import Path

from pinpai.api.api import api

SNAPSHOT = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.json"


def test_openapi_document_matches_the_code():
    committed = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    current = json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1/")))
    assert current == committed, (
        "docs/api/openapi.json is out of date: run `make openapi` and commit the diff"
    )


def test_every_operation_has_an_operation_id_named_after_a_selector_or_service():
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    ids = [op["operationId"] for path in schema["paths"].values() for op in path.values()]
    assert len(ids) == len(set(ids))
    assert all("_" in i and i == i.lower() for i in ids), ids
