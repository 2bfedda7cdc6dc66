"""Het scenarioschema: welke beleidshefbomen er zijn, met standaardwaarden die 'als in het nulalternatief'
betekenen, en het laden en valideren van scenariobestanden (TOML) uit scenario's/.

Een scenario mag een `basis` noemen en daar delen van overschrijven, zodat varianten kort blijven.
Elke fout wordt een InvoerFout in het Nederlands met bestand, veld en wat is toegestaan.

Waarden worden niet stilzwijgend omgezet: een ja/nee-waarde is geen getal, een tekst geen bedrag (alleen
een geheel getal mag waar een kommagetal hoort). Elk getal is eindig en elk bedrag heeft een bovengrens,
zodat een tikfout geen NaN of een getal van driehonderd cijfers in de MKBA oplevert.
"""

from __future__ import annotations

import math
import re
import tomllib
from pathlib import Path
from typing import Any, Iterable, Literal, Mapping, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic.fields import FieldInfo

from simulatie.gedeeld.fouten import InvoerFout
from simulatie.gedeeld.grenzen import MAX_DIEPTE, MAX_JAREN, PADREGELS, lees_tekst, te_diep, te_lang_pad, waardefout
from simulatie.gedeeld.opmaak import getal, kort, nl
from simulatie.gedeeld.codes import AANTAL_REGIOS
from simulatie.invoer.parameters import laad_parameters

SCENARIOMAP_NAAM = "scenario's"
# De keuzes één keer als type (het schema) en daaruit als tupel (code, meldingen, de verkenner)
Doelgroep = Literal["entree", "mbo2_bol", "mbo2_bbl", "mbo34", "pro", "vso", "vmbo"]
Verdeelsleutel = Literal["per_jongere", "per_vsv", "risicomodel", "tabel"]
Toewijzing = Literal["hoogste_risico", "wie_eerst_komt", "willekeurig"]
DOELGROEPEN: tuple[str, ...] = get_args(Doelgroep)  # volgorde = code
VERDEELSLEUTELS: tuple[str, ...] = get_args(Verdeelsleutel)
TOEWIJZINGEN: tuple[str, ...] = get_args(Toewijzing)

# De jaren waarin een run mag beginnen. De kern bepaalt dit venster: hij heeft historische gegevens van
# vóór de start nodig (inlooptijd) en de MKBA een prijsindex voor het startjaar (de budgetten zijn nominaal
# in prijzen van dat jaar); `valideer` houdt het venster bovendien binnen de jaren van prijzen.prijsindex.
STARTJAREN = range(2026, 2027)
MAX_BUDGET = 10_000_000_000       # euro per jaar per budgetpost: ruim honderd keer het budget van de wet
MAX_KOSTEN_PER_JONGERE = 100_000  # euro per jongere per jaar voor intensieve coaching
MAX_BASISKETEN = 20               # zoveel scenario's mogen op elkaar voortbouwen via `basis`
NAAM_PATROON = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}")
NAAM_REGELS = ("1 tot 100 tekens uit de letters A-Z en a-z, cijfers, '_', '-' en '.'; niet beginnend met "
               "'.' of '-' en zonder '..' (de naam wordt de naam van de uitvoermap)")
REGIO_SLEUTEL = re.compile(r"[1-9][0-9]?")  # canoniek: "1" tot "40", zonder voorloopnul


def startmaanden() -> str:
    """De toegestane startmaanden, als tekst voor een foutmelding."""
    return ", ".join(f"{j}-01 tot en met {j}-12" for j in STARTJAREN)


class _Deel(BaseModel):
    # strict: TOML-waarden worden niet omgezet (true is geen 1, "5" geen 5); een geheel getal mag wel als
    # kommagetal. allow_inf_nan=False: nan en inf worden geweigerd.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)


def _lijst(beschrijving: str = "") -> Any:
    """Een lijst doelgroepen: TOML geeft een lijst, het schema bewaart een tuple (dus niet strikt)."""
    return Field((), strict=False, description=beschrijving)


