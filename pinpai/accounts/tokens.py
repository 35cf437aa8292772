"""The shape of API token secrets and how they are hashed for storage."""

import hashlib

TOKEN_PREFIX = "pp_"  # noqa: S105 - a public marker that starts every token, not a secret


def api_token_hash(raw: str) -> str:
    """SHA-256 of the secret; tokens are long random strings, so no salt or slow hash is needed."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()
