"""Evaluation writes, one module per sub-domain."""

from pinpai.evaluation.services.self_assessment import self_assessment_create

__all__ = ["self_assessment_create"]
