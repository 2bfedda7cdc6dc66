"""Het scenarioschema: welke beleidshefbomen er zijn, met standaardwaarden die 'als in het nulalternatief'
betekenen, en het laden en valideren van scenariobestanden (TOML) uit scenario's/.

Een scenario mag een `basis` noemen en daar delen van overschrijven, zodat varianten kort blijven.
Elke fout wordt een InvoerFout in het Nederlands met bestand, veld en wat is toegestaan.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from simulatie.fouten import InvoerFout
from simulatie.regio import AANTAL_REGIOS

SCENARIOMAP_NAAM = "scenario's"
DOELGROEPEN = ("entree", "mbo2_bol", "mbo2_bbl", "mbo34", "pro", "vso", "vmbo")  # volgorde = code
VERDEELSLEUTELS = ("per_jongere", "per_vsv", "risicomodel", "tabel")
TOEWIJZINGEN = ("hoogste_risico", "wie_eerst_komt", "willekeurig")


class _Deel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Looptijd(_Deel):
    start: str = Field("2026-01", description="eerste maand, JJJJ-MM (de wet geldt vanaf januari 2026)")
    jaren: int = Field(10, ge=1, le=50, description="standaardhorizon van een run in jaren")

    @field_validator("start")
    @classmethod
    def _maand(cls, v: str) -> str:
        vorm = "; toegestaan: JJJJ-MM met jaar 2000-2100 en maand 01-12, bijvoorbeeld 2026-01"
        try:
            jaar, maand = (int(x) for x in v.split("-"))
        except ValueError:
            raise ValueError(f"'{v}' is geen maand{vorm}") from None
        if not (2000 <= jaar <= 2100 and 1 <= maand <= 12):
            raise ValueError(f"'{v}' is geen geldige maand{vorm}")
        return f"{jaar:04d}-{maand:02d}"

    @property
    def startmaand(self) -> tuple[int, int]:
        jaar, maand = self.start.split("-")
        return int(jaar), int(maand)


Doelgroep = Literal["entree", "mbo2_bol", "mbo2_bbl", "mbo34", "pro", "vso", "vmbo"]


class Nazorg(_Deel):
    """Aanvullende loopbaanbegeleiding door scholen: tijdens de opleiding en na uitstroom (nazorg)."""

    tijdens_opleiding: tuple[Doelgroep, ...] = Field((), description="doelgroepen met begeleiding tijdens de opleiding")
    na_uitstroom: tuple[Doelgroep, ...] = Field((), description="doelgroepen met nazorg na het verlaten van school")
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

    doelgroepen: tuple[Doelgroep, ...] = ()
    kosten_per_jongere_per_jaar: float | None = Field(None, ge=0, description="standaard uit beleid.yaml")
    effect_vsv: float | None = Field(None, ge=0, le=1, description="relatieve daling van de uitval; standaard uit beleid.yaml")


class Levenscoaching(_Deel):
    variant: Literal["geen", "1A", "1B"] = "geen"


class Budget(_Deel):
    regionaal_programma: float = Field(0.0, ge=0, description="euro per jaar voor het regionaal programma")
    mbo_begeleiding: float = Field(0.0, ge=0, description="euro per jaar voor aanvullende loopbaanbegeleiding")
    nazorg_subsidie: float = Field(0.0, ge=0, description="euro per jaar tijdelijke subsidieregeling nazorg")
    verdeelsleutel: Literal["per_jongere", "per_vsv", "risicomodel", "tabel"] = "per_jongere"
    tabel: dict[str, float] | None = None
    toewijzing: Literal["hoogste_risico", "wie_eerst_komt", "willekeurig"] = "hoogste_risico"

    @field_validator("tabel")
    @classmethod
    def _tabel(cls, v: dict[str, float] | None) -> dict[str, float] | None:
        if v is None:
            return v
        fout = [k for k in v if not (k.isdigit() and 1 <= int(k) <= AANTAL_REGIOS)]
        if fout:
            raise ValueError(f"onbekende regio('s) {', '.join(fout)}; toegestaan: regionummers 1 tot en met {AANTAL_REGIOS}")
        if any(x < 0 for x in v.values()):
            raise ValueError("een aandeel is negatief; toegestaan: aandelen >= 0 die samen 1 zijn")
        if abs(sum(v.values()) - 1.0) > 1e-6:
            raise ValueError(f"de aandelen tellen op tot {sum(v.values()):.4f}; toegestaan: aandelen >= 0 die samen 1 zijn")
        return v

    @model_validator(mode="after")
    def _tabel_bij_sleutel(self) -> "Budget":
        if self.verdeelsleutel == "tabel" and not self.tabel:
            raise ValueError("verdeelsleutel 'tabel' vraagt een tabel; toegestaan: een tabel [budget.tabel] met "
                             "per regionummer (\"1\" t/m \"40\") een aandeel")
        return self


class Scenario(_Deel):
    naam: str = Field(min_length=1)
    beschrijving: str = ""
    basis: str | None = None
    effect_schaal: float = Field(1.0, ge=0, le=5, description="factor op alle begeleidingseffecten (0 = geen effect; voor break-even en gevoeligheid)")
    looptijd: Looptijd = Looptijd()
    nazorg: Nazorg = Nazorg()
    doorstroompunt: Doorstroompunt = Doorstroompunt()
    gemeente: Gemeente = Gemeente()
    coaching: Coaching = Coaching()
    levenscoaching: Levenscoaching = Levenscoaching()
    budget: Budget = Budget()
    bestand: str | None = Field(None, exclude=True)

    def als_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude={"bestand"})


# ------------------------------------------------------------------------------------ laden

def _uitleg(fout: dict, model: type[BaseModel]) -> tuple[str, str, str | None]:
    """(veld, melding, toegestaan) voor één pydantic-fout, in het Nederlands."""
    veld = ".".join(str(x) for x in fout["loc"] if not isinstance(x, int))
    elementen = [x for x in fout["loc"] if isinstance(x, int)]
    soort = fout["type"]
    ctx = fout.get("ctx", {})
    if soort == "extra_forbidden":
        ouder = model
        for deel in fout["loc"][:-1]:
            info = ouder.model_fields.get(str(deel)) if isinstance(deel, str) else None
            if info is None or not (isinstance(info.annotation, type) and issubclass(info.annotation, BaseModel)):
                break
            ouder = info.annotation
        velden = ", ".join(n for n in ouder.model_fields if n != "bestand")
        return veld, "onbekend veld.", velden
    if soort == "missing":
        return veld, "dit veld is verplicht.", None
    if soort == "literal_error":
        plek = f" (element {elementen[0] + 1} van de lijst)" if elementen else ""
        toegestaan = ctx.get("expected", "").replace("'", "").replace(" or ", ", ")
        return veld, f"de waarde {fout.get('input')!r}{plek} is niet toegestaan.", toegestaan
    if soort in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        teken = {"greater_than_equal": ">=", "greater_than": ">", "less_than_equal": "<=", "less_than": "<"}[soort]
        grens = next(iter(ctx.values()))
        return veld, f"de waarde {fout.get('input')!r} ligt buiten het bereik.", f"een getal {teken} {grens}"
    if soort in ("int_type", "int_parsing", "int_from_float"):
        return veld, f"de waarde {fout.get('input')!r} is geen geheel getal.", "een geheel getal"
    if soort in ("float_type", "float_parsing"):
        return veld, f"de waarde {fout.get('input')!r} is geen getal.", "een getal"
    if soort in ("bool_type", "bool_parsing"):
        return veld, f"de waarde {fout.get('input')!r} is geen ja/nee-waarde.", "true of false"
    if soort in ("string_type", "string_too_short"):
        return veld, f"de waarde {fout.get('input')!r} is geen (niet-lege) tekst.", "een tekst tussen aanhalingstekens"
    if soort in ("tuple_type", "list_type"):
        return veld, f"de waarde {fout.get('input')!r} is geen lijst.", "een lijst, bijvoorbeeld [\"entree\", \"mbo2_bol\"]"
    if soort in ("dict_type", "model_type", "model_attributes_type"):
        return veld, "hier hoort een tabel (sectie) met velden.", "een TOML-tabel, bijvoorbeeld [nazorg]"
    melding = str(fout.get("msg", "ongeldige waarde")).removeprefix("Value error, ")
    melding, _, toegestaan = melding.partition("; toegestaan: ")
    return veld, melding + ".", toegestaan or None


def scenariomappen() -> list[Path]:
    """Waar scenario's op naam gezocht worden: de werkmap, dan de map naast het pakket."""
    kandidaten = [Path.cwd() / SCENARIOMAP_NAAM, Path(__file__).resolve().parent.parent / SCENARIOMAP_NAAM]
    return [p for i, p in enumerate(kandidaten) if p.is_dir() and p not in kandidaten[:i]]


