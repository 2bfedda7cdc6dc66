"""Parameters als data: elke waarde met bron, jaar en (waar onzeker) een verdeling.

De YAML-bestanden in deze map zijn de enige plek waar het model getallen vandaan haalt.
Een blad in de boom is een mapping met minstens `waarde`, `bron` en `jaar`; het pad ernaartoe,
met punten verbonden, is de naam van de parameter (bijvoorbeeld `overgangen.vsv_kans.bol_1`).
Een waarde zonder gepubliceerde bron heeft `bron: aanname`, een `toelichting` en een `verdeling`.

Gekalibreerde waarden (kalibratie/gekalibreerd.yaml) overschrijven de eerste schattingen.

Bij het lezen wordt elke waarde gecontroleerd; een fout wordt een InvoerFout met bestand, parameter en wat
mag. Zo rekent het model nooit stilzwijgend met een onmogelijke waarde:
- een waarde (en laag, hoog en sd van een verdeling) is een eindig getal; geen ja/nee-waarde of tekst;
- een sleutel komt per mapping één keer voor (anders zou de laatste stilzwijgend winnen);
- het bestand is hoogstens MAX_BESTAND bytes, nest hoogstens MAX_DIEPTE niveaus en heeft geen verwijzingen
  (*naam) naar ankers (grenzen.py): een verwijzing kan een waarde miljoenen keren herhalen;
- de waarde ligt binnen haar verdeling; een normale verdeling heeft sd > 0;
- een verdeling `nul_of_normaal` (echte kansmassa p_nul in nul, anders afgekapt normaal; zie Verdeling) heeft
  sd > 0 en 0 <= p_nul < 1;
- regels per eenheid (EENHEIDSREGELS): aandelen en kansen liggen in [0, 1], bedragen in euro zijn >= 0,
  en wat het model als deler gebruikt is > 0: een prijsindex (eenheid 'index ...'), een caseload
  (eenheid '... per fte') en 1 + de discontovoet (eenheid 'reeel per jaar', dus > -1; en < 1);
- een aanname heeft een niet-lege toelichting en een verdeling.
Een parameter die de code vraagt maar die nergens staat (bijvoorbeeld na een hernoeming), geeft een
OnbekendeParameter: een InvoerFout die ook een KeyError is.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

import numpy as np
import pandas as pd
import yaml
from scipy import stats

from simulatie.gedeeld.fouten import InvoerFout
from simulatie.gedeeld.grenzen import MAX_DIEPTE, lees_tekst, te_diep, waardefout
from simulatie.gedeeld.opmaak import kort

MAP = Path(__file__).parent
BESTANDEN = ("populatie", "overgangen", "regio", "beleid", "prijzen")
VERDELINGEN = ("uniform", "driehoek", "normaal", "nul_of_normaal")


def _tussen(laag: float, hoog: float, open_: bool = False):
    if open_:
        return lambda x: laag < x < hoog
    return lambda x: laag <= x <= hoog


# (geldt voor eenheid, toets op de waarde, wat is toegestaan): zie de moduledocumentatie.
EENHEIDSREGELS = (
    (lambda e: e.startswith(("aandeel", "kans")), _tussen(0.0, 1.0), "een aandeel of kans van 0 tot en met 1"),
    (lambda e: e.startswith("euro"), lambda x: x >= 0, "een bedrag >= 0"),
    (lambda e: e.startswith("index"), lambda x: x > 0, "een index > 0 (het model deelt erdoor)"),
    (lambda e: e.endswith("per fte"), lambda x: x > 0, "een caseload > 0 (het model deelt erdoor)"),
    (lambda e: e == "reeel per jaar", _tussen(-1.0, 1.0, open_=True),
     "een discontovoet > -1 en < 1, bijvoorbeeld 0.0225 (het model deelt door 1 + discontovoet)"),
)


class OnbekendeParameter(InvoerFout, KeyError):
    """Een parameter die de code vraagt maar die in geen parameterbestand staat. Ook een KeyError, zodat
    `in`, `.get` en `except KeyError` blijven werken zoals bij een gewone mapping."""

    def __str__(self) -> str:  # KeyError zou de tekst tussen aanhalingstekens zetten
        return self.tekst()


def _onbekend(naam: str, namen: Iterable[str]) -> OnbekendeParameter:
    groep = naam.split(".", 1)[0]
    bestand = MAP / f"{groep}.yaml" if groep in BESTANDEN else MAP
    lijkt = difflib.get_close_matches(naam, list(namen), n=3, cutoff=0.75)
    return OnbekendeParameter(
        f"Het model vraagt de parameter '{naam}', maar die staat niet in de parameterbestanden (hernoemd of "
        f"weggehaald?)" + (f"; namen die erop lijken: {', '.join(lijkt)}." if lijkt else "."),
        bestand=bestand, veld=naam,
        toegestaan=f"een parameter '{naam}' met waarde, bron en jaar in "
                   f"{bestand.name if bestand.suffix else ', '.join(f'{b}.yaml' for b in BESTANDEN)}")


@dataclass(frozen=True)
class Verdeling:
    """Onzekerheid van een parameter, als kwantielfunctie zodat SALib-steekproeven erop passen."""

    type: str
    laag: float
    hoog: float
    modus: float | None = None
    sd: float | None = None
    p_nul: float | None = None  # alleen nul_of_normaal: de kans dat het effect precies nul is

    def kwantiel(self, q):
        """Waarde bij kans q (0..1); werkt op scalars en NumPy-arrays.

        `nul_of_normaal`: 0 voor q < p_nul, anders het kwantiel (q - p_nul) / (1 - p_nul) van de afgekapte normale
        verdeling (modus, sd, laag, hoog): een sceptische prior met echte kansmassa in nul (bewijs.py)."""
        q = np.asarray(q, dtype=float)
        if self.type == "nul_of_normaal":
            p = self._vereist(self.p_nul)
            rest = replace(self, type="normaal", p_nul=None)
            return np.where(q < p, 0.0, rest.kwantiel(np.clip((q - p) / (1 - p), 0.0, 1.0)))
        if self.type == "uniform":
            return self.laag + q * (self.hoog - self.laag)
        if self.type == "driehoek":
            breedte = self.hoog - self.laag
            c = 0.5 if breedte == 0 else (self._vereist(self.modus) - self.laag) / breedte
            return stats.triang.ppf(q, c, loc=self.laag, scale=breedte)
        # normaal, afgekapt op [laag, hoog]
        modus, sd = self._vereist(self.modus), self._vereist(self.sd)
        a = (self.laag - modus) / sd
        b = (self.hoog - modus) / sd
        return stats.truncnorm.ppf(q, a, b, loc=modus, scale=sd)

    @staticmethod
    def _vereist(waarde: float | None) -> float:
        """Modus en sd zijn bij het lezen gecontroleerd voor de verdelingen die ze nodig hebben."""
        if waarde is None:
            raise ValueError("verdeling zonder modus of sd die ze nodig heeft")
        return waarde


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
        return self.info(naam).waarde

    def __contains__(self, naam: str) -> bool:
        return naam in self.items

    def info(self, naam: str) -> Parameter:
        try:
            return self.items[naam]
        except KeyError:
            raise _onbekend(naam, self.items) from None

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
                toegestaan="namen uit simulatie/invoer/parameters/*.yaml (zie Parameters.items)",
            )
        nieuw = dict(self.items)
        for naam, waarde in waarden.items():
            nieuw[naam] = replace(nieuw[naam], waarde=float(waarde))
        return Parameters(nieuw, self.herkomst + (bron,))

    def prijs(self, naam: str, prijsjaar: int | None = None) -> float:
        """Een bedrag omgerekend naar `prijsjaar` (standaard prijzen.mkba.prijsjaar) met de CBS-prijsindex.

        Het jaar van de parameter is zijn prijsjaar; een jaartal als 'ca. 2018' of '2022-2024' telt
        met het eerste jaartal."""
        p = self.info(naam)
        doel = int(prijsjaar if prijsjaar is not None else self["prijzen.mkba.prijsjaar"])
        return p.waarde * self.prijsindex(doel) / self.prijsindex(_jaartal(p))

    def prijsindex(self, jaar: int) -> float:
        sleutel = f"prijzen.prijsindex.j{jaar}"
        if sleutel not in self.items:
            raise InvoerFout(f"Geen prijsindex voor {jaar}.", bestand=MAP / "prijzen.yaml", veld="prijsjaar",
                             toegestaan=f"een jaar uit prijzen.yaml: {', '.join(map(str, self.prijsindexjaren()))}")
        return self[sleutel]

    def prijsindexjaren(self) -> list[int]:
        """De jaren met een prijsindex (prijzen.prijsindex.jJJJJ)."""
        voor = "prijzen.prijsindex.j"
        return sorted(int(n[len(voor):]) for n in self.items if n.startswith(voor) and n[len(voor):].isdigit())

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

    _MIS = object()  # geen uitkomst gevonden (None kan een uitkomst zijn)

    def haal(self, sleutel, p: "Parameters", bereken):
        """De uitkomst van `bereken(p)` voor deze sleutel (de invoer die geen parameter is)."""
        waarde = self.zoek(sleutel, p, Geheugen._MIS)
        if waarde is not Geheugen._MIS:
            return waarde
        gevolgd, namen = p.registrerend()
        waarde = bereken(gevolgd)
        self.voeg_toe(sleutel, {n: p[n] for n in sorted(namen)}, waarde)
        return waarde

    def zoek(self, sleutel, p: "Parameters", anders=None):
        """De onthouden uitkomst voor deze sleutel en parameters, of `anders`."""
        for gelezen, waarde, _ in self._uitkomsten.get(sleutel, ()):
            if all(p[n] == w for n, w in gelezen.items()):  # leest via p: een omhullende registratie ziet het
                return waarde
        return anders

    def voeg_toe(self, sleutel, gelezen: Mapping[str, float], waarde) -> None:
        """Onthoud een uitkomst die ergens anders (een werker) berekend is, met de waarden van de parameters die
        de berekening las; te groot: niet bewaard, vol: de oudste gaan eruit."""
        grootte = self._grootte(waarde)
        if grootte * 8 > self.maximum:
            return
        self._uitkomsten.setdefault(sleutel, []).append((dict(gelezen), waarde, grootte))
        self.totaal += grootte
        while self.totaal > self.maximum and self._uitkomsten:
            oudste = next(iter(self._uitkomsten))
            self.totaal -= self._uitkomsten[oudste].pop(0)[2]
            if not self._uitkomsten[oudste]:
                del self._uitkomsten[oudste]

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
    gevonden = re.search(r"(19|20)\d\d", p.jaar)
    if not gevonden:
        raise InvoerFout(f"Parameter '{p.naam}' heeft geen jaartal als prijsjaar ('{p.jaar}').", veld=p.naam,
                         toegestaan="een jaar van vier cijfers in 'jaar'")
    return int(gevonden.group(0))


class _Lader(yaml.SafeLoader):
    """SafeLoader die een dubbele sleutel weigert (anders wint de laatste stilzwijgend), geen verwijzingen
    (*naam) toelaat en niet dieper dan MAX_DIEPTE nest. Een verwijzing hergebruikt een hele waarde: negen niveaus
    van negen verwijzingen zijn 387 miljoen getallen, en een melding die zo'n waarde toont, schrijft ze allemaal
    uit. Parameterbestanden hebben geen verwijzingen nodig."""

    _diepte = 0

    def compose_node(self, parent, index):  # noqa: D102
        if self.check_event(yaml.AliasEvent):
            gebeurtenis = self.peek_event()
            raise _YamlGrens("verwijzing", gebeurtenis.start_mark)
        self._diepte += 1
        try:
            if self._diepte > MAX_DIEPTE:
                raise _YamlGrens("diepte", self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._diepte -= 1


class _YamlGrens(yaml.YAMLError):
    """Een grens van _Lader overschreden: 'verwijzing' of 'diepte', met de plaats in het bestand."""

    def __init__(self, soort: str, plek):
        super().__init__(soort)
        self.soort, self.regel = soort, plek.line + 1


def _mapping_zonder_dubbele(lader: _Lader, knoop, deep: bool = False):
    gezien: dict = {}
    for sleutel_knoop, _ in knoop.value:
        sleutel = lader.construct_object(sleutel_knoop, deep=deep)
        if sleutel in gezien:
            raise yaml.constructor.ConstructorError(
                None, None, f"de sleutel '{sleutel}' staat twee keer in dezelfde mapping (eerst op regel "
                            f"{gezien[sleutel]}, weer op regel {sleutel_knoop.start_mark.line + 1})",
                sleutel_knoop.start_mark)
        gezien[sleutel] = sleutel_knoop.start_mark.line + 1
    return lader.construct_mapping(knoop, deep=deep)


_Lader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_zonder_dubbele)


def lees_yaml(bestand: Path) -> Any:
    """Een YAML-bestand als Python-waarden; elke leesfout (ontbreekt, onleesbaar, te groot, geen YAML, dubbele
    sleutel, een verwijzing, te diep genest) wordt een InvoerFout die het bestand noemt."""
    tekst = lees_tekst(bestand, "YAML")
    voorbeeld = "YAML zoals in simulatie/invoer/parameters/, elke sleutel één keer"
    try:
        return yaml.load(tekst, Loader=_Lader)
    except _YamlGrens as fout:
        if fout.soort == "diepte":
            raise te_diep("YAML", bestand) from None
        raise InvoerFout(f"Op regel {fout.regel} staat een verwijzing (*naam) naar een anker (&naam).",
                         bestand=bestand, toegestaan="elke waarde voluit geschreven, zonder ankers en "
                                                     "verwijzingen") from None
    except yaml.YAMLError as fout:
        raise InvoerFout(f"Geen geldige YAML: {fout}.", bestand=bestand, toegestaan=voorbeeld) from None
    except ValueError as fout:
        raise InvoerFout(f"Geen geldige YAML: {waardefout(fout)}.", bestand=bestand, toegestaan=voorbeeld) from None


def _getal(ruw: Any, naam: str, bestand: Path | str, veld: str, eenheid: str = "") -> float:
    """Een eindig getal uit YAML: geen ja/nee-waarde, geen tekst, geen .nan of .inf, niet te groot voor een
    kommagetal (een geheel getal als 10^400)."""
    if isinstance(ruw, bool) or not isinstance(ruw, (int, float)):
        raise InvoerFout(f"'{veld}' is geen getal maar {kort(ruw if isinstance(ruw, str) else repr(ruw))}.",
                         bestand=bestand, veld=veld, toegestaan="een getal zonder aanhalingstekens (geen true/false)")
    try:
        waarde = float(ruw)
    except OverflowError:
        regel = _regel(eenheid)
        raise InvoerFout(f"'{veld}' is te groot: {kort(ruw)}.", bestand=bestand, veld=veld,
                         toegestaan=regel or "een eindig getal, kleiner dan 10^308 (geen .nan of .inf)") from None
    if not math.isfinite(waarde):
        raise InvoerFout(f"'{veld}' is geen eindig getal ({ruw}).", bestand=bestand, veld=veld,
                         toegestaan="een eindig getal (geen .nan of .inf)")
    return waarde


def _regel(eenheid: str) -> str | None:
    """Wat EENHEIDSREGELS bij deze eenheid toestaan, of None."""
    e = eenheid.strip().lower()
    return next((toegestaan for geldt, _, toegestaan in EENHEIDSREGELS if geldt(e)), None)


def _eenheidsregel(naam: str, eenheid: str, waarde: float, bestand: Path | str | None) -> None:
    """De regels per eenheid uit EENHEIDSREGELS (ook voor gekalibreerde waarden)."""
    e = eenheid.strip().lower()
    for geldt, toets, toegestaan in EENHEIDSREGELS:
        if geldt(e) and not toets(waarde):
            raise InvoerFout(f"De waarde {waarde:g} van '{naam}' (eenheid '{eenheid}') is onmogelijk.",
                             bestand=bestand, veld=f"{naam}.waarde", toegestaan=toegestaan)


def _verdeling(naam: str, bestand: Path, ruw: Any, waarde: float) -> Verdeling | None:
    if ruw is None:
        return None
    if not isinstance(ruw, Mapping) or ruw.get("type") not in VERDELINGEN:
        raise InvoerFout(
            f"Parameter '{naam}' heeft een ongeldige verdeling.", bestand=bestand, veld=f"{naam}.verdeling",
            toegestaan=f"een mapping met type {' | '.join(VERDELINGEN)} en laag/hoog",
        )
    if "laag" not in ruw or "hoog" not in ruw:
        raise InvoerFout(f"Verdeling van '{naam}' mist getallen laag en hoog.", bestand=bestand,
                         veld=f"{naam}.verdeling", toegestaan="laag <= waarde <= hoog")
    laag = _getal(ruw["laag"], naam, bestand, f"{naam}.verdeling.laag")
    hoog = _getal(ruw["hoog"], naam, bestand, f"{naam}.verdeling.hoog")
    if not laag <= waarde <= hoog:
        raise InvoerFout(f"Waarde {waarde} van '{naam}' ligt buiten de verdeling [{laag}, {hoog}].",
                         bestand=bestand, veld=f"{naam}.verdeling", toegestaan="laag <= waarde <= hoog")
    sd = None
    if ruw["type"] in ("normaal", "nul_of_normaal"):
        if ruw.get("sd") is None:
            raise InvoerFout(f"Normale verdeling van '{naam}' mist sd.", bestand=bestand,
                             veld=f"{naam}.verdeling.sd", toegestaan="een positief getal")
        sd = _getal(ruw["sd"], naam, bestand, f"{naam}.verdeling.sd")
        if sd <= 0:
            raise InvoerFout(f"Normale verdeling van '{naam}' heeft sd {sd:g}.", bestand=bestand,
                             veld=f"{naam}.verdeling.sd", toegestaan="een positief getal (sd > 0)")
    p_nul = _p_nul(naam, bestand, ruw) if ruw["type"] == "nul_of_normaal" else None
    return Verdeling(ruw["type"], laag, hoog, modus=waarde, sd=sd, p_nul=p_nul)


def _p_nul(naam: str, bestand: Path, ruw: Mapping) -> float:
    """De kansmassa in nul van een verdeling nul_of_normaal: een getal in [0, 1)."""
    veld = f"{naam}.verdeling.p_nul"
    if ruw.get("p_nul") is None:
        raise InvoerFout(f"Verdeling nul_of_normaal van '{naam}' mist p_nul.", bestand=bestand, veld=veld,
                         toegestaan="een kans van 0 tot 1 (0 <= p_nul < 1)")
    p = _getal(ruw["p_nul"], naam, bestand, veld)
    if not 0 <= p < 1:
        raise InvoerFout(f"Verdeling nul_of_normaal van '{naam}' heeft p_nul {p:g}.", bestand=bestand, veld=veld,
                         toegestaan="een kans van 0 tot 1 (0 <= p_nul < 1; bij 1 is er geen onzekerheid meer)")
    return p


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
        ontbreekt = [k for k in ("bron", "jaar") if not str(knoop.get(k) or "").strip()]
        if ontbreekt:
            raise InvoerFout(f"Parameter '{naam}' mist {' en '.join(ontbreekt)}.", bestand=bestand,
                             veld=naam, toegestaan="elke waarde heeft een bron en een jaar")
        eenheid = str(knoop.get("eenheid", ""))
        waarde = _getal(knoop["waarde"], naam, bestand, f"{naam}.waarde", eenheid)
        _eenheidsregel(naam, eenheid, waarde, bestand)
        verdeling = _verdeling(naam, bestand, knoop.get("verdeling"), waarde)
        toelichting = knoop.get("toelichting")
        p = Parameter(naam, waarde, str(knoop["bron"]), str(knoop["jaar"]), eenheid,
                      toelichting.strip() if isinstance(toelichting, str) else "", verdeling)
        if p.is_aanname and (verdeling is None or not p.toelichting):
            raise InvoerFout(f"Aanname '{naam}' mist een toelichting of een verdeling.", bestand=bestand,
                             veld=naam, toegestaan="een aanname zegt waarom (toelichting, een niet-lege tekst) en "
                                               "hoe onzeker (verdeling)")
        yield p


def lees_bestand(bestand: Path, voorvoegsel: str) -> dict[str, Parameter]:
    boom = lees_yaml(bestand)
    if boom is None:
        boom = {}
    if not isinstance(boom, Mapping):
        raise InvoerFout("Het parameterbestand is geen mapping van parameters.", bestand=bestand,
                         toegestaan="een YAML-mapping zoals in simulatie/invoer/parameters/")
    pad = (voorvoegsel,) if voorvoegsel else ()
    return {p.naam: p for p in _bladeren(boom, pad, Path(bestand))}


def kalibratiemap() -> Path:
    """De map met de kalibratie (doelen, gefitte waarden): `kalibratie/` naast het pakket in een checkout, anders
    de kopie die in het pakket meereist (`simulatie/_kalibratie`, zie pyproject.toml): een wheel rekent zo met
    dezelfde gefitte waarden als de checkout."""
    # MAP is simulatie/invoer/parameters
    checkout, pakket = MAP.parents[2] / "kalibratie", MAP.parents[1] / "_kalibratie"
    return checkout if checkout.is_dir() or not pakket.is_dir() else pakket


def gekalibreerd_bestand() -> Path:
    return kalibratiemap() / "gekalibreerd.yaml"


def laad_parameters(gekalibreerd: bool | Path = True) -> Parameters:
    """Lees alle parameterbestanden; met `gekalibreerd` (standaard) de gefitte waarden eroverheen.

    Het bestand met gekalibreerde waarden moet dan bestaan en een mapping `waarden` hebben (de kalibratie
    zelf leest de eerste schattingen met `gekalibreerd=False`). Het resultaat is onveranderlijk; gelezen
    bestanden worden onthouden zolang ze niet wijzigen."""
    pad = gekalibreerd_bestand() if gekalibreerd is True else (Path(gekalibreerd) if gekalibreerd else None)
    stempels = tuple(_stempel(MAP / f"{naam}.yaml") for naam in BESTANDEN)
    return _laad(str(MAP), str(pad) if pad else None, stempels, _stempel(pad) if pad is not None else None)


def _stempel(pad: Path) -> int | None:
    try:
        return pad.stat().st_mtime_ns
    except OSError:
        return None  # lees_yaml geeft de fout, met het bestand erbij


@lru_cache(maxsize=8)
def _laad(map_: str, pad: str | None, _stempels: tuple, _kalibratiestempel) -> Parameters:
    items: dict[str, Parameter] = {}
    for naam in BESTANDEN:
        items.update(lees_bestand(Path(map_) / f"{naam}.yaml", naam))
    parameters = Parameters(items, ("simulatie/invoer/parameters",))
    if pad is not None:
        parameters = parameters.vervang(_gekalibreerde_waarden(Path(pad), parameters), bron=Path(pad).name)
    return parameters


def _gekalibreerde_waarden(pad: Path, parameters: Parameters) -> dict[str, float]:
    """De mapping `waarden` uit het kalibratiebestand, elk een eindig getal dat aan de eenheidsregels voldoet."""
    fit = lees_yaml(pad)
    if not isinstance(fit, Mapping) or not isinstance(fit.get("waarden"), Mapping):
        raise InvoerFout("Het kalibratiebestand heeft geen mapping 'waarden'.", bestand=pad, veld="waarden",
                         toegestaan="het bestand dat 'jongeren kalibreer' schrijft: waarden: {parameternaam: getal}")
    onbekend = sorted(str(n) for n in fit["waarden"] if n not in parameters)
    if onbekend:
        raise InvoerFout(f"Onbekende parameter(s): {', '.join(onbekend)}.", bestand=pad, veld="waarden",
                         toegestaan="namen uit simulatie/invoer/parameters/*.yaml (zie Parameters.items)")
    waarden = {}
    for naam, ruw in fit["waarden"].items():
        waarde = _getal(ruw, str(naam), pad, f"waarden.{naam}", parameters.info(naam).eenheid)
        _eenheidsregel(str(naam), parameters.info(naam).eenheid, waarde, pad)
        waarden[naam] = waarde
    return waarden
