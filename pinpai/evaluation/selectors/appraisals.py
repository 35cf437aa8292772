"""Appraisal whitelist reads: the public register and its "is this award sanctioned?" lookup, the awards a
brand holds, matching a displayed award against the register, and the claims flagged for staff."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Length, StrIndex
from django.utils import timezone

from pinpai.accounts.querysets import actor_scope
from pinpai.common.exceptions import NotFoundError
from pinpai.evaluation.exceptions import AppraisalAwardNotFound, AppraisalNotFound, AwardClaimNotFound
from pinpai.evaluation.models import (
    Appraisal,
    AppraisalAward,
    AppraisalStatus,
    AwardClaim,
    AwardClaimFlag,
    AwardClaimStatus,
    appraisal_alias_keys,
    appraisal_text_key,
)
from pinpai.evaluation.permissions import can_award_claim_flagged_list
from pinpai.registry.models import Brand

LOOKUP_MAX_MATCHES = 20
MIN_KEY_LENGTH = 2  # a one-character organiser or query ("奖") would match nearly everything


# ---------------------------------------------------------------- the register


def appraisal_list(
    *,
    actor: object,
    level: str | None = None,
    status: str | None = None,
    text: str | None = None,
    valid_on: datetime.date | None = None,
) -> QuerySet[Appraisal]:
    """The register (public), filtered; each term of `text` must occur in the name, organiser or document
    number (names compared normalised, so full-width and spacing do not matter)."""
    qs = Appraisal.objects.visible_to(actor).select_related("organiser")
    if level:
        qs = qs.filter(level=level)
    if status:
        qs = qs.filter(status=status)
    if valid_on is not None:
        qs = qs.valid_on(valid_on)
    for term in (text or "").split():
        key = appraisal_text_key(term)
        term_q = (
            Q(name__icontains=term)
            | Q(organiser_name__icontains=term)
            | Q(approval_number__icontains=term)
            | Q(approving_authority__icontains=term)
        )
        if key:
            term_q |= Q(name_key__contains=key) | Q(organiser_key__contains=key)
        qs = qs.filter(term_q)
    return qs.order_by("name", "pk")


def appraisal_get(*, actor: object, pk: int) -> Appraisal:
    found = Appraisal.objects.visible_to(actor).select_related("organiser").filter(pk=pk).first()
    if found is None:
        raise AppraisalNotFound(f"No appraisal {pk} on the register.")
    return found


def appraisal_award_list(
    *, actor: object, appraisal_id: int | None = None, brand_id: int | None = None
) -> QuerySet[AppraisalAward]:
    """Awards the actor may see (the public: those of published brands), newest edition first."""
    qs = AppraisalAward.objects.visible_to(actor).select_related("appraisal", "brand__owner__organisation")
    if appraisal_id is not None:
        qs = qs.filter(appraisal_id=appraisal_id)
    if brand_id is not None:
        qs = qs.filter(brand_id=brand_id)
    return qs.order_by("-year", "appraisal__name", "pk")


def appraisal_award_get(*, actor: object, pk: int) -> AppraisalAward:
    found = appraisal_award_list(actor=actor).filter(pk=pk).first()
    if found is None:
        raise AppraisalAwardNotFound(f"No appraisal award {pk}.")
    return found


def appraisal_brand_get(*, actor: object, pk: int) -> Brand:
    """A brand the actor may see (the public: a published one); otherwise not found."""
    brand = Brand.objects.visible_to(actor).select_related("owner__organisation").filter(pk=pk).first()
    if brand is None:
        raise NotFoundError(f"No brand with id {pk}.")
    return brand


def award_list_for_brand(*, actor: object, brand_id: int) -> QuerySet[AppraisalAward]:
    """The awards of the register granted to one brand (404 for a brand the actor may not see)."""
    brand = appraisal_brand_get(actor=actor, pk=brand_id)
    return appraisal_award_list(actor=actor, brand_id=brand.pk)


# ---------------------------------------------------------------- the public lookup

ANSWER_SANCTIONED = "sanctioned"
ANSWER_SUSPENDED = "suspended"
ANSWER_REVOKED = "revoked"
ANSWER_EXPIRED = "expired"
ANSWER_NOT_YET_VALID = "not_yet_valid"
ANSWER_NOT_ON_REGISTER = "not_on_register"


@dataclass(frozen=True)
class AppraisalLookupMatch:
    appraisal: Appraisal
    answer: str  # sanctioned / suspended / revoked / expired / not_yet_valid, on the day asked


@dataclass(frozen=True)
class AppraisalLookup:
    """What the register says about an award name: the best answer and every appraisal it matches."""

    query: str
    on: datetime.date
    answer: str  # the best answer of the matches (sanctioned first), or not_on_register
    matches: tuple[AppraisalLookupMatch, ...]


def _answer(appraisal: Appraisal, day: datetime.date) -> str:
    if appraisal.status == AppraisalStatus.REVOKED:
        return ANSWER_REVOKED
    if appraisal.status == AppraisalStatus.SUSPENDED:
        return ANSWER_SUSPENDED
    if day < appraisal.valid_from:
        return ANSWER_NOT_YET_VALID
    if appraisal.valid_to is not None and day > appraisal.valid_to:
        return ANSWER_EXPIRED
    return ANSWER_SANCTIONED


ANSWER_ORDER = (ANSWER_SANCTIONED, ANSWER_SUSPENDED, ANSWER_EXPIRED, ANSWER_NOT_YET_VALID, ANSWER_REVOKED)


def _name_matches(key: str) -> QuerySet[Appraisal]:
    """Appraisals whose name occurs in `key` (the award "第八届重庆市市长质量管理奖提名奖" names the appraisal
    重庆市市长质量管理奖) or contains it (a partial name); longest, most specific names first."""
    return (
        Appraisal.objects.annotate(at=StrIndex(Value(key), F("name_key")), key_length=Length("name_key"))
        .filter(Q(at__gt=0) | Q(name_key__contains=key))
        .select_related("organiser")
        .order_by("-key_length", "name", "pk")
    )


def appraisal_lookup(*, actor: object, text: str, on: datetime.date | None = None) -> AppraisalLookup:
    """Public: is an award or appraisal of this name on the register, and is it sanctioned on `on` (today)?"""
    day = on or timezone.localdate()
    key = appraisal_text_key(text)
    if len(key) < MIN_KEY_LENGTH:
        return AppraisalLookup(query=text, on=day, answer=ANSWER_NOT_ON_REGISTER, matches=())
    found = list(_name_matches(key)[:LOOKUP_MAX_MATCHES])
    matches = tuple(AppraisalLookupMatch(appraisal=a, answer=_answer(a, day)) for a in found)
    answers = {m.answer for m in matches}
    best = next((a for a in ANSWER_ORDER if a in answers), ANSWER_NOT_ON_REGISTER)
    ordered = tuple(sorted(matches, key=lambda m: ANSWER_ORDER.index(m.answer)))  # stable: names keep order
    return AppraisalLookup(query=text, on=day, answer=best, matches=ordered)


# ---------------------------------------------------------------- matching a displayed award


@dataclass(frozen=True)
class AwardClaimMatch:
    """What the register says about an award a brand displays."""

    status: str  # matched / unregistered
    flag: str  # "" when matched, else an AwardClaimFlag
    appraisal: Appraisal | None  # the appraisal matched, or the one it resembles
    award: AppraisalAward | None  # the brand's award in that edition, if recorded


def _organiser_matches(appraisal: Appraisal, organiser_key: str) -> bool:
    keys = [appraisal.organiser_key, *appraisal_alias_keys(appraisal.organiser_aliases)]
    for key in keys:
        if organiser_key == key:
            return True
        if min(len(key), len(organiser_key)) >= MIN_KEY_LENGTH and (
            key in organiser_key or organiser_key in key
        ):
            return True
    return False


def award_claim_match(*, brand: Brand, title: str, organiser: str, year: int) -> AwardClaimMatch:
    """Match a displayed award (title, organiser, year) against the register, compared normalised (NFKC,
    case, no spaces or punctuation): the appraisal's name must occur in the title, the organiser must be the
    appraisal's (or one of its other names), and the appraisal must be sanctioned now and have been in the
    claimed year. The brand's award of that edition is linked when recorded; a revoked one flags the claim."""
    title_key = appraisal_text_key(title)
    organiser_key = appraisal_text_key(organiser)
    named = [a for a in _name_matches(title_key) if a.name_key in title_key] if title_key else []
    if not named:
        return AwardClaimMatch(AwardClaimStatus.UNREGISTERED, AwardClaimFlag.NOT_ON_REGISTER, None, None)
    same_organiser = [a for a in named if _organiser_matches(a, organiser_key)]
    if not same_organiser:
        return AwardClaimMatch(
            AwardClaimStatus.UNREGISTERED, AwardClaimFlag.ORGANISER_DIFFERS, named[0], None
        )
    in_year = [a for a in same_organiser if a.valid_in_year(year)]
    sanctioned = [a for a in in_year if a.status == AppraisalStatus.SANCTIONED]
    if not sanctioned:
        if not in_year:
            flag = AwardClaimFlag.NOT_VALID_IN_YEAR
        elif in_year[0].status == AppraisalStatus.REVOKED:
            flag = AwardClaimFlag.APPRAISAL_REVOKED
        else:
            flag = AwardClaimFlag.APPRAISAL_SUSPENDED
        return AwardClaimMatch(AwardClaimStatus.UNREGISTERED, flag, (in_year or same_organiser)[0], None)
    appraisal = sanctioned[0]
    awards = list(AppraisalAward.objects.filter(appraisal=appraisal, brand=brand, year=year).order_by("pk"))
    award = next((a for a in awards if a.revoked_on is None), None)
    if award is None and awards:
        return AwardClaimMatch(
            AwardClaimStatus.UNREGISTERED, AwardClaimFlag.AWARD_REVOKED, appraisal, awards[0]
        )
    return AwardClaimMatch(AwardClaimStatus.MATCHED, "", appraisal, award)


