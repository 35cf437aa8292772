"""The data of bench/traceability.py: supply chains of ten EPCIS events, as SQL for the 10-million-event fixture and
as JSON documents for capture, with valid GS1 check digits throughout (company prefix 6901234, fixture only)."""

from __future__ import annotations

import datetime
import json
import random
import time
from typing import Any

EVENTS_PER_CHAIN = 10
FARMS, PLANTS, STORES = 2000, 200, 5000
BASE = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
# GS1 company prefix 6901234 (fixture only); item references: farm produce, packed product.
PREFIX = "6901234"


def gs1_check(body: str) -> str:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)


GTIN_RAW = "0" + PREFIX + "00001"
GTIN_RAW += gs1_check(GTIN_RAW)
GTIN_PACKED = "0" + PREFIX + "00002"
GTIN_PACKED += gs1_check(GTIN_PACKED)
DL = "https://id.gs1.org"


def lot_raw(i: int) -> str:
    return f"{DL}/01/{GTIN_RAW}/10/R{i}"


def lot_packed(i: int) -> str:
    return f"{DL}/01/{GTIN_PACKED}/10/P{i}"


def sscc(i: int) -> str:
    body = "0" + PREFIX + f"{i:09d}"
    return f"{DL}/00/{body}{gs1_check(body)}"


def gln(kind: int, n: int) -> str:
    body = PREFIX + f"{kind}{n:04d}"
    return f"{DL}/414/{body}{gs1_check(body)}"


# ---------------------------------------------------------------- the 10-million-event fixture

SQL_FUNCTIONS = """
CREATE OR REPLACE FUNCTION bench_gs1_check(body text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT ((10 - sum(substr(reverse(body), k, 1)::int * CASE WHEN k % 2 = 1 THEN 3 ELSE 1 END) % 10) % 10)::text
  FROM generate_series(1, length(body)) AS k $$;
CREATE OR REPLACE FUNCTION bench_gln(kind int, n int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT 'https://id.gs1.org/414/' || b || bench_gs1_check(b) FROM (SELECT '6901234' || kind || lpad(n::text, 4, '0') AS b) x $$;
CREATE OR REPLACE FUNCTION bench_sscc(i int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT 'https://id.gs1.org/00/' || b || bench_gs1_check(b) FROM (SELECT '06901234' || lpad(i::text, 9, '0') AS b) x $$;
"""

# k: (event type, action, bizStep, disposition, place kind: 1 farm / 2 plant / 3 store)
STEPS = [
    (1, "ObjectEvent", "ADD", "commissioning", "active", 1),
    (2, "ObjectEvent", "OBSERVE", "storing", "in_progress", 1),
    (3, "TransformationEvent", "", "commissioning", "active", 2),
    (4, "AggregationEvent", "ADD", "packing", "in_progress", 2),
    (5, "ObjectEvent", "OBSERVE", "shipping", "in_transit", 2),
    (6, "ObjectEvent", "OBSERVE", "receiving", "in_progress", 3),
    (7, "AggregationEvent", "DELETE", "unpacking", "in_progress", 3),
    (8, "ObjectEvent", "OBSERVE", "storing", "sellable_accessible", 3),
    (9, "ObjectEvent", "OBSERVE", "retail_selling", "retail_sold", 3),
    (10, "ObjectEvent", "OBSERVE", "inspecting", "sellable_accessible", 3),
]
# (k, role, identifier expression, quantity)
IDENTIFIERS = [
    (1, "epc_class", "raw", 1000),
    (2, "epc_class", "raw", 1000),
    (3, "input_class", "raw", 1000),
    (3, "output_class", "packed", 800),
    (4, "parent", "sscc", None),
    (4, "child_class", "packed", 800),
    (5, "epc", "sscc", None),
    (6, "epc", "sscc", None),
    (7, "parent", "sscc", None),
    (7, "child_class", "packed", 800),
    (8, "epc_class", "packed", 800),
    (9, "epc_class", "packed", 1),
    (10, "epc_class", "packed", 2),
]


def _place_sql(kind: int) -> str:
    return f"p{kind}.value"


def _place_join(kinds: set[int]) -> str:
    count = {1: FARMS, 2: PLANTS, 3: STORES}
    return "".join(
        f" JOIN bench_place p{k} ON p{k}.kind = {k} AND p{k}.n = i % {count[k]}" for k in sorted(kinds)
    )


