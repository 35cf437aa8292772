"""The registry: one record per enterprise and per brand, with trademarks, certificates, GIs and products."""

from pinpai.registry.models.brands import Brand, BrandReview, CultivationList, CultivationListEntry
from pinpai.registry.models.enterprises import Enterprise
from pinpai.registry.models.imports import ImportJob
from pinpai.registry.models.rights import (
    Certificate,
    GeographicalIndication,
    GiAuthorisation,
    Product,
    Trademark,
    TrademarkLicence,
)

__all__ = [
    "Brand",
    "BrandReview",
    "Certificate",
    "CultivationList",
    "CultivationListEntry",
    "Enterprise",
    "GeographicalIndication",
    "GiAuthorisation",
    "ImportJob",
    "Product",
    "Trademark",
    "TrademarkLicence",
]
