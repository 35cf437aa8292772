"""What the evaluation cycle services share to validate: Django's full_clean errors as (field, rule, message)
and request values made exact for storage."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models

from pinpai.evaluation.exceptions import RuleViolations


def rule_errors_from_validation(exc: ValidationError, prefix: str = "") -> list[tuple[str, str, str]]:
    """full_clean's errors as (field, rule, message): the rule is the validator's code (`min_value`, `unique` …)."""
    found: list[tuple[str, str, str]] = []
    items = exc.error_dict.items() if hasattr(exc, "error_dict") else [("__all__", exc.error_list)]
    for name, errors in items:
        for error in errors:
            for message in error.messages:
                found.append((prefix + name, error.code or "invalid", str(message)))
    return found


def full_clean_rules(instance: models.Model, error: type[RuleViolations], prefix: str = "") -> None:
    """full_clean(); on failure raise `error` naming every field and rule."""
    try:
        instance.full_clean()
    except ValidationError as exc:
        raise error(rule_errors_from_validation(exc, prefix)) from exc


def plain_json(value: object) -> object:
    """Numbers as exact strings (a float through its shortest form), so stored inputs stay exact."""
    if isinstance(value, bool) or value is None or isinstance(value, str | int):
        return value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Mapping):
        return {str(k): plain_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain_json(v) for v in value]
    return str(value)
