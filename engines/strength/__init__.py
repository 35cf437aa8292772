"""Brand strength (品牌强度): indicator systems as versioned data, scored and aggregated in Decimal.

    evaluate(system, values, peers)   → StrengthResult (index 0–100, score 0–1000, contributions, trace)
    compute(inputs)                   → the same from a JSON-ish request (the API's single entry point)
    trimmed_mean(scores, trim=1)      → an expert panel's score with its spread
    benchmark(system, brand, peers)   → percentiles, top-decile gaps, ranked improvement actions
    SYSTEMS, system_get, system_list, system_describe → the default systems and their methodology

Pure Python: no Django, no I/O, no clock. See docs/engines/strength.md.
"""

from engines.strength.aggregate import PanelScore, trimmed_mean
from engines.strength.benchmark import Action, BenchmarkResult, BenchmarkRow, benchmark
from engines.strength.errors import InputError, InputErrors
from engines.strength.evaluate import (
    ENGINE_VERSION,
    LeafResult,
    NodeResult,
    StrengthResult,
    TraceStep,
    evaluate,
)
from engines.strength.model import Indicator, IndicatorSystem, Leaf, Node
from engines.strength.parse import compute, system_describe, system_parse, to_jsonable
from engines.strength.rules import Banded, Direct, Linear, Percentile, Rule, YesNo, percentile_rank
from engines.strength.systems import SYSTEMS, system_get, system_list

__all__ = [
    "ENGINE_VERSION",
    "SYSTEMS",
    "Action",
    "Banded",
    "BenchmarkResult",
    "BenchmarkRow",
    "Direct",
    "Indicator",
    "IndicatorSystem",
    "InputError",
    "InputErrors",
    "Leaf",
    "LeafResult",
    "Linear",
    "Node",
    "NodeResult",
    "PanelScore",
    "Percentile",
    "Rule",
    "StrengthResult",
    "TraceStep",
    "YesNo",
    "benchmark",
    "compute",
    "evaluate",
    "percentile_rank",
    "system_describe",
    "system_get",
    "system_list",
    "system_parse",
    "to_jsonable",
    "trimmed_mean",
]
