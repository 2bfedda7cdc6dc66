"""Eén geheugen voor runs: een run hangt alleen af van wat hij las.

Een run van een scenario hangt af van scenario, zaad, schaal, looptijd en de parameters die hij las
(`Parameters.registrerend`). `Geheugen` (invoer.parameters) onthoudt een uitkomst met precies die waarden;
een geval dat op alle gelezen parameters gelijk is, krijgt dezelfde uitkomst (bijvoorbeeld als een experiment
prijzen varieert, die de simulatie niet leest). Hetzelfde geheugen dient het bouwen van het model en het
opwarmen (kern), de gevallen van een experiment (`Rungeheugen`) en de kalibratie (`Rungeheugen` met een
`Schijflaag`: elke uitkomst ook op schijf, zodat een afgebroken kalibratie hervat zonder iets opnieuw te
rekenen).
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

from simulatie.experimenten.vergelijking import Uitkomst, simuleer
from simulatie.gedeeld.fouten import InvoerFout
from simulatie.invoer.parameters import Geheugen, Parameters
from simulatie.invoer.scenario import Scenario


class Rungeheugen(Geheugen):
    """Het `Geheugen` voor runs: telt treffers en missers, en met een `schijf` (Schijflaag) gaat elke nieuwe
    uitkomst ook naar schijf en begint het geheugen met wat daar al staat. `haal` is die van Geheugen: zoeken,
    anders rekenen en toevoegen, via de `zoek` en `voeg_toe` hieronder."""

    def __init__(self, maximum: float = math.inf, schijf: "Schijflaag | None" = None):
        super().__init__(maximum)
        self.schijf = schijf
        self.treffers = self.missers = 0
        for sleutel, gelezen, waarde in (schijf.lees() if schijf is not None else ()):
            super().voeg_toe(_hashbaar(sleutel), gelezen, waarde)  # staat al op schijf

    def zoek(self, sleutel, p: Parameters, anders=None):
        """De onthouden uitkomst, of `anders` (telt als treffer of misser)."""
        waarde = super().zoek(_hashbaar(sleutel), p, Geheugen._MIS)
        if waarde is Geheugen._MIS:
            self.missers += 1
            return anders
        self.treffers += 1
        return waarde

    def voeg_toe(self, sleutel, gelezen: Mapping[str, float], waarde, **extra) -> None:
        """Onthoud een uitkomst (ook een die een werker berekende) met de waarden van de gelezen parameters;
        `extra` gaat alleen naar de schijf (voor wie de voortgang leest)."""
        super().voeg_toe(_hashbaar(sleutel), gelezen, waarde)
        if self.schijf is not None:
            self.schijf.schrijf(sleutel, gelezen, waarde, **extra)

    # -- runs van een scenario
    def run(self, scenario: Scenario, p: Parameters, *, seed: int, schaal: int, jaren: int,
            uitsplitsing: bool = False) -> Uitkomst:
        """De uitkomst van een run van `scenario` met deze parameters (en wat hij las), zaad, schaal en jaren."""
        return self.haal(runsleutel(scenario, seed, schaal, jaren, uitsplitsing), p,
                         lambda gevolgd: simuleer(scenario, jaren=jaren, seed=seed, schaal=schaal, parameters=gevolgd,
                                                  uitsplitsing=uitsplitsing))



def runsleutel(scenario: Scenario, seed: int, schaal: int, jaren: int, uitsplitsing: bool) -> tuple:
    """Alles buiten de parameters waar een run van afhangt (het scenario als tekst: zijn volledige inhoud)."""
    return (seed, schaal, jaren, uitsplitsing, json.dumps(scenario.als_dict(), sort_keys=True, default=str))


def _hashbaar(sleutel):
    """Een sleutel die van schijf komt (JSON: lijsten) en een uit het programma (tupels) zijn gelijk."""
    if isinstance(sleutel, (list, tuple)):
        return tuple(_hashbaar(s) for s in sleutel)
    return sleutel


class Schijflaag:
    """De schijflaag van een Rungeheugen: een JSON-lines-bestand, één regel per uitkomst, dat alleen groeit.

    De eerste regel draagt de instellingen; een bestand met andere of onleesbare instellingen geeft een
    InvoerFout (hervatten zou twee berekeningen mengen). Het bestand is een geheugen van berekeningen: een regel
    die geen uitkomst is (afgekapt tijdens het schrijven, geen UTF-8, geen JSON, of JSON van de verkeerde vorm)
    telt niet, met één melding; die berekening wordt zo nodig opnieuw gedaan. Lezen verandert het bestand niet:
    een opdracht die daarna geweigerd wordt, laat het zoals het was. Zo is het bestand ook de voortgang die een
    mens kan volgen (tail -f)."""

    def __init__(self, pad: Path, instellingen: Mapping, fout: Callable[[Path, str], InvoerFout],
                 geldig: Callable[[Any], bool] = lambda waarde: True):
        self.pad, self.instellingen, self._fout = Path(pad), json.loads(json.dumps(instellingen)), fout
        self._geldig = geldig
        self._nieuw = self._afgekapt = False

    def lees(self) -> Iterator[tuple[Any, dict[str, float], Any]]:
        """(sleutel, gelezen, waarde) van elke bewaarde uitkomst; een nieuw bestand krijgt de instellingen bij de
        eerste uitkomst die geschreven wordt."""
        try:
            inhoud = self.pad.read_bytes()
        except FileNotFoundError:
            inhoud = b""
        except OSError as fout:  # een map, geen leesrechten
            raise InvoerFout(f"Het voortgangsbestand kan niet gelezen worden "
                             f"({'het is een map' if self.pad.is_dir() else fout.strerror}).", bestand=self.pad,
                             toegestaan="een gewoon bestand dat de opdracht zelf schreef; haal het weg of kies een "
                                        "andere map") from None
        if not inhoud.strip():
            self._nieuw = True
            return
        self._afgekapt = not inhoud.endswith(b"\n")  # de volgende regel begint dan op een eigen regel
        regels = inhoud.splitlines()
        if _regel(regels[0]) is None:
            raise self._fout(self.pad, "de eerste regel (de instellingen) is onleesbaar")
        if _regel(regels[0]).get("instellingen") != self.instellingen:
            raise self._fout(self.pad, "het hoort bij een berekening met andere instellingen")
        overgeslagen = 0
        for regel in regels[1:]:
            r = _regel(regel)
            if r is None or not _hashbare_lijst(r.get("sleutel")) or not _getallen(r.get("gelezen")) \
                    or "waarde" not in r or not self._geldig(r["waarde"]):
                overgeslagen += regel.strip() != b""
                continue
            yield r["sleutel"], r["gelezen"], r["waarde"]
        if overgeslagen:
            print(f"Let op: {overgeslagen} regel(s) in {self.pad} zijn geen bewaarde uitkomst (afgekapt, geen UTF-8 "
                  f"of een andere vorm) en tellen niet; die punten worden zo nodig opnieuw gerekend.", file=sys.stderr)

    def schrijf(self, sleutel, gelezen: Mapping[str, float], waarde, **extra) -> None:
        if self._nieuw:
            self.pad.parent.mkdir(parents=True, exist_ok=True)
            self._regel({"instellingen": self.instellingen}, "w")
            self._nieuw = False
        if self._afgekapt:
            self._regel({}, "a", leeg=True)
            self._afgekapt = False
        self._regel({"sleutel": sleutel, "gelezen": dict(gelezen), "waarde": waarde, **extra}, "a")

    def _regel(self, data: dict, modus: str, leeg: bool = False) -> None:
        with open(self.pad, modus, encoding="utf-8") as f:
            f.write(("" if leeg else json.dumps(data)) + "\n")
            f.flush()


def _regel(regel: bytes) -> dict | None:
    """Een regel van het bestand als JSON-object, of None (geen UTF-8, geen JSON of geen object)."""
    try:
        r = json.loads(regel.decode("utf-8"))
    except ValueError:  # ook UnicodeDecodeError
        return None
    return r if isinstance(r, dict) else None


def _getallen(gelezen) -> bool:
    """Is `gelezen` een object van parameternamen naar getallen?"""
    return isinstance(gelezen, dict) and all(
        isinstance(n, str) and isinstance(w, (int, float)) and not isinstance(w, bool) for n, w in gelezen.items())


def _hashbare_lijst(sleutel) -> bool:
    """Is `sleutel` een lijst die als sleutel van het geheugen kan dienen (geen objecten erin)?"""
    try:
        hash(_hashbaar(sleutel))
    except TypeError:
        return False
    return isinstance(sleutel, list)
