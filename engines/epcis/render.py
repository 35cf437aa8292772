"""Identifiers of a stored event in the form a query client asks for (the REST binding's `GS1-EPC-Format` header).

    render_event(event, epc_format="Always_GS1_Digital_Link")               → every GS1 key as its canonical Digital Link
    render_event(event, epc_format="Always_EPC_URN", prefix_length=lookup)  → every GS1 key as its EPC URN
    render_event(event, epc_format="No_Preference" | "Never_Translates")    → unchanged (as captured)

Rewritten: epcList, parentID, childEPCs, inputEPCList, outputEPCList, the epcClass of the four quantity lists,
readPoint.id, bizLocation.id, and the values of sourceList and destinationList. Values that are not GS1 keys
(urn:uuid:…, other URLs, EPC schemes this engine does not convert) stay as they are, and so does a Digital Link
whose company prefix length is unknown when an EPC URN is asked for. The input is never changed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from engines.epcis.errors import InputError
from engines.epcis.identifiers import PrefixLookup, canonical_id, digital_link_to_epc

EPC_FORMATS = ("Always_GS1_Digital_Link", "Always_EPC_URN", "Never_Translates", "No_Preference")

_EPC_LISTS = ("epcList", "childEPCs", "inputEPCList", "outputEPCList")
_QUANTITY_LISTS = ("quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList")


def _to_digital_link(value: object) -> object:
    if not isinstance(value, str):
        return value
    try:
        return canonical_id(value)
    except InputError:
        return value


def _to_epc_urn(prefix_length: int | PrefixLookup | None) -> Callable[[object], object]:
    def convert(value: object) -> object:
        if (
            not isinstance(value, str)
            or prefix_length is None
            or not value.lower().startswith(("http://", "https://"))
        ):
            return value
        try:
            return digital_link_to_epc(value, prefix_length=prefix_length)
        except InputError:
            return value  # not a Digital Link, or its company prefix length is unknown

    return convert


def render_event(
    document: Mapping[str, Any],
    *,
    epc_format: str,
    prefix_length: int | Callable[[str], int | None] | None = None,
) -> dict[str, Any]:
    """A copy of one event (JSON binding form) with its identifiers in `epc_format`; `prefix_length` (an int or a
    lookup `key → length | None`) is needed only for "Always_EPC_URN"."""
    if epc_format not in EPC_FORMATS:
        raise InputError("epc_format", "malformed", "epc_format must be one of " + ", ".join(EPC_FORMATS))
    event = dict(document)
    if epc_format in ("No_Preference", "Never_Translates"):
        return event
    convert = _to_digital_link if epc_format == "Always_GS1_Digital_Link" else _to_epc_urn(prefix_length)
    if "parentID" in event:
        event["parentID"] = convert(event["parentID"])
    for name in _EPC_LISTS:
        if isinstance(event.get(name), list):
            event[name] = [convert(value) for value in event[name]]
    for name in _QUANTITY_LISTS:
        if isinstance(event.get(name), list):
            event[name] = [
                {**element, "epcClass": convert(element["epcClass"])}
                if isinstance(element, Mapping) and "epcClass" in element
                else element
                for element in event[name]
            ]
    for name in ("readPoint", "bizLocation"):
        location = event.get(name)
        if isinstance(location, Mapping) and "id" in location:
            event[name] = {**location, "id": convert(location["id"])}
    for name, child in (("sourceList", "source"), ("destinationList", "destination")):
        if isinstance(event.get(name), list):
            event[name] = [
                {**element, child: convert(element[child])}
                if isinstance(element, Mapping) and child in element
                else element
                for element in event[name]
            ]
    return event
