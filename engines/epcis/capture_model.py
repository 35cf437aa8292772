"""What capture returns (`CapturedEvent`, `IdentifierRow`) and how it fails (`DocumentError` with `Problem`s).

Re-exported by `engines.epcis.document`, which is where callers import them from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from engines.epcis.errors import PROBLEM_RULES

EVENT_TYPES = (
    "ObjectEvent",
    "AggregationEvent",
    "TransactionEvent",
    "TransformationEvent",
    "AssociationEvent",
)

# epc: epcList of Object/Transaction events; parent: parentID (Aggregation/Transaction/Association); child: childEPCs;
# input/output: inputEPCList/outputEPCList; *_class: the epcClass of quantityList, childQuantityList, inputQuantityList,
# outputQuantityList.
ROLES = (
    "epc",
    "parent",
    "child",
    "input",
    "output",
    "epc_class",
    "child_class",
    "input_class",
    "output_class",
)

MAX_PROBLEMS = 100


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a submitted document: where (JSON pointer), which stable rule, and why in English."""

    pointer: str  # JSON pointer into the submitted document, e.g. "/epcisBody/eventList/3/bizStep" ("" = whole document)
    rule: str  # one of errors.PROBLEM_RULES
    message: str  # names the field and why, e.g. "bizStep 'shipingg' is not a CBV 2.0 business step; …"

    def __post_init__(self) -> None:
        if self.rule not in PROBLEM_RULES:
            raise AssertionError(f"undeclared problem rule {self.rule!r}")


class DocumentError(ValueError):
    """The document was rejected as a whole: every problem found (at most MAX_PROBLEMS), in document order."""

    exception = "ValidationException"  # the EPCIS 2.0 exception name for input problems

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)[:MAX_PROBLEMS]
        if not self.problems:
            raise AssertionError("a DocumentError needs at least one problem")
        first = self.problems[0]
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(f"{first.pointer or '/'}: {first.message} ({first.rule}){more}")

    def __reduce__(self) -> tuple[type[DocumentError], tuple[tuple[Problem, ...]]]:
        return (DocumentError, (self.problems,))  # picklable, e.g. across a task queue

    @property
    def rules(self) -> tuple[str, ...]:
        """The distinct rules, in order of first appearance."""
        return tuple(dict.fromkeys(p.rule for p in self.problems))


@dataclass(frozen=True)
class IdentifierRow:
    """One identifier an event names, in the role it plays there."""

    role: str  # one of ROLES
    value: str  # canonical_id() of a GS1 key (EPC URN or Digital Link); any other URI exactly as given
    quantity: Decimal | None = None  # for quantity elements; None = not given
    uom: str = ""  # "" when absent


@dataclass(frozen=True)
class CapturedEvent:
    """One validated event, normalised for storage and query, with the document form kept beside it."""

    event_id: str  # as given; or event_hash_id(event) when absent (then also written into `document`)
    hash_id: str  # always event_hash_id(event)
    event_type: str  # one of EVENT_TYPES
    action: str  # "ADD" | "OBSERVE" | "DELETE" | "" (a TransformationEvent has none)
    event_time: datetime  # timezone-aware, with the offset it was written in
    event_time_zone_offset: str  # "+08:00"
    biz_step: str  # the bare CBV word of a CBV step in any form, else the URI as given; "" if absent
    disposition: str  # same rule
    persistent_dispositions: tuple[str, ...]  # set, then unset values, normalised like disposition
    read_point: str  # canonical id ("" if absent)
    biz_location: str  # canonical id ("" if absent)
    identifiers: tuple[IdentifierRow, ...]
    biz_transactions: tuple[
        tuple[str, str], ...
    ]  # (type normalised like bizStep, "" if absent; value as given)
    sources: tuple[tuple[str, str], ...]  # (type, canonical id or as given)
    destinations: tuple[tuple[str, str], ...]
    error_declaration: bool
    certification_info: tuple[str, ...]  # the certificationInfo value(s)
    document: dict[
        str, Any
    ]  # the event as captured (JSON binding form), with "eventID" added if it was computed
