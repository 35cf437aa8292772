"""Survey API schemas: one In/Out pair per endpoint, every field listed; numbers as decimal strings."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.urls import reverse
from django.utils import timezone, translation
from ninja import Field, Schema

from pinpai.evaluation.schemas.common import DecimalStr
from pinpai.registry.schemas.common import MAX_ID

QUESTIONS = (
    "the questionnaire, each question an object: "
    '{"code", "kind": single_choice | multiple_choice | likert | recommend | open_text | brand_awareness, '
    '"text", "required"?: true, "options"?: [{"code", "text"}], "max_choices"?, "brand"?: brand id (likert, '
    'recommend), "measure"?: favourability | satisfaction | purchase_intent (likert), "max_length"?, '
    '"role"?: "unaided" (open_text), "brands"?: [brand ids] (brand_awareness)} — docs/domains/evaluation-surveys.md'
)

# ---------------------------------------------------------------- nested


class SurveyOrganisationRefOut(Schema):
    id: int
    name: str


class SurveyBrandRefOut(Schema):
    id: int
    name: str


class SurveyOut(Schema):
    """What every staff endpoint returns about a survey (each endpoint names its own subclass)."""

    id: int
    title: str
    description: str
    purpose: str
    status: str
    organisation: SurveyOrganisationRefOut
    brands: list[SurveyBrandRefOut]
    brand_aliases: dict[str, list[str]]
    questions: list[dict[str, Any]]
    open_from: datetime.datetime | None
    open_to: datetime.datetime | None
    opened_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    token: str
    link: str = Field(description="the public questionnaire page (append to the site's address)")
    weighting_by: str
    population_shares: dict[str, str]
    is_demo: bool
    created_at: datetime.datetime

    @staticmethod
    def resolve_brands(obj: Any) -> list[Any]:
        return sorted(obj.brands.all(), key=lambda b: (b.name, b.pk))

    @staticmethod
    def resolve_link(obj: Any) -> str:
        return reverse("evaluation:survey_public", args=[obj.token])

    @staticmethod
    def resolve_population_shares(obj: Any) -> dict[str, str]:
        return {str(k): str(v) for k, v in obj.population_shares.items()}


class SurveyFilterIn(Schema):
    status: Literal["draft", "open", "closed"] | None = None
    purpose: Literal["consumer", "stakeholder"] | None = None


class SurveyListOut(SurveyOut):
    response_count: int = Field(description="responses of every status")
    valid_count: int = Field(description="responses counted in the results")


class SurveyGetOut(SurveyOut):
    response_count: int
    valid_count: int


class SurveyCreateIn(Schema):
    organisation: int | None = Field(
        None, ge=1, le=MAX_ID, description="the department or district government running it (default: yours)"
    )
    title: str = Field(..., min_length=1, max_length=200)
    description: str = Field("", max_length=2000)
    purpose: Literal["consumer", "stakeholder"]
    brands: list[int] = Field(..., max_length=50, description="ids of the brands under study")
    brand_aliases: dict[str, list[str]] = Field(
        default_factory=dict, description="brand id → other names matched in unaided answers"
    )
    questions: list[dict[str, Any]] = Field(..., max_length=60, description=QUESTIONS)
    open_from: datetime.datetime | None = None
    open_to: datetime.datetime | None = None
    weighting_by: Literal["", "district", "weight_group"] = ""
    population_shares: dict[str, str] = Field(
        default_factory=dict, description='weighting group → population share as a decimal string ("0.35")'
    )
    is_demo: bool = False


class SurveyCreateOut(SurveyOut):
    pass


class SurveyUpdateIn(Schema):
    title: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, max_length=2000)
    purpose: Literal["consumer", "stakeholder"] | None = None
    brands: list[int] | None = Field(None, max_length=50)
    brand_aliases: dict[str, list[str]] | None = None
    questions: list[dict[str, Any]] | None = Field(None, max_length=60, description=QUESTIONS)
    open_from: datetime.datetime | None = None
    open_to: datetime.datetime | None = None
    weighting_by: Literal["", "district", "weight_group"] | None = None
    population_shares: dict[str, str] | None = None
    is_demo: bool | None = None


class SurveyUpdateOut(SurveyOut):
    pass


class SurveyOpenOut(SurveyOut):
    pass


class SurveyCloseOut(SurveyOut):
    pass


# ---------------------------------------------------------------- results


class SurveyResultsIn(Schema):
    confidence: int = Field(95, description="confidence level of every interval, per cent: 90, 95 or 99")
    weighted: bool = Field(True, description="apply the survey's population shares (post-stratification)")


class SurveyShareOut(Schema):
    n: int = Field(description="respondents in the base")
    n_eff: DecimalStr = Field(description="Kish effective sample size (n when unweighted)")
    percent: DecimalStr
    lower: DecimalStr = Field(description="Wilson score interval, per cent")
    upper: DecimalStr


class SurveyMeanOut(Schema):
    measure: str
    n: int
    n_eff: DecimalStr
    mean: DecimalStr = Field(description="on the 1–5 scale")
    lower: DecimalStr | None = Field(description="normal-approximation interval; null for one answer")
    upper: DecimalStr | None
    std_dev: DecimalStr | None
    top2: SurveyShareOut = Field(description="share answering 4 or 5")


class SurveyRecommendOut(Schema):
    n: int
    n_eff: DecimalStr
    score: DecimalStr = Field(description="net promoter score, −100 … 100")
    lower: DecimalStr
    upper: DecimalStr
    promoters: DecimalStr
    detractors: DecimalStr


class SurveyBrandIndicesOut(Schema):
    brand: SurveyBrandRefOut
    n: int = Field(description="respondents who answered anything about the brand")
    aided: SurveyShareOut | None = Field(description="aided awareness (heard of it)")
    familiar: SurveyShareOut | None
    used: SurveyShareOut | None
    first_mention: SurveyShareOut | None
    unaided: SurveyShareOut | None = Field(description="unaided awareness (named it in the open question)")
    ratings: list[SurveyMeanOut]
    recommend: SurveyRecommendOut | None
    index: DecimalStr | None = Field(description="awareness-recognition index 0–100")
    index_components: list[str]


class SurveyStepOut(Schema):
    code: str
    label: str
    formula: str
    value: DecimalStr = Field(description="unrounded")


class SurveyResultsOut(Schema):
    survey: int
    title: str
    status: str
    confidence: int
    z: DecimalStr
    weighted: bool
    counts: dict[str, int] = Field(description="responses by status: valid, duplicate, rejected")
    respondents: int = Field(description="valid responses used")
    n_eff: DecimalStr
    index_weights: dict[str, DecimalStr]
    brands: list[SurveyBrandIndicesOut]
    steps: list[SurveyStepOut]
    engine_version: str

    @staticmethod
    def resolve_survey(obj: Any) -> int:
        return int(obj.survey.pk)

    @staticmethod
    def resolve_title(obj: Any) -> str:
        return str(obj.survey.title)

    @staticmethod
    def resolve_status(obj: Any) -> str:
        return str(obj.survey.status)

    @staticmethod
    def resolve_respondents(obj: Any) -> int:
        return int(obj.result.respondents)

    @staticmethod
    def resolve_n_eff(obj: Any) -> Any:
        return obj.result.n_eff

    @staticmethod
    def resolve_index_weights(obj: Any) -> dict[str, Any]:
        weights = obj.result.index_weights
        return {"aided": weights.aided, "unaided": weights.unaided, "favourability": weights.favourability}

    @staticmethod
    def resolve_brands(obj: Any) -> list[dict[str, Any]]:
        return [
            {
                "brand": row.brand,
                "n": row.result.n,
                "aided": row.result.aided,
                "familiar": row.result.familiar,
                "used": row.result.used,
                "first_mention": row.result.first_mention,
                "unaided": row.result.unaided,
                "ratings": list(row.result.ratings),
                "recommend": row.result.recommend,
                "index": row.result.index,
                "index_components": list(row.result.index_components),
            }
            for row in obj.brands
        ]

    @staticmethod
    def resolve_steps(obj: Any) -> list[dict[str, Any]]:
        english = (translation.get_language() or "").startswith("en")
        return [
            {
                "code": s.code,
                "label": s.label_en if english else s.label_zh,
                "formula": s.formula,
                "value": s.value,
            }
            for s in obj.result.trace
        ]


# ---------------------------------------------------------------- responses


class SurveyResponseRejectIn(Schema):
    reason: str = Field(..., min_length=1, max_length=500)


class SurveyResponseRejectOut(Schema):
    id: int
    survey: int = Field(alias="survey_id")
    status: str
    status_reason: str
    rejected_at: datetime.datetime | None


# ---------------------------------------------------------------- public


class SurveyPublicGetOut(Schema):
    token: str
    title: str
    description: str
    purpose: str
    status: str
    accepting: bool = Field(description="whether a response would be accepted now")
    open_from: datetime.datetime | None
    open_to: datetime.datetime | None
    brands: list[SurveyBrandRefOut]
    questions: list[dict[str, Any]]
    weighting_by: str
    groups: list[str] = Field(
        description="the district codes or respondent groups to choose from when the survey is weighted"
    )

    @staticmethod
    def resolve_accepting(obj: Any) -> bool:
        return bool(obj.accepts_responses(timezone.now()))

    @staticmethod
    def resolve_brands(obj: Any) -> list[Any]:
        return sorted(obj.brands.all(), key=lambda b: (b.name, b.pk))

    @staticmethod
    def resolve_groups(obj: Any) -> list[str]:
        return list(obj.population_shares) if obj.weighting_by else []


class SurveyResponseSubmitIn(Schema):
    answers: dict[str, Any] = Field(
        ...,
        description="question code → answer: an option code, a list of option codes, a whole number (1–5, "
        'or 0–10), text, or {brand id: "unaware" | "heard" | "familiar" | "used"} for the awareness grid',
    )
    phone: str = Field(
        "", max_length=20, description="optional; only its salted hash is kept (de-duplication)"
    )
    reference: str = Field(
        "", max_length=100, description="a panel or interviewer's respondent id; only its salted hash is kept"
    )
    district: str = Field("", max_length=6, description="GB/T 2260 district code")
    weight_group: str = Field("", max_length=40)


class SurveyResponseSubmitOut(Schema):
    id: int
    status: str = Field(description="valid, or duplicate (stored but not counted: the first answer counts)")
    counted: bool
    submitted_at: datetime.datetime

    @staticmethod
    def resolve_counted(obj: Any) -> bool:
        return bool(obj.status == "valid")
