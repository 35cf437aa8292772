"""The hash chain: each event's hash covers its own fields and the previous event's hash.

Pure functions over plain values, so the same code writes and verifies the chain.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

GENESIS_HASH = "0" * 64


def canonical_json(value: Any) -> str:
    """Key-sorted, compact, UTF-8 JSON: the same value always gives the same text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_hash(
    *,
    sequence: int,
    occurred_at: str,
    actor_id: int | None,
    actor_username: str,
    action: str,
    target_type: str,
    target_id: str,
    target_repr: str,
    changes: Any,
    request_id: str,
    client_ip: str | None,
    previous_hash: str,
) -> str:
    payload = canonical_json(
        {
            "sequence": sequence,
            "occurred_at": occurred_at,
            "actor_id": actor_id,
            "actor_username": actor_username,
            "action": action,
            "target_type": target_type,
            "target_id": target_id,
            "target_repr": target_repr,
            "changes": changes,
            "request_id": request_id,
            "client_ip": client_ip,
            "previous_hash": previous_hash,
        }
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
