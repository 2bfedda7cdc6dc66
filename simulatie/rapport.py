"""Het MKBA-rapport (mkba.md) en de figuren van een vergelijking, in het Nederlands."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, PercentFormatter

from simulatie.figuren import A4_BREED, bewaar, duizendtallen
from simulatie.mkba import MAATSCHAPPIJ, NIET_GEWAARDEERD, PARTIJEN, PARTIJNAMEN, POSTEN, EINDWAARDE, Resultaat
from simulatie.opmaak import getal, mln, nl, tabel_md


def postnaam(post: str) -> str:
    kaal = post.removeprefix(EINDWAARDE)
    return ("Eindwaarde: " if post.startswith(EINDWAARDE) else "") + POSTEN[kaal][2]


def mkba_markdown(resultaat: Resultaat, vergelijking) -> str:
    """Het rapport in de vorm van het overzichtstabel uit de leidraad, per alternatief."""
    nul = vergelijking.nul
    r = resultaat
    regels = [
        "# Maatschappelijke kosten-batenanalyse: Van school naar duurzaam werk",
        "",
        f"Nulalternatief: **{nul.naam}** ({nul.scenario.beschrijving}). Horizon {nul.jaren} jaar vanaf "
        f"{nul.scenario.looptijd.start}; schaal {nul.schaal} (1 = de volledige populatie), seed {nul.seed}.",
        f"Bedragen in miljoen euro, prijspeil {r.prijsjaar}, contant gemaakt met een reële discontovoet van "
        f"{r.discontovoet:.2%} naar januari {nul.scenario.looptijd.startmaand[0]}. "
        f"Eindwaarde {'meegenomen (aparte posten)' if r.eindwaarde else 'niet meegenomen'}.",
        "Positief is een baat voor de partij, negatief een kost. Overdrachten (loon, belasting, uitkeringen, "
        "bekostiging) vallen voor de maatschappij tegen elkaar weg maar niet per partij. Scholen en gemeenten "
        "die begeleiding uitvoeren met rijksgeld zijn doorgeefluik: hun uitgaven staan bij het Rijk.",
        "",
        "## Kengetallen",
        "",
    ]
    k = r.kengetallen.set_index("scenario")
    tabel = pd.DataFrame({
        "NCW maatschappij (mln)": k.ncw_maatschappij.map(mln),
        "kosten (mln)": k.kosten.map(mln),
        "baten (mln)": k.baten.map(mln),
        "B/K": k.baten_kosten_verhouding.map(lambda x: f"{x:.2f}".replace(".", ",") if np.isfinite(x) else "n.v.t."),
        "terugverdienjaar": k.terugverdienjaar.map(lambda x: "niet binnen de horizon" if x is None or pd.isna(x) else str(int(x))),
        "voorkomen vsv'ers": k.voorkomen_vsv.map(getal),
        "kosten per voorkomen vsv'er": k.kosten_per_voorkomen_vsv.map(getal),
        "kosten per extra jongere in duurzaam werk": k.kosten_per_extra_duurzaam_werk.map(getal),
        "break-even effect": k.break_even_effectschaal.map(
            lambda x: "n.v.t." if not np.isfinite(x) else f"{x:.0%} van het aangenomen effect".replace(".", ",")),
    })
    tabel.index.name = "scenario"
    regels += [tabel_md(tabel), "",
               "*Break-even effect*: bij welk deel van de aangenomen begeleidingseffecten de netto contante "
               "waarde nul is (lineair tussen een run zonder effect en de run met effect). Onder 100%: het "
               "effect mag zo veel kleiner zijn; boven 100%: het effect moet zo veel groter zijn.", ""]
    for alt in vergelijking.alternatieven:
        o = r.overzicht(alt.naam)
        o = o.loc[(o.abs() > 1e-9).any(axis=1)]  # posten zonder verschil weglaten
        o.index = [postnaam(p) for p in o.index]
        o.loc["Saldo"] = o.sum()
        o = o.map(nl)
        o.index.name = "post (mln euro)"
        regels += [f"## {alt.naam}: {alt.scenario.beschrijving}", "", tabel_md(o), "",
                   f"![Kosten en baten per partij over de tijd](mkba_per_partij_{alt.naam}.png)", ""]
    regels += ["## Niet in euro's uitgedrukte effecten", "",
               "| effect | richting | toelichting |", "|---|---|---|"]
    regels += [f"| {e} | {r_} | {t} |" for e, r_, t in NIET_GEWAARDEERD]
    regels += ["", "## Aannames die er het meest toe doen", "",
               "Alle waarden staan met bron en bandbreedte in `simulatie/parameters/*.yaml`; de "
               "gevoeligheidsanalyse (`jongeren gevoeligheid`) laat zien welke de uitkomst het sterkst sturen.", "",
               "| parameter | waarde | bron | bandbreedte |", "|---|---|---|---|"]
    for _, a in r.aannames.iterrows():
        band = f"{a.laag:g} - {a.hoog:g}" if np.isfinite(a.laag) else "vast"
        regels.append(f"| `{a.naam}` | {a.waarde:g} | {a.bron} | {band} |")
    return "\n".join(regels) + "\n"


def figuur_per_partij(resultaat: Resultaat, scenario: str) -> Figure:
    """Wie betaalt wanneer, wie wint wanneer: verschil met het nulalternatief per jaar en partij."""
    d = resultaat.per_jaar[(resultaat.per_jaar.scenario == scenario)]
    tabel = d[d.partij != MAATSCHAPPIJ].pivot_table(index="jaar", columns="partij", values="verschil") / 1e6
    tabel = tabel.reindex(columns=[p for p in PARTIJEN if p in tabel.columns])
    tabel = tabel.loc[:, (tabel.abs() > 1e-9).any()]
    maatschappij = d[d.partij == MAATSCHAPPIJ].set_index("jaar").contant.cumsum() / 1e6
    fig = Figure(figsize=(A4_BREED[0], 4.2), layout="constrained")
    ax = fig.add_subplot()
    jaren = tabel.index.to_numpy()
    onder_pos, onder_neg = np.zeros(len(jaren)), np.zeros(len(jaren))
    kleuren = dict(zip(PARTIJEN, ["#4477AA", "#66CCEE", "#228833", "#CCBB44", "#EE6677", "#AA3377", "#BBBBBB", "#777777"]))
    for partij in tabel.columns:
        w = tabel[partij].to_numpy()
        onder = np.where(w >= 0, onder_pos, onder_neg)
        ax.bar(jaren, w, bottom=onder, label=PARTIJNAMEN[partij], color=kleuren[partij], width=0.8)
        onder_pos += np.where(w >= 0, w, 0)
        onder_neg += np.where(w < 0, w, 0)
    ax.plot(maatschappij.index, maatschappij.to_numpy(), color="black", marker="o", ms=3,
            label="Maatschappij, cumulatief contant")
    ax.axhline(0, color="black", lw=0.6)
    if resultaat.eindwaarde:
        ax.annotate("incl. eindwaarde", (jaren[-1], onder_pos[-1]), xytext=(0, 4), textcoords="offset points",
                    ha="center", fontsize=7)
    ax.set_ylabel("miljoen euro per jaar (verschil met nul)")
    ax.set_title(f"{scenario}: kosten (-) en baten (+) per partij", loc="left")
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize=7)
    return fig


def figuur_effecten(effecten: pd.DataFrame, nul: str) -> Figure:
    """Verschil met het nulalternatief per jaar: nieuwe vsv'ers, jongeren in (duurzaam) werk, buiten beeld."""
    e = effecten[(effecten.scenario != nul) & (effecten.jaar != "totaal")].copy()
    e["jaar"] = e.jaar.astype(int)
    panelen = [("nieuwe_vsv", "Nieuwe vsv'ers per jaar"), ("werk", "Jongeren aan het werk (gem.)"),
               ("duurzaam_werk", "In duurzaam werk (≥ 12 mnd)"), ("buiten_beeld", "Thuis en buiten beeld (gem.)")]
    fig = Figure(figsize=(A4_BREED[0], 4.6), layout="constrained")
    assen = fig.subplots(2, 2, sharex=True)
    for ax, (indicator, titel) in zip(assen.flat, panelen):
        t = e[e.indicator == indicator].pivot_table(index="jaar", columns="scenario", values="verschil_met_nul")
        for kolom in t.columns:
            ax.plot(t.index, t[kolom].to_numpy(), marker="o", ms=2.5, label=kolom)
        ax.axhline(0, color="black", lw=0.6)
        ax.set_title(titel, loc="left", fontsize=9)
        ax.yaxis.set_major_formatter(FuncFormatter(duizendtallen))
        ax.tick_params(labelsize=7)
    assen[0, 0].legend(frameon=False, fontsize=7)
    fig.suptitle(f"Verschil met {nul}", fontsize=10)
    return fig


