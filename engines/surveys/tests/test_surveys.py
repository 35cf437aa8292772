"""The survey engine, against hand-computed figures (docs/engines/surveys.md)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from engines.surveys import (
    ENGINE_VERSION,
    BrandSpec,
    IndexWeights,
    InputErrors,
    Rating,
    Respondent,
    SurveyInputs,
    effective_n,
    mentions,
    name_index,
    survey_indices,
    wilson,
)

Z95 = D("1.96")


def _percent(value: D) -> D:
    return (value * 100).quantize(D("0.01"))


def test_wilson_interval_for_45_of_120():
    # p̂ = 0.375, z² = 3.8416, z²/n = 0.0320133…; centre = (0.375 + 0.0160066…) / 1.0320133… = 0.3788775…
    # half = 1.96 / 1.0320133… × √(0.375 × 0.625 / 120 + 3.8416 / 57600) = 0.0853546…
    interval = wilson(D(45) / D(120), D(120), Z95)

    assert interval.estimate == D("0.375")
    assert interval.lower == D("0.2935229130478531663509656034267251381034")
    assert interval.upper == D("0.4642321547161292111376973337446292371634")
    assert (_percent(interval.lower), _percent(interval.upper)) == (D("29.35"), D("46.42"))


def test_wilson_interval_at_the_edges_stays_inside_zero_and_one():
    none = wilson(D(0), D(10), Z95)  # upper = (z²/n) / (1 + z²/n) = 0.38416 / 1.38416
    every = wilson(D(1), D(10), Z95)

    assert (none.lower, _percent(none.upper)) == (D(0), D("27.75"))
    assert (_percent(every.lower), every.upper) == (D("72.25"), D(1))


def test_wilson_narrows_with_a_smaller_z():
    wide = wilson(D("0.5"), D(100), Z95)
    narrow = wilson(D("0.5"), D(100), D("1.645"))  # 90 %

    assert narrow.lower > wide.lower
    assert narrow.upper < wide.upper


def test_kish_effective_sample_size():
    assert effective_n([D(1)] * 120) == D(120)
    assert effective_n([D(1)] * 10 + [D(2)] * 10) == D(18)  # 30² / (10 + 40)
    assert effective_n([]) == D(0)


def test_unaided_mentions_take_the_longest_name_in_order_of_first_mention():
    names = name_index({"1": ("乌江",), "2": ("乌江榨菜",), "3": ("涪陵榨菜", "Fuling")})

    assert mentions("涪陵榨菜、乌江榨菜，还有 ＦＵＬＩＮＧ", names) == ("3", "2")
    assert mentions("乌江 和 乌江榨菜", names) == ("1", "2")
    assert mentions("不知道", names) == ()
    assert mentions("", names) == ()


def test_a_name_two_brands_share_matches_neither():
    assert name_index({"1": ("榨菜",), "2": ("榨菜", "乌江")}) == {"乌江": "2"}


BRANDS = (BrandSpec("7", ("涪陵榨菜",)), BrandSpec("8", ("乌江",)))


def _aided(level7: str, level8: str = "unaware") -> tuple[tuple[str, str], ...]:
    return (("7", level7), ("8", level8))


def test_aided_awareness_is_45_of_120_with_the_funnel():
    people = (
        [Respondent(aided=_aided("used"))] * 10
        + [Respondent(aided=_aided("familiar"))] * 15
        + [Respondent(aided=_aided("heard"))] * 20
        + [Respondent(aided=_aided("unaware"))] * 75
    )
    result = survey_indices(SurveyInputs(brands=BRANDS, respondents=tuple(people)))
    brand = result.brand("7")

    assert brand is not None
    assert brand.aided is not None
    assert (brand.n, brand.aided.n, brand.aided.n_eff) == (120, 120, D("120.00"))
    assert (brand.aided.percent, brand.aided.lower, brand.aided.upper) == (D("37.50"), D("29.35"), D("46.42"))
    assert brand.familiar is not None
    assert brand.familiar.percent == D("20.83")
    assert brand.used is not None
    assert brand.used.percent == D("8.33")
    assert brand.index == D("37.50")  # only aided awareness was asked: 100 × 0.4 × 0.375 / 0.4
    assert brand.index_components == ("aided",)
    assert result.engine_version == ENGINE_VERSION == "surveys-2026.1"
    assert (result.respondents, result.n_eff, result.weighted) == (120, D("120.00"), False)
    step = next(s for s in result.trace if s.code == "7.aided")
    assert step.value == D("0.375")
    assert step.formula.startswith("p̂ = Σw·y / Σw over n = 120 (n_eff = 120.00); Wilson z = 1.96: [0.29352")


def test_post_stratification_weights_and_kish_n_eff():
    # 3 respondents in group a, 1 in b, population 50 % / 50 %: w_a = 0.5 × 4 / 3 = 2/3, w_b = 0.5 × 4 / 1 = 2.
    # n_eff = (3 × 2/3 + 2)² / (3 × 4/9 + 4) = 16 / (16/3) = 3. Aided: a yes, a no, a no, b yes:
    # p̂ = (2/3 + 2) / 4 = 2/3.
    people = (
        Respondent(aided=_aided("heard"), stratum="a"),
        Respondent(aided=_aided("unaware"), stratum="a"),
        Respondent(aided=_aided("unaware"), stratum="a"),
        Respondent(aided=_aided("used"), stratum="b"),
    )
    result = survey_indices(
        SurveyInputs(brands=BRANDS, respondents=people, strata=(("a", D("0.5")), ("b", D("0.5"))))
    )
    aided = result.brands[0].aided

    assert result.weighted is True
    assert result.weights == (("a", D("0.6666666666666666666666666666666666666667")), ("b", D(2)))
    assert result.n_eff == D("3.00")
    assert aided is not None
    assert (aided.n, aided.n_eff, aided.percent) == (4, D("3.00"), D("66.67"))
    # Wilson with n = 3: centre = (2/3 + 3.8416/6) / (1 + 3.8416/3) = 1.30693… / 2.28053… = 0.573082…,
    # half = 1.96 / 2.28053… × √(2/9/3 + 3.8416/36) = 0.85945… × 0.42518… = 0.36542…
    assert (aided.lower, aided.upper) == (D("20.77"), D("93.85"))


def test_likert_mean_interval_top_two_box_and_the_index():
    # favourability 5, 4, 4, 3, 2: m = 3.6, s² = 5.2 / 4 = 1.3, s = 1.140175…, half = 1.96 × s / √5 = 0.999407…
    # top-2-box 3 / 5. Aided 3 of 4 heard (base 4: the fifth was not asked), unaided 1 of 4 mentions.
    people = (
        Respondent(aided=_aided("heard"), unaided="涪陵榨菜", ratings=(Rating("7", "favourability", 5),)),
        Respondent(aided=_aided("used"), unaided="不知道", ratings=(Rating("7", "favourability", 4),)),
        Respondent(aided=_aided("heard"), unaided="乌江", ratings=(Rating("7", "favourability", 4),)),
        Respondent(aided=_aided("unaware"), unaided="", ratings=(Rating("7", "favourability", 3),)),
        Respondent(ratings=(Rating("7", "favourability", 2),)),
    )
    brand = survey_indices(SurveyInputs(brands=BRANDS, respondents=people)).brands[0]
    favourability = brand.rating("favourability")

    assert favourability is not None
    assert (favourability.n, favourability.mean, favourability.std_dev) == (5, D("3.60"), D("1.14"))
    assert (favourability.lower, favourability.upper) == (D("2.60"), D("4.60"))
    assert (favourability.top2.percent, favourability.top2.lower, favourability.top2.upper) == (
        D("60.00"), D("23.07"), D("88.24"),
    )  # fmt: skip
    assert brand.aided is not None
    assert brand.aided.percent == D("75.00")
    assert brand.unaided is not None
    assert (brand.unaided.n, brand.unaided.percent) == (4, D("25.00"))
    assert brand.first_mention is not None
    assert brand.first_mention.percent == D("25.00")
    # index = 100 × (0.4 × 0.75 + 0.2 × 0.25 + 0.4 × (3.6 − 1) / 4) / 1 = 100 × (0.3 + 0.05 + 0.26) = 61
    assert (brand.index, brand.index_components) == (D("61.00"), ("aided", "unaided", "favourability"))
    assert brand.n == 5


def test_net_promoter_score_with_its_interval():
    # 10, 9 promoters; 8, 7 passives; 6, 0 detractors: NPS = 100 × (2/6 − 2/6) = 0,
    # var = (2/6 + 2/6 − 0) / 6 = 1/9, half = 100 × 1.96 × 1/3 = 65.33…
    people = tuple(Respondent(recommend=(("8", v),)) for v in (10, 9, 8, 7, 6, 0))
    recommend = survey_indices(SurveyInputs(brands=BRANDS, respondents=people)).brands[1].recommend

    assert recommend is not None
    assert (recommend.n, recommend.score, recommend.lower, recommend.upper) == (
        6, D("0.00"), D("-65.33"), D("65.33"),
    )  # fmt: skip
    assert (recommend.promoters, recommend.detractors) == (D("33.33"), D("33.33"))


def test_custom_index_weights_and_a_brand_without_answers():
    people = (Respondent(aided=(("7", "heard"),)), Respondent(aided=(("7", "unaware"),)))
    result = survey_indices(
        SurveyInputs(
            brands=BRANDS,
            respondents=people,
            index_weights=IndexWeights(aided=D("1"), unaided=D("0"), favourability=D("0")),
        )
    )

    assert result.brands[0].index == D("50.00")
    assert result.brands[1].aided is None
    assert (result.brands[1].n, result.brands[1].index) == (0, None)


def test_a_single_rating_has_a_mean_but_no_interval():
    people = (Respondent(ratings=(Rating("7", "satisfaction", 4),)),)
    mean = survey_indices(SurveyInputs(brands=BRANDS, respondents=people)).brands[0].rating("satisfaction")

    assert mean is not None
    assert (mean.mean, mean.lower, mean.upper, mean.std_dev) == (D("4.00"), None, None, None)


@pytest.mark.parametrize(
    ("inputs", "pairs"),
    [
        (
            SurveyInputs(
                brands=BRANDS,
                respondents=(
                    Respondent(
                        aided=(("9", "heard"), ("7", "maybe")),
                        ratings=(Rating("7", "favourability", 6), Rating("7", "loyalty", 3)),
                        recommend=(("7", 11),),
                    ),
                ),
            ),
            (
                ("respondents[0].aided[0]", "unknown_brand"),
                ("respondents[0].aided[1]", "unknown_level"),
                ("respondents[0].ratings[0]", "out_of_range"),
                ("respondents[0].ratings[1]", "unknown_measure"),
                ("respondents[0].recommend[0]", "out_of_range"),
            ),
        ),
        (
            SurveyInputs(brands=(BrandSpec("7"), BrandSpec("7")), respondents=(), z=D(0)),
            (("brands[1].key", "duplicate_code"), ("z", "out_of_range")),
        ),
        (
            SurveyInputs(
                brands=BRANDS,
                respondents=(Respondent(stratum="a"), Respondent(stratum="c")),
                strata=(("a", D("0.5")), ("b", D("0.4"))),
                index_weights=IndexWeights(aided=D("0.5")),
            ),
            (
                ("index_weights", "weights_do_not_sum_to_one"),
                ("strata", "weights_do_not_sum_to_one"),
                ("strata.b", "empty_stratum"),
                ("respondents[1].stratum", "unknown_stratum"),
            ),
        ),
    ],
)
def test_bad_inputs_name_every_field_and_rule(inputs, pairs):
    with pytest.raises(InputErrors) as caught:
        survey_indices(inputs)

    assert caught.value.pairs() == pairs
