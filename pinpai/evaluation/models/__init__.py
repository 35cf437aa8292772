"""Evaluation models, one module per sub-domain."""

from pinpai.evaluation.models.self_assessment import SelfAssessment

__all__ = ["SelfAssessment"]
