from pinpai.common.exceptions import ApplicationError, ConflictError, InvalidInputError


class OrganisationInvalid(InvalidInputError):
    code = "organisation_invalid"


class OrganisationSuccessionInvalid(InvalidInputError):
    code = "organisation_succession_invalid"


class DuplicateUscc(ConflictError):
    code = "uscc_duplicate"


class MembershipInvalid(InvalidInputError):
    code = "membership_invalid"


class UserInvalid(InvalidInputError):
    code = "user_invalid"


class TokenInvalid(ApplicationError):
    code = "token_invalid"
    status = 401
    title = "Invalid token"
