"""Inputs the evaluation tests share: the issue's worked example and a complete GB/T 29186 self-assessment."""

from __future__ import annotations

from typing import Any

ROYALTY_RELIEF: dict[str, Any] = {
    "revenues": [10000, 10800, 11500, 12100, 12600],
    "royalty_rate_low": "0.01",
    "royalty_rate_high": "0.05",
    "strength_index": "72.5",
    "tax_rate": "0.25",
    "discount_rate": "0.11",
    "terminal_growth": "0.025",
    "unit": "万元",
}
GRID_RATES = ["0.10", "0.11", "0.12"]
GRID_GROWTHS = ["0.020", "0.025", "0.030"]
GRID_VALUES = [
    ["4168.00", "4377.77", "4617.51"],
    ["3696.50", "3855.18", "4033.69"],
    ["3319.55", "3442.82", "3579.79"],
]

GBT29186_VALUES: dict[str, Any] = {
    "tangible.revenue": "80000000",
    "tangible.profit_margin": "12",
    "tangible.total_assets": "150000000",
    "quality.qms_certified": True,
    "quality.pass_rate": "98.5",
    "quality.award_level": 1,
    "innovation.rd_intensity": "3.2",
    "innovation.patents": 8,
    "innovation.new_product_share": "18",
    "service.customer_satisfaction": "86",
    "service.complaint_resolution_rate": "97",
    "service.service_certified": False,
    "intangible.trademarks": 4,
    "intangible.heritage_or_gi": True,
    "intangible.certifications": 2,
    "intangible.brand_awareness": "45",
}
# (code, score, contribution) of every indicator for GBT29186_VALUES; index 70.24, score 702.38.
GBT29186_CONTRIBUTIONS = [
    ("tangible.revenue", "60.00", "4.80"),
    ("tangible.profit_margin", "68.00", "4.08"),
    ("tangible.total_assets", "80.00", "4.80"),
    ("quality.qms_certified", "100.00", "7.50"),
    ("quality.pass_rate", "85.00", "9.56"),
    ("quality.award_level", "40.00", "2.50"),
    ("innovation.rd_intensity", "64.00", "5.12"),
    ("innovation.patents", "70.00", "4.90"),
    ("innovation.new_product_share", "60.00", "3.00"),
    ("service.customer_satisfaction", "86.00", "6.45"),
    ("service.complaint_resolution_rate", "85.00", "3.83"),
    ("service.service_certified", "0.00", "0.00"),
    ("intangible.trademarks", "70.00", "2.80"),
    ("intangible.heritage_or_gi", "100.00", "4.00"),
    ("intangible.certifications", "60.00", "2.40"),
    ("intangible.brand_awareness", "56.25", "4.50"),
]