def _sscc_sql() -> str:
    """The SSCC of chain i with its check digit, in integer arithmetic (a SQL function per row is slow)."""
    prefix = "0" + PREFIX  # the 8 digits before the 9-digit serial; positions 10–17 from the right
    constant = sum(int(d) * (3 if (10 + n) % 2 == 1 else 1) for n, d in enumerate(reversed(prefix)))
    variable = " + ".join(f"((i / {10**j}) % 10) * {3 if j % 2 == 0 else 1}" for j in range(9))
    return (
        f"'{DL}/00/{prefix}' || lpad(i::text, 9, '0') || ((10 - ({constant} + {variable}) % 10) % 10)::text"
    )


IDENTIFIER_SQL = {
    "raw": f"'{DL}/01/{GTIN_RAW}/10/R' || i",
    "packed": f"'{DL}/01/{GTIN_PACKED}/10/P' || i",
    "sscc": _sscc_sql(),
}


def build_fixture(chains: int, owner_id: int, *, batch: int = 100_000) -> None:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(SQL_FUNCTIONS)
        cur.execute("DROP TABLE IF EXISTS bench_place")
        cur.execute(
            "CREATE TABLE bench_place AS SELECT k AS kind, n, bench_gln(k, n) AS value FROM "
            f"(VALUES (1, {FARMS}), (2, {PLANTS}), (3, {STORES})) AS c(k, m), generate_series(0, c.m - 1) AS n"
        )
        cur.execute("CREATE UNIQUE INDEX ON bench_place (kind, n)")
        cur.execute(
            "SELECT conname, pg_get_constraintdef(oid), conrelid::regclass::text FROM pg_constraint "
            "WHERE conrelid IN ('traceability_event'::regclass, 'traceability_eventidentifier'::regclass) "
            "AND contype IN ('u', 'f')"
        )
        constraints = cur.fetchall()
        indexes = []
        for table in ("traceability_event", "traceability_eventidentifier"):
            cur.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT LIKE %s",
                [table, "%_pkey"],
            )
            indexes += [row for row in cur.fetchall() if row[0] not in {c[0] for c in constraints}]
        for name, _, table in constraints:
            cur.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _ in indexes:
            cur.execute(f'DROP INDEX IF EXISTS "{name}"')
        start = time.perf_counter()
        for first in range(1, chains + 1, batch):
            last = min(first + batch - 1, chains)
            event_rows = []
            for k, event_type, action, step, disposition, place in STEPS:
                place_sql = _place_sql(place)
                time_sql = (
                    f"timestamptz '{BASE.isoformat()}' + i * interval '30 seconds' + interval '{k - 1} days'"
                )
                event_rows.append(
                    f"SELECT (i - 1) * {EVENTS_PER_CHAIN} + {k} AS id, "
                    f"'urn:uuid:00000000-0000-4000-8000-' || lpad(((i - 1) * {EVENTS_PER_CHAIN} + {k})::text, 12, '0'), "
                    f"'ni:///sha-256;' || md5(i::text || '-{k}') || '?ver=CBV2.0', "
                    f"'{event_type}', '{action}', {time_sql}, '+08:00', {time_sql} + interval '5 minutes', "
                    f"'{step}', '{disposition}', {place_sql}, {place_sql}, false, "
                    f"jsonb_build_object('type', '{event_type}', 'eventTime', to_char(({time_sql}) AT TIME ZONE 'UTC', "
                    f"'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), 'eventTimeZoneOffset', '+08:00', 'bizStep', '{step}', "
                    f"'disposition', '{disposition}', 'readPoint', jsonb_build_object('id', {place_sql}), "
                    f"'bizLocation', jsonb_build_object('id', {place_sql})), NULL::bigint, {owner_id} "
                    f"FROM generate_series({first}, {last}) AS i{_place_join({place})}"
                )
            cur.execute(
                "INSERT INTO traceability_event (id, event_id, hash_id, event_type, action, event_time, "
                "event_time_zone_offset, record_time, biz_step, disposition, read_point, biz_location, "
                "error_declared, document, capture_job_id, owner_id) " + " UNION ALL ".join(event_rows)
            )
            ident_rows = [
                f"SELECT (i - 1) * {EVENTS_PER_CHAIN} + {k}, '{role}', {IDENTIFIER_SQL[what]}, "
                f"{'NULL' if qty is None else qty}, {'' if qty is None else chr(39) + 'KGM' + chr(39)}"
                f"{'' if qty is not None else chr(39) + chr(39)} FROM generate_series({first}, {last}) AS i"
                for k, role, what, qty in IDENTIFIERS
            ]
            cur.execute(
                "INSERT INTO traceability_eventidentifier (event_id, role, value, quantity, uom) "
                + " UNION ALL ".join(ident_rows)
            )
            done = last * EVENTS_PER_CHAIN
            print(f"\r  {done:,} events ({time.perf_counter() - start:.0f} s)", end="", flush=True)
        print()
        start = time.perf_counter()
        for _, definition in indexes:
            cur.execute(definition)
        for name, definition, table in constraints:
            cur.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        cur.execute(
            "SELECT setval(pg_get_serial_sequence('traceability_event', 'id'), (SELECT max(id) FROM traceability_event))"
        )
        cur.execute("VACUUM ANALYZE traceability_event")
        cur.execute("VACUUM ANALYZE traceability_eventidentifier")
        print(f"  indexes, constraints and statistics rebuilt in {time.perf_counter() - start:.0f} s")


