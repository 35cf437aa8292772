"""How the demo traceability chains write EPCIS events: a clock that only moves forward, lots, identifiers in
Digital Link or EPC URN form, and the shipping/receiving, inspecting, sensor and retail steps every chain shares."""

from __future__ import annotations

import datetime
import random
import uuid
from dataclasses import dataclass
from typing import Any

from pinpai.demo.traceability_master import Item, Site, sscc

DL = "https://id.gs1.org"
OFFSET = "+08:00"


@dataclass(frozen=True)
class LotRecord:
    gtin: str
    lot: str
    produced_on: datetime.date
    site_gln: str


@dataclass(frozen=True)
class Chain:
    kind: str
    events: list[dict[str, Any]]
    lots: tuple[LotRecord, ...]  # lots of registered items
    farm_lot: str  # Digital Link of the first lot (harvested at the farm)
    retail_lot: str  # Digital Link of the lot sold in the store
    urn: bool = False


class ChainWriter:
    """One chain being written: the identifier form, a clock that only moves forward, its events and lots."""

    def __init__(self, rng: random.Random, tag: str, number: int, urn: bool, start: datetime.date) -> None:
        self.rng, self.tag, self.number, self.urn = rng, tag, number, urn
        self.day, self.minute = start, rng.randrange(6 * 60, 9 * 60)
        self.events: list[dict[str, Any]] = []
        self.lots: list[LotRecord] = []
        self.serial = 0

    def later(self, low: int, high: int) -> str:
        """The time `low`–`high` days on (within the same day: an hour or two later), as an EPCIS timestamp."""
        days = self.rng.randint(low, high)
        if days:
            self.day += datetime.timedelta(days=days)
            self.minute = self.rng.randrange(7 * 60, 10 * 60)
        else:
            self.minute += self.rng.randrange(20, 150)
            if self.minute >= 23 * 60:
                self.day += datetime.timedelta(days=1)
                self.minute = self.rng.randrange(6 * 60, 8 * 60)
        return f"{self.day.isoformat()}T{self.minute // 60:02d}:{self.minute % 60:02d}:00{OFFSET}"

    def lot(self, item: Item, letter: str, site: Site) -> tuple[str, str, str]:
        """A new lot of `item` made today at `site`: (lot number, epcClass as written, Digital Link)."""
        number = f"{letter}{self.day:%y%m%d}{self.tag}"
        link = f"{DL}/01/{item.gtin}/10/{number}"
        if item.registered:
            self.lots.append(LotRecord(item.gtin, number, self.day, site.gln))
        if self.urn:
            cut = item.prefix_length + 1
            return (
                number,
                f"urn:epc:class:lgtin:{item.gtin[1:cut]}.{item.gtin[0]}{item.gtin[cut:13]}.{number}",
                link,
            )
        return number, link, link

    def loc(self, site: Site) -> dict[str, str]:
        if self.urn:
            return {
                "id": f"urn:epc:id:sgln:{site.gln[: site.prefix_length]}.{site.gln[site.prefix_length : 12]}.0"
            }
        return {"id": f"{DL}/414/{site.gln}"}

    def party(self, site: Site) -> str:
        if self.urn:
            return f"urn:epc:id:pgln:{site.party_gln[: site.prefix_length]}.{site.party_gln[site.prefix_length : 12]}"
        return f"{DL}/417/{site.party_gln}"

    def pallet(self, site: Site) -> str:
        """A new SSCC of `site`'s company prefix, unique within a run (the chain's number and a counter)."""
        self.serial += 1
        code = sscc(
            site.gln[: site.prefix_length],
            (self.number * 8 + self.serial % 8) % 10 ** (16 - site.prefix_length),
        )
        if self.urn:
            return f"urn:epc:id:sscc:{code[1 : site.prefix_length + 1]}.{code[0]}{code[site.prefix_length + 1 : 17]}"
        return f"{DL}/00/{code}"

    def event(self, kind: str, time: str, **fields: Any) -> dict[str, Any]:
        event = {
            "type": kind,
            "eventTime": time,
            "eventTimeZoneOffset": OFFSET,
            "eventID": f"urn:uuid:{uuid.UUID(int=self.rng.getrandbits(128), version=4)}",
            **fields,
        }
        self.events.append(event)
        return event

    def commission(
        self, time: str, site: Site, cls: str, quantity: float, uom: str, ilmd: dict[str, str]
    ) -> None:
        self.event(
            "ObjectEvent", time, action="ADD", quantityList=[quantity_element(cls, quantity, uom)], bizStep="commissioning",
            disposition="active", readPoint=self.loc(site), bizLocation=self.loc(site), ilmd=ilmd,
        )  # fmt: skip

    def transform(
        self,
        time: str,
        site: Site,
        inputs: list[dict[str, Any]],
        outputs: list[dict[str, Any]],
        ilmd: dict[str, str],
    ) -> None:
        self.event(
            "TransformationEvent", time, inputQuantityList=inputs, outputQuantityList=outputs,
            bizStep="commissioning", disposition="active", readPoint=self.loc(site), bizLocation=self.loc(site),
            ilmd=ilmd,
        )  # fmt: skip

    def observe(self, time: str, step: str, disposition: str, site: Site, **fields: Any) -> None:
        self.event(
            "ObjectEvent", time, action="OBSERVE", **fields, bizStep=step, disposition=disposition,
            readPoint=self.loc(site), bizLocation=self.loc(site),
        )  # fmt: skip

    def inspect(self, time: str, site: Site, cls: str, quantity: float, uom: str) -> None:
        self.serial += 1
        report = f"urn:epcglobal:cbv:bt:{site.party_gln}:QC{self.tag}{self.serial}"
        self.observe(
            time, "inspecting", "conformant", site, quantityList=[quantity_element(cls, quantity, uom)],
            bizTransactionList=[{"type": "testres", "bizTransaction": report}],
        )  # fmt: skip

    def move(
        self,
        low: int,
        high: int,
        origin: Site,
        destination: Site,
        what: dict[str, Any],
        sensors: bool = False,
    ) -> None:
        """Shipping from `origin`, then receiving at `destination` `low`–`high` days later, under one despatch advice."""
        self.serial += 1
        advice = [{"type": "desadv", "bizTransaction": f"urn:epcglobal:cbv:bt:{origin.party_gln}:D{self.tag}{self.serial}"}]  # fmt: skip
        sources = [{"type": "owning_party", "source": self.party(origin)}, {"type": "location", "source": self.loc(origin)["id"]}]  # fmt: skip
        destinations = [
            {"type": "owning_party", "destination": self.party(destination)},
            {"type": "location", "destination": self.loc(destination)["id"]},
        ]
        shipped = self.later(0, 0)
        self.event(
            "ObjectEvent", shipped, action="OBSERVE", **what, bizStep="shipping", disposition="in_transit",
            readPoint=self.loc(origin), bizTransactionList=advice, sourceList=sources, destinationList=destinations,
        )  # fmt: skip
        received = self.later(low, high)
        extra: dict[str, Any] = (
            {"sensorElementList": self.temperatures(origin, shipped, received)} if sensors else {}
        )
        self.observe(
            received, "receiving", "in_progress", destination, **what, bizTransactionList=advice,
            sourceList=sources, destinationList=destinations, **extra,
        )  # fmt: skip

    def temperatures(self, origin: Site, since: str, until: str) -> list[dict[str, Any]]:
        """Two cold-chain readings (0–4 °C) of the shipper's reefer logger (a GIAI of its company prefix)."""
        device = f"{DL}/8004/{origin.gln[: origin.prefix_length]}T{self.number % 97:02d}"
        return [
            {"sensorMetadata": {"time": t, "deviceID": device},
             "sensorReport": [{"type": "Temperature", "value": round(self.rng.uniform(0.5, 3.8), 1), "uom": "CEL"}]}
            for t in (since, until)
        ]  # fmt: skip

    def sell(self, store: Site, cls: str, pieces: int) -> None:
        sold = pieces
        for _ in range(self.rng.randint(1, 2)):
            part = max(1, min(sold, self.rng.randint(pieces // 8 or 1, pieces // 3 or 1)))
            self.observe(
                self.later(0, 3),
                "retail_selling",
                "retail_sold",
                store,
                quantityList=[quantity_element(cls, part, "H87")],
            )
            sold -= part
            if sold <= 0:
                break


def quantity_element(cls: str, quantity: float, uom: str) -> dict[str, Any]:
    return {"epcClass": cls, "quantity": quantity, "uom": uom}


def harvest_ilmd(d: datetime.date) -> dict[str, str]:
    return {"cbvmda:harvestStartDate": d.isoformat(), "cbvmda:harvestEndDate": d.isoformat(), "cbvmda:countryOfOrigin": "CN"}  # fmt: skip


def best_before_ilmd(d: datetime.date, days: int) -> dict[str, str]:
    return {"cbvmda:bestBeforeDate": (d + datetime.timedelta(days=days)).isoformat()}
