"""De cijfertabellen van README.md, gemaakt uit de vastgelegde uitvoer van `jongeren kalibreer` (kalibratie/*.csv).

    python -m simulatie.rapportage.readme               # schrijft de tabellen opnieuw in README.md
    python -m simulatie.rapportage.readme --controleer  # afsluitcode 1 als README.md iets anders zegt

In README.md staat elke tabel tussen `<!-- cijfers: NAAM ... -->` en `<!-- /cijfers -->`; alleen wat daartussen
staat, wordt vervangen. `tests/test_readme.py` faalt als README.md en deze module het oneens zijn, zodat een nieuwe
kalibratie de README niet stil achterlaat. Andere uitkomsten staan niet in README.md maar in hun eigen bestand
(`kalibratie/rapport.md`, `benchmarks/README.md`, en de uitvoer van een run).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd

from simulatie.gedeeld.opmaak import getal, nl

WORTEL = Path(__file__).resolve().parents[2]
KALIBRATIE = WORTEL / "kalibratie"
README = WORTEL / "README.md"

_BLOK = re.compile(r"(<!-- cijfers: (?P<naam>[a-z_]+)\b[^>]*-->\n)(?P<inhoud>.*?)(<!-- /cijfers -->)", re.S)

# De standen naast hun bron: (regel in de README, doel uit doelen.csv of toets uit toetsen.csv, naam, bron kort)
STANDEN = [
    ("NEET 15-27 (EBB)", "doel", "neet", "CBS Jeugdmonitor"),
    ("bijstand onder 27", "doel", "bijstand_onder_27", "CBS"),
    ("werkloosheid niet-onderwijsvolgend 15-27", "doel", "werkloosheid_niet_onderwijsvolgend", "CBS"),
    ("WW onder 25", "doel", "ww_onder_25", "UWV"),
    ("jongeren 15-27", "toets", "jongeren_15_27", "CBS"),
    ("in onderwijs (register)", "toets", "onderwijs_15_27", "CBS"),
    ("aan het werk, niet in onderwijs (register)", "toets", "werkend_niet_onderwijs_15_27", "CBS"),
    ("niet werkzaam, of in instelling of arbeidsongeschikt", "toets", "niet_werkzaam_niet_onderwijs_15_27", "CBS"),
]


def _rond(x: float, eenheid: str) -> str:
    """Een aandeel als percentage met één decimaal, een aantal op vier cijfers (110.326 wordt 110.300)."""
    if eenheid == "aandeel":
        return f"{nl(100 * x, 1)}%"
    cijfers = max(0, len(str(int(abs(x)))) - 4)
    return getal(round(x, -cijfers))


def populatietabel(map_: Path = KALIBRATIE) -> str:
    """De opgewarmde populatie in januari 2026 naar leeftijd en toestand, naast het CBS (populatie.csv)."""
    p = pd.read_csv(map_ / "populatie.csv")
    kolommen = {"leeftijd": "leeftijd", "onderwijs": "onderwijs", "werk": "werk", "bijstand": "bijstand", "ww": "WW",
                "wajong": "Wajong", "zorg": "zorg", "thuis": "thuis", "model_totaal": "model", "cbs_totaal": "CBS"}
    regels = ["| " + " | ".join(kolommen.values()) + " |", "|" + "---|" * len(kolommen)]
    for i, rij in p.iterrows():
        cellen = [str(rij[k]) if k == "leeftijd" else getal(rij[k]) for k in kolommen]
        if i == len(p) - 1:  # het totaal
            cellen = [f"**{c}**" for c in cellen]
        regels.append("| " + " | ".join(cellen) + " |")
    return "\n".join(regels)


def _jaren(peiljaren: pd.Series) -> str:
    jaren = sorted({str(j)[:4] for j in peiljaren})
    return jaren[0] if len(jaren) == 1 else f"{jaren[0]}-{jaren[-1]}"


def standentabel(map_: Path = KALIBRATIE) -> str:
    """Model tegen bron voor de gefitte standen (fit.csv, op schaal 1) en de toetsen (toetsen_uitkomst.csv)."""
    fit, doelen = pd.read_csv(map_ / "fit.csv"), pd.read_csv(map_ / "doelen.csv")
    toetsen = pd.read_csv(map_ / "toetsen_uitkomst.csv").set_index("toets")
    regels = ["| stand | model | bron | gefit? |", "|---|---|---|---|"]
    for label, soort, naam, kort in STANDEN:
        if soort == "doel":
            f, d = fit[fit.doel == naam], doelen[doelen.doel == naam]
            eenheid = d.eenheid.iloc[0]
            laag, hoog = _rond(d.waarde.min(), eenheid), _rond(d.waarde.max(), eenheid)
            bron = (laag if laag == hoog else f"{laag} tot {hoog}") + f" ({_jaren(d.peiljaar)}, {kort})"
            model = _rond(f.modelwaarde_schaal_1.mean(), eenheid)
            gefit = "ja" if len(f) == 1 else f"ja, één niveau voor de {len(f)} punten van de reeks"
            if not f.binnen_tolerantie_schaal_1.all():
                gefit += ", maar buiten de tolerantie"
        else:
            t = toetsen.loc[naam]
            bron = f"{_rond(t.waarde, t.eenheid)} ({_jaren(pd.Series([t.peiljaar]))}, {kort})"
            model = _rond(t.modelwaarde, t.eenheid)
            gefit = ("nee" if t.binnen_bandbreedte else
                     "nee: **te laag**" if t.modelwaarde < t.bandbreedte_laag else "nee: **te hoog**")
        regels.append(f"| {label} | {model} | {bron} | {gefit} |")
    return "\n".join(regels)


def tabellen(map_: Path = KALIBRATIE) -> dict[str, str]:
    return {"populatie": populatietabel(map_), "standen": standentabel(map_)}


def bijgewerkt(tekst: str, map_: Path = KALIBRATIE) -> str:
    """`tekst` (de README) met elke gemarkeerde tabel opnieuw gemaakt; een onbekende naam is een fout."""
    nieuw = tabellen(map_)

    def vervang(m: re.Match) -> str:
        if m["naam"] not in nieuw:
            raise KeyError(f"README.md: onbekende cijfertabel '{m['naam']}' (bekend: {', '.join(nieuw)})")
        return m.group(1) + nieuw[m["naam"]] + "\n" + m.group(4)

    return _BLOK.sub(vervang, tekst)


def blokken(tekst: str) -> list[str]:
    """De namen van de gemarkeerde tabellen in `tekst`, in volgorde."""
    return [m["naam"] for m in _BLOK.finditer(tekst)]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    oud = README.read_text(encoding="utf-8")
    nieuw = bijgewerkt(oud)
    if "--controleer" in argv:
        if nieuw != oud:
            print("README.md wijkt af van kalibratie/*.csv: draai `python -m simulatie.rapportage.readme`.",
                  file=sys.stderr)
            return 1
        return 0
    if nieuw != oud:
        README.write_text(nieuw, encoding="utf-8")
        print("README.md bijgewerkt.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