class Looptijd(_Deel):
    start: str = Field("2026-01", description=f"eerste maand, JJJJ-MM; toegestaan: {startmaanden()} "
                                              f"(de wet geldt vanaf januari 2026)")
    jaren: int = Field(10, ge=1, le=MAX_JAREN, description="standaardhorizon van een run in jaren")
    beleid_jaren: int | None = Field(None, ge=1, le=MAX_JAREN,
                                     description="jaren met beleid vanaf de start (standaard de hele horizon); "
                                                 "daarna geldt voor elk scenario de wereld zonder beleid")

    @field_validator("start")
    @classmethod
    def _maand(cls, v: str) -> str:
        vorm = f"; toegestaan: een maand JJJJ-MM van {startmaanden()}"
        delen = v.split("-")
        if len(delen) != 2 or not all(d.isascii() and d.isdigit() for d in delen):
            raise ValueError(f"'{v}' is geen maand{vorm}")
        jaar, maand = (int(x) for x in delen)
        if not 1 <= maand <= 12:
            raise ValueError(f"'{v}' is geen geldige maand{vorm}")
        if jaar not in STARTJAREN:
            raise ValueError(f"een run kan niet in {jaar} beginnen{vorm}")
        return f"{jaar:04d}-{maand:02d}"

    @model_validator(mode="after")
    def _beleid_binnen_horizon(self) -> "Looptijd":
        if self.beleid_jaren is not None and self.beleid_jaren > self.jaren:
            raise ValueError(f"beleid_jaren = {self.beleid_jaren} is langer dan de horizon (jaren = {self.jaren}); "
                             f"toegestaan: 1 tot en met jaren")
        return self

    @property
    def startmaand(self) -> tuple[int, int]:
        jaar, maand = self.start.split("-")
        return int(jaar), int(maand)

    def beleidsjaren(self, jaren: int | None = None) -> int:
        """De jaren met beleid bij een horizon van `jaren` (standaard die van het scenario): nooit langer dan de
        horizon, want een kortere horizon (--jaren) kort ook het beleid in."""
        horizon = self.jaren if jaren is None else int(jaren)
        return min(self.beleid_jaren or horizon, horizon)



class Nazorg(_Deel):
    """Aanvullende loopbaanbegeleiding door scholen: tijdens de opleiding en na uitstroom (nazorg)."""

    tijdens_opleiding: tuple[Doelgroep, ...] = _lijst("doelgroepen met begeleiding tijdens de opleiding")
    na_uitstroom: tuple[Doelgroep, ...] = _lijst("doelgroepen met nazorg na het verlaten van school")
    maanden_na_uitstroom: int = Field(0, ge=0, le=60)
    ook_zonder_diploma: bool = True

    @model_validator(mode="after")
    def _duur_bij_nazorg(self) -> "Nazorg":
        if self.na_uitstroom and self.maanden_na_uitstroom == 0:
            raise ValueError("na_uitstroom noemt doelgroepen maar maanden_na_uitstroom is 0; "
                             "toegestaan: maanden_na_uitstroom > 0, of een lege lijst na_uitstroom")
        return self


class Doorstroompunt(_Deel):
    leeftijdsgrens: int = Field(23, ge=18, le=30)
    versterkt_bereik: bool = Field(False, description="het regionaal programma versterkt de outreach")


class Gemeente(_Deel):
    preventieve_begeleiding: bool = False   # Participatiewet art. 7a: ook zonder uitkering, onder 27


class Coaching(_Deel):
    """Intensieve coaching van een gekozen groep tijdens de opleiding (bron: het experiment in mbo-2)."""

    doelgroepen: tuple[Doelgroep, ...] = _lijst("doelgroepen met intensieve coaching")
    kosten_per_jongere_per_jaar: float | None = Field(None, ge=0, le=MAX_KOSTEN_PER_JONGERE,
                                                      description="euro per jongere per jaar, 0 tot en met "
                                                                  "100.000; standaard uit beleid.yaml")
    effect_vsv: float | None = Field(None, ge=0, le=1,
                                     description="relatieve daling van de uitval; standaard uit beleid.yaml")
    leerjaren: int | None = Field(None, ge=1, le=6,
                                  description="alleen in de eerste zoveel leerjaren van de opleiding (1 tot en met 6; "
                                              "standaard de hele opleiding), zoals het experiment: één jaar")


