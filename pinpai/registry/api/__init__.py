"""The brand registry: enterprises, brands and their review workflow, trademarks, certificates, GIs,
products and cultivation lists.

Scoped by who asks (the selectors' `visible_to`): an enterprise user sees and edits only its own
records, district staff their district, department staff their pillars, the public what is published.
A row the caller may not see answers 404, like one that does not exist; a write the caller may not do
answers 403 (the services decide).
"""

from pinpai.registry.api import brands, cultivation, enterprises, rights  # noqa: F401 - register the endpoints
from pinpai.registry.api.base import router

__all__ = ["router"]
