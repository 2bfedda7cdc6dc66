"""Getallen en tabellen in Nederlandse notatie, voor rapporten en de opdrachtregel."""

from __future__ import annotations

import math
import reprlib


def nl(x: float, decimalen: int = 1) -> str:
    """Een getal in Nederlandse notatie: punt voor duizendtallen, komma voor decimalen (en geen -0,0)."""
    return f"{round(x, decimalen) + 0.0:,.{decimalen}f}".replace(",", "X").replace(".", ",").replace("X", ".")


def mln(x: float) -> str:
    """Euro's als miljoenen met één decimaal."""
    return nl(x / 1e6)


def getal(x: float | None) -> str:
    """Een geheel getal met punten voor duizendtallen; 'n.v.t.' als er geen getal is."""
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "n.v.t."
    return nl(x, 0)


def tabel_md(df, opmaak=str, index: bool = True) -> str:
    """Een pandas-tabel als Markdown; `opmaak` zet elke cel om in tekst, `index` neemt de index als eerste kolom."""
    koppen = ([df.index.name or ""] if index else []) + [str(k) for k in df.columns]
    rijen = [([str(i)] if index else []) + [opmaak(v) for v in rij]
             for i, rij in zip(df.index, df.itertuples(index=False))]
    return "\n".join(["| " + " | ".join(koppen) + " |", "|" + "---|" * len(koppen),
                      *["| " + " | ".join(r) + " |" for r in rijen]])


def kort(waarde: object, maximum: int = 40) -> str:
    """Een waarde voor een foutmelding: hoogstens de eerste `maximum` tekens, met '…' en de lengte erachter.
    Een geheel getal te groot om uit te schrijven (meer dan 4.300 cijfers) wordt 'een getal van ... cijfers'."""
    if isinstance(waarde, int) and not isinstance(waarde, bool) and waarde.bit_length() > 14_000:
        return f"een getal van ongeveer {getal(round(waarde.bit_length() * math.log10(2)))} cijfers"
    tekst = waarde if isinstance(waarde, str) else reprlib.repr(waarde) if isinstance(waarde, (list, dict, tuple)) \
        else str(waarde)
    if len(tekst) <= maximum:
        return tekst
    return f"{tekst[:maximum]}… ({getal(len(tekst))} tekens)"