class Levenscoaching(_Deel):
    variant: Literal["geen", "1A", "1B"] = "geen"


class Budget(_Deel):
    """Budgetten in euro per jaar, elk van 0 tot en met 10 mld (MAX_BUDGET)."""

    regionaal_programma: float = Field(0.0, ge=0, le=MAX_BUDGET,
                                       description="euro per jaar voor het regionaal programma")
    mbo_begeleiding: float = Field(0.0, ge=0, le=MAX_BUDGET,
                                   description="euro per jaar voor aanvullende loopbaanbegeleiding")
    nazorg_subsidie: float = Field(0.0, ge=0, le=MAX_BUDGET,
                                   description="euro per jaar tijdelijke subsidieregeling nazorg")
    verdeelsleutel: Verdeelsleutel = "per_jongere"
    tabel: dict[str, float] | None = None
    toewijzing: Toewijzing = "hoogste_risico"

    @field_validator("tabel")
    @classmethod
    def _tabel(cls, v: dict[str, float] | None) -> dict[str, float] | None:
        if v is None:
            return v
        # alleen canonieke nummers: "01" of een Arabisch-Indisch cijfer zou geen regio krijgen en toch meetellen
        fout = [k for k in v if not (REGIO_SLEUTEL.fullmatch(k) and int(k) <= AANTAL_REGIOS)]
        if fout:
            raise ValueError(f"onbekende regio('s) {', '.join(repr(k) for k in fout)}; toegestaan: regionummers "
                             f"1 tot en met {AANTAL_REGIOS} (\"1\", \"2\", ..., zonder voorloopnul)")
        if any(not 0 <= x <= 1 for x in v.values()):
            raise ValueError("een aandeel ligt buiten 0 tot en met 1; toegestaan: aandelen van 0 tot en met 1 die "
                             "samen 1 zijn")
        if abs(sum(v.values()) - 1.0) > 1e-6:
            raise ValueError(f"de aandelen tellen op tot {nl(sum(v.values()), 4)}; toegestaan: aandelen van 0 tot en "
                             f"met 1 die samen 1 zijn")
        return v

    @model_validator(mode="after")
    def _tabel_bij_sleutel(self) -> "Budget":
        if self.verdeelsleutel == "tabel" and not self.tabel:
            raise ValueError("verdeelsleutel 'tabel' vraagt een tabel; toegestaan: een tabel [budget.tabel] met "
                             "per regionummer (\"1\" t/m \"40\") een aandeel")
        return self


class Scenario(_Deel):
    naam: str = Field(min_length=1, description=f"naam van het scenario en van zijn uitvoermap: {NAAM_REGELS}")
    beschrijving: str = ""
    basis: str | None = None
    effect_schaal: float = Field(1.0, ge=0, le=5,
                                 description="factor op alle begeleidingseffecten (0 = geen effect; voor break-even "
                                             "en gevoeligheid)")
    looptijd: Looptijd = Looptijd()
    nazorg: Nazorg = Nazorg()
    doorstroompunt: Doorstroompunt = Doorstroompunt()
    gemeente: Gemeente = Gemeente()
    coaching: Coaching = Coaching()
    levenscoaching: Levenscoaching = Levenscoaching()
    budget: Budget = Budget()
    bestand: str | None = Field(None, exclude=True)

    @field_validator("naam")
    @classmethod
    def _veilige_naam(cls, v: str) -> str:
        if not NAAM_PATROON.fullmatch(v) or ".." in v:
            raise ValueError(f"'{kort(v)}' is geen veilige naam voor een map; toegestaan: {NAAM_REGELS}")
        return v

    def als_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude={"bestand"})

    def zonder_beleid(self) -> "Scenario":
        """De wereld na het einde van het beleid, voor elk scenario dezelfde: alle hefbomen op hun standaard
        (geen begeleiding uit een budget, het Doorstroompunt zoals vóór de wet), met dezelfde naam en looptijd."""
        return Scenario(naam=self.naam, looptijd=self.looptijd)


