"""Every audit action, declared once: `<app>.<entity>.<past tense>`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    # accounts
    ORGANISATION_CREATED = "accounts.organisation.created", _("organisation created")
    ORGANISATION_UPDATED = "accounts.organisation.updated", _("organisation updated")
    ORGANISATION_SUCCEEDED = (
        "accounts.organisation.succeeded",
        _("organisation succeeded (renamed or merged)"),
    )
    USER_CREATED = "accounts.user.created", _("user created")
    USER_PASSWORD_CHANGED = "accounts.user.password_changed", _("user password changed")
    USER_DEACTIVATED = "accounts.user.deactivated", _("user deactivated")
    USER_SIGNED_IN = "accounts.user.signed_in", _("user signed in")
    USER_SIGNED_OUT = "accounts.user.signed_out", _("user signed out")
    USER_SIGN_IN_FAILED = "accounts.user.sign_in_failed", _("failed sign-in")
    MEMBERSHIP_GRANTED = "accounts.membership.granted", _("membership granted")
    MEMBERSHIP_ENDED = "accounts.membership.ended", _("membership ended")
    API_TOKEN_ISSUED = "accounts.api_token.issued", _("API token issued")
    API_TOKEN_REVOKED = "accounts.api_token.revoked", _("API token revoked")
    # registry
    ENTERPRISE_REGISTERED = "registry.enterprise.registered", _("enterprise registered")
    ENTERPRISE_UPDATED = "registry.enterprise.updated", _("enterprise updated")
    ENTERPRISE_STATUS_CHANGED = (
        "registry.enterprise.status_changed",
        _("enterprise registration status changed"),
    )
    BRAND_CREATED = "registry.brand.created", _("brand created")
    BRAND_UPDATED = "registry.brand.updated", _("brand updated")
    BRAND_SUBMITTED = "registry.brand.submitted", _("brand submitted")
    BRAND_DISTRICT_APPROVED = "registry.brand.district_approved", _("brand approved by the district")
    BRAND_DISTRICT_RETURNED = "registry.brand.district_returned", _("brand returned by the district")
    BRAND_DEPARTMENT_APPROVED = "registry.brand.department_approved", _("brand approved by the department")
    BRAND_DEPARTMENT_RETURNED = "registry.brand.department_returned", _("brand returned by the department")
    BRAND_PUBLISHED = "registry.brand.published", _("brand published")
    BRAND_SUSPENDED = "registry.brand.suspended", _("brand suspended")
    BRAND_REINSTATED = "registry.brand.reinstated", _("brand reinstated")
    BRAND_WITHDRAWN = "registry.brand.withdrawn", _("brand withdrawn")
    TRADEMARK_REGISTERED = "registry.trademark.registered", _("trademark registered")
    TRADEMARK_UPDATED = "registry.trademark.updated", _("trademark updated")
    TRADEMARK_REMINDED = "registry.trademark.reminded", _("trademark renewal reminder sent")
    TRADEMARK_LICENCE_RECORDED = "registry.trademark_licence.recorded", _("trademark licence recorded")
    CERTIFICATE_REGISTERED = "registry.certificate.registered", _("certificate registered")
    CERTIFICATE_REVOKED = "registry.certificate.revoked", _("certificate revoked")
    GI_REGISTERED = "registry.gi.registered", _("geographical indication registered")
    GI_AUTHORISED = "registry.gi_authorisation.granted", _("GI use authorised")
    GI_AUTHORISATION_REVOKED = "registry.gi_authorisation.revoked", _("GI authorisation revoked")
    PRODUCT_REGISTERED = "registry.product.registered", _("product registered")
    CULTIVATION_LIST_CREATED = "registry.cultivation_list.created", _("cultivation list created")
    CULTIVATION_LIST_BRAND_ADDED = (
        "registry.cultivation_list.brand_added",
        _("brand added to a cultivation list"),
    )
    CULTIVATION_LIST_PUBLISHED = "registry.cultivation_list.published", _("cultivation list published")
    IMPORT_CREATED = "registry.import.created", _("import uploaded")
    IMPORT_COMMITTED = "registry.import.committed", _("import committed")
    # evaluation
    EVALUATION_SELF_ASSESSMENT_CREATED = (
        "evaluation.self_assessment.created",
        _("brand self-assessment recorded"),
    )
    # common
    REFERENCE_LOADED = "common.reference.loaded", _("reference data loaded")
