"""EPCIS 2.0 query parameters (§8.2.7.1, the REST binding's `GET /events`) → filters on the event store.

One parser serves the query string (`EQ_bizStep=shipping|receiving`) and the JSON body of a named query
(`{"EQ_bizStep": ["shipping", "receiving"]}`): both arrive here as name → list of values. Identifiers are brought to
their canonical GS1 Digital Link (`engines.epcis.canonical_id`), so a query by EPC URN finds events captured with
Digital Links and the other way round; CBV values are accepted bare, as URN or as GS1 Web URI. Anything this
repository cannot answer exactly is a 400 QueryParameterException naming the parameter, never silently ignored.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.db.models import Q, Subquery
from django.utils.translation import gettext as _

from pinpai.traceability.choices import EventAction, EventType, IdentifierRole
from pinpai.traceability.models import EventIdentifier
from pinpai.traceability.selectors.event_query_values import (
    cbv_forms,
    choice_parse,
    decimal_parse,
    identifier_normalise,
    positive_int_parse,
    query_parameter_error,
    single_value,
    time_parse,
)

R = IdentifierRole
# MATCH_* parameter → the identifier roles it looks at (EPCIS 2.0 §8.2.7.1).
MATCH_ROLES: dict[str, tuple[str, ...]] = {
    "MATCH_epc": (R.EPC, R.CHILD),
    "MATCH_parentID": (R.PARENT,),
    "MATCH_inputEPC": (R.INPUT,),
    "MATCH_outputEPC": (R.OUTPUT,),
    "MATCH_anyEPC": (R.EPC, R.CHILD, R.PARENT, R.INPUT, R.OUTPUT),
    "MATCH_epcClass": (R.EPC_CLASS, R.CHILD_CLASS),
    "MATCH_inputEPCClass": (R.INPUT_CLASS,),
    "MATCH_outputEPCClass": (R.OUTPUT_CLASS,),
    "MATCH_anyEPCClass": (R.EPC_CLASS, R.CHILD_CLASS, R.INPUT_CLASS, R.OUTPUT_CLASS),
}
_COLUMN_TIMES = {
    "GE_eventTime": "event_time__gte",
    "LT_eventTime": "event_time__lt",
    "GE_recordTime": "record_time__gte",
    "LT_recordTime": "record_time__lt",
}
_QUANTITY = {
    "EQ_quantity": "quantity",
    "GT_quantity": "quantity__gt",
    "GE_quantity": "quantity__gte",
    "LT_quantity": "quantity__lt",
    "LE_quantity": "quantity__lte",
}
# EXISTS_<field>: fields that are columns, then fields looked up as keys of the stored event.
_EXISTS_COLUMNS = {
    "bizStep": ~Q(biz_step=""),
    "disposition": ~Q(disposition=""),
    "readPoint": ~Q(read_point=""),
    "bizLocation": ~Q(biz_location=""),
    "action": ~Q(action=""),
    "errorDeclaration": Q(error_declared=True),
}
_EXISTS_KEYS = frozenset(
    {
        "epcList", "parentID", "childEPCs", "inputEPCList", "outputEPCList", "quantityList", "childQuantityList",
        "inputQuantityList", "outputQuantityList", "transformationID", "bizTransactionList", "sourceList",
        "destinationList", "sensorElementList", "persistentDisposition", "ilmd", "certificationInfo",
    }
)  # fmt: skip
# Standard parameters this repository does not answer (see docs/domains/traceability-epcis.md).
_UNSUPPORTED = frozenset(
    {
        "GE_errorDeclarationTime", "LT_errorDeclarationTime", "GE_startTime", "LT_startTime", "GE_endTime",
        "LT_endTime", "GE_time", "LT_time", "EQ_type", "EQ_deviceID", "EQ_dataProcessingMethod", "EQ_microorganism",
        "EQ_chemicalSubstance", "EQ_bizRules", "EQ_stringValue", "EQ_hexBinaryValue", "EQ_uriValue",
        "EQ_booleanValue", "GE_percRank", "LT_percRank", "GT_percRank", "LE_percRank",
    }
)  # fmt: skip
_UNSUPPORTED_PATTERN = re.compile(
    r"(EQ|GT|GE|LT|LE|EXISTS)_(INNER_)?(ILMD_)?[A-Za-z][\w.-]*:[\w.:/#-]+|EQ_(bizTransaction|source|destination)_\w+"
    r"|HASATTR_.+|EQATTR_.+|EQ_ATTR_.+|(EQ|GT|GE|LT|LE)_value_\w+|(EQ|GT|GE|LT|LE)_\w+_\w+"
)
ORDER_FIELDS = {"recordTime": "record_time", "eventTime": "event_time"}


@dataclass(frozen=True)
class EventQuery:
    """A parsed query: filters to AND, the order, and the normalised parameters a page token is bound to. The
    identifier matches are resolved against the index when the query runs (`selectors.events.event_filters`)."""

    filters: tuple[Q, ...]  # on Event
    identifier_matches: tuple[Q, ...] = ()  # on EventIdentifier, each ANDed (MATCH_* parameters)
    order_field: str = "record_time"  # or "event_time"
    descending: bool = False
    event_count_limit: int | None = None
    max_event_count: int | None = None
    normalised: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def fingerprint(self) -> str:
        text = json.dumps([self.normalised, self.order_field, self.descending, self.event_count_limit])
        return hashlib.sha256(text.encode()).hexdigest()[:32]


def _identifier_match(name: str, values: list[str], normalised: list[str]) -> Q:
    """A filter on EventIdentifier: any of `values` (a pattern: the value or anything under it) in the roles of `name`."""
    match = Q()
    for raw in values:
        value, pattern = identifier_normalise(name, raw)
        normalised.append(value + ("/*" if pattern else ""))
        match |= Q(value=value) | Q(value__startswith=value + "/") if pattern else Q(value=value)
    return match & Q(role__in=MATCH_ROLES[name])


def _json_list_filter(lookup: str, forms: Iterable[str]) -> Q:
    """Events whose JSON array at `lookup` (e.g. `persistentDisposition__set`) holds one of `forms`. Portable: the
    array's JSON text holds the quoted string (JSON containment is PostgreSQL-only); ASCII case is not significant."""
    match = Q()
    for form in forms:
        match |= Q(**{f"document__{lookup}__icontains": json.dumps(form)})
    return match