# ------------------------------------------------------------------------------------ laden

def _veldinfo(model: type[BaseModel], loc: tuple) -> tuple[type[BaseModel], FieldInfo | None]:
    """(het model dat het veld bevat, de FieldInfo van het veld of None) bij een pydantic-locatie."""
    ouder: type[BaseModel] = model
    info: FieldInfo | None = None
    for deel in (d for d in loc if isinstance(d, str)):
        if info is not None:  # een dieper deel: het vorige veld moet zelf een tabel (model) zijn
            soort = info.annotation
            if not (isinstance(soort, type) and issubclass(soort, BaseModel)):
                return ouder, None
            ouder = soort
        info = ouder.model_fields.get(deel)
        if info is None:
            return ouder, None
    return ouder, info


def _grens(x: float) -> str:
    return getal(x) if float(x).is_integer() else nl(x, 4).rstrip("0")


def _bereik(info) -> str:
    """Het toegestane bereik van een getalveld, bijvoorbeeld 'een getal >= 0 en <= 10.000.000.000'."""
    delen = []
    for m in getattr(info, "metadata", ()):
        for attribuut, teken in (("ge", ">="), ("gt", ">"), ("le", "<="), ("lt", "<")):
            if getattr(m, attribuut, None) is not None:
                delen.append(f"{teken} {_grens(getattr(m, attribuut))}")
    return "een getal " + " en ".join(delen) if delen else "een eindig getal"


