from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    DEPARTMENT = "department", _("municipal department")
    DISTRICT = "district", _("district government")
    ENTERPRISE = "enterprise", _("enterprise")
    INTERMEDIARY = "intermediary", _("evaluation intermediary")
    BANK = "bank", _("bank")
    ASSOCIATION = "association", _("industry association")
    EXPERT_POOL = "expert_pool", _("expert pool")


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", _("system administrator")
    DEPARTMENT_STAFF = "department_staff", _("department staff")
    DISTRICT_STAFF = "district_staff", _("district staff")
    ENTERPRISE_USER = "enterprise_user", _("enterprise user")
    INTERMEDIARY_EVALUATOR = "intermediary_evaluator", _("intermediary evaluator")
    EXPERT = "expert", _("expert")
    BANK_OFFICER = "bank_officer", _("bank officer")


# Which kinds of organisation a role may be held in. The platform operator's administrators sit in a
# municipal department; everyone else belongs to the kind of organisation their work is for.
ROLE_ORGANISATION_KINDS: dict[str, frozenset[str]] = {
    Role.SYSTEM_ADMIN: frozenset({OrganisationKind.DEPARTMENT}),
    Role.DEPARTMENT_STAFF: frozenset({OrganisationKind.DEPARTMENT}),
    Role.DISTRICT_STAFF: frozenset({OrganisationKind.DISTRICT}),
    Role.ENTERPRISE_USER: frozenset({OrganisationKind.ENTERPRISE}),
    Role.INTERMEDIARY_EVALUATOR: frozenset({OrganisationKind.INTERMEDIARY}),
    Role.EXPERT: frozenset({OrganisationKind.EXPERT_POOL}),
    Role.BANK_OFFICER: frozenset({OrganisationKind.BANK}),
}

# Government staff use the back office (Django admin) for browsing; others use the pages and the API.
STAFF_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.DEPARTMENT_STAFF, Role.DISTRICT_STAFF})

# Model permissions each role's Django group carries (what staff may browse in the back office).
_REGISTRY_VIEW = (
    "registry.view_enterprise", "registry.view_brand", "registry.view_brandreview", "registry.view_trademark",
    "registry.view_certificate", "registry.view_geographicalindication", "registry.view_giauthorisation",
    "registry.view_product", "registry.view_cultivationlist", "registry.view_importjob",
    "common.view_district", "common.view_pillar", "common.view_productline", "common.view_industryclass",
    "common.view_category", "common.view_tier",
)  # fmt: skip
ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    Role.DEPARTMENT_STAFF: (
        "accounts.view_organisation", "accounts.add_organisation", "accounts.change_organisation",
        "accounts.view_membership", "audit.view_auditevent", *_REGISTRY_VIEW,
    ),
    Role.DISTRICT_STAFF: (
        "accounts.view_organisation", "accounts.add_organisation", "accounts.change_organisation",
        "audit.view_auditevent", *_REGISTRY_VIEW,
    ),
}  # fmt: skip
