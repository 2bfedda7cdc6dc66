"""Opwarmen: de startpopulatie uit de eigen maandregels van het model.

Wie bij de start (januari 2026) 14 tot 27 is, kwam vanaf september 2013 op 14 jaar het vo-leerjaar 3 binnen.
Het opwarmen begint een schooljaar eerder (september 2012: één regel voor elke startmaand; die jaargang is bij de
start al 27 en weg), laat de jaargangen één voor één binnenkomen en draait de maandregels (toestanden.py) tot de
start: wie dan van school is, werkt, een uitkering heeft of thuis zit, staat daar omdat de regels dat
opleverden, niet omdat een aangenomen verdeling het zei. Zo houdt het nulalternatief stil in plaats van dertien
jaar naar zijn eigen evenwicht te lopen. Per jaar volgen de cohorten en nieuwkomers de geboorten (CBS) en de
uitval het gepubliceerde vsv-niveau van dat schooljaar (overgangen.vsv_trend); met `stationair` blijft alles
gelijk aan het ijkjaar (een wereld die stil hoort te staan: de toets op stationariteit).

Het opwarmen hangt alleen af van zaad, schaal, startmaand, de regio's en de parameters die het leest; de
uitkomst wordt onthouden (in het geheugen als hij klein is, anders op schijf), zodat een run er niet elke keer
voor betaalt en scenario en nulalternatief precies dezelfde populatie krijgen.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Callable

import numpy as np

from simulatie.gedeeld import codes as c
from simulatie.kern.kernen import uniformen
from simulatie.invoer.parameters import Geheugen, Parameters
from simulatie.kern.populatie import (KOLOMMEN, VAKKEN_UITGEBREID, Leeftijdsprofiel, Populatie, Sjablonen, aanvulling,
                                 nieuw_cohort, uitgebreide_toestand)
from simulatie.kern.regio import Regiogegevens
from simulatie.kern.toestanden import Effecten, Overgangsregels

JAREN = 13                 # zoveel schooljaren voor de start (plus het lopende) begint het opwarmen
_STROOM = {"maand": 11, "cohort": 12, "aanvulling": 13}  # eigen toevalsstromen, los van die van de run
# de code die de opgewarmde populatie bepaalt (ten opzichte van simulatie/): een andere versie, een andere sleutel
_CODEBESTANDEN = ("gedeeld/codes.py", "kern/populatie.py", "kern/overgangstabellen.py", "kern/toestanden.py",
                  "kern/kernen.py", "kern/opwarming.py")


@dataclass
class Opwarming:
    """De populatie bij de start, en per maand van het opwarmen de standen naar toestand en leeftijd."""

    kolommen: dict[str, np.ndarray]
    maanden: np.ndarray        # maandindices van het opwarmen
    standen: np.ndarray        # (maand, VAKKEN_UITGEBREID, leeftijd 14..26), in jongeren
    vsv: np.ndarray            # (maand,) nieuwe vsv'ers

    def grootte(self) -> int:
        return sum(v.nbytes for v in self.kolommen.values()) + self.standen.nbytes


def eerste_maand(startmaand: int) -> int:
    """De eerste maand van het opwarmen: september, JAREN schooljaren vóór het schooljaar van de start. Voor elke
    startmaand is de oudste jaargang van de start (14 -> 27) dan binnen; voor januari is het een jaar marge."""
    jaar, maand = c.jaar_maand(startmaand)
    return c.maandindex(jaar - JAREN - (1 if maand < 9 else 0), 9)


def vsv_trend(p: Parameters, t: int, stationair: bool) -> float:
    """Factor op de uitvalkansen in de maand t van het opwarmen: het vsv-niveau van dat schooljaar."""
    if stationair:
        return 1.0
    jaar, maand = c.jaar_maand(t)
    schooljaar = jaar if maand >= 10 else jaar - 1
    jaren = sorted(int(n.rsplit(".sj", 1)[1]) for n in p.items if n.startswith("overgangen.vsv_trend.sj"))
    return p[f"overgangen.vsv_trend.sj{min(max(schooljaar, jaren[0]), jaren[-1])}"]


def profiel(p: Parameters, startmaand: int, stationair: bool) -> Leeftijdsprofiel:
    """Het leeftijdsprofiel; stationair met de geboorten van de jaargang die bij de start 15 is."""
    return Leeftijdsprofiel(p, c.jaar_maand(startmaand)[0] - 16 if stationair else None)


def warm_op(p: Parameters, regels: Overgangsregels, *, zaad: int, schaal: int, startmaand: int,
            regio_aandeel: np.ndarray, stationair: bool = False) -> Opwarming:
    """Draai de jaargangen van voor de start door de maandregels; geeft de populatie op `startmaand`."""
    lp = profiel(p, startmaand, stationair)
    t0 = eerste_maand(startmaand)
    pop = Populatie({k: np.zeros(0, d) for k, d in KOLOMMEN.items()}, t0)
    effect = Effecten(
        bereik_doorstroompunt=p["overgangen.in_beeld.bereik_doorstroompunt_per_maand"],
        leeftijdsgrens_doorstroompunt_maanden=int(p["overgangen.in_beeld.leeftijdsgrens_doorstroompunt"]) * 12)
    maanden = np.arange(t0, startmaand)
    standen = np.zeros((len(maanden), VAKKEN_UITGEBREID, len(c.LEEFTIJDEN)))
    vsv = np.zeros(len(maanden))
    volgend_id = 0
    for i, t in enumerate(maanden):
        jaar, maand = c.jaar_maand(int(t))
        pop.maand = int(t)
        if maand == 9:  # de nieuwe jaargang komt binnen; wie 27 werd gaat eruit
            pop.houd(pop.actief())
            cohort = nieuw_cohort(p, schaal, _toeval(zaad, "cohort", t), int(t), regio_aandeel, lp.cohort(jaar))
            volgend_id = _voeg_toe(pop, cohort, volgend_id)
        if maand == 1 and t > t0:
            volgend_id = _vul_aan(pop, lp, jaar, schaal, _toeval(zaad, "aanvulling", t), volgend_id)
        effect.vsv_trend = vsv_trend(p, int(t), stationair)
        u = uniformen(_toeval(zaad, "maand", t), 5 if maand == 9 else 4, pop.id)
        stromen = regels.stap(pop, int(t), u, effect)
        standen[i] = _stand(pop) * schaal
        vsv[i] = len(stromen.alle("nieuwe_vsv")) * schaal
    pop.maand = startmaand
    pop.houd(pop.actief())
    _vul_aan(pop, lp, c.jaar_maand(startmaand)[0], schaal, _toeval(zaad, "aanvulling", startmaand), volgend_id)
    kolommen = pop.kolommen()
    kolommen["id"] = np.arange(len(pop), dtype=np.int64)
    return Opwarming(kolommen, maanden, standen, vsv)


def _toeval(zaad: int, stroom: str, t) -> np.random.Generator:
    return np.random.default_rng([zaad, _STROOM[stroom], int(t)])


def _voeg_toe(pop: Populatie, nieuw: dict[str, np.ndarray], volgend_id: int) -> int:
    n = len(nieuw["id"])
    nieuw["id"] = np.arange(volgend_id, volgend_id + n, dtype=np.int64)
    pop.voeg_toe(nieuw)
    return volgend_id + n


def _vul_aan(pop: Populatie, lp: Leeftijdsprofiel, jaar: int, schaal: int, rng: np.random.Generator,
             volgend_id: int) -> int:
    """Januari: nieuwkomers tot het profiel; zij lijken op hun leeftijdgenoten van nu."""
    sjablonen = Sjablonen(pop.kolommen(), pop.maand)
    return _voeg_toe(pop, aanvulling(pop, lp.doel(jaar), schaal, rng, sjablonen,
                                     lp.p["populatie.nieuwkomers.aandeel_student"]), volgend_id)


def _stand(pop: Populatie) -> np.ndarray:
    """Aantal rijen per toestand (met de uitkering naar soort, VAKKEN_UITGEBREID) en leeftijd in jaren."""
    na = len(c.LEEFTIJDEN)
    leeftijd = np.clip((pop.maand - pop.geboortemaand) // 12 - c.MIN_LEEFTIJD, 0, na - 1)
    code = uitgebreide_toestand(pop.toestand, pop.uitkering_type).astype(np.int32) * na + leeftijd
    return np.bincount(code, minlength=(VAKKEN_UITGEBREID + 1) * na)[:VAKKEN_UITGEBREID * na].reshape(
        VAKKEN_UITGEBREID, na)


# --------------------------------------------------------------------------------------------------
# Onthouden: in het geheugen (klein) en op schijf (groot), op de parameters die het opwarmen leest

_GEHEUGEN = Geheugen(maximum=64e6, grootte=lambda o: o.grootte())


def cachemap() -> Path | None:
    """Waar grote opwarmingen bewaard worden: $JONGEREN_CACHE (of 'uit'), anders ~/.cache/jongeren-duurzaam-werk."""
    waarde = os.environ.get("JONGEREN_CACHE")
    if waarde is not None and waarde.strip().lower() in ("", "uit", "0", "nee"):
        return None
    basis = (Path(waarde) if waarde
             else Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "jongeren-duurzaam-werk")
    return basis / "opwarming"


def _codeversie() -> str:
    h = hashlib.sha256()
    pakket = Path(__file__).resolve().parents[1]
    for naam in _CODEBESTANDEN:
        h.update((pakket / naam).read_bytes())
    return h.hexdigest()[:16]


MIN_RIJEN_OP_SCHIJF = 1_000_000  # kleinere opwarmingen (schaal 3 en grover) zijn snel genoeg opnieuw te rekenen
MAX_SCHIJF = 4e9                # bytes; daarboven gaan de oudste weg
_FORMAAT = 2                    # de opbouw van een item op schijf: een andere opbouw, een andere sleutel


def _controlesom(arrays: dict[str, np.ndarray]) -> str:
    """sha256 over naam, type, vorm en inhoud van elke array: twee gelijke opwarmingen, dezelfde som."""
    h = hashlib.sha256()
    for naam in sorted(arrays):
        a = np.ascontiguousarray(arrays[naam])
        h.update(f"{naam}|{a.dtype.str}|{a.shape}|".encode())
        h.update(a.data)
    return h.hexdigest()


def _sleutel(*, zaad: int, schaal: int, startmaand: int, stationair: bool, regio_aandeel: np.ndarray,
             regels: Overgangsregels) -> dict[str, Any]:
    """Alles wat het opwarmen bepaalt behalve de parameters die het leest (die komen er bij het bewaren bij)."""
    tabellen = regels.tabellen
    return {"formaat": _FORMAAT, "zaad": int(zaad), "schaal": int(schaal), "startmaand": int(startmaand),
            "stationair": bool(stationair), "regio_aandeel": _controlesom({"": np.asarray(regio_aandeel)}),
            "regio_vsv_factor": _controlesom({"": tabellen.regio_vsv_factor}),
            "regio_krapte": _controlesom({"": tabellen.regio_krapte}), "codeversie": _codeversie()}


def startpopulatie(p: Parameters, regels: Overgangsregels, *, zaad: int, schaal: int, startmaand: int,
                   regio_aandeel: np.ndarray, stationair: bool = False) -> Opwarming:
    """De opgewarmde populatie, uit het geheugen of van schijf als die er is; anders berekend en bewaard.

    Gelijk aan `warm_op` met dezelfde invoer (getest): de sleutel is alles wat het opwarmen leest. Leest de
    parameters via `p`, zodat een omhullende registratie (Parameters.registrerend) ziet waar een run van afhangt."""
    sleutel = _sleutel(zaad=zaad, schaal=schaal, startmaand=startmaand, stationair=stationair,
                       regio_aandeel=regio_aandeel, regels=regels)

    def bereken(gevolgd: Parameters) -> Opwarming:
        basis = cachemap()
        schijf = _Schijf(basis, sleutel) if basis is not None else None
        if schijf is not None:
            gevonden = schijf.lees(gevolgd)
            if gevonden is not None:
                return gevonden
        # de regels zijn al gebouwd (met p); lees hun parameters via `gevolgd` mee zodat de sleutel klopt
        tabellen = regels.tabellen
        opgewarmd = warm_op(gevolgd, Overgangsregels.uit(gevolgd, tabellen.regio_vsv_factor, tabellen.regio_krapte),
                            zaad=zaad, schaal=schaal, startmaand=startmaand, regio_aandeel=regio_aandeel,
                            stationair=stationair)
        if schijf is not None and len(opgewarmd.kolommen["id"]) >= MIN_RIJEN_OP_SCHIJF:
            schijf.schrijf(opgewarmd, gevolgd)
        return opgewarmd

    return _GEHEUGEN.haal(json.dumps(sleutel, sort_keys=True), p, bereken)


def zorg_voor(scenario, *, zaad: int, schaal: int, parameters: Parameters) -> None:
    """Warm op (of vind het op schijf) vóór processen starten die het allemaal nodig hebben: dan rekent één
    proces het en lezen de andere het van schijf. Alleen zinvol als het op schijf komt (grote populaties)."""
    if cachemap() is None:
        return
    rg = Regiogegevens.uit(parameters)
    regels = Overgangsregels.uit(parameters, rg.vsv_factor, rg.krapte)
    jaar, maand = scenario.looptijd.startmaand
    startpopulatie(parameters, regels, zaad=zaad, schaal=schaal, startmaand=c.maandindex(jaar, maand),
                   regio_aandeel=rg.aandeel)


_ARRAYS = (*KOLOMMEN, "_maanden", "_standen", "_vsv")
_VELDEN = {"sleutel": dict, "gelezen": dict, "controlesom": str}  # de .json van een item
_BEZIG = ".bezig"               # achtervoegsel van een bestand dat nog geschreven wordt


class _Onbruikbaar(Exception):
    """Een item op schijf dat niet gebruikt mag worden (beschadigd, of van een andere sleutel)."""


@dataclass
class _Schijf:
    """Opwarmingen op schijf. Een item is een .npz met de arrays en een .json met de volledige sleutel, de
    gelezen parameters en de controlesom van de arrays; de naam is een hash van sleutel en parameters. Bij het
    lezen telt de inhoud, niet de naam: een item met een andere sleutel, een andere naam of een verkeerde
    controlesom, of een dat niet te lezen is, gaat weg (met een regel op stderr) en wordt opnieuw berekend."""

    map: Path
    sleutel: dict[str, Any]

    @property
    def voorvoegsel(self) -> str:
        return _hash(self.sleutel)[:24]

    def naam(self, gelezen: dict[str, Any]) -> str:
        return f"{self.voorvoegsel}-{_hash(gelezen)[:16]}"

    def lees(self, p: Parameters) -> Opwarming | None:
        if not self.map.is_dir():
            return None
        for meta in sorted(self.map.glob(f"{self.voorvoegsel}-*.json")):
            try:
                item = self._metagegevens(meta)
                # gelezen via p: een omhullende registratie ziet waar de run van afhangt
                if all(n in p and p[n] == w for n, w in item["gelezen"].items()):
                    return self._arrays(meta.with_suffix(".npz"), item["controlesom"])
            except _Onbruikbaar as fout:
                _gooi_weg(meta, str(fout))
        return None

    def _metagegevens(self, meta: Path) -> dict[str, Any]:
        try:
            item = json.loads(meta.read_bytes().decode("utf-8"))
        except (OSError, ValueError, RecursionError) as fout:
            raise _Onbruikbaar(f"is beschadigd (de .json is niet te lezen: {type(fout).__name__})") from fout
        if not isinstance(item, dict) or set(item) != set(_VELDEN) or not all(
                isinstance(item[k], t) for k, t in _VELDEN.items()) or not all(
                isinstance(w, (int, float)) and not isinstance(w, bool) for w in item["gelezen"].values()):
            raise _Onbruikbaar("is beschadigd (de .json heeft niet de velden " + ", ".join(_VELDEN) + ")")
        if item["sleutel"] != self.sleutel:
            anders = sorted(k for k in self.sleutel.keys() | item["sleutel"].keys()
                            if item["sleutel"].get(k) != self.sleutel.get(k))
            raise _Onbruikbaar(f"hoort bij een andere sleutel (verschilt in: {', '.join(anders)})")
        if meta.stem != self.naam(item["gelezen"]):
            raise _Onbruikbaar("hoort bij een andere sleutel (de naam past niet bij de inhoud)")
        return item

    @staticmethod
    def _arrays(pad: Path, controlesom: str) -> Opwarming:
        try:
            with np.load(pad, allow_pickle=False) as data:
                arrays = {k: data[k] for k in _ARRAYS}
        except Exception as fout:  # een cache is wegwerpbaar: wat het lezen ook stopt (zip, npy, I/O), opnieuw
            raise _Onbruikbaar(f"is beschadigd (de .npz is niet te lezen: {type(fout).__name__})") from fout
        if _controlesom(arrays) != controlesom:
            raise _Onbruikbaar("is beschadigd of hoort bij een andere sleutel (de controlesom klopt niet)")
        return Opwarming({k: arrays[k] for k in KOLOMMEN}, arrays["_maanden"], arrays["_standen"], arrays["_vsv"])

    def schrijf(self, o: Opwarming, p: Parameters) -> None:
        """Atomair: eerst de .npz, dan de .json (wie de .json ziet, vindt de .npz die erbij hoort), elk via een eigen
        tijdelijke naam. Schijffouten zijn geen reden om de run te laten mislukken."""
        namen = getattr(p.items, "gelezen", None)  # Parameters.registrerend: wat het opwarmen las
        if namen is None:
            return
        gelezen = {n: p[n] for n in sorted(namen)}
        arrays: dict[str, Any] = {**o.kolommen, "_maanden": o.maanden, "_standen": o.standen, "_vsv": o.vsv}
        item = {"sleutel": self.sleutel, "gelezen": gelezen, "controlesom": _controlesom(arrays)}
        doel = self.map / self.naam(gelezen)
        try:
            self.map.mkdir(parents=True, exist_ok=True)
            _schrijf_atomair(doel.with_suffix(".npz"), lambda f: np.savez(f, **arrays))
            _schrijf_atomair(doel.with_suffix(".json"), lambda f: f.write(json.dumps(item, sort_keys=True).encode()))
            _ruim_op(self.map)
        except OSError:
            pass


def _hash(x: Any) -> str:
    return hashlib.sha256(json.dumps(x, sort_keys=True).encode()).hexdigest()


def _schrijf_atomair(doel: Path, schrijf: Callable[[BinaryIO], Any]) -> None:
    """Naar een eigen tijdelijke naam in dezelfde map, op schijf gezet (fsync), dan in één stap op zijn plaats:
    een lezer ziet het oude of het hele nieuwe bestand, en twee processen die hetzelfde item schrijven, zitten
    elkaar niet in de weg."""
    fd, tijdelijk = tempfile.mkstemp(prefix=f".{doel.name}.", suffix=_BEZIG, dir=doel.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            schrijf(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tijdelijk, doel)
    except BaseException:
        Path(tijdelijk).unlink(missing_ok=True)
        raise
    try:  # ook de nieuwe naam op schijf; niet elk bestandssysteem kan een map fsyncen
        map_ = os.open(doel.parent, os.O_RDONLY)
        try:
            os.fsync(map_)
        finally:
            os.close(map_)
    except OSError:
        pass


def _gooi_weg(meta: Path, reden: str) -> None:
    """Een onbruikbaar item weg, met één regel op stderr: de run rekent het opnieuw."""
    print(f"Let op: opwarmcache-item {meta.with_suffix('')} {reden}; het is weggegooid en wordt opnieuw berekend.",
          file=sys.stderr)
    for pad in (meta, meta.with_suffix(".npz")):
        try:
            pad.unlink(missing_ok=True)
        except OSError:
            pass


def _ruim_op(map_: Path, oud: float = 3600.0) -> None:
    """Houd de map onder MAX_SCHIJF: de oudste opwarmingen eerst weg; tijdelijke bestanden van een afgebroken
    schrijver (ouder dan `oud` seconden) ook. Wat een ander proces intussen weghaalde, telt niet."""
    def stat(f: Path) -> os.stat_result | None:
        try:
            return f.stat()
        except FileNotFoundError:
            return None

    nu = time.time()
    for f in map_.glob(f".*{_BEZIG}"):
        s = stat(f)
        if s is not None and nu - s.st_mtime > oud:
            f.unlink(missing_ok=True)
    bestanden = [(f, s) for f in map_.glob("*.npz") if (s := stat(f)) is not None]
    bestanden.sort(key=lambda fs: fs[1].st_mtime)
    totaal = sum(s.st_size for _, s in bestanden)
    for f, s in bestanden:
        if totaal <= MAX_SCHIJF:
            break
        totaal -= s.st_size
        f.unlink(missing_ok=True)
        f.with_suffix(".json").unlink(missing_ok=True)
