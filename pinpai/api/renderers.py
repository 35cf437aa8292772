"""JSON as UTF-8 text: Chinese names are readable in responses, not \\u-escaped."""

from typing import Any

from ninja.renderers import JSONRenderer


class Utf8JSONRenderer(JSONRenderer):
    json_dumps_params: Any = {"ensure_ascii": False}
