"""Organisation directory and the caller's own account."""

from typing import Any, cast

from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from pinpai.accounts.models import User
from pinpai.accounts.schemas import MeOut, OrganisationFilterIn, OrganisationGetOut, OrganisationListOut
from pinpai.accounts.selectors import membership_list_for_user, organisation_get, organisation_list
from pinpai.api.auth import optional_bearer, signed_in

router = Router(tags=["organisations"])


@router.get(
    "/organisations",
    response=list[OrganisationListOut],
    operation_id="organisation_list",
    auth=optional_bearer,
)
@paginate
def organisations(request: HttpRequest, filters: Query[OrganisationFilterIn]) -> Any:
    """Departments, district governments, enterprises, intermediaries, banks, associations, expert pools."""
    return organisation_list(
        actor=request.user,
        kind=filters.kind.value if filters.kind else None,
        district_code=filters.district,
        valid_on=filters.valid_on,
        text=filters.q,
    )


@router.get(
    "/organisations/{organisation_id}",
    response=OrganisationGetOut,
    operation_id="organisation_get",
    auth=optional_bearer,
)
def organisation(request: HttpRequest, organisation_id: int) -> Any:
    """One organisation with its history: the units it took over from and the one that succeeded it."""
    return organisation_get(actor=request.user, pk=organisation_id)


@router.get("/me", response=MeOut, operation_id="me_get", auth=signed_in, tags=["account"])
def me(request: HttpRequest) -> Any:
    """Who the token (or session) belongs to, and their roles."""
    user = cast(User, request.user)  # auth=signed_in
    return {
        "username": user.username,
        "full_name": user.full_name,
        "memberships": list(membership_list_for_user(user=user)),
    }
