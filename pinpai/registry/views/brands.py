"""Brand pages: the list, the detail page with its workflow buttons, the brand form and the review queue."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pinpai.common.exceptions import ApplicationError
from pinpai.common.htmx import HtmxHttpRequest, found
from pinpai.registry import exports, selectors
from pinpai.registry.choices import BrandStatus
from pinpai.registry.forms import BrandFilterForm, BrandForm, BulkReviewForm, ReasonForm
from pinpai.registry.models import Brand
from pinpai.registry.permissions import (
    can_brand_department_approve,
    can_brand_department_return,
    can_brand_district_approve,
    can_brand_district_return,
    can_brand_publish,
    can_brand_reinstate,
    can_brand_submit,
    can_brand_suspend,
    can_brand_update,
    can_brand_withdraw,
    can_enterprise_update,
    is_registry_staff,
)
from pinpai.registry.services import brands as brand_services
from pinpai.registry.views.listing import (
    expiry_context,
    filters,
    list_page,
    paginate,
)

NO_REASON = "none"
REASON_OPTIONAL = "optional"
REASON_REQUIRED = "required"


@dataclass(frozen=True)
class Step:
    """One workflow button: which service it calls, when it is shown, whether it asks for a reason."""

    slug: str
    label: Any
    done: Any  # success message, with %(name)s
    service: Callable[..., Brand]
    predicate: Callable[..., bool]
    from_statuses: frozenset[str]
    reason: str = NO_REASON
    danger: bool = False

    def shown_to(self, actor: Any, brand: Brand) -> bool:
        return brand.status in self.from_statuses and self.predicate(actor, brand=brand)

    def reason_form(self, data: Any = None) -> ReasonForm:
        return ReasonForm(data, reason_required=self.reason == REASON_REQUIRED, auto_id=f"id_{self.slug}_%s")


S = BrandStatus
STEPS: tuple[Step, ...] = (
    Step("submit", gettext_lazy("Submit for review"), gettext_lazy("%(name)s was submitted for review."),
         brand_services.brand_submit, can_brand_submit, frozenset({S.DRAFT, S.RETURNED})),
    Step("district-approve", gettext_lazy("Approve (district)"), gettext_lazy("%(name)s was approved by the district."),
         brand_services.brand_district_approve, can_brand_district_approve, frozenset({S.SUBMITTED}),
         REASON_OPTIONAL),
    Step("district-return", gettext_lazy("Return for changes"), gettext_lazy("%(name)s was returned for changes."),
         brand_services.brand_district_return, can_brand_district_return, frozenset({S.SUBMITTED}),
         REASON_REQUIRED, danger=True),
    Step("department-approve", gettext_lazy("Approve (department)"),
         gettext_lazy("%(name)s was approved by the department."),
         brand_services.brand_department_approve, can_brand_department_approve, frozenset({S.DISTRICT_APPROVED}),
         REASON_OPTIONAL),
    Step("department-return", gettext_lazy("Return for changes"), gettext_lazy("%(name)s was returned for changes."),
         brand_services.brand_department_return, can_brand_department_return, frozenset({S.DISTRICT_APPROVED}),
         REASON_REQUIRED, danger=True),
    Step("publish", gettext_lazy("Publish"), gettext_lazy("%(name)s was published."),
         brand_services.brand_publish, can_brand_publish, frozenset({S.APPROVED})),
    Step("suspend", gettext_lazy("Suspend"), gettext_lazy("%(name)s was suspended."),
         brand_services.brand_suspend, can_brand_suspend, frozenset({S.PUBLISHED}), REASON_REQUIRED, danger=True),
    Step("reinstate", gettext_lazy("Reinstate"), gettext_lazy("%(name)s was reinstated."),
         brand_services.brand_reinstate, can_brand_reinstate, frozenset({S.SUSPENDED}), REASON_OPTIONAL),
    Step("withdraw", gettext_lazy("Withdraw"), gettext_lazy("%(name)s was withdrawn."),
         brand_services.brand_withdraw, can_brand_withdraw, frozenset(set(S.values) - {S.WITHDRAWN}),
         REASON_REQUIRED, danger=True),
)  # fmt: skip
STEP_BY_SLUG = {step.slug: step for step in STEPS}

# Bulk review actions of the queue → the step each brand goes through.
BULK_STEPS = {
    BulkReviewForm.DISTRICT_APPROVE: STEP_BY_SLUG["district-approve"],
    BulkReviewForm.DISTRICT_RETURN: STEP_BY_SLUG["district-return"],
    BulkReviewForm.DEPARTMENT_APPROVE: STEP_BY_SLUG["department-approve"],
    BulkReviewForm.DEPARTMENT_RETURN: STEP_BY_SLUG["department-return"],
    BulkReviewForm.PUBLISH: STEP_BY_SLUG["publish"],
}


def _code(obj: Any) -> str | None:
    return obj.code if obj is not None else None


def brand_list(request: HtmxHttpRequest) -> HttpResponse | StreamingHttpResponse:
    form = BrandFilterForm(request.GET or None)
    f = filters(form)
    qs = selectors.brand_list(
        actor=request.user,
        pillar_code=_code(f.get("pillar")),
        tier_code=_code(f.get("tier")),
        district_code=_code(f.get("district")),
        status=f.get("status") or None,
        kind=f.get("kind") or None,
        certificate_kind=f.get("certificate") or None,
        owner_id=f.get("owner"),
        text=f.get("q") or None,
    )
    return list_page(
        request,
        queryset=qs,
        form=form,
        title=_("Brands"),
        rows_template="registry/_brand_rows.html",
        export=exports.BRANDS,
    )


# ---------------------------------------------------------------- detail and workflow


def _render_detail(
    request: HttpRequest, brand: Brand, *, bound: tuple[str, ReasonForm] | None = None
) -> HttpResponse:
    user = request.user
    steps: list[tuple[Step, ReasonForm]] = []
    if user.is_authenticated:
        for step in STEPS:
            if step.shown_to(user, brand):
                form = bound[1] if bound and bound[0] == step.slug else step.reason_form()
                steps.append((step, form))
    context = {
        "brand": brand,
        "steps": steps,
        "can_edit": user.is_authenticated and can_brand_update(user, brand=brand),
        "show_reviews": user.is_authenticated
        and (is_registry_staff(user) or can_enterprise_update(user, enterprise=brand.owner)),
        **expiry_context(),
    }
    return render(request, "registry/brand_detail.html", context)


def brand_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, found(selectors.brand_get, actor=request.user, pk=pk))


@login_required
@require_POST
def brand_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """One workflow step through its service; a refusal becomes a message or a form error, never a 500."""
    if step not in STEP_BY_SLUG:
        raise Http404(step)
    s = STEP_BY_SLUG[step]
    brand = found(selectors.brand_get, actor=request.user, pk=pk)
    form = s.reason_form(request.POST)
    if not form.is_valid():
        return _render_detail(request, brand, bound=(s.slug, form))
    kwargs = {} if s.reason == NO_REASON else {"reason": form.cleaned_data["reason"]}
    try:
        s.service(actor=request.user, brand=brand, **kwargs)
    except ApplicationError as exc:
        errors = exc.extra.get("errors") or {}
        if "reason" in errors:
            form.add_error("reason", errors["reason"])
            return _render_detail(request, brand, bound=(s.slug, form))
        messages.error(request, exc.detail)
    else:
        messages.success(request, s.done % {"name": brand.name})
    return redirect("registry:brand_detail", pk=brand.pk)


# ---------------------------------------------------------------- create and edit


@login_required
def brand_create(request: HttpRequest, enterprise_pk: int) -> HttpResponse:
    owner = found(selectors.enterprise_get, actor=request.user, pk=enterprise_pk)
    form = BrandForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            brand = brand_services.brand_create(actor=request.user, owner=owner, **form.service_arguments())
        except ApplicationError as exc:
            form.add_service_errors(exc.extra.get("errors") or {}, exc.detail)
        else:
            messages.success(request, _("%(name)s was registered as a draft.") % {"name": brand.name})
            return redirect("registry:brand_detail", pk=brand.pk)
    return render(request, "registry/brand_form.html", {"form": form, "owner": owner, "brand": None})


@login_required
def brand_edit(request: HttpRequest, pk: int) -> HttpResponse:
    brand = found(selectors.brand_get, actor=request.user, pk=pk)
    form = BrandForm(request.POST or None, request.FILES or None, initial=BrandForm.initial_from(brand))
    if request.method == "POST" and form.is_valid():
        try:
            brand_services.brand_update(actor=request.user, brand=brand, **form.service_arguments())
        except ApplicationError as exc:
            form.add_service_errors(exc.extra.get("errors") or {}, exc.detail)
        else:
            messages.success(request, _("%(name)s was saved.") % {"name": form.cleaned_data["name"]})
            return redirect("registry:brand_detail", pk=brand.pk)
    return render(request, "registry/brand_form.html", {"form": form, "owner": brand.owner, "brand": brand})


# ---------------------------------------------------------------- review queue


@dataclass(frozen=True)
class Outcome:
    name: str
    ok: bool
    message: str


def _review_one(actor: Any, step: Step, brand: Brand | None, pk: int, reason: str) -> Outcome:
    if brand is None:
        return Outcome(f"#{pk}", False, _("not found"))
    kwargs = {} if step.reason == NO_REASON else {"reason": reason}
    try:
        step.service(actor=actor, brand=brand, **kwargs)
    except PermissionDenied:
        return Outcome(brand.name, False, _("you may not do this"))
    except ApplicationError as exc:
        return Outcome(brand.name, False, exc.detail)
    return Outcome(brand.name, True, str(step.done % {"name": brand.name}))


def _bulk_review(request: HttpRequest, form: BulkReviewForm) -> None:
    """Each selected brand goes through the service on its own: one failure stops nothing else."""
    step = BULK_STEPS[form.cleaned_data["action"]]
    ids: list[int] = form.cleaned_data["brands"]
    visible = {b.pk: b for b in selectors.brand_list(actor=request.user).filter(pk__in=ids)}
    outcomes = [
        _review_one(request.user, step, visible.get(pk), pk, form.cleaned_data["reason"]) for pk in ids
    ]
    succeeded = sum(1 for o in outcomes if o.ok)
    summary = _("%(ok)d of %(total)d brands processed, %(failed)d failed.") % {
        "ok": succeeded,
        "total": len(outcomes),
        "failed": len(outcomes) - succeeded,
    }
    (messages.success if succeeded == len(outcomes) else messages.warning)(request, summary)
    for o in outcomes:
        if o.ok:
            messages.success(request, o.message)
        else:
            messages.error(request, _("%(name)s: %(message)s") % {"name": o.name, "message": o.message})


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """Brands waiting for the signed-in staff member, with bulk approve / return / publish."""
    form = BulkReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _bulk_review(request, form)
        return redirect("registry:review_queue")
    page = paginate(request, selectors.brand_review_queue(actor=request.user))
    statuses = {b.status for b in page}
    actions = [
        (value, label, BULK_STEPS[value])
        for value, label in BulkReviewForm.ACTIONS
        if statuses & BULK_STEPS[value].from_statuses
    ]
    selected = set(request.POST.getlist("brands"))
    return render(
        request,
        "registry/review_queue.html",
        {"form": form, "page": page, "actions": actions, "selected": selected},
    )
