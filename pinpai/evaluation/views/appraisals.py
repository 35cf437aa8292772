"""The appraisal whitelist pages: the public register with its filters and the "is this award sanctioned?"
lookup, an appraisal with the awards it granted, the staff page of flagged claims (reviewed with htmx), and
the page where an enterprise records the awards its brand displays. Reads go through selectors, writes
through the services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pinpai.common.exceptions import ApplicationError, InvalidInputError, NotFoundError
from pinpai.evaluation.forms_appraisals import (
    AppraisalFilterForm,
    AppraisalLookupForm,
    AwardClaimForm,
    AwardClaimReviewForm,
)
from pinpai.evaluation.models import AwardClaimStatus
from pinpai.evaluation.permissions import (
    can_appraisal_register,
    can_award_claim_flagged_list,
    can_award_claim_record,
)
from pinpai.evaluation.selectors import appraisals as selectors
from pinpai.evaluation.services import appraisals as services
from pinpai.evaluation.views.htmx import HtmxHttpRequest

PAGE_SIZE = 50
SHOWN = 100  # awards and claims listed on a detail page

ANSWERS = {
    selectors.ANSWER_SANCTIONED: gettext_lazy("Sanctioned: on the register and in force"),
    selectors.ANSWER_SUSPENDED: gettext_lazy("Suspended: on the register, but suspended"),
    selectors.ANSWER_REVOKED: gettext_lazy("Revoked: no longer sanctioned"),
    selectors.ANSWER_EXPIRED: gettext_lazy("Approval expired"),
    selectors.ANSWER_NOT_YET_VALID: gettext_lazy("Not yet in force"),
    selectors.ANSWER_NOT_ON_REGISTER: gettext_lazy("Not on the register: not a sanctioned appraisal"),
}


def _lookup_context(request: HtmxHttpRequest) -> dict[str, Any]:
    form = AppraisalLookupForm(request.GET if "lookup" in request.GET else None, prefix="lookup")
    context: dict[str, Any] = {"lookup_form": form}
    if form.is_bound and form.is_valid():
        result = selectors.appraisal_lookup(actor=request.user, text=form.cleaned_data["q"])
        context["lookup"] = result
        context["lookup_answer"] = ANSWERS[result.answer]
        context["lookup_matches"] = [(m, ANSWERS[m.answer]) for m in result.matches]
    return context


def appraisal_list(request: HtmxHttpRequest) -> HttpResponse:
    """The public register, filtered (htmx swaps the rows), with the lookup box."""
    form = AppraisalFilterForm(request.GET or None)
    values = form.cleaned_data if form.is_bound and form.is_valid() else {}
    qs = selectors.appraisal_list(
        actor=request.user,
        level=values.get("level") or None,
        status=values.get("status") or None,
        text=values.get("q") or None,
        valid_on=values.get("valid_on"),
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "can_register": can_appraisal_register(request.user),
        "can_review": can_award_claim_flagged_list(request.user),
        **_lookup_context(request),
    }
    if request.htmx and request.htmx.target == "appraisal-rows":
        return render(request, "evaluation/_appraisal_rows.html", context)
    return render(request, "evaluation/appraisal_list.html", context)


def appraisal_lookup(request: HtmxHttpRequest) -> HttpResponse:
    """The answer to the lookup box: the partial for htmx, else the register page with the answer."""
    if not request.htmx:
        return appraisal_list(request)
    return render(request, "evaluation/_appraisal_lookup.html", _lookup_context(request))


def appraisal_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    try:
        appraisal = selectors.appraisal_get(actor=request.user, pk=pk)
    except NotFoundError as exc:
        raise Http404(exc.detail) from exc
    awards = list(selectors.appraisal_award_list(actor=request.user, appraisal_id=appraisal.pk)[:SHOWN])
    return render(request, "evaluation/appraisal_detail.html", {"appraisal": appraisal, "awards": awards})


# ---------------------------------------------------------------- staff: flagged claims


@login_required
def award_claim_flagged(request: HtmxHttpRequest) -> HttpResponse:
    """Claims not on the register, in the staff member's scope; unreviewed first is the default view."""
    if not can_award_claim_flagged_list(request.user):
        raise PermissionDenied
    show = request.GET.get("show", "open")
    reviewed = {"open": False, "reviewed": True}.get(show)
    qs = selectors.award_claim_flagged_list(actor=request.user, reviewed=reviewed, text=request.GET.get("q"))
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "evaluation/appraisal_flagged.html",
        {"page": page, "show": show, "q": request.GET.get("q", ""), "review_form": AwardClaimReviewForm()},
    )


@login_required
@require_POST
def award_claim_review(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Confirm or dismiss one flag; htmx swaps the row, a plain post returns to the list."""
    try:
        claim = selectors.award_claim_get(actor=request.user, pk=pk)
    except NotFoundError as exc:
        raise Http404(exc.detail) from exc
    form = AwardClaimReviewForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            claim = services.award_claim_review(
                actor=request.user,
                claim=claim,
                decision=form.cleaned_data["decision"],
                note=form.cleaned_data["note"],
            )
        except InvalidInputError as exc:
            error = (
                _("Give a note saying why the flag is dismissed.")
                if "note" in exc.extra.get("errors", {})
                else exc.detail
            )
        except ApplicationError:
            error = _("This claim is no longer flagged.")
    else:
        error = _("Choose confirm or dismiss.")
    if request.htmx:
        return render(request, "evaluation/_appraisal_flagged_row.html", {"claim": claim, "error": error})
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("The review was recorded."))
    return redirect("evaluation:appraisal_flagged")


# ---------------------------------------------------------------- enterprise: displayed awards


@login_required
def award_claim_new(request: HtmxHttpRequest) -> HttpResponse:
    """Record an award a brand displays (`?brand=<id>`; an enterprise user picks one of their brands) and
    see what the register says about it, with the brand's awards and past claims."""
    brands = list(selectors.award_claim_brand_list(actor=request.user)[:500])
    wanted = request.GET.get("brand", "")
    brand = None
    if wanted:
        if not wanted.isdigit():
            raise Http404
        try:
            brand = selectors.appraisal_brand_get(actor=request.user, pk=int(wanted))
        except NotFoundError as exc:
            raise Http404(exc.detail) from exc
    elif brands:
        brand = brands[0]
    context: dict[str, Any] = {"brands": brands, "brand": brand}
    if brand is None:
        return render(request, "evaluation/appraisal_claim.html", context)
    if not can_award_claim_record(request.user, brand=brand):
        raise PermissionDenied
    form = AwardClaimForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            claim = services.award_claim_record(actor=request.user, brand=brand, **form.cleaned_data)
        except InvalidInputError as exc:
            for field, errors in exc.extra.get("errors", {}).items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            if claim.status == AwardClaimStatus.MATCHED:
                messages.success(
                    request, _("Recorded: this award is on the register of sanctioned appraisals.")
                )
            else:
                messages.warning(
                    request,
                    _(
                        "Recorded, but this award is not on the register of sanctioned appraisals: staff will review it."
                    ),
                )
            return redirect(f"{request.path}?brand={brand.pk}")
    context.update(
        {
            "form": form,
            "awards": list(selectors.appraisal_award_list(actor=request.user, brand_id=brand.pk)[:SHOWN]),
            "claims": list(selectors.award_claim_list(actor=request.user, brand_id=brand.pk)[:SHOWN]),
        }
    )
    return render(request, "evaluation/appraisal_claim.html", context)
