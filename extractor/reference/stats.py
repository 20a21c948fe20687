"""Coverage of the store: periods x partners x flows x vintages, by source kind and basis."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from extractor.reference.store import Store


def coverage(store: Store) -> dict[str, Any]:
    groups: dict[tuple[str, str], list] = defaultdict(list)
    for f in store:
        groups[(f.source_kind, f.period.basis)].append(f)
    rows = []
    for (kind, basis), figures in sorted(groups.items()):
        periods = sorted({f.period for f in figures})
        rows.append(
            {
                "source_kind": kind,
                "basis": basis,
                "flows": len({f.flow for f in figures}),
                "partners": len({f.partner for f in figures}),
                "periods": len(periods),
                "figures": len({f.key for f in figures}),
                "vintages": len(figures),
                "first": periods[0].code,
                "last": periods[-1].code,
            }
        )
    total = {
        "rows": len(store),
        "figures": len(store.keys()),
        "partners": len(store.partners()),
    }
    return {"rows": rows, "total": total}
