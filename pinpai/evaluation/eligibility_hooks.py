"""Hooks of the evaluation cycles' eligibility gate that other modules fill in later.

The gate (`selectors.cycles.eligibility_evaluate`) checks some rules itself (valid certificates, owner in
business, brand published). Two rules belong to modules that do not exist yet:

- `no_serious_dishonesty`: the enterprise has no serious-dishonesty record (the credit module);
- `trace_data_complete`: an agricultural brand's trace data is complete (the traceability module).

Until a module registers a hook for them, their outcome is `unknown`: shown to everyone, but not blocking.
A module registers its hook once, from its `AppConfig.ready()`:

    from pinpai.evaluation.eligibility_hooks import HookOutcome, eligibility_hook_register

    def no_serious_dishonesty(brand, *, as_of):
        record = credit_serious_dishonesty_get(enterprise=brand.owner, as_of=as_of)  # a selector
        if record is None:
            return HookOutcome("pass", "no_serious_dishonesty_record")
        return HookOutcome("fail", "serious_dishonesty_record", {"record": record.number})

    eligibility_hook_register("no_serious_dishonesty", no_serious_dishonesty)

A hook is a read: it must not write, and it receives the day the rule is judged on (the cycle's reference
date), never the clock. Its reason is a stable code; `details` are the facts shown beside it (plain JSON).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

HOOKED_RULES = ("no_serious_dishonesty", "trace_data_complete")
OUTCOMES = ("pass", "fail", "unknown")


@dataclass(frozen=True)
class HookOutcome:
    outcome: str  # "pass", "fail" or "unknown"
    reason: str  # a stable reason code
    details: Mapping[str, Any] = field(default_factory=dict)


class EligibilityHook(Protocol):
    def __call__(self, brand: Any, *, as_of: datetime.date) -> HookOutcome: ...


_HOOKS: dict[str, EligibilityHook] = {}


def eligibility_hook_register(rule: str, hook: EligibilityHook | Callable[..., HookOutcome]) -> None:
    """Let `hook` judge `rule` (one of HOOKED_RULES); a later registration replaces an earlier one."""
    if rule not in HOOKED_RULES:
        raise ValueError(f"{rule!r} is not a hooked eligibility rule; known: {', '.join(HOOKED_RULES)}")
    _HOOKS[rule] = hook


def eligibility_hook_unregister(rule: str) -> None:
    _HOOKS.pop(rule, None)


def eligibility_hook_get(rule: str) -> EligibilityHook | None:
    return _HOOKS.get(rule)
