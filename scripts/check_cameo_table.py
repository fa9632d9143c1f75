"""Compare our CAMEO choice table (ontology/data/cameo.yaml) with the OEDA CAMEO->PLOVER map.

    .venv/bin/python scripts/check_cameo_table.py ../shared/data/events/plover/CAMEO2PLOVER-2021.txt

For every code our table chooses, prints the PLOVER type the OEDA map gives that
code, and flags the ones that differ from the row's type: each must be one of the
departures documented at the top of cameo.yaml. Reads the shared file; copies nothing.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from dossier.ontology import ontology

LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)")


def oeda_types(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = LINE.match(line.strip())
        if match:
            found[match.group(1)] = match.group(2)
    return found


def chosen_codes(row: dict) -> list[tuple[str, str]]:
    out = [("default", row["code"])]
    for section in ("modes", "mode_context", "origin", "contexts"):
        out += [(f"{section}:{key}", code) for key, code in row.get(section, {}).items()]
    return out


def main(path: str) -> None:
    oeda = oeda_types(Path(path))
    for kind, row in ontology().cameo_table.items():
        for where, code in chosen_codes(row):
            theirs = oeda.get(code, "?")
            flag = "" if theirs == kind or kind in ("AGREE", "CONCEDE", "THREATEN") and where.startswith("origin") else "  <- differs"
            print(f"{kind:<10} {where:<28} {code:<5} OEDA: {theirs}{flag}")


if __name__ == "__main__":
    main(sys.argv[1])
