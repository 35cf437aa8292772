from django.db import models
from django.utils.translation import gettext_lazy as _


class EnterpriseStatus(models.TextChoices):
    ACTIVE = "active", _("in business (存续)")
    DEREGISTERED = "deregistered", _("deregistered (注销)")
    REVOKED = "revoked", _("licence revoked (吊销)")


class BrandKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("enterprise brand")
    PRODUCT = "product", _("product brand")
    REGIONAL_PUBLIC = "regional_public", _("regional public brand")
    SERVICE = "service", _("service brand")


class BrandStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted, awaiting district review")
    DISTRICT_APPROVED = "district_approved", _("district approved, awaiting department approval")
    APPROVED = "approved", _("approved, awaiting publication")
    PUBLISHED = "published", _("published")
    RETURNED = "returned", _("returned for changes")
    SUSPENDED = "suspended", _("suspended")
    WITHDRAWN = "withdrawn", _("withdrawn")


class TrademarkStatus(models.TextChoices):
    REGISTERED = "registered", _("registered")
    EXPIRED = "expired", _("expired")
    PLEDGED = "pledged", _("pledged")
    CANCELLED = "cancelled", _("cancelled")


class CertificateKind(models.TextChoices):
    GREEN_FOOD = "green_food", _("green food (绿色食品)")
    ORGANIC = "organic", _("organic product (有机产品)")
    GI_PRODUCT = "gi_product", _("geographical indication product (地理标志产品)")
    GI_MARK = "gi_mark", _("GI certification or collective mark (地理标志证明商标/集体商标)")
    AGRI_GI = "agri_gi", _("agricultural GI (农产品地理标志)")
    FAMOUS_PRODUCT = "famous_product", _("famous-brand product (名牌产品)")
    CHINA_TIME_HONOURED = "china_time_honoured", _("China time-honoured brand (中华老字号)")
    CQ_TIME_HONOURED = "cq_time_honoured", _("Chongqing time-honoured brand (重庆老字号)")
    QUALITY_AWARD = "quality_award", _("quality award (质量奖)")
    REGIONAL_MARK = "regional_mark", _("regional certification mark (区域认证标志)")
    ISO_9001 = "iso_9001", _("ISO 9001")
    ISO_22000 = "iso_22000", _("ISO 22000")
    HACCP = "haccp", _("HACCP")
    OTHER = "other", _("other certificate")


class GiKind(models.TextChoices):
    PRODUCT = "product", _("GI product (地理标志产品)")
    MARK = "mark", _("GI certification or collective mark (地理标志证明商标/集体商标)")
    AGRICULTURAL = "agricultural", _("agricultural GI (农产品地理标志)")


class CultivationListStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class ImportKind(models.TextChoices):
    ENTERPRISES = "enterprises", _("enterprises")
    BRANDS = "brands", _("brands")
    CERTIFICATES = "certificates", _("certificates")
    GI_AUTHORISATIONS = "gi_authorisations", _("GI authorisations")


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("waiting to be checked")
    VALIDATING = "validating", _("checking rows")
    READY = "ready", _("checked, ready to import")
    IMPORTING = "importing", _("importing")
    DONE = "done", _("imported")
    FAILED = "failed", _("failed")
    CANCELLED = "cancelled", _("cancelled")
