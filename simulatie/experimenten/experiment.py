"""Experimenten: veel gevallen (scenario, parameterwaarden, seed) draaien op een uitvoerder.

Een geval is een rij van een ontwerp (een matrix van parameterwaarden). Een evaluator rekent een geval
uit tot een dict met uitkomsten. De uitvoerder (uitvoering.py) is standaard een pool van lokale processen
(alle kernen), of een Dask-cluster (`dask="lokaal"` of het adres van een scheduler). Elk afgerond geval wordt meteen
als eigen Parquet-bestand in de opslag geschreven (eerst onder een tijdelijke naam, dan hernoemd), ook als
een werker meer gevallen samen rekent: een onderbroken experiment hervat waar het stopte, zonder een geval
te verliezen of dubbel te rekenen.

Hervatten mengt nooit twee experimenten. De opslag draagt een vingerafdruk van alles wat zijn gevallen
bepaalt (het ontwerp, de herkomst, en van de evaluator: de scenario's na `basis`, alle parameterwaarden met
de gekalibreerde, de versie van het pakket, seed, schaal en jaren); bij een andere vingerafdruk weigert
`draai` te hervatten en zegt wat verschilt (met `opnieuw` begint hij opnieuw). Elk gevalbestand draagt zijn
nummer, de vingerafdruk van zijn opslag en een controlegetal over zijn invoer en uitkomsten; een bestand
dat daar niet bij past (leeg, afgekapt, van een ander geval of een andere opslag gekopieerd) geeft een
InvoerFout die het bestand noemt. Het wordt niet stilzwijgend opnieuw gerekend: wie het bestand weghaalt,
laat alleen dat geval opnieuw rekenen; `opnieuw` gooit alle gevallen weg.

In de taal van de EMA Workbench (woordenschat.py): de parameters met een verdeling zijn de onzekerheden, de
hefbomen veranderen het alternatief, de uitkomstmaten zijn de outcomes.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from simulatie.experimenten.runs import Rungeheugen
from simulatie.experimenten.uitvoering import Uitvoerder, kies_uitvoerder
from simulatie.experimenten.vergelijking import gelezen_parameters
from simulatie.experimenten.woordenschat import (ONTWERPHEFBOMEN, TREKKING, effectuitkomsten, groepsuitkomsten,
                                                 ncw_uitkomsten, splits, zaad)
from simulatie.gedeeld.fouten import InvoerFout
from simulatie.gedeeld.uitvoer import atomair
from simulatie.gedeeld.versie import __version__
from simulatie.invoer.parameters import laad_parameters
from simulatie.invoer.scenario import valideer

ONTWERP = "ontwerp.parquet"
OPSLAG = "gevallen"
MANIFEST = "experiment.json"
GEVALBESTAND = re.compile(r"geval-(\d{6})\.parquet")
HERSTEL = ("verwijder dit bestand (dan wordt alleen dit geval opnieuw gerekend), of begin opnieuw met --opnieuw "
           "(alle opgeslagen gevallen gaan weg)")
# wat een deel van de vingerafdruk betekent, voor de melding bij een verschil
DELEN = {
    "nulalternatief": "het nulalternatief (de inhoud van het scenario)",
    "alternatief": "het alternatief (de inhoud van het scenario)",
    "parameters": "de parameterwaarden (parameterbestanden of gekalibreerde waarden)",
    "versie": "de versie van het pakket",
    "instellingen": "seed, schaal of jaren",
    "evaluator": "wat een geval uitrekent",
    "herkomst": "de opdracht (methode, n, seed, schaal, jaren of onderdeel)",
    "ontwerp": "het ontwerp (de parameterwaarden van de gevallen)",
}


def _hash(data) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str, allow_nan=True).encode()).hexdigest()


def vingerafdruk(delen: Mapping[str, object]) -> dict[str, str]:
    """Per deel een sha256 over zijn inhoud, plus 'totaal' over alle delen."""
    afdruk = {naam: _hash(inhoud) for naam, inhoud in delen.items()}
    return {**afdruk, "totaal": _hash(afdruk)}


def verschillen(oud: Mapping[str, str] | None, nieuw: Mapping[str, str]) -> list[str]:
    """In woorden: welke delen van twee vingerafdrukken verschillen."""
    if not isinstance(oud, Mapping):
        return ["de opslag is van een oudere versie (zonder vingerafdruk)"]
    namen = [n for n in {**oud, **nieuw} if n != "totaal" and oud.get(n) != nieuw.get(n)]
    return [DELEN.get(n, n) for n in namen] or (["de vingerafdruk"] if oud.get("totaal") != nieuw["totaal"] else [])


# ------------------------------------------------------------------------------------ evaluatoren

@dataclass(frozen=True)
class Vergelijkingsevaluator:
    """Een geval = het alternatief tegen het nulalternatief met deze parameterwaarden (zelfde seed).

    Gevallen kunnen samen worden uitgerekend (`groep`): een simulatie wordt dan hergebruikt door elk
    geval dat op alle parameters die die simulatie las dezelfde waarde heeft. Het resultaat per geval is
    precies gelijk aan dat van een los geval; het scheelt simulaties als een experiment prijzen varieert
    (die leest de simulatie niet) of effecten van begeleiding die het nulalternatief niet kent."""

    nul: dict
    alternatief: dict
    seed: int = 0
    schaal: int = 50
    jaren: int = 10
    vast: Mapping[str, float] = field(default_factory=dict)
    # ook effecten en NCW per groep en regio (groepen.py): runs met uitsplitsing, uitkomsten 'groep:...'
    per_groep: bool = False

    def vingerafdruk(self) -> dict:
        """Alles wat de uitkomst van een geval bepaalt, behalve de waarden van het geval zelf."""
        return {"nulalternatief": self.nul, "alternatief": self.alternatief,
                "parameters": {**laad_parameters().als_dict(), **self.vast}, "versie": __version__,
                "instellingen": {"seed": self.seed, "schaal": self.schaal, "jaren": self.jaren,
                                 "per_groep": self.per_groep}}

    def __call__(self, waarden: Mapping[str, float]) -> dict[str, float]:
        return next(self.groep([waarden]))

    def groep(self, gevallen: Iterable[Mapping[str, float]], runs: Rungeheugen | None = None
              ) -> Iterator[dict[str, float]]:
        """De uitkomsten van een reeks gevallen, in volgorde, met gedeelde simulaties (in `runs`)."""
        runs = runs if runs is not None else Rungeheugen()
        effecten: dict[tuple[int, int], dict[str, float]] = {}
        for waarden in gevallen:
            nul, alt, p = self.invoer(waarden)
            seed = self.zaad(waarden)
            u_nul, u_alt = (runs.run(s, p, seed=seed, schaal=self.schaal, jaren=self.jaren,
                                     uitsplitsing=self.per_groep) for s in (nul, alt))
            paar = (id(u_nul), id(u_alt))
            if paar not in effecten:
                effecten[paar] = effectuitkomsten(u_nul, u_alt, p)
            groepen = groepsuitkomsten(u_nul, u_alt, p) if self.per_groep else {}
            yield {**ncw_uitkomsten(u_nul, u_alt, p), **effecten[paar], **groepen}

    def groepssleutels(self, ontwerp: pd.DataFrame) -> list[tuple]:
        """Per geval de waarden van de gevarieerde parameters die het nulalternatief leest: gevallen met
        dezelfde sleutel delen hun nulrun en gaan samen naar één werker. Een proefrun met de
        basiswaarden laat zien welke parameters dat zijn."""
        nul, _, p = self.invoer({})
        gelezen = gelezen_parameters(nul, jaren=self.jaren, seed=self.seed, schaal=self.schaal, parameters=p)
        relevant = [k for k in ontwerp.columns if k in gelezen or k == TREKKING]
        if not relevant:
            return [()] * len(ontwerp)
        return list(ontwerp[relevant].itertuples(index=False, name=None))

    def zaad(self, waarden: Mapping[str, float]) -> int:
        """Het zaad van een geval (woordenschat.zaad: met een populatietrekking een ander zaad per trekking)."""
        return zaad(self.seed, waarden)

    def invoer(self, waarden: Mapping[str, float]):
        """(nulalternatief, alternatief, parameters) van een geval: de parameterwaarden naar de parameters, de
        hefbomen (woordenschat.ONTWERPHEFBOMEN) naar het alternatief; de trekking kiest alleen het zaad."""
        parameters, hefbomen, _ = splits(waarden)
        nul, alt = dict(self.nul), dict(self.alternatief)
        for naam, waarde in hefbomen.items():
            alt = ONTWERPHEFBOMEN[naam].pas_toe(alt, waarde)
        p = laad_parameters().vervang({**self.vast, **parameters}, bron="experiment")
        return valideer(nul), valideer(alt), p


# ------------------------------------------------------------------------------------ een taak

def _reken(taak: tuple[Callable, list[tuple[int, dict[str, float]]]], kanaal) -> int:
    """Reken een taak (evaluator, één of meer gevallen) uit en meld elk geval zodra het klaar is op `kanaal`
    als (nummer, uitkomsten, seconden); geeft het aantal gevallen."""
    evaluator, gevallen = taak
    if len(gevallen) == 1 or not hasattr(evaluator, "groep"):
        for geval, waarden in gevallen:
            start = time.perf_counter()
            kanaal.put((geval, evaluator(waarden), time.perf_counter() - start))
        return len(gevallen)
    start = time.perf_counter()
    for (geval, _), uitkomst in zip(gevallen, evaluator.groep(w for _, w in gevallen)):
        nu = time.perf_counter()
        kanaal.put((geval, uitkomst, nu - start))  # de seconden die dit geval aan de taak toevoegde
        start = nu
    return len(gevallen)


# ------------------------------------------------------------------------------------ het experiment

@dataclass
class Experiment:
    """Een ontwerp van gevallen met een evaluator, en een opslagmap waar de resultaten landen."""

    map: Path
    ontwerp: pd.DataFrame           # één rij per geval; kolommen = parameternamen
    evaluator: Callable[[Mapping[str, float]], dict[str, float]]
    herkomst: dict = field(default_factory=dict)

    def __post_init__(self):
        self.map = Path(self.map)
        self.opslag = self.map / OPSLAG
        self.ontwerp = self.ontwerp.reset_index(drop=True)
        self.afdruk = vingerafdruk(self._delen())
        self._rijen: dict[int, dict] = {}  # de gecontroleerde gevallen, op nummer

    # -- beheer van de opslag
    def _delen(self) -> dict:
        """De delen van de vingerafdruk: wat de gevallen van dit experiment bepaalt."""
        e = self.evaluator
        eigen = e.vingerafdruk() if hasattr(e, "vingerafdruk") else {"evaluator": type(e).__qualname__}
        ontwerp = {"kolommen": list(self.ontwerp.columns),
                   "waarden": hashlib.sha256(self.ontwerp.to_numpy(dtype=float).tobytes()).hexdigest()}
        return {**eigen, "herkomst": self.herkomst, "ontwerp": ontwerp}

    def _manifest(self) -> dict:
        return {"herkomst": self.herkomst, "parameters": list(self.ontwerp.columns), "gevallen": len(self.ontwerp),
                "vingerafdruk": self.afdruk}

    def controleer(self) -> None:
        """Hoort een bestaande opslag bij dit experiment? Zo niet: een InvoerFout die zegt wat verschilt."""
        manifest = self.map / MANIFEST
        if not manifest.exists():
            if self.opslag.exists() and any(self.opslag.glob("geval-*.parquet")):
                raise InvoerFout("In deze map staan gevallen zonder experiment.json.", bestand=self.map,
                                 veld="--uit", toegestaan="een lege map, of --opnieuw")
            return
        try:
            bestaand = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise InvoerFout("Het experimentbestand is beschadigd.", bestand=manifest, veld="--uit",
                             toegestaan="--opnieuw (de opgeslagen gevallen gaan weg), of een andere map") from None
        oud = bestaand.get("vingerafdruk") if isinstance(bestaand, dict) else None
        if not isinstance(oud, Mapping) or oud.get("totaal") != self.afdruk["totaal"]:
            raise InvoerFout(
                f"In deze map staat een ander experiment; hervatten zou gevallen van twee analyses mengen. Anders "
                f"zijn: {'; '.join(verschillen(oud, self.afdruk))}.", bestand=self.map, veld="--uit",
                toegestaan="dezelfde opdracht met dezelfde invoer om te hervatten, --opnieuw om de opgeslagen "
                           "gevallen weg te gooien en opnieuw te beginnen, of een andere map")

    def voorbereiden(self, opnieuw: bool = False) -> None:
        """Controleer de opslag (of gooi hem weg met `opnieuw`) en schrijf ontwerp en manifest als ze ontbreken."""
        manifest = self.map / MANIFEST
        if opnieuw and self.map.exists():
            for p in list(self.opslag.glob("*.parquet")) + [manifest, self.map / ONTWERP]:
                p.unlink(missing_ok=True)
            self._rijen.clear()
        self.controleer()
        if manifest.exists():
            return
        self.opslag.mkdir(parents=True, exist_ok=True)
        with atomair(self.map / ONTWERP) as tijdelijk:
            self.ontwerp.to_parquet(tijdelijk, index=False)
        with atomair(manifest) as tijdelijk:
            tijdelijk.write_text(json.dumps(self._manifest(), indent=2, default=str, ensure_ascii=False))

    def klaar(self) -> set[int]:
        """De nummers van de opgeslagen gevallen; elk bestand wordt gecontroleerd (zie de moduledocumentatie)."""
        if not self.opslag.exists():
            return set()
        for pad in sorted(self.opslag.glob("geval-*.parquet")):
            gevonden = GEVALBESTAND.fullmatch(pad.name)
            geval = int(gevonden.group(1)) if gevonden else -1
            if not 0 <= geval < len(self.ontwerp):
                raise InvoerFout("Dit bestand hoort niet in de opslag (geen geval van dit ontwerp).", bestand=pad,
                                 toegestaan=f"bestanden geval-NNNNNN.parquet met NNNNNN van 000000 tot "
                                            f"{len(self.ontwerp):06d}; {HERSTEL}")
            if geval not in self._rijen:
                self._rijen[geval] = self._lees(pad, geval)
        return set(self._rijen)

    def _lees(self, pad: Path, geval: int) -> dict:
        """Eén gevalbestand, gecontroleerd op nummer, vingerafdruk van de opslag en controlegetal."""
        try:
            df = pd.read_parquet(pad)
        except Exception as fout:  # noqa: BLE001 - pyarrow kent veel soorten leesfouten
            raise InvoerFout(f"Het gevalbestand is leeg of beschadigd ({type(fout).__name__}).", bestand=pad,
                             toegestaan=HERSTEL) from None
        rij = _gewoon(df.to_dict("records")[0]) if len(df) == 1 else {}
        if rij.get("geval") != geval:
            raise InvoerFout(f"Het gevalbestand bevat geval {rij.get('geval', '(geen)')} in plaats van {geval} "
                             f"(gekopieerd of beschadigd?).", bestand=pad, toegestaan=HERSTEL)
        if rij.get("vingerafdruk") != self.afdruk["totaal"]:
            raise InvoerFout("Het gevalbestand komt uit een andere opslag (andere vingerafdruk).", bestand=pad,
                             toegestaan=HERSTEL)
        if rij.get("controlegetal") != _controlegetal(rij):
            raise InvoerFout("Het controlegetal van het gevalbestand klopt niet: de inhoud is veranderd.",
                             bestand=pad, toegestaan=HERSTEL)
        return rij

    def taken(self, open_: list[int]) -> list[list[int]]:
        """De open gevallen in taken voor de werkers: gevallen met dezelfde groepssleutel van de evaluator
        samen (ze delen simulaties), de grootste taken eerst zodat geen werker aan het eind alleen rekent."""
        if not hasattr(self.evaluator, "groepssleutels"):
            return [[i] for i in open_]
        sleutels = self.evaluator.groepssleutels(self.ontwerp)
        groepen: dict = {}
        for i in open_:
            groepen.setdefault(sleutels[i], []).append(i)
        return sorted(groepen.values(), key=len, reverse=True)

    def _schrijf(self, geval: int, waarden: dict, uitkomst: dict, seconden: float) -> None:
        rij = _gewoon({"geval": geval, "vingerafdruk": self.afdruk["totaal"],
                       **{f"p:{k}": v for k, v in waarden.items()},
                       **{f"u:{k}": v for k, v in uitkomst.items()},
                       **{f"h:{k}": v for k, v in self.herkomst.items() if isinstance(v, (int, float, str))},
                       "seconden": seconden})
        rij["controlegetal"] = _controlegetal(rij)
        with atomair(self.opslag / f"geval-{geval:06d}.parquet") as tijdelijk:
            pd.DataFrame([rij]).to_parquet(tijdelijk, index=False)
        self._rijen[geval] = rij

    def resultaten(self) -> pd.DataFrame:
        """De opslag als één tabel, gesorteerd op geval (zonder vingerafdruk en controlegetal)."""
        gevallen = sorted(self.klaar())
        if not gevallen:
            return pd.DataFrame()
        return (pd.DataFrame([self._rijen[g] for g in gevallen]).drop(columns=["vingerafdruk", "controlegetal"])
                .reset_index(drop=True))

    # -- draaien
    def draai(self, dask: str | None = None, werkers: int | None = None, voortgang: bool = True,
              opnieuw: bool = False, uitvoerder: Uitvoerder | None = None) -> pd.DataFrame:
        """Reken de open gevallen uit, op `uitvoerder` (standaard: kies_uitvoerder(dask, werkers)). Eerst wordt
        alles gecontroleerd (opslag, gevalbestanden, uitvoerder); pas dan wordt er geschreven, zodat een fout in
        de invoer niets achterlaat."""
        if not opnieuw:
            self.controleer()
        gedaan = set() if opnieuw else self.klaar()
        open_ = [i for i in range(len(self.ontwerp)) if i not in gedaan]
        rijen = self.ontwerp.to_dict("records")
        balk = tqdm(total=len(self.ontwerp), initial=len(gedaan), desc="gevallen", unit="geval",
                    disable=None if voortgang else True)

        def ontvang(melding) -> None:
            geval, uitkomst, seconden = melding
            self._schrijf(geval, rijen[geval], uitkomst, seconden)
            balk.update(1)

        if not open_:
            self.voorbereiden(opnieuw=opnieuw)
        else:
            eigen = uitvoerder is None
            u = kies_uitvoerder(dask, werkers) if eigen else uitvoerder
            try:
                taken = [(self.evaluator, [(i, rijen[i]) for i in taak]) for taak in self.taken(open_)]
                self.voorbereiden(opnieuw=opnieuw)
                for _ in u.stroom(_reken, taken, tussendoor=ontvang):
                    pass  # elk geval is al geschreven (ontvang)
            finally:
                if eigen:
                    u.sluit()
        balk.close()
        return self.resultaten()


def _gewoon(rij: dict) -> dict:
    """NumPy-getallen als gewone Python-getallen, zodat het controlegetal na lezen hetzelfde is."""
    uit = {}
    for k, v in rij.items():
        if isinstance(v, np.generic):
            v = v.item()
        uit[k] = v
    return uit


def _controlegetal(rij: Mapping) -> str:
    """sha256 over het geval zonder de rekentijd (een meting, geen uitkomst) en zonder zichzelf."""
    inhoud = {k: (repr(v) if isinstance(v, float) and not math.isfinite(v) else v) for k, v in rij.items()
              if k not in ("seconden", "controlegetal")}
    return _hash(inhoud)


# ------------------------------------------------------------------------------------ een testfunctie

@dataclass(frozen=True)
class Ishigami:
    """De Ishigami-functie (a=7, b=0,1) op x1..x3 in [-pi, pi]: bekende Sobol-indices, om de keten te toetsen.

    `vertraging` (seconden per geval) maakt een experiment traag genoeg om het halverwege af te breken."""

    a: float = 7.0
    b: float = 0.1
    vertraging: float = 0.0

    def vingerafdruk(self) -> dict:
        return {"evaluator": {"ishigami": [self.a, self.b]}}  # de vertraging verandert geen uitkomst

    def __call__(self, waarden: Mapping[str, float]) -> dict[str, float]:
        if self.vertraging:
            time.sleep(self.vertraging)
        x1, x2, x3 = (waarden[k] for k in ("x1", "x2", "x3"))
        return {"y": float(np.sin(x1) + self.a * np.sin(x2) ** 2 + self.b * x3 ** 4 * np.sin(x1))}

    def indices(self) -> dict[str, tuple[float, float]]:
        """Analytische (S1, ST) per parameter."""
        a, b, pi = self.a, self.b, np.pi
        v1 = 0.5 * (1 + b * pi ** 4 / 5) ** 2
        v2 = a ** 2 / 8
        v13 = b ** 2 * pi ** 8 * (1 / 18 - 1 / 50)
        v = v1 + v2 + v13
        return {"x1": (v1 / v, (v1 + v13) / v), "x2": (v2 / v, v2 / v), "x3": (0.0, v13 / v)}
