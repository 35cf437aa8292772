"""The hand-worked example of docs/engines/strength.md, shared by the tests."""

from __future__ import annotations

from typing import Any


def example_system() -> dict[str, Any]:
    return {
        "code": "example",
        "version": "1",
        "name_zh": "示例",
        "name_en": "Example",
        "nodes": [
            {
                "code": "quality",
                "name_zh": "质量",
                "name_en": "quality",
                "weight": "0.6",
                "children": [
                    {
                        "code": "quality.pass_rate",
                        "weight": "0.5",
                        "unit": "%",
                        "rule": {"kind": "linear", "lower": "90", "upper": "100"},
                    },
                    {"code": "quality.qms_certified", "weight": "0.5", "rule": {"kind": "yes_no"}},
                ],
            },
            {
                "code": "market",
                "name_zh": "市场",
                "name_en": "market",
                "weight": "0.4",
                "children": [
                    {"code": "market.share", "weight": "0.25", "unit": "%", "rule": {"kind": "percentile"}},
                    {
                        "code": "market.awareness",
                        "weight": "0.75",
                        "unit": "%",
                        "rule": {
                            "kind": "banded",
                            "bands": [["0", "0"], ["20", "40"], ["50", "70"], ["80", "100"]],
                        },
                    },
                ],
            },
        ],
    }


def example_inputs() -> dict[str, Any]:
    return {
        "system": example_system(),
        "values": {
            "quality.pass_rate": "98.5",
            "quality.qms_certified": True,
            "market.share": "12",
            "market.awareness": 55,
        },
        "peers": {"market.share": ["5", "8", "12", "20", "30", "40"]},
    }
