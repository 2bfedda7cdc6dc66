"""Parameters als data: elke waarde met bron, jaar en (waar onzeker) een verdeling.

De YAML-bestanden in deze map zijn de enige plek waar het model getallen vandaan haalt.
Een blad in de boom is een mapping met minstens `waarde`, `bron` en `jaar`; het pad ernaartoe,
met punten verbonden, is de naam van de parameter (bijvoorbeeld `overgangen.vsv_kans.bol_1`).
Een waarde zonder gepubliceerde bron heeft `bron: aanname`, een `toelichting` en een `verdeling`.

Gekalibreerde waarden (kalibratie/gekalibreerd.yaml) overschrijven de eerste schattingen.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml

from simulatie.fouten import InvoerFout

MAP = Path(__file__).parent
BESTANDEN = ("populatie", "overgangen", "regio", "beleid", "prijzen")
VERDELINGEN = ("uniform", "driehoek", "normaal")


@dataclass(frozen=True)
class Verdeling:
    """Onzekerheid van een parameter, als kwantielfunctie zodat SALib-steekproeven erop passen."""

    type: str
    laag: float
    hoog: float
    modus: float | None = None
    sd: float | None = None

    def kwantiel(self, q):
        """Waarde bij kans q (0..1); werkt op scalars en NumPy-arrays."""
        import numpy as np
        from scipy import stats

        q = np.asarray(q, dtype=float)
        if self.type == "uniform":
            return self.laag + q * (self.hoog - self.laag)
        if self.type == "driehoek":
            breedte = self.hoog - self.laag
            c = 0.5 if breedte == 0 else (self.modus - self.laag) / breedte
            return stats.triang.ppf(q, c, loc=self.laag, scale=breedte)
        # normaal, afgekapt op [laag, hoog]
        a = (self.laag - self.modus) / self.sd
        b = (self.hoog - self.modus) / self.sd
        return stats.truncnorm.ppf(q, a, b, loc=self.modus, scale=self.sd)


@dataclass(frozen=True)
class Parameter:
    naam: str
    waarde: float
    bron: str
    jaar: str
    eenheid: str = ""
    toelichting: str = ""
    verdeling: Verdeling | None = None

    @property
    def is_aanname(self) -> bool:
        return self.bron.strip().lower().startswith("aanname")


@dataclass(frozen=True)
class Parameters:
    """Alle parameters, plat op naam. Onveranderlijk: `vervang` geeft een nieuwe set."""

    items: Mapping[str, Parameter]
    herkomst: tuple[str, ...] = field(default_factory=tuple)

    def __getitem__(self, naam: str) -> float:
        try:
            return self.items[naam].waarde
        except KeyError:
            raise KeyError(f"onbekende parameter '{naam}'") from None

    def __contains__(self, naam: str) -> bool:
        return naam in self.items

    def info(self, naam: str) -> Parameter:
        return self.items[naam]

    def groep(self, voorvoegsel: str) -> dict[str, float]:
        """Alle waarden onder een voorvoegsel, op hun laatste naamdeel: groep('overgangen.vsv_kans')."""
        prefix = voorvoegsel.rstrip(".") + "."
        return {n[len(prefix):]: self[n] for n in self.items if n.startswith(prefix)}

    def onzeker(self) -> list[str]:
        """Namen van de parameters met een verdeling (de onzekerheden van de gevoeligheidsanalyse)."""
        return [n for n, p in self.items.items() if p.verdeling is not None]

    def vervang(self, waarden: Mapping[str, float], bron: str = "vervangen") -> "Parameters":
        onbekend = [n for n in waarden if n not in self.items]
        if onbekend:
            raise InvoerFout(
                f"Onbekende parameter(s): {', '.join(sorted(onbekend))}.",
                toegestaan="namen uit simulatie/parameters/*.yaml (zie Parameters.items)",
            )
        nieuw = dict(self.items)
        for naam, waarde in waarden.items():
            nieuw[naam] = replace(nieuw[naam], waarde=float(waarde))
        return Parameters(nieuw, self.herkomst + (bron,))

    def prijs(self, naam: str, prijsjaar: int | None = None) -> float:
        """Een bedrag omgerekend naar `prijsjaar` (standaard prijzen.mkba.prijsjaar) met de CBS-prijsindex.

        Het jaar van de parameter is zijn prijsjaar; een jaartal als 'ca. 2018' of '2022-2024' telt
        met het eerste jaartal."""
        p = self.items[naam]
        doel = int(prijsjaar if prijsjaar is not None else self["prijzen.mkba.prijsjaar"])
        return p.waarde * self.prijsindex(doel) / self.prijsindex(_jaartal(p))

    def prijsindex(self, jaar: int) -> float:
        sleutel = f"prijzen.prijsindex.j{jaar}"
        if sleutel not in self.items:
            jaren = sorted(n.rsplit(".j", 1)[1] for n in self.items if n.startswith("prijzen.prijsindex."))
            raise InvoerFout(f"Geen prijsindex voor {jaar}.", veld="prijsjaar",
                             toegestaan=f"een jaar uit prijzen.yaml: {', '.join(jaren)}")
        return self[sleutel]

    def registrerend(self) -> tuple["Parameters", set[str]]:
        """Dezelfde parameters, plus de verzameling namen die sindsdien gelezen worden.

        Een run hangt alleen af van de parameters die hij leest: twee runs die op alle gelezen namen
        dezelfde waarden hebben, zijn gelijk. Zo hergebruikt een experiment simulaties tussen gevallen
        die alleen verschillen in parameters die de simulatie niet leest (bijvoorbeeld prijzen)."""
        lezer = _Lezer(self.items)
        return Parameters(lezer, self.herkomst), lezer.gelezen

    def als_dict(self) -> dict[str, float]:
        """Alle waarden, voor de herkomst van een uitkomst: dit kopiëren telt niet als lezen (`registrerend`)."""
        items = self.items
        while isinstance(items, _Lezer):
            items = items._items
        return {n: p.waarde for n, p in items.items()}

    def frame(self):
        """De parameters als pandas DataFrame, met bron en onzekerheid: voor notebooks en rapporten."""
        import pandas as pd

        rijen = []
        for p in self.items.values():
            v = p.verdeling
            rijen.append({
                "naam": p.naam, "waarde": p.waarde, "eenheid": p.eenheid, "bron": p.bron, "jaar": p.jaar,
                "verdeling": v.type if v else "", "laag": v.laag if v else math.nan,
                "hoog": v.hoog if v else math.nan,
            })
        return pd.DataFrame(rijen)


class Geheugen:
    """Onthoudt wat een deterministische berekening met parameters opleverde.

    Een uitkomst geldt voor elke parameterset met dezelfde waarden op alle parameters die de berekening
    las (zie `Parameters.registrerend`): ook voor een set die alleen verschilt in parameters die zij niet
    leest. Wordt het geheugen groter dan `maximum` (in `grootte`-eenheden, standaard aantal uitkomsten),
    dan gaan de oudste uitkomsten eruit; een uitkomst groter dan een achtste van het maximum wordt niet
    bewaard (een geheugen dat maar een paar uitkomsten houdt, wint niets)."""

    def __init__(self, maximum: float = math.inf, grootte=lambda waarde: 1):
        self.maximum, self._grootte = maximum, grootte
        self._uitkomsten: dict[Any, list[tuple[dict[str, float], Any, float]]] = {}
        self.totaal = 0.0

    def haal(self, sleutel, p: "Parameters", bereken):
        """De uitkomst van `bereken(p)` voor deze sleutel (de invoer die geen parameter is)."""
        for gelezen, waarde, _ in self._uitkomsten.get(sleutel, ()):
            if all(p[n] == w for n, w in gelezen.items()):  # leest via p: een omhullende registratie ziet het
                return waarde
        gevolgd, namen = p.registrerend()
        waarde = bereken(gevolgd)
        grootte = self._grootte(waarde)
        if grootte * 8 > self.maximum:
            return waarde
        self._uitkomsten.setdefault(sleutel, []).append(({n: p[n] for n in namen}, waarde, grootte))
        self.totaal += grootte
        while self.totaal > self.maximum and self._uitkomsten:
            oudste = next(iter(self._uitkomsten))
            self.totaal -= self._uitkomsten[oudste].pop(0)[2]
            if not self._uitkomsten[oudste]:
                del self._uitkomsten[oudste]
        return waarde

    def __len__(self) -> int:
        return sum(len(v) for v in self._uitkomsten.values())


class _Lezer(Mapping):
    """Een mapping die onthoudt welke sleutels gelezen zijn (itereren over de namen telt niet)."""

    def __init__(self, items: Mapping[str, Parameter]):
        self._items = items
        self.gelezen: set[str] = set()

    def __getitem__(self, naam: str) -> Parameter:
        waarde = self._items[naam]
        self.gelezen.add(naam)
        return waarde

    def __iter__(self):
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, naam) -> bool:
        return naam in self._items


def _jaartal(p: Parameter) -> int:
    import re

    gevonden = re.search(r"(19|20)\d\d", p.jaar)
    if not gevonden:
        raise InvoerFout(f"Parameter '{p.naam}' heeft geen jaartal als prijsjaar ('{p.jaar}').", veld=p.naam,
                         toegestaan="een jaar van vier cijfers in 'jaar'")
    return int(gevonden.group(0))


def _verdeling(naam: str, bestand: Path, ruw: Any, waarde: float) -> Verdeling | None:
    if ruw is None:
        return None
    if not isinstance(ruw, Mapping) or ruw.get("type") not in VERDELINGEN:
        raise InvoerFout(
            f"Parameter '{naam}' heeft een ongeldige verdeling.", bestand=bestand, veld=f"{naam}.verdeling",
            toegestaan=f"een mapping met type {' | '.join(VERDELINGEN)} en laag/hoog",
        )
    try:
        laag, hoog = float(ruw["laag"]), float(ruw["hoog"])
    except (KeyError, TypeError, ValueError):
        raise InvoerFout(f"Verdeling van '{naam}' mist getallen laag en hoog.", bestand=bestand,
                         veld=f"{naam}.verdeling", toegestaan="laag <= waarde <= hoog") from None
    if not laag <= waarde <= hoog:
        raise InvoerFout(f"Waarde {waarde} van '{naam}' ligt buiten de verdeling [{laag}, {hoog}].",
                         bestand=bestand, veld=f"{naam}.verdeling", toegestaan="laag <= waarde <= hoog")
    sd = ruw.get("sd")
    if ruw["type"] == "normaal" and not sd:
        raise InvoerFout(f"Normale verdeling van '{naam}' mist sd.", bestand=bestand,
                         veld=f"{naam}.verdeling.sd", toegestaan="een positief getal")
    return Verdeling(ruw["type"], laag, hoog, modus=waarde, sd=float(sd) if sd else None)


def _bladeren(boom: Mapping, pad: tuple[str, ...], bestand: Path) -> Iterable[Parameter]:
    for sleutel, knoop in boom.items():
        if str(sleutel).startswith("_"):
            continue  # _beschrijving en dergelijke: documentatie, geen parameter
        naam = ".".join(pad + (str(sleutel),))
        if not isinstance(knoop, Mapping):
            raise InvoerFout(f"'{naam}' is geen parameter met waarde, bron en jaar.", bestand=bestand,
                             veld=naam, toegestaan="een mapping met waarde, bron en jaar")
        if "waarde" not in knoop:
            yield from _bladeren(knoop, pad + (str(sleutel),), bestand)
            continue
        ontbreekt = [k for k in ("bron", "jaar") if not knoop.get(k)]
        if ontbreekt:
            raise InvoerFout(f"Parameter '{naam}' mist {' en '.join(ontbreekt)}.", bestand=bestand,
                             veld=naam, toegestaan="elke waarde heeft een bron en een jaar")
        try:
            waarde = float(knoop["waarde"])
        except (TypeError, ValueError):
            raise InvoerFout(f"Parameter '{naam}' heeft geen getal als waarde.", bestand=bestand,
                             veld=f"{naam}.waarde", toegestaan="een getal") from None
        bron = str(knoop["bron"])
        verdeling = _verdeling(naam, bestand, knoop.get("verdeling"), waarde)
        if bron.lower().startswith("aanname") and (verdeling is None or not knoop.get("toelichting")):
            raise InvoerFout(f"Aanname '{naam}' mist een toelichting of een verdeling.", bestand=bestand,
                             veld=naam, toegestaan="een aanname zegt waarom (toelichting) en hoe onzeker (verdeling)")
        yield Parameter(naam, waarde, bron, str(knoop["jaar"]), str(knoop.get("eenheid", "")),
                        str(knoop.get("toelichting", "")), verdeling)


def lees_bestand(bestand: Path, voorvoegsel: str) -> dict[str, Parameter]:
    try:
        boom = yaml.safe_load(Path(bestand).read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise InvoerFout("Parameterbestand niet gevonden.", bestand=bestand) from None
    except yaml.YAMLError as fout:
        raise InvoerFout(f"Parameterbestand is geen geldige YAML: {fout}.", bestand=bestand) from None
    pad = (voorvoegsel,) if voorvoegsel else ()
    return {p.naam: p for p in _bladeren(boom, pad, Path(bestand))}


def gekalibreerd_bestand() -> Path:
    return MAP.parent.parent / "kalibratie" / "gekalibreerd.yaml"


def laad_parameters(gekalibreerd: bool | Path = True) -> Parameters:
    """Lees alle parameterbestanden; met `gekalibreerd` (standaard) de gefitte waarden eroverheen.

    Het resultaat is onveranderlijk; gelezen bestanden worden onthouden zolang ze niet wijzigen."""
    pad = gekalibreerd_bestand() if gekalibreerd is True else (Path(gekalibreerd) if gekalibreerd else None)
    stempels = tuple((MAP / f"{naam}.yaml").stat().st_mtime_ns for naam in BESTANDEN)
    kal = pad.stat().st_mtime_ns if pad is not None and pad.exists() else None
    return _laad(str(pad) if pad else None, stempels, kal)


@lru_cache(maxsize=8)
def _laad(pad: str | None, _stempels: tuple, _kalibratiestempel) -> Parameters:
    items: dict[str, Parameter] = {}
    for naam in BESTANDEN:
        items.update(lees_bestand(MAP / f"{naam}.yaml", naam))
    parameters = Parameters(items, ("simulatie/parameters",))
    if pad is not None and Path(pad).exists():
        fit = yaml.safe_load(Path(pad).read_text(encoding="utf-8")) or {}
        parameters = parameters.vervang(fit.get("waarden", {}), bron=Path(pad).name)
    return parameters