# ---------------------------------------------------------------- claims


def award_claim_list(
    *, actor: object, brand_id: int | None = None, status: str | None = None
) -> QuerySet[AwardClaim]:
    """Claims the actor may see (enterprise users: their brands'; staff: their scope), newest first."""
    qs = AwardClaim.objects.visible_to(actor).select_related(
        "brand__owner__organisation", "appraisal", "award", "claimed_by", "reviewed_by"
    )
    if brand_id is not None:
        qs = qs.filter(brand_id=brand_id)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-pk")


def award_claim_get(*, actor: object, pk: int) -> AwardClaim:
    found = award_claim_list(actor=actor).filter(pk=pk).first()
    if found is None:
        raise AwardClaimNotFound(f"No award claim {pk}.")
    return found


def award_claim_flagged_list(
    *,
    actor: object,
    status: str = AwardClaimStatus.UNREGISTERED,
    reviewed: bool | None = None,
    text: str | None = None,
) -> QuerySet[AwardClaim]:
    """Staff: claims in their scope (department staff and administrators: all; district staff: their
    district's brands) with `status` (flagged ones unless asked), optionally only (un)reviewed ones."""
    if not can_award_claim_flagged_list(actor):
        raise PermissionDenied
    qs = award_claim_list(actor=actor, status=status)
    if reviewed is not None:
        qs = qs.filter(reviewed_at__isnull=not reviewed)
    for term in (text or "").split():
        qs = qs.filter(
            Q(claimed_title__icontains=term)
            | Q(claimed_organiser__icontains=term)
            | Q(brand__name__icontains=term)
            | Q(brand__owner__organisation__name__icontains=term)
        )
    return qs


def award_claim_brand_list(*, actor: object) -> QuerySet[Brand]:
    """Brands whose displayed awards the actor records from the claim page: their enterprises' brands (a
    system administrator or staff member opens a brand by id instead)."""
    scope = actor_scope(actor)
    return (
        Brand.objects.filter(owner_id__in=scope.enterprise_ids)
        .select_related("owner__organisation")
        .order_by("name", "pk")
    )
