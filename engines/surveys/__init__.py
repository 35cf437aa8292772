"""Consumer and stakeholder surveys (问卷调查): awareness, recognition and recommendation per brand, with
sample sizes, Wilson intervals, post-stratification weights and an awareness-recognition index.

    survey_indices(SurveyInputs)   → SurveyResult (per brand: shares, means, NPS, index; trace)
    wilson(share, n, z)            → the Wilson score interval
    effective_n(weights)           → Kish's effective sample size
    mentions(text, name_index(…))  → brands named in an open answer, first mention first

Pure Python: no Django, no I/O, no clock. See docs/engines/surveys.md.
"""

from engines.surveys.compute import survey_indices
from engines.surveys.errors import InputError, InputErrors
from engines.surveys.mentions import mentions, name_index, normalise
from engines.surveys.model import (
    COMPONENTS,
    DEFAULT_Z,
    ENGINE_VERSION,
    LEVELS,
    MEASURES,
    BrandResult,
    BrandSpec,
    IndexWeights,
    Mean,
    NetPromoter,
    Rating,
    Respondent,
    Share,
    SurveyInputs,
    SurveyResult,
    TraceStep,
)
from engines.surveys.stats import Interval, effective_n, net_promoter, weighted_mean, wilson

__all__ = [
    "COMPONENTS",
    "DEFAULT_Z",
    "ENGINE_VERSION",
    "LEVELS",
    "MEASURES",
    "BrandResult",
    "BrandSpec",
    "IndexWeights",
    "InputError",
    "InputErrors",
    "Interval",
    "Mean",
    "NetPromoter",
    "Rating",
    "Respondent",
    "Share",
    "SurveyInputs",
    "SurveyResult",
    "TraceStep",
    "effective_n",
    "mentions",
    "name_index",
    "net_promoter",
    "normalise",
    "survey_indices",
    "weighted_mean",
    "wilson",
]
