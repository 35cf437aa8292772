"""The htmx request type of the evaluation pages (shared: pinpai.common.htmx)."""

from pinpai.common.htmx import HtmxHttpRequest

__all__ = ["HtmxHttpRequest"]
