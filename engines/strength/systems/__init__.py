"""The default indicator systems, as data: the registry the engine evaluates and the methodology page shows.

Each system is identified by `code` + `version`; a change to weights, indicators or rules is a new version
(and a bump of ENGINE_VERSION when the engine's behaviour changes). Old versions stay listed so stored
results can be re-derived.
"""

from __future__ import annotations

from engines.strength.errors import InputError, InputErrors
from engines.strength.model import IndicatorSystem
from engines.strength.systems.gbt29186 import GBT29186
from engines.strength.systems.iso20671 import ISO20671
from engines.strength.systems.variants import AGRI_REGIONAL, MANUFACTURING

SYSTEMS: tuple[IndicatorSystem, ...] = (GBT29186, ISO20671, AGRI_REGIONAL, MANUFACTURING)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else -1 for part in version.split("."))


def system_get(code: str, version: str | None = None, *, field: str = "system") -> IndicatorSystem:
    """A default system by code, the latest version unless `version` is given; `unknown_system` otherwise."""
    candidates = [s for s in SYSTEMS if s.code == code and (version is None or s.version == version)]
    if not candidates:
        known = ", ".join(sorted({f"{s.code} {s.version}" for s in SYSTEMS}))
        wanted = code if version is None else f"{code} {version}"
        raise InputErrors([InputError(field, "unknown_system", f"no system {wanted!r}; known: {known}")])
    return max(candidates, key=lambda s: _version_key(s.version))


def system_list(*, pillar: str | None = None, industry: str | None = None) -> tuple[IndicatorSystem, ...]:
    """The latest version of every default system meant for a pillar and/or an industry code."""
    latest = {s.code: system_get(s.code) for s in SYSTEMS}
    return tuple(s for s in latest.values() if s.applies_to(pillar=pillar, industry=industry))