def figuur_dekking(regio: pd.DataFrame, nul: str) -> Figure:
    """Per regio: welk deel van wie in aanmerking komt, krijgt begeleiding (gemiddeld per maand)."""
    r = regio[regio.scenario != nul]
    fig = Figure(figsize=(A4_BREED[0], 7.5), layout="constrained")
    ax = fig.add_subplot()
    volgorde = r.groupby("naam").dekking.mean().sort_values().index
    y = {naam: i for i, naam in enumerate(volgorde)}
    for scenario, groep in r.groupby("scenario", sort=False):
        ax.scatter(groep.dekking, [y[n] for n in groep.naam], s=14, label=scenario)
    ax.set_yticks(range(len(volgorde)), volgorde, fontsize=6.5)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel("Dekking: begeleid / in aanmerking (gemiddeld per maand)")
    ax.set_title("Dekking van de begeleiding per RMC-regio", loc="left")
    ax.legend(frameon=False, fontsize=7)
    ax.grid(axis="x", alpha=0.3)
    return fig


def schrijf_figuren(map_: Path, resultaat: Resultaat, vergelijking, effecten: pd.DataFrame,
                    regio: pd.DataFrame) -> list[str]:
    namen = []
    bewaar(figuur_effecten(effecten, vergelijking.nul.naam), map_ / "effecten")
    namen.append("effecten")
    if regio.dekking.notna().any():
        bewaar(figuur_dekking(regio, vergelijking.nul.naam), map_ / "regio_dekking")
        namen.append("regio_dekking")
    for alt in vergelijking.alternatieven:
        bewaar(figuur_per_partij(resultaat, alt.naam), map_ / f"mkba_per_partij_{alt.naam}")
        namen.append(f"mkba_per_partij_{alt.naam}")
    return namen