class _Parser:
    """Accumulates filters and the normalised form of each parameter."""

    def __init__(self) -> None:
        self.filters: list[Q] = []
        self.identifier_matches: list[Q] = []
        self.normalised: dict[str, list[str]] = {}
        self.order_field = "record_time"
        self.descending = False
        self.order_given = False
        self.event_count_limit: int | None = None
        self.max_event_count: int | None = None
        self.column_match = False  # EQ_ on a column indexed with event_time (bizStep, disposition, locations)
        self.record_time_bound = False

    def add(self, name: str, values: list[str]) -> None:
        if not values or (any(v.strip() == "" for v in values) and not name.startswith("EXISTS_")):
            raise query_parameter_error(name, _("needs a value"))
        handler = self._handler(name)
        if handler is None:
            if name in _UNSUPPORTED or _UNSUPPORTED_PATTERN.fullmatch(name):
                raise query_parameter_error(name, _("this repository does not support this query parameter"))
            raise query_parameter_error(name, _("unknown query parameter"))
        handler(name, values)

    def _handler(self, name: str) -> Callable[[str, list[str]], None] | None:
        if name in MATCH_ROLES:
            return self._match
        if name in _COLUMN_TIMES:
            return self._column_time
        if name in _QUANTITY:
            return self._quantity
        if name.startswith("EXISTS_") and (name[7:] in _EXISTS_COLUMNS or name[7:] in _EXISTS_KEYS):
            return self._exists
        return {
            "eventType": self._event_type,
            "EQ_action": self._action,
            "EQ_bizStep": self._cbv_column,
            "EQ_disposition": self._cbv_column,
            "EQ_persistentDisposition_set": self._persistent,
            "EQ_persistentDisposition_unset": self._persistent,
            "EQ_readPoint": self._location,
            "WD_readPoint": self._location,
            "EQ_bizLocation": self._location,
            "WD_bizLocation": self._location,
            "EQ_eventID": self._event_id,
            "EQ_transformationID": self._transformation_id,
            "EQ_errorReason": self._error_reason,
            "EQ_correctiveEventID": self._corrective_event_id,
            "orderBy": self._order_by,
            "orderDirection": self._order_direction,
            "eventCountLimit": self._event_count_limit,
            "maxEventCount": self._max_event_count,
        }.get(name)

    def _keep(self, name: str, values: Iterable[str]) -> None:
        self.normalised.setdefault(name, []).extend(values)

    def _event_type(self, name: str, values: list[str]) -> None:
        chosen = choice_parse(name, values, EventType.values)
        self.filters.append(Q(event_type__in=chosen))
        self._keep(name, chosen)

    def _column_time(self, name: str, values: list[str]) -> None:
        moment = time_parse(name, single_value(name, values))
        self.record_time_bound |= name.endswith("recordTime")
        self.filters.append(Q(**{_COLUMN_TIMES[name]: moment}))
        self._keep(name, [moment.isoformat()])

    def _action(self, name: str, values: list[str]) -> None:
        chosen = choice_parse(name, values, [a for a in EventAction.values if a])
        self.filters.append(Q(action__in=chosen))
        self._keep(name, chosen)

    def _cbv_column(self, name: str, values: list[str]) -> None:
        kind, column = ("bizstep", "biz_step") if name == "EQ_bizStep" else ("disposition", "disposition")
        words = sorted({cbv_forms(kind, name, v)[0] for v in values})
        self.filters.append(Q(**{f"{column}__in": words}))
        self.column_match = True
        self._keep(name, words)

    def _persistent(self, name: str, values: list[str]) -> None:
        part = name.rsplit("_", 1)[1]
        forms = [form for v in values for form in cbv_forms("disposition", name, v)]
        self.filters.append(_json_list_filter(f"persistentDisposition__{part}", forms))
        self._keep(name, sorted(cbv_forms("disposition", name, v)[0] for v in values))

    def _location(self, name: str, values: list[str]) -> None:
        ids = sorted({identifier_normalise(name, v)[0] for v in values})
        column = "read_point" if name.endswith("readPoint") else "biz_location"
        self.filters.append(Q(**{f"{column}__in": ids}))  # WD_: no location hierarchy is modelled, so = EQ_
        self.column_match = True
        self._keep(name, ids)

    def _match(self, name: str, values: list[str]) -> None:
        normalised: list[str] = []
        self.identifier_matches.append(_identifier_match(name, values, normalised))
        self._keep(name, sorted(normalised))

    def _event_id(self, name: str, values: list[str]) -> None:
        ids = sorted({v.strip() for v in values})
        self.filters.append(Q(event_id__in=ids))
        self._keep(name, ids)

    def _transformation_id(self, name: str, values: list[str]) -> None:
        ids = sorted({v.strip() for v in values})
        self.filters.append(Q(document__transformationID__in=ids))
        self._keep(name, ids)

    def _error_reason(self, name: str, values: list[str]) -> None:
        forms = [form for v in values for form in cbv_forms("er", name, v)]
        self.filters.append(Q(error_declared=True, document__errorDeclaration__reason__in=forms))
        self._keep(name, sorted(cbv_forms("er", name, v)[0] for v in values))

    def _corrective_event_id(self, name: str, values: list[str]) -> None:
        ids = sorted({v.strip() for v in values})
        self.filters.append(
            Q(error_declared=True) & _json_list_filter("errorDeclaration__correctiveEventIDs", ids)
        )
        self._keep(name, ids)

    def _exists(self, name: str, values: list[str]) -> None:
        if [v.strip().lower() for v in values] == ["false"]:
            return  # EXISTS_errorDeclaration=false: regardless of the field (the binding's boolean form)
        field = name[7:]
        self.filters.append(_EXISTS_COLUMNS.get(field) or Q(document__has_key=field))
        self._keep(name, [])

    def _quantity(self, name: str, values: list[str]) -> None:
        numbers = [
            decimal_parse(name, v)
            for v in (values if name == "EQ_quantity" else [single_value(name, values)])
        ]
        lookup = _QUANTITY[name]
        match = Q()
        for number in numbers:
            match |= Q(**{lookup: number})
        rows = EventIdentifier.objects.filter(match, quantity__isnull=False).order_by().values("event_id")
        self.filters.append(Q(id__in=Subquery(rows)))
        self._keep(name, [str(n) for n in sorted(numbers)])

    def _order_by(self, name: str, values: list[str]) -> None:
        value = single_value(name, values)
        if value not in ORDER_FIELDS:
            raise query_parameter_error(
                name, _("this repository orders by eventTime or recordTime, not %(value)r") % {"value": value}
            )
        self.order_field = ORDER_FIELDS[value]
        self.order_given = True
        if "orderDirection" not in self.normalised:
            self.descending = True  # the standard's default once orderBy is given

    def _order_direction(self, name: str, values: list[str]) -> None:
        value = choice_parse(name, [single_value(name, values)], ["ASC", "DESC"])[0]
        self.descending = value == "DESC"
        self._keep(name, [value])

    def _event_count_limit(self, name: str, values: list[str]) -> None:
        self.event_count_limit = positive_int_parse(name, single_value(name, values))

    def _max_event_count(self, name: str, values: list[str]) -> None:
        self.max_event_count = positive_int_parse(name, single_value(name, values))


