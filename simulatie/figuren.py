"""De standaardfiguren: Nederlandse labels, leesbaar op A4-breedte, als PNG en SVG te bewaren.

De functies geven een matplotlib-Figure terug (zonder pyplot), zodat ze in een notebook direct tonen
en in een batchrun zonder scherm werken.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, PercentFormatter

from simulatie import codes as c

A4_BREED = (6.3, 3.6)  # inch: 16 cm tekstbreedte
KLEUREN = {"onderwijs": "#4477AA", "werk": "#228833", "uitkering": "#CCBB44", "zorg": "#AA3377",
           "thuis": "#BBBBBB"}
LABELS = {"onderwijs": "Onderwijs", "werk": "Werk", "uitkering": "Uitkering", "zorg": "Zorg/dagbesteding",
          "thuis": "Thuis (geen van deze)"}


def duizendtallen(x, _pos=None) -> str:
    return f"{x:,.0f}".replace(",", ".")


def bewaar(fig: Figure, pad_zonder_extensie: str | Path, formaten=("png", "svg")) -> list[Path]:
    paden = []
    for ext in formaten:
        pad = Path(f"{pad_zonder_extensie}.{ext}")
        fig.savefig(pad, dpi=200, bbox_inches="tight")
        paden.append(pad)
    return paden


def toestanden_over_tijd(maandcijfers: pd.DataFrame, titel: str = "") -> Figure:
    """Aandeel van de jongeren per toestand, per maand (gestapeld)."""
    d = maandcijfers[(maandcijfers.indicator == "aantal") & (maandcijfers.schooltype == "alle")
                     & (maandcijfers.regio == 0) & (maandcijfers.toestand != "alle")]
    tabel = d.pivot_table(index="datum", columns="toestand", values="waarde", aggfunc="sum")
    tabel = tabel.reindex(columns=list(c.TOESTANDEN)).fillna(0.0)
    aandeel = tabel.div(tabel.sum(axis=1), axis=0)
    fig = Figure(figsize=A4_BREED, layout="constrained")
    ax = fig.add_subplot()
    ax.stackplot(aandeel.index, *[aandeel[k].to_numpy() for k in aandeel.columns],
                 labels=[LABELS[k] for k in aandeel.columns], colors=[KLEUREN[k] for k in aandeel.columns])
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_ylabel("Aandeel van de jongeren")
    ax.set_title(titel or "Jongeren naar toestand", loc="left")
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize=8)
    ax.margins(x=0)
    return fig


def lijn_per_scenario(tabel: pd.DataFrame, ylabel: str, titel: str) -> Figure:
    """Een lijn per kolom (scenario) over de index (jaar of datum)."""
    fig = Figure(figsize=A4_BREED, layout="constrained")
    ax = fig.add_subplot()
    for kolom in tabel.columns:
        ax.plot(tabel.index, tabel[kolom].to_numpy(), marker="o", ms=3, label=str(kolom))
    ax.set_ylabel(ylabel)
    ax.set_title(titel, loc="left")
    ax.yaxis.set_major_formatter(FuncFormatter(duizendtallen))
    ax.axhline(0, color="black", lw=0.6)
    ax.legend(frameon=False, fontsize=8)
    return fig
