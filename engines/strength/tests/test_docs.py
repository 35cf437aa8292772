"""docs/engines/strength.md shows the default systems' weights: keep it in step with the data."""

from __future__ import annotations

from pathlib import Path

import pytest

from engines.strength import SYSTEMS
from engines.strength.decimals import plain

DOC = Path(__file__).resolve().parents[3] / "docs" / "engines" / "strength.md"


@pytest.mark.parametrize("system", SYSTEMS, ids=lambda s: s.code)
def test_docs_table_lists_every_indicator_with_its_weights(system):
    text = DOC.read_text(encoding="utf-8")
    section = text.split(f"### `{system.code}` {system.version} — ")[1].split("\n### ")[0]
    rows = {line.split("|")[1].strip(): line for line in section.splitlines() if line.startswith("| `")}

    assert set(rows) == {f"`{leaf.indicator.code}`" for leaf in system.leaves()}
    for leaf in system.leaves():
        cells = [c.strip() for c in rows[f"`{leaf.indicator.code}`"].split("|")]
        assert cells[3:5] == [plain(leaf.indicator.weight), plain(leaf.effective_weight)], leaf.indicator.code
        assert cells[6] == leaf.indicator.rule.describe_en(), leaf.indicator.code
