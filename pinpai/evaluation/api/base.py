"""The evaluation router shared by the endpoint modules."""

from ninja import Router

router = Router(tags=["evaluation"])
