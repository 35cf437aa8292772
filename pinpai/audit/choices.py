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
    EVALUATION_APPRAISAL_REGISTERED = "evaluation.appraisal.registered", _("appraisal registered")
    EVALUATION_APPRAISAL_UPDATED = "evaluation.appraisal.updated", _("appraisal updated")
    EVALUATION_APPRAISAL_SUSPENDED = "evaluation.appraisal.suspended", _("appraisal suspended")
    EVALUATION_APPRAISAL_REINSTATED = "evaluation.appraisal.reinstated", _("appraisal reinstated")
    EVALUATION_APPRAISAL_REVOKED = "evaluation.appraisal.revoked", _("appraisal revoked")
    EVALUATION_APPRAISAL_AWARD_GRANTED = "evaluation.appraisal_award.granted", _("appraisal award recorded")
    EVALUATION_APPRAISAL_AWARD_REVOKED = "evaluation.appraisal_award.revoked", _("appraisal award revoked")
    EVALUATION_AWARD_CLAIM_RECORDED = "evaluation.award_claim.recorded", _("displayed award recorded")
    EVALUATION_AWARD_CLAIM_REVIEWED = "evaluation.award_claim.reviewed", _("flagged award reviewed")
    EVALUATION_CYCLE_CREATED = "evaluation.cycle.created", _("evaluation cycle created")
    EVALUATION_CYCLE_OPENED = "evaluation.cycle.opened", _("evaluation cycle opened for applications")
    EVALUATION_CYCLE_CLOSED = "evaluation.cycle.closed", _("evaluation cycle closed for applications")
    EVALUATION_CYCLE_SCORING_STARTED = (
        "evaluation.cycle.scoring_started",
        _("evaluation cycle scoring started"),
    )
    EVALUATION_CYCLE_REVIEW_STARTED = "evaluation.cycle.review_started", _("evaluation cycle review started")
    EVALUATION_CYCLE_NOTICE_STARTED = (
        "evaluation.cycle.notice_started",
        _("evaluation cycle public notice started"),
    )
    EVALUATION_CYCLE_PUBLISHED = "evaluation.cycle.published", _("evaluation cycle results published")
    EVALUATION_CYCLE_ARCHIVED = "evaluation.cycle.archived", _("evaluation cycle archived")
    EVALUATION_APPLICATION_CREATED = "evaluation.application.created", _("evaluation application created")
    EVALUATION_APPLICATION_FINANCIALS_SET = (
        "evaluation.application.financials_set",
        _("evaluation application financials recorded"),
    )
    EVALUATION_APPLICATION_SUBMITTED = (
        "evaluation.application.submitted",
        _("evaluation application submitted and checked for eligibility"),
    )
    EVALUATION_APPLICATION_ASSIGNED = (
        "evaluation.application.assigned",
        _("evaluation application assigned to an intermediary"),
    )
    EVALUATION_APPLICATION_VERIFIED = "evaluation.application.verified", _("evaluation application verified")
    EVALUATION_APPLICATION_SCORED = (
        "evaluation.application.scored",
        _("evaluation application scored and valued"),
    )
    EVALUATION_APPLICATION_APPROVED = "evaluation.application.approved", _("evaluation application approved")
    EVALUATION_APPLICATION_RETURNED = "evaluation.application.returned", _("evaluation application returned")
    EVALUATION_APPLICATION_WITHDRAWN = (
        "evaluation.application.withdrawn",
        _("evaluation application withdrawn"),
    )
    EVALUATION_PANEL_MEMBER_ADDED = "evaluation.panel_member.added", _("expert added to an evaluation panel")
    EVALUATION_CONFLICT_DECLARED = "evaluation.conflict.declared", _("conflict of interest declared")
    EVALUATION_EXPERT_SCORE_SUBMITTED = "evaluation.expert_score.submitted", _("expert scores submitted")
    EVALUATION_OBJECTION_FILED = "evaluation.objection.filed", _("objection filed")
    EVALUATION_OBJECTION_DECIDED = "evaluation.objection.decided", _("objection decided")
    EVALUATION_SURVEY_CREATED = "evaluation.survey.created", _("survey created")
    EVALUATION_SURVEY_UPDATED = "evaluation.survey.updated", _("survey updated")
    EVALUATION_SURVEY_OPENED = "evaluation.survey.opened", _("survey opened for responses")
    EVALUATION_SURVEY_CLOSED = "evaluation.survey.closed", _("survey closed")
    EVALUATION_SURVEY_RESPONSE_REJECTED = "evaluation.survey_response.rejected", _("survey response rejected")
    # traceability
    TRACE_CAPTURE_JOB_SUBMITTED = "traceability.capture_job.submitted", _("EPCIS capture job submitted")
    TRACE_CAPTURE_JOB_FINISHED = "traceability.capture_job.finished", _("EPCIS capture job finished")
    TRACE_EVENT_CAPTURED = "traceability.event.captured", _("EPCIS event captured")
    TRACE_NAMED_QUERY_CREATED = "traceability.named_query.created", _("EPCIS named query created")
    TRACE_NAMED_QUERY_DELETED = "traceability.named_query.deleted", _("EPCIS named query deleted")
    TRACE_LOCATION_REGISTERED = "traceability.location.registered", _("location registered")
    TRACE_LOCATION_UPDATED = "traceability.location.updated", _("location updated")
    TRACE_LOT_REGISTERED = "traceability.lot.registered", _("lot registered")
    TRACE_LOT_STATUS_CHANGED = "traceability.lot.status_changed", _("lot status changed")
    TRACE_COMPLIANCE_CERTIFICATE_ISSUED = (
        "traceability.compliance_certificate.issued",
        _("compliance-promise certificate issued"),
    )
    TRACE_COMPLIANCE_CERTIFICATE_REVOKED = (
        "traceability.compliance_certificate.revoked",
        _("compliance-promise certificate revoked"),
    )
    TRACE_INSPECTION_RECORDED = "traceability.inspection.recorded", _("inspection result recorded")
    TRACE_RECALL_OPENED = "traceability.recall.opened", _("recall opened")
    TRACE_RECALL_SITE_UPDATED = "traceability.recall_site.updated", _("recall progress at a site updated")
    TRACE_RECALL_CLOSED = "traceability.recall.closed", _("recall closed")
    TRACE_RECALL_NOTICE_READ = "traceability.recall_notice.read", _("recall notice read")
    # common
    REFERENCE_LOADED = "common.reference.loaded", _("reference data loaded")
