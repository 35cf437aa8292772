"""Read the committed reference files (never ../shared at run time)."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
DISTRICTS_FILE = REFERENCE_DIR / "chongqing-districts.csv"
PLAN_FILE = REFERENCE_DIR / "plan-2016-204.yaml"
DEPARTMENTS_FILE = REFERENCE_DIR / "departments.yaml"

PILLAR_NAMES_EN = {
    "agri-original": "Original agricultural products",
    "agri-processed": "Processed agricultural products",
    "mfg-international": "International manufacturing",
    "mfg-national": "National manufacturing",
    "mfg-regional": "Regional manufacturing",
    "svc-culture-tourism": "Culture and tourism services",
    "svc-health": "Health services",
    "svc-commerce": "Commerce services",
}


@dataclass(frozen=True)
class DistrictRow:
    code: str
    name: str
    kind: str
    zone: str
    functional_zone: str


@dataclass(frozen=True)
class DepartmentRow:
    short_name: str
    name: str
    name_en: str


@dataclass(frozen=True)
class PillarRow:
    code: str
    sector: str
    name: str
    name_en: str
    position: int
    product_lines: tuple[tuple[str, str], ...]  # (name, plan task id)


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_districts() -> list[DistrictRow]:
    with DISTRICTS_FILE.open(encoding="utf-8", newline="") as fh:
        return [
            DistrictRow(r["code"], r["name"], r["kind"], r["zone_2016"], r["functional_zone_2013"])
            for r in csv.DictReader(fh)
        ]


def read_plan() -> dict[str, Any]:
    with PLAN_FILE.open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    return data


def read_departments() -> list[DepartmentRow]:
    plan_departments: dict[str, str] = read_plan()["departments"]
    with DEPARTMENTS_FILE.open(encoding="utf-8") as fh:
        extra: dict[str, dict[str, str]] = yaml.safe_load(fh)
    rows = []
    for short, full in plan_departments.items():
        if extra[short]["name"] != full:
            raise ValueError(
                f"departments.yaml disagrees with the plan about {short}: {extra[short]['name']} ≠ {full}"
            )
        rows.append(DepartmentRow(short, full, extra[short]["en"]))
    return rows


def read_pillars() -> list[PillarRow]:
    plan = read_plan()
    lines: dict[str, list[tuple[str, str]]] = {p["id"]: [] for p in plan["brand_system"]}
    for section in plan["sections"]:
        for action in section.get("actions", []):
            for task in action.get("tasks", []):
                pillar = task.get("pillar")
                if pillar:
                    for item in task.get("items", []):
                        if item not in {name for name, _ in lines[pillar]}:
                            lines[pillar].append((item, task["id"]))
    return [
        PillarRow(p["id"], p["sector"], p["name"], PILLAR_NAMES_EN.get(p["id"], ""), i, tuple(lines[p["id"]]))
        for i, p in enumerate(plan["brand_system"], start=1)
    ]


INDUSTRY_FILE = REFERENCE_DIR / "gbt4754-2017.csv"
TAXONOMY_FILE = REFERENCE_DIR / "taxonomy.yaml"


@dataclass(frozen=True)
class IndustryRow:
    code: str
    parent: str
    level: str
    name: str
    name_en: str


def read_industries() -> list[IndustryRow]:
    with INDUSTRY_FILE.open(encoding="utf-8", newline="") as fh:
        return [
            IndustryRow(r["code"], r["parent"], r["level"], r["name"], r["name_en"])
            for r in csv.DictReader(fh)
        ]


def read_taxonomy() -> dict[str, Any]:
    with TAXONOMY_FILE.open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    return data


def read_pillar_departments() -> list[tuple[str, str, str]]:
    """(pillar code, department short name, lead|cooperating) from the plan's tasks."""
    rows: dict[tuple[str, str], str] = {}
    for section in read_plan()["sections"]:
        for action in section.get("actions", []):
            for task in action.get("tasks", []):
                pillar = task.get("pillar")
                if not pillar:
                    continue
                for dept in task.get("lead") or []:
                    rows[(pillar, dept)] = "lead"
                for dept in task.get("cooperating") or []:
                    rows.setdefault((pillar, dept), "cooperating")
    return [(p, d, role) for (p, d), role in rows.items()]
