"""Regenerate the CBV code lists in this folder from the GS1 JSON-LD contexts (run by hand, never at import).

    .venv/bin/python engines/epcis/data/generate.py /work/shared/epcis/context/modular

Source: gs1/EPCIS @ 2b888bef, `JSON-LD/modular/cbv-context-*.jsonld` (see /work/shared/epcis/SOURCE.md).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

FILES = {
    "bizstep": ("cbv-context-bizstep.jsonld", "BizStep-"),
    "disposition": ("cbv-context-disposition.jsonld", "Disp-"),
    "btt": ("cbv-context-biztransaction-type.jsonld", "BTT-"),
    "sdt": ("cbv-context-sourcedest-type.jsonld", "SDT-"),
    "er": ("cbv-context-error-reason.jsonld", "ER-"),
    "comp": ("cbv-context-component.jsonld", "Comp-"),
}


def main(source: Path) -> None:
    out: dict[str, list[str]] = {}
    for kind, (name, web_prefix) in FILES.items():
        context = json.loads((source / name).read_text(encoding="utf-8"))["@context"]
        words = sorted(
            key
            for key, value in context.items()
            if isinstance(value, str) and value == f"cbv:{web_prefix}{key}"
        )
        out[kind] = words
    target = Path(__file__).with_name("cbv.json")
    target.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
