"""Unaided (spontaneous) awareness: which brands an open answer names, in the order named.

The answer and every brand name are normalised the same way (Unicode NFKC, case-folded, whitespace and
punctuation removed), then the answer is read left to right: at each position the **longest** brand name
that starts there is a mention (so 乌江榨菜 is not also read as 乌江), and reading resumes after it. A brand
mentioned twice counts once, at its first position. The first brand found is the *first mention*
(top of mind); every brand found is a *mention* (spontaneous awareness).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence


def normalise(text: str) -> str:
    """NFKC, case-folded, only letters and digits kept ("Ｆｕｌｉｎｇ 榨菜!" → "fuling榨菜")."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] in ("L", "N"))


def name_index(brands: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """normalised name → brand key, for every name of every brand. A name two brands share is ambiguous and
    matches neither; a name that normalises to nothing is ignored."""
    owners: dict[str, set[str]] = {}
    for key, names in brands.items():
        for name in names:
            normal = normalise(name)
            if normal:
                owners.setdefault(normal, set()).add(key)
    return {name: next(iter(keys)) for name, keys in owners.items() if len(keys) == 1}


def mentions(text: str, names: Mapping[str, str]) -> tuple[str, ...]:
    """The brand keys named in `text`, in order of first mention, each once (`names` from `name_index`)."""
    normal = normalise(text)
    if not normal or not names:
        return ()
    longest = max(len(n) for n in names)
    found: list[str] = []
    i = 0
    while i < len(normal):
        for size in range(min(longest, len(normal) - i), 0, -1):
            key = names.get(normal[i : i + size])
            if key is not None:
                if key not in found:
                    found.append(key)
                i += size
                break
        else:
            i += 1
    return tuple(found)
