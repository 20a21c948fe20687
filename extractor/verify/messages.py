"""Formatting figures for messages and suggestions: the way a newsroom writes them."""

from __future__ import annotations

from typing import Any

FLOW_WORDS = {
    "exports": "exports",
    "imports": "imports",
    "balance": "trade balance",
    "usd_jpy_rate": "yen-dollar rate",
}


def yen(value: float, digits: int | None = None) -> str:
    """``¥9.01 trillion``, ``¥544.1 billion``: trillions from 1e12, billions below."""
    v = abs(value)
    if v >= 1e12:
        d = 2 if digits is None else digits
        return f"¥{v / 1e12:,.{d}f} trillion"
    if v >= 1e9:
        d = 1 if digits is None else digits
        return f"¥{v / 1e9:,.{d}f} billion"
    d = 0 if digits is None else digits
    return f"¥{v / 1e6:,.{d}f} million"


def usd(value: float) -> str:
    v = abs(value)
    if v >= 1e12:
        return f"${v / 1e12:,.2f} trillion"
    if v >= 1e9:
        return f"${v / 1e9:,.1f} billion"
    return f"${v / 1e6:,.0f} million"


def pct(value: float, signed: bool = True) -> str:
    return f"{value:+.1f}%" if signed else f"{abs(value):.1f}%"


def balance_phrase(value: float) -> str:
    """``a surplus of ¥9.01 trillion`` / ``a deficit of ¥5.22 trillion``."""
    word = "surplus" if value >= 0 else "deficit"
    return f"a {word} of {yen(value)}"


def level_phrase(flow: str, value: float) -> str:
    """``a surplus of ¥9.01 trillion`` for a balance, ``¥108.93 trillion`` for a flow."""
    if flow == "balance":
        return balance_phrase(value)
    return yen(value)


def partner_phrase(partner: str, flow: str = "balance") -> str:
    """`` to the United States`` for exports, `` from China`` for imports, `` with`` otherwise."""
    if partner in ("World", "", None):
        return ""
    the = "the " if partner in _THE else ""
    prep = {"exports": "to", "imports": "from"}.get(flow, "with")
    return f" {prep} {the}{partner}"


def series_phrase(flow: str, partner: str) -> str:
    """``exports to the United States``, ``the trade balance with China``, ``imports``."""
    head = FLOW_WORDS.get(flow, flow)
    if flow == "balance":
        head = "the trade balance"
    return f"{head}{partner_phrase(partner, flow)}"


_THE = {"United States", "EU", "Middle East", "United Kingdom", "United Arab Emirates",
        "Philippines", "Netherlands"}


def provenance(fig: Any) -> str:
    """``(provisional, released 2025-04-17; source: …)`` for a reference Figure."""
    status = getattr(fig, "status", None) or "unknown status"
    rel = getattr(fig, "release_date", None)
    released = f", released {rel.isoformat()}" if rel else ""
    kind = getattr(fig, "source_kind", "")
    kind_txt = f" [{kind}]" if kind and kind != "official" else ""
    return f"({status}{released}; source: {getattr(fig, 'source', '?')}{kind_txt})"