# ---------------------------------------------------------------- capture documents


def chain_events(i: int, rng: random.Random) -> list[dict[str, Any]]:
    """One supply chain of ten events in the JSON binding, Digital Link identifiers (URNs for odd chains)."""
    t0 = BASE + datetime.timedelta(days=400, seconds=i * 30)
    raw, packed, pallet = lot_raw(i), lot_packed(i), sscc(i)
    farm, plant, store = gln(1, i % FARMS), gln(2, i % PLANTS), gln(3, i % STORES)

    def at(k: int, place: str) -> dict[str, Any]:
        when = (t0 + datetime.timedelta(days=k - 1)).strftime("%Y-%m-%dT%H:%M:%S.000+08:00")
        return {
            "eventTime": when,
            "eventTimeZoneOffset": "+08:00",
            "readPoint": {"id": place},
            "bizLocation": {"id": place},
        }

    def q(value: str, quantity: float) -> dict[str, Any]:
        return {"epcClass": value, "quantity": quantity, "uom": "KGM"}

    kg = round(rng.uniform(500, 2000), 1)
    return [
        {"type": "ObjectEvent", "action": "ADD", "bizStep": "commissioning", "disposition": "active",
         "quantityList": [q(raw, kg)], **at(1, farm), "ilmd": {"cbvmda:harvestStartDate": "2026-03-01"}},
        {"type": "ObjectEvent", "action": "OBSERVE", "bizStep": "storing", "disposition": "in_progress",
         "quantityList": [q(raw, kg)], **at(2, farm)},
        {"type": "TransformationEvent", "bizStep": "commissioning", "disposition": "active",
         "inputQuantityList": [q(raw, kg)], "outputQuantityList": [q(packed, round(kg * 0.8, 1))], **at(3, plant)},
        {"type": "AggregationEvent", "action": "ADD", "bizStep": "packing", "disposition": "in_progress",
         "parentID": pallet, "childQuantityList": [q(packed, round(kg * 0.8, 1))], **at(4, plant)},
        {"type": "ObjectEvent", "action": "OBSERVE", "bizStep": "shipping", "disposition": "in_transit",
         "epcList": [pallet], **at(5, plant)},
        {"type": "ObjectEvent", "action": "OBSERVE", "bizStep": "receiving", "disposition": "in_progress",
         "epcList": [pallet], **at(6, store)},
        {"type": "AggregationEvent", "action": "DELETE", "bizStep": "unpacking", "disposition": "in_progress",
         "parentID": pallet, "childQuantityList": [q(packed, round(kg * 0.8, 1))], **at(7, store)},
        {"type": "ObjectEvent", "action": "OBSERVE", "bizStep": "storing", "disposition": "sellable_accessible",
         "quantityList": [q(packed, round(kg * 0.8, 1))], **at(8, store)},
        {"type": "ObjectEvent", "action": "OBSERVE", "bizStep": "retail_selling", "disposition": "retail_sold",
         "quantityList": [q(packed, 1)], **at(9, store)},
        {"type": "ObjectEvent", "action": "OBSERVE", "bizStep": "inspecting", "disposition": "sellable_accessible",
         "quantityList": [q(packed, 2)], **at(10, store)},
    ]  # fmt: skip


def capture_document(first_chain: int, chains: int, rng: random.Random) -> bytes:
    events = [e for i in range(first_chain, first_chain + chains) for e in chain_events(i, rng)]
    document = {
        "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": "2026-11-29T08:00:00.000+08:00",
        "epcisBody": {"eventList": events},
    }
    return json.dumps(document, ensure_ascii=False).encode()
