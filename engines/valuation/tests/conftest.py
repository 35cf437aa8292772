from __future__ import annotations

import pytest


@pytest.fixture
def worked_example() -> dict[str, object]:
    """The issue's worked example (royalty relief, 万元): value 3,855.18."""
    return {
        "revenues": [10000, 10800, 11500, 12100, 12600],
        "royalty_rate_low": "0.01",
        "royalty_rate_high": "0.05",
        "strength_index": "72.5",
        "tax_rate": "0.25",
        "discount_rate": "0.11",
        "terminal_growth": "0.025",
        "unit": "万元",
    }