def beschikbare_scenarios() -> list[str]:
    return sorted({p.stem for map_ in scenariomappen() for p in map_.glob("*.toml")})


def vind_scenario(naam_of_pad: str | Path, ten_opzichte_van: Path | None = None) -> Path:
    pad = Path(naam_of_pad)
    kandidaten = [pad]
    if ten_opzichte_van is not None:
        kandidaten.append(ten_opzichte_van / pad)
    naam = pad.name if pad.suffix == ".toml" else f"{pad.name}.toml"
    kandidaten += [m / naam for m in scenariomappen()]
    for k in kandidaten:
        if k.is_file():
            return k
    raise InvoerFout("Scenariobestand niet gevonden.", bestand=naam_of_pad,
                     toegestaan=f"een pad naar een .toml-bestand of een naam uit scenario's/: "
                                f"{', '.join(beschikbare_scenarios()) or '(geen gevonden)'}")


def _lees_toml(pad: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(pad.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as fout:
        raise InvoerFout(f"Geen geldige TOML: {fout}.", bestand=pad,
                         toegestaan="TOML zoals in scenario's/nulalternatief.toml") from None
    except UnicodeDecodeError:
        raise InvoerFout("Het bestand is geen UTF-8-tekst.", bestand=pad, toegestaan="een TOML-tekstbestand") from None


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
    data = _lees_toml(pad)
    basis = data.get("basis")
    if basis is None:
        return data
    if not isinstance(basis, str):
        raise InvoerFout("'basis' moet de naam van een scenario zijn.", bestand=pad, veld="basis",
                         toegestaan=", ".join(beschikbare_scenarios()))
    try:
        basispad = vind_scenario(basis, ten_opzichte_van=pad.parent)
    except InvoerFout:
        raise InvoerFout(f"Het basisscenario '{basis}' bestaat niet.", bestand=pad, veld="basis",
                         toegestaan=", ".join(beschikbare_scenarios())) from None
    ouder = _ruw(basispad, keten + (pad.resolve(),))
    ouder = {k: v for k, v in ouder.items() if k not in ("naam", "beschrijving", "basis")}
    return _samenvoegen(ouder, data)


def valideer(data: dict[str, Any], bestand: str | Path | None = None) -> Scenario:
    try:
        return Scenario.model_validate({**data, "bestand": str(bestand) if bestand else None})
    except ValidationError as fouten:
        eerste = fouten.errors()[0]
        veld, melding, toegestaan = _uitleg(eerste, Scenario)
        meer = len(fouten.errors()) - 1
        if meer:
            melding += f" (en nog {meer} andere fout{'en' if meer > 1 else ''})"
        raise InvoerFout(melding, bestand=bestand, veld=veld, toegestaan=toegestaan) from None


def laad_scenario(naam_of_pad: str | Path) -> Scenario:
    """Lees en valideer een scenariobestand (pad of naam uit scenario's/)."""
    pad = vind_scenario(naam_of_pad)
    return valideer(_ruw(pad, ()), bestand=pad)
