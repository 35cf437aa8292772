"""The survey engine's inputs and results (frozen dataclasses) and its constants; see `compute.py`."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

ENGINE_VERSION = "surveys-2026.1"
LEVELS = ("unaware", "heard", "familiar", "used")  # the awareness grid's answers, weakest first
MEASURES = ("favourability", "satisfaction", "purchase_intent")
LIKERT = (1, 5)
RECOMMEND = (0, 10)
TOP_BOX = 4  # top-2-box: 4 or 5 on a 1–5 scale
DEFAULT_Z = Decimal("1.96")
MAX_Z = Decimal(10)
COMPONENTS = ("aided", "unaided", "favourability")


# ---------------------------------------------------------------- inputs


@dataclass(frozen=True)
class BrandSpec:
    key: str  # the caller's identifier (a brand id as text)
    names: tuple[str, ...] = ()  # name, English name, aliases: matched in unaided answers


@dataclass(frozen=True)
class Rating:
    brand: str
    measure: str  # one of MEASURES
    value: int  # Likert 1–5


@dataclass(frozen=True)
class Respondent:
    aided: tuple[tuple[str, str], ...] = ()  # (brand key, level) from the awareness grid
    unaided: str | None = None  # the open answer naming brands; None = not asked or not answered
    ratings: tuple[Rating, ...] = ()
    recommend: tuple[tuple[str, int], ...] = ()  # (brand key, 0–10)
    stratum: str = ""  # weighting group (district, age group …); only read when `strata` are given


@dataclass(frozen=True)
class IndexWeights:
    aided: Decimal = Decimal("0.4")
    unaided: Decimal = Decimal("0.2")
    favourability: Decimal = Decimal("0.4")


@dataclass(frozen=True)
class SurveyInputs:
    brands: tuple[BrandSpec, ...]
    respondents: tuple[Respondent, ...]
    z: Decimal = DEFAULT_Z
    strata: tuple[tuple[str, Decimal], ...] = ()  # population share of each weighting group; () = unweighted
    index_weights: IndexWeights = field(default_factory=IndexWeights)


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class TraceStep:
    """One step of the computation: what was computed, how, and its unrounded value."""

    code: str  # "weights.500102", "n_eff", "7.aided", "7.index"
    label_zh: str
    label_en: str
    formula: str
    value: Decimal


@dataclass(frozen=True)
class Share:
    """A share with its Wilson interval, as per cent rounded half-up to 0.01 (and unrounded fractions)."""

    n: int  # respondents in the base
    n_eff: Decimal  # Kish effective n, rounded to 0.01 (= n unweighted)
    percent: Decimal
    lower: Decimal
    upper: Decimal
    share_unrounded: Decimal  # fraction 0–1
    lower_unrounded: Decimal
    upper_unrounded: Decimal


@dataclass(frozen=True)
class Mean:
    """A Likert mean with its interval (None for a single answer) and its top-2-box share."""

    measure: str
    n: int
    n_eff: Decimal
    mean: Decimal  # 1–5, rounded half-up to 0.01
    lower: Decimal | None
    upper: Decimal | None
    std_dev: Decimal | None
    top2: Share
    mean_unrounded: Decimal
    lower_unrounded: Decimal | None
    upper_unrounded: Decimal | None


@dataclass(frozen=True)
class NetPromoter:
    n: int
    n_eff: Decimal
    score: Decimal  # −100 … 100, rounded half-up to 0.01
    lower: Decimal
    upper: Decimal
    promoters: Decimal  # per cent
    detractors: Decimal
    score_unrounded: Decimal


@dataclass(frozen=True)
class BrandResult:
    key: str
    n: int  # respondents who answered anything about the brand
    aided: Share | None
    familiar: Share | None
    used: Share | None
    first_mention: Share | None
    unaided: Share | None
    ratings: tuple[Mean, ...]  # in the order of MEASURES, those asked
    recommend: NetPromoter | None
    index: Decimal | None  # awareness-recognition index 0–100, rounded half-up to 0.01
    index_unrounded: Decimal | None
    index_components: tuple[str, ...]  # the components used, of COMPONENTS

    def rating(self, measure: str) -> Mean | None:
        return next((m for m in self.ratings if m.measure == measure), None)


@dataclass(frozen=True)
class SurveyResult:
    brands: tuple[BrandResult, ...]  # in the order of the inputs
    respondents: int
    n_eff: Decimal  # Kish effective n of all respondents, rounded to 0.01
    z: Decimal
    weighted: bool
    weights: tuple[tuple[str, Decimal], ...]  # weighting group → weight per respondent (unrounded)
    index_weights: IndexWeights
    trace: tuple[TraceStep, ...]
    engine_version: str = ENGINE_VERSION

    def brand(self, key: str) -> BrandResult | None:
        return next((b for b in self.brands if b.key == key), None)
