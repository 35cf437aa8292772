"""Turn Django's ValidationError into our InvalidInputError with a field → messages map."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from pinpai.common.exceptions import InvalidInputError


def validation_messages(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {
            field: [str(m) for e in errors for m in e.messages] for field, errors in exc.error_dict.items()
        }
    return {"__all__": [str(m) for m in exc.messages]}


def full_clean_or_raise(
    instance: models.Model, error: type[InvalidInputError] = InvalidInputError, **kwargs: object
) -> None:
    """full_clean(); on failure raise `error` naming every field and rule that failed."""
    try:
        instance.full_clean(**kwargs)  # type: ignore[arg-type]
    except ValidationError as exc:
        errors = validation_messages(exc)
        detail = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in errors.items())
        raise error(detail, extra={"errors": errors}) from exc
