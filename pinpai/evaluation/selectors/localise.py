"""The engines carry Chinese and English text side by side; pick the one of the active language."""

from __future__ import annotations

from django.utils import translation


def chinese_active() -> bool:
    return (translation.get_language() or "zh-hans").lower().startswith("zh")


def pick(zh: str, en: str) -> str:
    """Chinese unless the request asked for another language (English is the only other one)."""
    if chinese_active():
        return zh or en
    return en or zh
