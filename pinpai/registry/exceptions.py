from pinpai.common.exceptions import ConflictError, InvalidInputError


class EnterpriseInvalid(InvalidInputError):
    code = "enterprise_invalid"


class BrandInvalid(InvalidInputError):
    code = "brand_invalid"


class BrandLogoInvalid(InvalidInputError):
    code = "brand_logo_invalid"


class BrandTransitionNotAllowed(ConflictError):
    """The brand is not in a status this step starts from (e.g. someone else approved it first)."""

    code = "brand_transition_not_allowed"


class BrandCertificatesExpired(InvalidInputError):
    code = "brand_certificates_expired"


class TrademarkInvalid(InvalidInputError):
    code = "trademark_invalid"


class TrademarkDuplicate(ConflictError):
    code = "trademark_duplicate"


class CertificateInvalid(InvalidInputError):
    code = "certificate_invalid"


class CertificateDuplicate(ConflictError):
    code = "certificate_duplicate"


class GiInvalid(InvalidInputError):
    code = "gi_invalid"


class ProductInvalid(InvalidInputError):
    code = "product_invalid"


class ProductDuplicate(ConflictError):
    code = "product_duplicate"


class CultivationListInvalid(InvalidInputError):
    code = "cultivation_list_invalid"


class ImportInvalid(InvalidInputError):
    code = "import_invalid"
