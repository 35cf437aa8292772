from typing import Any

from pinpai.accounts.permissions import is_system_admin


def can_demo_load(actor: Any) -> bool:
    return is_system_admin(actor)
