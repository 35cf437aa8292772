"""Errors of 合格证, inspections and recalls; each has a stable `code` the API reports."""

from pinpai.common.exceptions import ConflictError, InvalidInputError


class ComplianceCertificateInvalid(InvalidInputError):
    code = "compliance_certificate_invalid"


class ComplianceCertificateNotRevocable(ConflictError):
    code = "compliance_certificate_not_revocable"
    title = "Certificate cannot be revoked"


class InspectionInvalid(InvalidInputError):
    code = "inspection_invalid"


class InspectionDuplicate(ConflictError):
    code = "inspection_duplicate"
    title = "Report already recorded"


class RecallInvalid(InvalidInputError):
    code = "recall_invalid"


class RecallClosed(ConflictError):
    code = "recall_closed"
    title = "Recall is closed"


class RecallNotClosable(ConflictError):
    code = "recall_not_closable"
    title = "Recall has open sites"


class RecallSiteTransitionNotAllowed(ConflictError):
    code = "recall_site_transition_not_allowed"
    title = "Recall progress only moves forward"


class LotStatusTransitionNotAllowed(ConflictError):
    code = "lot_status_transition_not_allowed"
    title = "Lot status cannot change this way"


class LotDuplicate(ConflictError):
    code = "lot_duplicate"
    title = "Lot already registered"
