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
from simulatie.opmaak import nl

A4_BREED = (6.3, 3.6)  # inch: 16 cm tekstbreedte
KLEUREN = {"onderwijs": "#4477AA", "werk": "#228833", "uitkering": "#CCBB44", "zorg": "#AA3377",
           "thuis": "#BBBBBB"}
LABELS = {"onderwijs": "Onderwijs", "werk": "Werk", "uitkering": "Uitkering", "zorg": "Zorg/dagbesteding",
          "thuis": "Thuis (geen van deze)"}


def duizendtallen(x, _pos=None) -> str:
    """Asopmaak (matplotlib-formatter): hele getallen met punten voor duizendtallen."""
    return nl(x, 0)


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


# ------------------------------------------------------------------------------------ gevoeligheid

def _korte_naam(parameter: str) -> str:
    return parameter.split(".", 1)[1] if "." in parameter else parameter


def sobol_staaf(sobol: pd.DataFrame, uitkomst: str, label: str) -> Figure:
    s = sobol[sobol.uitkomst == uitkomst].sort_values("ST")
    fig = Figure(figsize=(A4_BREED[0], 0.28 * len(s) + 1.2), layout="constrained")
    ax = fig.add_subplot()
    y = np.arange(len(s))
    ax.barh(y + 0.2, s.ST, xerr=s.ST_conf, height=0.4, color="#4477AA", label="totaal (ST)", capsize=2)
    ax.barh(y - 0.2, s.S1, xerr=s.S1_conf, height=0.4, color="#CCBB44", label="eerste orde (S1)", capsize=2)
    ax.set_yticks(y, [_korte_naam(p) for p in s.parameter], fontsize=7)
    ax.set_xlabel("Sobol-index (met 95%-interval)")
    ax.set_title(f"Wat drijft {label}?", loc="left")
    ax.legend(frameon=False, fontsize=7, loc="lower right")
    return fig


def morris_spreiding(morris: pd.DataFrame, uitkomst: str, label: str) -> Figure:
    m = morris[morris.uitkomst == uitkomst]
    fig = Figure(figsize=A4_BREED, layout="constrained")
    ax = fig.add_subplot()
    ax.scatter(m.mu_star, m.sigma, color="#4477AA")
    for _, r in m.nlargest(6, "mu_star").iterrows():
        ax.annotate(_korte_naam(r.parameter), (r.mu_star, r.sigma), fontsize=6, xytext=(3, 3), textcoords="offset points")
    ax.set_xlabel("mu* (gemiddeld absoluut effect)")
    ax.set_ylabel("sigma (niet-lineair of interactie)")
    ax.set_title(f"Morris-screening: {label}", loc="left")
    return fig


def histogram_ncw(y: np.ndarray, label: str) -> Figure:
    fig = Figure(figsize=A4_BREED, layout="constrained")
    ax = fig.add_subplot()
    ax.hist(y / 1e6, bins=30, color="#4477AA", alpha=0.85)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlabel(f"{label} (miljoen euro, contant)")
    ax.set_ylabel("aantal trekkingen")
    ax.set_title(f"Kans op een positieve uitkomst: {(y > 0).mean():.0%}".replace(".", ","), loc="left")
    return fig


def tornado_figuur(t: pd.DataFrame, label: str) -> Figure:
    t = t.iloc[::-1]
    fig = Figure(figsize=(A4_BREED[0], 0.3 * len(t) + 1.2), layout="constrained")
    ax = fig.add_subplot()
    y = np.arange(len(t))
    basis = t.basis.iloc[0] / 1e6
    ax.barh(y, t.uitkomst_laag / 1e6 - basis, left=basis, color="#EE6677", label="parameter laag")
    ax.barh(y, t.uitkomst_hoog / 1e6 - basis, left=basis, color="#228833", label="parameter hoog", alpha=0.8)
    ax.axvline(basis, color="black", lw=0.8)
    ax.axvline(0, color="grey", lw=0.6, ls="--")
    ax.set_yticks(y, [_korte_naam(p) for p in t.parameter], fontsize=7)
    ax.set_xlabel(f"{label} (miljoen euro)")
    ax.set_title("Tornado: elke parameter op zijn lage en hoge waarde", loc="left")
    ax.legend(frameon=False, fontsize=7)
    return fig


def convergentie_figuur(c: pd.DataFrame, label: str) -> Figure:
    fig = Figure(figsize=A4_BREED, layout="constrained")
    ax, ax2 = fig.subplots(1, 2)
    ax.plot(c.n, c.gemiddelde / 1e6, color="#4477AA")
    ax.fill_between(c.n, c.onder / 1e6, c.boven / 1e6, color="#4477AA", alpha=0.25)
    ax.set_xlabel("aantal trekkingen")
    ax.set_ylabel(f"gemiddelde {label} (mln)")
    ax2.plot(c.n, c.kans_positief, color="#228833")
    ax2.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax2.set_ylim(0, 1)
    ax2.set_xlabel("aantal trekkingen")
    ax2.set_ylabel("kans op NCW > 0")
    fig.suptitle("Convergentie van de Monte Carlo-schatting", fontsize=10)
    return fig


def kans_budget_figuur(d: pd.DataFrame) -> Figure:
    fig = Figure(figsize=A4_BREED, layout="constrained")
    ax = fig.add_subplot()
    ax.plot(d.budget / 1e6, d.kans_positief, marker="o", color="#4477AA")
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_ylim(0, 1)
    ax.set_xlabel("budget regionaal programma (miljoen euro per jaar)")
    ax.set_ylabel("kans dat de NCW voor de maatschappij > 0")
    ax.set_title("Kans op een positieve MKBA tegen het budget", loc="left")
    return fig
