"""De standaardfiguren: Nederlandse labels, leesbaar op A4-breedte, als PNG en SVG te bewaren.

De functies geven een matplotlib-Figure terug (zonder pyplot), zodat ze in een notebook direct tonen
en in een batchrun zonder scherm werken.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize, TwoSlopeNorm
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter, PercentFormatter

from simulatie.gedeeld import codes as c
from simulatie.gedeeld.opmaak import nl

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
        ax.annotate(_korte_naam(r.parameter), (r.mu_star, r.sigma), fontsize=6, xytext=(3, 3),
                    textcoords="offset points")
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
    """Links de NCW tegen het budget (gemiddelde met 90%-interval over de trekkingen), rechts de kans op NCW > 0
    (met het 95%-interval van die kans bij dit aantal trekkingen)."""
    fig = Figure(figsize=A4_BREED, layout="constrained")
    links, rechts = fig.subplots(1, 2)
    x = d.budget / 1e6
    links.fill_between(x, d.p5 / 1e6, d.p95 / 1e6, color="#4477AA", alpha=0.25, linewidth=0, label="90%-interval")
    links.plot(x, d.gemiddelde / 1e6, marker="o", color="#4477AA", label="gemiddelde")
    links.axhline(0, color="black", linewidth=0.8)
    links.set_xlabel("budget regionaal programma (mln euro per jaar)")
    links.set_ylabel("NCW maatschappij (mln euro)")
    links.legend(loc="lower left", frameon=False, fontsize=8)
    links.set_title("NCW tegen het budget", loc="left")
    rechts.fill_between(x, d.kans_laag, d.kans_hoog, color="#EE6677", alpha=0.25, linewidth=0)
    rechts.plot(x, d.kans_positief, marker="o", color="#EE6677")
    rechts.yaxis.set_major_formatter(PercentFormatter(1.0))
    rechts.set_ylim(0, 1)
    rechts.set_xlabel("budget regionaal programma (mln euro per jaar)")
    rechts.set_ylabel("kans dat de NCW > 0")
    rechts.set_title("Kans op een positieve MKBA", loc="left")
    return fig


def evppi_staaf(t: pd.DataFrame) -> Figure:
    """De EVPPI per groep en per parameter, naast de EVPI (miljoen euro)."""
    t = t.sort_values("evppi")
    fig = Figure(figsize=(A4_BREED[0], 0.3 * len(t) + 1.5), layout="constrained")
    ax = fig.add_subplot()
    kleur = np.where(t.parameter.str.startswith("(groep)"), "#EE6677", "#4477AA")
    ax.barh([_korte_naam(p) for p in t.parameter], t.evppi / 1e6, color=kleur)
    evpi = float(t.evpi.iloc[0]) / 1e6
    ax.axvline(evpi, color="black", linestyle="--", linewidth=1)
    ax.annotate(f"EVPI {nl(evpi)}", (evpi, len(t) - 0.5), ha="right", va="top", fontsize=8)
    ax.set_xlabel("waarde van informatie (mln euro; rood: groep)")
    ax.set_title("Wat is het waard om dit zeker te weten?", loc="left")
    return fig


def evsi_figuur(t: pd.DataFrame) -> Figure:
    """EVSI van elke proef en de kosten van een proef tegen het aantal deelnemers per arm."""
    fig = Figure(figsize=A4_BREED, layout="constrained")
    ax = fig.add_subplot()
    kleuren = ["#4477AA", "#228833", "#CCBB44", "#AA3377"]
    for kleur, (proef, p) in zip(kleuren, t.groupby("proef", sort=False)):
        ax.plot(p.deelnemers_per_arm, p.evsi / 1e6, marker="o", color=kleur, label=f"waarde: {proef} (EVSI)")
    kosten = t.drop_duplicates("deelnemers_per_arm")
    ax.plot(kosten.deelnemers_per_arm, kosten.kosten_proef / 1e6, marker="s", color="#EE6677", ls="--",
            label="kosten van een proef")
    ax.set_xscale("log")
    ax.set_xticks(kosten.deelnemers_per_arm, [nl(n, 0) for n in kosten.deelnemers_per_arm])
    ax.minorticks_off()
    ax.set_xlabel("deelnemers per arm")
    ax.set_ylabel("mln euro")
    ax.legend(loc="upper left", frameon=False, fontsize=8)
    ax.set_title("Wat een gerandomiseerde proef waard is, naast wat hij kost", loc="left")
    return fig


def prim_afweging(trajecten: dict[str, pd.DataFrame]) -> Figure:
    """De standaardfiguur van scenario discovery: dekking tegen dichtheid over het afpelen van PRIM, gekleurd naar
    het aantal beperkte parameters, per doel."""
    fig = Figure(figsize=A4_BREED, layout="constrained")
    assen = fig.subplots(1, max(1, len(trajecten)), squeeze=False)[0]
    for ax, (doel, t) in zip(assen, trajecten.items()):
        punten = ax.scatter(t.dekking, t.dichtheid, c=t.beperkte_parameters, cmap="viridis", s=14)
        ax.set_xlabel("dekking")
        ax.set_ylabel("dichtheid")
        ax.set_xlim(0, 1.02)
        ax.set_ylim(0, 1.02)
        ax.set_title(doel.replace("_", " "), loc="left")
        fig.colorbar(punten, ax=ax, label="beperkte parameters")
    return fig


# Schematische tegelkaart van de 40 RMC-regio's: (rij, kolom) per regionummer, van noord naar zuid en west naar oost.
# Geen echte grenzen (geen internet of kaartbestanden nodig), wel herkenbaar voor een beleidsnotitie.
TEGELS = {
    4: (0, 3), 2: (0, 5),
    23: (1, 1), 5: (1, 3), 6: (1, 4), 3: (1, 5), 1: (1, 6),
    24: (2, 1), 22: (2, 2), 7: (2, 5), 8: (2, 6),
    25: (3, 1), 21: (3, 2), 18: (3, 3), 10: (3, 4), 9: (3, 5),
    26: (4, 1), 20: (4, 3), 17: (4, 4), 11: (4, 5), 12: (4, 6),
    28: (5, 0), 27: (5, 2), 19: (5, 3), 16: (5, 4), 14: (5, 5), 13: (5, 6),
    29: (6, 1), 30: (6, 2), 15: (6, 3), 40: (6, 5),
    31: (7, 1), 34: (7, 2), 35: (7, 3), 36: (7, 4), 38: (7, 5),
    32: (8, 0), 33: (8, 1), 37: (8, 4), 39: (8, 5),
}


def tegelkaart(waarden: dict[int, float], titel: str, eenheid: str, namen: dict[int, str] | None = None) -> Figure:
    """De 40 RMC-regio's als tegels, gekleurd naar `waarden` (regionummer -> waarde); een kleurenschaal die om nul
    heen ligt als er positieve en negatieve waarden zijn."""
    fig = Figure(figsize=(A4_BREED[0], 5.6), layout="constrained")
    ax = fig.add_subplot()
    w = np.array([waarden.get(r, np.nan) for r in TEGELS])
    eindig = w[np.isfinite(w)]
    laag, hoog = (eindig.min(), eindig.max()) if len(eindig) else (0.0, 1.0)
    if laag < 0 < hoog:
        norm, kaart = TwoSlopeNorm(0.0, laag, hoog), colormaps["RdBu"]
    else:
        norm, kaart = Normalize(laag, hoog if hoog > laag else laag + 1), colormaps["Blues"]
    for r, (rij, kol) in TEGELS.items():
        v = waarden.get(r, np.nan)
        kleur = kaart(norm(v)) if np.isfinite(v) else "#DDDDDD"
        ax.add_patch(Rectangle((kol, -rij), 0.95, 0.95, facecolor=kleur, edgecolor="white"))
        licht = np.isfinite(v) and abs(norm(v) - 0.5) > 0.3
        tekst = f"{r}\n{(namen or {}).get(r, '')[:11]}\n{nl(v, 1) if np.isfinite(v) else '-'}"
        ax.text(kol + 0.475, -rij + 0.475, tekst, ha="center", va="center", fontsize=5.2,
                color="white" if licht else "black")
    ax.set_xlim(-0.1, 7.1)
    ax.set_ylim(-8.1, 1.05)
    ax.set_aspect("equal")
    ax.axis("off")
    sm = ScalarMappable(norm=norm, cmap=kaart)
    fig.colorbar(sm, ax=ax, shrink=0.6, label=eenheid)
    ax.set_title(titel, loc="left", fontsize=10)
    return fig