def _toml(v: Any) -> str:
    """Een ingelezen waarde zoals ze in het TOML-bestand stond (true, nan, "tekst")."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and not math.isfinite(v):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")
    if isinstance(v, str):
        return kort(f'"{v}"')
    return kort(v)


def _uitleg(fout: Mapping[str, Any], model: type[BaseModel]) -> tuple[str, str, str | None]:
    """(veld, melding, toegestaan) voor één pydantic-fout, in het Nederlands."""
    veld = ".".join(str(x) for x in fout["loc"] if not isinstance(x, int))
    elementen = [x for x in fout["loc"] if isinstance(x, int)]
    soort = fout["type"]
    ctx = fout.get("ctx", {})
    waarde = _toml(fout.get("input"))
    ouder, info = _veldinfo(model, fout["loc"])
    if soort == "extra_forbidden":
        velden = ", ".join(n for n in ouder.model_fields if n != "bestand")
        return veld, "onbekend veld.", velden
    if soort == "missing":
        return veld, "dit veld is verplicht.", None
    if soort == "literal_error":
        plek = f" (element {elementen[0] + 1} van de lijst)" if elementen else ""
        toegestaan = ctx.get("expected", "").replace("'", "").replace(" or ", ", ")
        return veld, f"de waarde {waarde}{plek} is niet toegestaan.", toegestaan
    if soort in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return veld, f"de waarde {waarde} ligt buiten het bereik.", _bereik(info)
    if soort == "finite_number":
        return veld, f"de waarde {waarde} is geen eindig getal.", f"{_bereik(info)} (geen nan of inf)"
    if soort in ("int_type", "int_parsing", "int_from_float"):
        return veld, f"de waarde {waarde} is geen geheel getal.", "een geheel getal zonder aanhalingstekens"
    if soort == "float_type" and isinstance(fout.get("input"), int) and not isinstance(fout.get("input"), bool):
        # een geheel getal te groot voor een kommagetal (10^400): de fout zit in de grootte, niet in het soort
        return veld, f"de waarde {waarde} ligt buiten het bereik.", _bereik(info)
    if soort in ("float_type", "float_parsing"):
        return veld, f"de waarde {waarde} is geen getal.", "een getal zonder aanhalingstekens (geen true/false)"
    if soort in ("bool_type", "bool_parsing"):
        return veld, f"de waarde {waarde} is geen ja/nee-waarde.", "true of false"
    if soort in ("string_type", "string_too_short"):
        return veld, f"de waarde {waarde} is geen (niet-lege) tekst.", "een tekst tussen aanhalingstekens"
    if soort in ("tuple_type", "list_type"):
        return veld, f"de waarde {waarde} is geen lijst.", "een lijst, bijvoorbeeld [\"entree\", \"mbo2_bol\"]"
    if soort in ("dict_type", "model_type", "model_attributes_type"):
        return veld, "hier hoort een tabel (sectie) met velden.", "een TOML-tabel, bijvoorbeeld [nazorg]"
    melding = str(fout.get("msg", "ongeldige waarde")).removeprefix("Value error, ")
    melding, _, toegestaan = melding.partition("; toegestaan: ")
    return veld, melding + ".", toegestaan or None


def scenariomappen() -> list[Path]:
    """Waar scenario's op naam gezocht worden: de werkmap, dan de map naast het pakket (een checkout), dan de kopie
    die in het pakket meereist (een wheel: `simulatie/_scenarios`, zie pyproject.toml)."""
    pakket = Path(__file__).resolve().parents[1]  # simulatie/
    kandidaten = [Path.cwd() / SCENARIOMAP_NAAM, pakket.parent / SCENARIOMAP_NAAM, pakket / "_scenarios"]
    return [p for i, p in enumerate(kandidaten) if p.is_dir() and p not in kandidaten[:i]]


def beschikbare_scenarios() -> list[str]:
    return sorted({p.stem for map_ in scenariomappen() for p in map_.glob("*.toml")})


def vind_scenario(naam_of_pad: str | Path, ten_opzichte_van: Path | None = None) -> Path:
    waarom = te_lang_pad(naam_of_pad)
    if waarom:
        raise InvoerFout(f"De naam van het scenario is te lang voor een pad: {waarom}.", bestand=kort(str(naam_of_pad)),
                         toegestaan=f"een pad naar een .toml-bestand of een naam uit scenario's/, {PADREGELS}")
    pad = Path(naam_of_pad)
    naam = pad.name if pad.suffix == ".toml" else f"{pad.name}.toml"
    kandidaten = [pad]
    if ten_opzichte_van is not None:  # een basis naast het bestand, met of zonder .toml
        kandidaten += [ten_opzichte_van / pad, ten_opzichte_van / pad.parent / naam]
    kandidaten += [m / naam for m in scenariomappen()]
    for k in kandidaten:
        try:
            if k.is_file():
                return k
        except OSError:  # samen met de map van het scenario te lang: dan is dit geen kandidaat
            continue
    raise InvoerFout("Scenariobestand niet gevonden.", bestand=naam_of_pad,
                     toegestaan=f"een pad naar een .toml-bestand of een naam uit scenario's/: "
                                f"{', '.join(beschikbare_scenarios()) or '(geen gevonden)'}")


# De delen van TOML waarin een haakje iets nest: commentaar en teksten worden overgeslagen, de haakjes tellen
_TOML_DELEN = re.compile(r'#[^\n]*'
                         r'|"""(?:[^\\"]|\\[\s\S]|"(?!""))*(?:"""|\Z)'
                         r"|'''[\s\S]*?(?:'''|\Z)"
                         r'|"(?:[^\\"\n]|\\.)*"?'
                         r"|'[^'\n]*'?"
                         r'|[\[\]{}]')


def _te_diep_genest(tekst: str) -> bool:
    """Nesten lijsten en tabellen in deze TOML-tekst dieper dan MAX_DIEPTE? Vóór het parsen: tomllib daalt per
    niveau af in Python en stopt bij tienduizenden niveaus met een RecursionError."""
    if tekst.count("[") + tekst.count("{") <= MAX_DIEPTE:
        return False
    diepte = 0
    for deel in _TOML_DELEN.finditer(tekst):
        teken = deel.group()
        if teken in ("[", "{"):
            diepte += 1
            if diepte > MAX_DIEPTE:
                return True
        elif teken in ("]", "}"):
            diepte = max(0, diepte - 1)
    return False


def _lees_toml(pad: Path) -> dict[str, Any]:
    tekst = lees_tekst(pad, "TOML")
    if _te_diep_genest(tekst):
        raise te_diep("TOML", pad)
    voorbeeld = "TOML zoals in scenario's/nulalternatief.toml"
    try:
        return tomllib.loads(tekst)
    except tomllib.TOMLDecodeError as fout:
        raise InvoerFout(f"Geen geldige TOML: {fout}.", bestand=pad, toegestaan=voorbeeld) from None
    except RecursionError:  # mocht de telling hierboven een nesting missen
        raise te_diep("TOML", pad) from None
    except ValueError as fout:
        raise InvoerFout(f"Geen geldige TOML: {waardefout(fout)}.", bestand=pad, toegestaan=voorbeeld) from None


def _samenvoegen(basis: dict, eigen: dict) -> dict:
    """Diep samenvoegen: secties worden per veld overschreven, andere waarden in hun geheel."""
    uit = dict(basis)
    for k, v in eigen.items():
        uit[k] = _samenvoegen(uit[k], v) if isinstance(v, dict) and isinstance(uit.get(k), dict) and k != "tabel" else v
    return uit


def _ruw(pad: Path, keten: tuple[Path, ...]) -> dict[str, Any]:
    """Het ruwe scenario met zijn basis(sen) erin verwerkt."""
    if pad.resolve() in keten:
        volgorde = " -> ".join(p.name for p in keten + (pad,))
        raise InvoerFout(f"De basis verwijst in een kring naar zichzelf ({volgorde}).", bestand=keten[0],
                         veld="basis", toegestaan="een ander scenario zonder kringverwijzing")
    if len(keten) > MAX_BASISKETEN:
        raise InvoerFout(f"De keten van basisscenario's is langer dan {MAX_BASISKETEN} ({keten[0].name} -> "
                         f"{keten[1].name} -> ... -> {pad.name}).", bestand=keten[0], veld="basis",
                         toegestaan=f"hoogstens {MAX_BASISKETEN} scenario's die via 'basis' op elkaar voortbouwen")
    data = _lees_toml(pad)
    basis = data.get("basis")
    if basis is None:
        return data
    if not isinstance(basis, str):
        raise InvoerFout("'basis' moet de naam van een scenario zijn.", bestand=pad, veld="basis",
                         toegestaan=", ".join(beschikbare_scenarios()))
    waarom = te_lang_pad(basis)
    if waarom:
        raise InvoerFout(f"De basis '{kort(basis)}' is te lang voor een pad: {waarom}.", bestand=pad, veld="basis",
                         toegestaan=f"de naam van een scenario of een pad ernaar, {PADREGELS}")
    try:
        basispad = vind_scenario(basis, ten_opzichte_van=pad.parent)
    except InvoerFout:
        raise InvoerFout(f"Het basisscenario '{kort(basis)}' bestaat niet.", bestand=pad, veld="basis",
                         toegestaan=", ".join(beschikbare_scenarios())) from None
    ouder = _ruw(basispad, keten + (pad.resolve(),))
    ouder = {k: v for k, v in ouder.items() if k not in ("naam", "beschrijving", "basis")}
    return _samenvoegen(ouder, data)


def valideer(data: dict[str, Any], bestand: str | Path | None = None) -> Scenario:
    try:
        scenario = Scenario.model_validate({**data, "bestand": str(bestand) if bestand else None})
    except ValidationError as fouten:
        eerste = fouten.errors()[0]
        veld, melding, toegestaan = _uitleg(eerste, Scenario)
        meer = len(fouten.errors()) - 1
        if meer:
            melding = f"{melding.rstrip('.')} (en nog {meer} andere fout{'en' if meer > 1 else ''})."
        raise InvoerFout(melding, bestand=bestand, veld=veld, toegestaan=toegestaan) from None
    _controleer_prijsindex(scenario, bestand)
    return scenario


def _controleer_prijsindex(scenario: Scenario, bestand: str | Path | None) -> None:
    """De MKBA rekent de nominale budgetten om met de prijsindex van het startjaar; zonder die index geen run.
    (Een index per gesimuleerd jaar is niet nodig: elke prijs gaat van zijn eigen prijsjaar naar het prijsjaar
    van de MKBA, en de horizon telt alleen in de discontering.)"""
    jaren = laad_parameters(gekalibreerd=False).prijsindexjaren()
    jaar = scenario.looptijd.startmaand[0]
    if jaar not in jaren:
        mogelijk = [j for j in STARTJAREN if j in jaren]
        raise InvoerFout(f"Voor het startjaar {jaar} is er geen prijsindex (prijzen.prijsindex.j{jaar}).",
                         bestand=bestand, veld="looptijd.start",
                         toegestaan=", ".join(f"{j}-01 tot en met {j}-12" for j in mogelijk) or "geen enkele maand")


def controleer_zelfde_looptijd(nul: Scenario, alternatieven: Iterable[Scenario], jaren_vast: bool = False) -> None:
    """Een alternatief wordt maand voor maand met het nulalternatief vergeleken: ze moeten in dezelfde maand
    beginnen en (tenzij de horizon vastligt, zoals met --jaren) even lang lopen."""
    for alt in alternatieven:
        for veld, eigen, van_nul in (("looptijd.start", alt.looptijd.start, nul.looptijd.start),
                                     ("looptijd.jaren", alt.looptijd.jaren, nul.looptijd.jaren)):
            if veld == "looptijd.jaren" and jaren_vast:
                continue
            if eigen != van_nul:
                raise InvoerFout(
                    f"Het alternatief '{alt.naam}' heeft {veld} = {_toml(eigen)}, het nulalternatief '{nul.naam}' "
                    f"({nul.bestand or 'zonder bestand'}) {_toml(van_nul)}; een vergelijking zou verschillende "
                    f"perioden naast elkaar leggen.", bestand=alt.bestand, veld=veld,
                    toegestaan=f"dezelfde waarde als het nulalternatief ({_toml(van_nul)})"
                               + ("; of kies de horizon voor allemaal met --jaren" if veld == "looptijd.jaren" else ""))


def laad_scenario(naam_of_pad: str | Path) -> Scenario:
    """Lees en valideer een scenariobestand (pad of naam uit scenario's/)."""
    pad = vind_scenario(naam_of_pad)
    return valideer(_ruw(pad, ()), bestand=pad)


def _toml_waarde(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_toml_waarde(x) for x in v) + "]"
    raise TypeError(f"geen TOML-waarde: {v!r}")


def als_toml(scenario: Scenario, toelichting: str = "") -> str:
    """Het scenario als TOML-bestand dat `laad_scenario` weer leest (alle velden uitgeschreven, zonder `basis`)."""
    data = scenario.als_dict()
    data.pop("basis", None)
    regels = [f"# {r}" for r in toelichting.splitlines()] + ([""] if toelichting else [])
    regels += [f"{k} = {_toml_waarde(v)}" for k, v in data.items() if not isinstance(v, dict) and v is not None]
    for sectie, inhoud in data.items():
        if not isinstance(inhoud, dict):
            continue
        regels += ["", f"[{sectie}]"]
        regels += [f"{k} = {_toml_waarde(v)}" for k, v in inhoud.items() if not isinstance(v, dict) and v is not None]
        for sub, tabel in inhoud.items():
            if isinstance(tabel, dict):
                regels += ["", f"[{sectie}.{sub}]"] + [f'"{k}" = {_toml_waarde(x)}' for k, x in tabel.items()]
    return "\n".join(regels) + "\n"
