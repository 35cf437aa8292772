"""Checks of `SurveyInputs` before anything is computed: every problem at once, as `InputErrors`."""

from __future__ import annotations

from decimal import Decimal

from engines.surveys.decimals import ONE, ZERO
from engines.surveys.errors import InputError, raise_if_any
from engines.surveys.model import (
    COMPONENTS,
    LEVELS,
    LIKERT,
    MAX_Z,
    MEASURES,
    RECOMMEND,
    Respondent,
    SurveyInputs,
)

# ---------------------------------------------------------------- validation


def validated(inputs: SurveyInputs) -> None:
    errors: list[InputError] = []
    keys: set[str] = set()
    for i, brand in enumerate(inputs.brands):
        if not brand.key:
            errors.append(InputError(f"brands[{i}].key", "required", "a brand needs a key"))
        elif brand.key in keys:
            errors.append(
                InputError(f"brands[{i}].key", "duplicate_code", f"brand {brand.key!r} given twice")
            )
        keys.add(brand.key)
    if not isinstance(inputs.z, Decimal) or not inputs.z.is_finite():
        errors.append(InputError("z", "not_a_number", "z must be a finite Decimal"))
    elif not ZERO < inputs.z <= MAX_Z:
        errors.append(InputError("z", "out_of_range", "z must be above 0 and at most 10"))
    weights = inputs.index_weights
    parts = (weights.aided, weights.unaided, weights.favourability)
    for name, weight in zip(COMPONENTS, parts, strict=True):
        if not ZERO <= weight <= ONE:
            errors.append(InputError(f"index_weights.{name}", "out_of_range", "an index weight is in 0–1"))
    if sum(parts, ZERO) != ONE:
        errors.append(InputError("index_weights", "weights_do_not_sum_to_one", "index weights must sum to 1"))
    strata = dict(inputs.strata)
    if inputs.strata:
        if len(strata) != len(inputs.strata):
            errors.append(InputError("strata", "duplicate_code", "a weighting group is given twice"))
        for code, share in inputs.strata:
            if not ZERO < share <= ONE:
                errors.append(InputError(f"strata.{code}", "out_of_range", "a population share is in (0, 1]"))
        if sum(strata.values(), ZERO) != ONE:
            errors.append(
                InputError("strata", "weights_do_not_sum_to_one", "population shares must sum to 1")
            )
        present = {r.stratum for r in inputs.respondents}
        errors.extend(
            InputError(f"strata.{code}", "empty_stratum", f"no respondent in weighting group {code!r}")
            for code in strata
            if code not in present
        )
    for i, respondent in enumerate(inputs.respondents):
        errors.extend(_respondent_errors(f"respondents[{i}]", respondent, keys, strata))
    raise_if_any(errors)


def _respondent_errors(
    where: str, respondent: Respondent, keys: set[str], strata: dict[str, Decimal]
) -> list[InputError]:
    errors: list[InputError] = []

    def brand_ok(brand: str, at: str, seen: set[str]) -> None:
        if brand not in keys:
            errors.append(InputError(at, "unknown_brand", f"brand {brand!r} is not under study"))
        elif brand in seen:
            errors.append(InputError(at, "duplicate_code", f"brand {brand!r} answered twice"))
        seen.add(brand)

    seen: set[str] = set()
    for j, (brand, level) in enumerate(respondent.aided):
        brand_ok(brand, f"{where}.aided[{j}]", seen)
        if level not in LEVELS:
            errors.append(InputError(f"{where}.aided[{j}]", "unknown_level", f"level {level!r} is unknown"))
    rated: dict[str, set[str]] = {}
    for j, rating in enumerate(respondent.ratings):
        at = f"{where}.ratings[{j}]"
        if rating.measure not in MEASURES:
            errors.append(InputError(at, "unknown_measure", f"measure {rating.measure!r} is unknown"))
        brand_ok(rating.brand, at, rated.setdefault(rating.measure, set()))
        errors.extend(_integer_errors(at, rating.value, LIKERT))
    seen = set()
    for j, (brand, value) in enumerate(respondent.recommend):
        brand_ok(brand, f"{where}.recommend[{j}]", seen)
        errors.extend(_integer_errors(f"{where}.recommend[{j}]", value, RECOMMEND))
    if strata and respondent.stratum not in strata:
        errors.append(
            InputError(
                f"{where}.stratum", "unknown_stratum", f"no population share for {respondent.stratum!r}"
            )
        )
    return errors


def _integer_errors(at: str, value: object, scale: tuple[int, int]) -> list[InputError]:
    if isinstance(value, bool) or not isinstance(value, int):
        return [InputError(at, "not_an_integer", "an answer on a scale is a whole number")]
    if not scale[0] <= value <= scale[1]:
        return [InputError(at, "out_of_range", f"{value} is outside {scale[0]}–{scale[1]}")]
    return []
