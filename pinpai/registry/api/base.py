"""The registry router shared by the endpoint modules, and what they have in common."""

from ninja import P, PathEx, Router

from pinpai.registry.schemas import MAX_ID

router = Router(tags=["registry"])

# Ids in paths are 64-bit row ids; a larger number is a 422, never handed to the database.
RowId = PathEx[int, P(ge=1, le=MAX_ID)]
