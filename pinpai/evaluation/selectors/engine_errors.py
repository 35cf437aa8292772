"""Engine input errors → one `EvaluationInputsInvalid` (422) naming every bad field and its rule."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from engines import strength, valuation
from pinpai.evaluation.exceptions import EvaluationInputsInvalid

ENGINE_ERRORS = (valuation.InputErrors, strength.InputErrors)
ENGINE_ERROR = (valuation.InputError, strength.InputError)


@contextmanager
def engine_input_errors(rename: dict[str, str] | None = None) -> Iterator[None]:
    """Run an engine call; its InputErrors become EvaluationInputsInvalid. `rename` maps a field prefix of the
    engine's input to the request's (`inputs.system` → `system`)."""
    try:
        yield
    except ENGINE_ERRORS as exc:
        raise EvaluationInputsInvalid([(_renamed(e.field, rename), e.rule) for e in exc.errors]) from exc
    except ENGINE_ERROR as exc:
        raise EvaluationInputsInvalid([(_renamed(exc.field, rename), exc.rule)]) from exc


def _renamed(field: str, rename: dict[str, str] | None) -> str:
    for old, new in (rename or {}).items():
        if field == old or field.startswith((old + ".", old + "[")):
            return new + field[len(old) :]
    return field