def event_query_parse(
    values: Mapping[str, list[str]], *, fixed: Mapping[str, list[str]] | None = None
) -> EventQuery:
    """Parse query parameters (name → values) into an EventQuery; `fixed` are the filters a resource path implies
    (`/bizSteps/shipping/events` → EQ_bizStep=shipping), ANDed with the rest. Raises EpcisQueryParameterError."""
    parser = _Parser()
    # orderDirection first, so that orderBy knows whether to apply the standard's DESC default.
    for name in sorted(values, key=lambda n: n != "orderDirection"):
        parser.add(name, list(values[name]))
    for name, path_values in (fixed or {}).items():
        parser.add(name, list(path_values))
    if parser.event_count_limit is not None and parser.max_event_count is not None:
        raise query_parameter_error("eventCountLimit", _("cannot be combined with maxEventCount"))
    if parser.event_count_limit is not None and not parser.order_given:
        raise query_parameter_error("eventCountLimit", _("needs orderBy"))
    if not parser.order_given:
        # No order asked for (the standard leaves it to us): as events arrived (recordTime, ascending), except for
        # an EQ_ on a column indexed with eventTime and no recordTime bound, where eventTime lets the index
        # serve the order (EQ_bizStep=shipping reads 31 index entries, not every event recorded before).
        use_event_time = parser.column_match and not parser.record_time_bound
        parser.order_field = "event_time" if use_event_time else "record_time"
        parser.descending = False
    normalised = tuple(sorted((name, tuple(v)) for name, v in parser.normalised.items()))
    return EventQuery(
        filters=tuple(parser.filters),
        identifier_matches=tuple(parser.identifier_matches),
        order_field=parser.order_field,
        descending=parser.descending,
        event_count_limit=parser.event_count_limit,
        max_event_count=parser.max_event_count,
        normalised=normalised,
    )
