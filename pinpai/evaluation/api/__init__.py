"""Brand evaluation API: the valuation methods and calculators, the strength indicator systems and calculator.

Public (a token, if sent, must be valid). A calculation stores nothing; bad inputs are one 422
`evaluation_inputs_invalid` naming every bad field and its rule.
"""

from pinpai.evaluation.api import (  # noqa: F401 - register the endpoints
    appraisals,
    cycles,
    strength,
    surveys,
    valuation,
)
from pinpai.evaluation.api.base import router

__all__ = ["router"]
