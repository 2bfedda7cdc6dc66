"""De verkenner: een pagina in de browser om hefbomen te verschuiven en de vergelijking met het nulalternatief te zien.

Gebouwd met Solara, de webbibliotheek die Mesa zelf gebruikt (SolaraViz): Python-componenten, geen JavaScript,
en alles wordt lokaal geserveerd (met `solara-assets` ook de bestanden die Solara anders van een CDN haalt), dus
zonder internet. `jongeren verken` start hem.

De rekenkant staat los van de pagina: een `Rekenproces` (één proces, één kern; de pagina blijft bruikbaar) draait
`bereken` (de vergelijking en haar cijfers, binnen seconden) en daarna `bestanden` (figuren en het zip-bestand met
dezelfde bestanden als `jongeren vergelijk`). Een tweede klik stopt de lopende berekening. De pagina leest de
invoer, toont fouten met dezelfde tekst als de opdrachtregel naast het veld, en laat de uitkomst zien.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

import pandas as pd

from simulatie.gedeeld.fouten import InvoerFout
from simulatie.gedeeld.uitvoer import Stopwatch
from simulatie.invoer.scenario import (DOELGROEPEN, TOEWIJZINGEN, VERDEELSLEUTELS, als_toml, beschikbare_scenarios,
                                laad_scenario, valideer)

SCHAAL = int(os.environ.get("JONGEREN_VERKEN_SCHAAL", "50"))
NUL = "nulalternatief"


# ------------------------------------------------------------------------------------ rekenen

@dataclass
class Uitkomsten:
    """De cijfers van een vergelijking: wat de pagina eerst toont, klein genoeg om tussen processen te sturen."""

    scenario: str
    data: dict                        # het scenario zoals gerekend (velden als in de TOML)
    ncw_maatschappij: float
    ncw_horizon: float
    kengetallen: pd.DataFrame
    overzicht: pd.DataFrame           # posten x partijen als tekst, zoals in mkba.md (rapport.overzicht_tabel)
    regio: pd.DataFrame               # per regio: dekking, wachtend, NCW
    seconden: float = 0.0


@dataclass
class Bestanden:
    """Wat daarna komt: de figuren (naam -> PNG) en het zip-bestand met alles wat `jongeren vergelijk` schrijft."""

    figuren: dict[str, bytes] = field(default_factory=dict)
    zip: bytes = b""
    seconden: float = 0.0


# De laatste vergelijking in het rekenproces, voor `bestanden` (de pagina heeft één rekenproces per sessie).
_LAATSTE: dict = {}


def opwarmen() -> None:
    """Laad in het rekenproces alvast wat een berekening nodig heeft (modules, numba-kernen), zodat de eerste klik
    niet op de import wacht. Het rekenen (vergelijking, rapport) wordt bewust alleen in het rekenproces
    geïmporteerd: de pagina zelf blijft licht en start snel."""
    import simulatie.rapportage.rapport  # noqa: F401
    import simulatie.experimenten.vergelijking  # noqa: F401


def bereken(data: dict, jaren: int, schaal: int, seed: int = 0) -> Uitkomsten:
    """De vergelijking van het scenario `data` met het nulalternatief, zoals `jongeren vergelijk` hem maakt (zonder
    break-even en zonder populatieruis: snel). Eén proces: het rekenproces van de pagina gebruikt één kern."""
    from simulatie.experimenten.vergelijking import vergelijk  # zie opwarmen: zwaar, alleen in het rekenproces
    from simulatie.rapportage.rapport import overzicht_tabel

    klok = Stopwatch()
    scenario = valideer(data)
    v = vergelijk(laad_scenario(NUL), scenario, jaren=jaren, seed=seed, schaal=schaal, voortgang=False, werkers=1)
    r = v.mkba()
    _LAATSTE.clear()
    _LAATSTE.update(scenario=scenario, vergelijking=v, resultaat=r)
    k = r.kengetallen.set_index("scenario").loc[scenario.naam]
    regio = v.regio()
    regio = regio[regio.scenario == scenario.naam][["naam", "budget_per_jaar", "dekking", "wachtend",
                                                     "ncw_maatschappij"]]
    return Uitkomsten(scenario.naam, scenario.als_dict(), float(k.ncw_maatschappij), float(k.ncw_horizon),
                      r.kengetallen, overzicht_tabel(r, scenario.naam), regio.reset_index(drop=True), klok.seconden)


def bestanden() -> Bestanden:
    """De figuren en het zip-bestand van de laatste `bereken` in dit proces (dezelfde bestanden als `jongeren
    vergelijk`, plus het scenario als TOML)."""
    from simulatie.rapportage.rapport import schrijf_vergelijking  # zie opwarmen

    klok = Stopwatch()
    scenario, v, r = _LAATSTE["scenario"], _LAATSTE["vergelijking"], _LAATSTE["resultaat"]
    with tempfile.TemporaryDirectory(prefix="jongeren_verken_") as tmp:
        map_ = Path(tmp)
        _, namen = schrijf_vergelijking(map_, v, r)
        (map_ / f"{scenario.naam}.toml").write_text(als_toml(scenario), encoding="utf-8")
        figuren = {naam: (map_ / f"{naam}.png").read_bytes() for naam in namen}
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
            for pad in sorted(map_.iterdir()):
                z.write(pad, pad.name)
    return Bestanden(figuren, buffer.getvalue(), klok.seconden)


def psa_interval(scenario: dict, map_: Path = Path("resultaten")) -> pd.Series | None:
    """De NCW-samenvatting van een probabilistische analyse van dit scenario tegen het nulalternatief
    (psa_samenvatting.csv uit een map van `jongeren gevoeligheid ... --methode psa` onder `map_`), of None als die er
    niet is. Het scenario telt als hetzelfde als alle velden behalve naam en beschrijving gelijk zijn: een bestand
    uit scenario's/ dat op de pagina niet veranderd is, vindt zo de analyse van dat bestand."""
    if not map_.is_dir():
        return None

    def inhoud(d: dict) -> dict:  # zoals herkomst.json het bewaart (schrijf_json: tupels worden lijsten)
        return json.loads(json.dumps({k: v for k, v in d.items() if k not in ("naam", "beschrijving", "basis")},
                                     default=str))

    gezocht, nul = inhoud(scenario), inhoud(laad_scenario(NUL).als_dict())
    for herkomst in sorted(map_.rglob("herkomst.json")):
        try:
            h = json.loads(herkomst.read_text(encoding="utf-8"))
            if h.get("methode") != "psa":
                continue
            alternatief, nul_h = h.get("alternatief"), h.get("nul")
        except (OSError, ValueError):
            continue
        if not (isinstance(alternatief, dict) and isinstance(nul_h, dict)
                and inhoud(alternatief) == gezocht and inhoud(nul_h) == nul):
            continue
        samenvatting = herkomst.parent / "psa_samenvatting.csv"
        if samenvatting.exists():
            s = pd.read_csv(samenvatting).set_index("uitkomst")
            if "ncw_maatschappij" in s.index:
                return s.loc["ncw_maatschappij"]
    return None


# ------------------------------------------------------------------------------------ invoer

def scenario_data(basis: str, hefbomen: dict) -> dict:
    """Het scenario als data: het gekozen bestand met de hefbomen van de pagina erover (velden als in de TOML)."""
    data = laad_scenario(basis).als_dict()
    data.pop("basis", None)
    for pad, waarde in hefbomen.items():
        sectie, veld = pad.split(".") if "." in pad else (None, pad)
        (data[sectie] if sectie else data)[veld] = waarde
    return data


def hefbomen_van(basis: str) -> dict:
    """De hefbomen van de pagina zoals het bestand `basis` ze zet."""
    s = laad_scenario(basis)
    return {
        "naam": s.naam if s.naam != basis else f"{basis}_verkend",
        "looptijd.jaren": s.looptijd.jaren,
        "nazorg.tijdens_opleiding": list(s.nazorg.tijdens_opleiding),
        "nazorg.na_uitstroom": list(s.nazorg.na_uitstroom),
        "nazorg.maanden_na_uitstroom": s.nazorg.maanden_na_uitstroom,
        "nazorg.ook_zonder_diploma": s.nazorg.ook_zonder_diploma,
        "doorstroompunt.leeftijdsgrens": s.doorstroompunt.leeftijdsgrens,
        "doorstroompunt.versterkt_bereik": s.doorstroompunt.versterkt_bereik,
        "gemeente.preventieve_begeleiding": s.gemeente.preventieve_begeleiding,
        "coaching.doelgroepen": list(s.coaching.doelgroepen),
        "levenscoaching.variant": s.levenscoaching.variant,
        "budget.regionaal_programma": s.budget.regionaal_programma,
        "budget.mbo_begeleiding": s.budget.mbo_begeleiding,
        "budget.nazorg_subsidie": s.budget.nazorg_subsidie,
        "budget.verdeelsleutel": s.budget.verdeelsleutel,
        "budget.toewijzing": s.budget.toewijzing,
    }


def controleer(basis: str, hefbomen: dict):
    """(scenario, None) of (None, fout): de fout met dezelfde tekst als de opdrachtregel (scenario.valideer)."""
    try:
        return valideer(scenario_data(basis, hefbomen)), None
    except InvoerFout as fout:
        return None, fout


class Rekenproces:
    """Eén rekenproces per pagina (één kern: de pagina blijft bruikbaar), dat blijft staan tussen berekeningen zodat
    opgewarmde modules en populaties blijven. `start` rekent in twee stappen (eerst de cijfers, dan figuren en
    bestanden) en meldt elk resultaat via een callback; `stop` beëindigt het proces (een volgende `start` maakt een
    nieuw). Een callback van een gestopte of vervangen berekening wordt niet meer gemeld."""

    def __init__(self):
        self._pool = None
        self._ronde = 0

    def _proces(self):
        if self._pool is None or getattr(self._pool, "_broken", False):  # nog geen, of het proces viel weg
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"))
            self._pool.submit(opwarmen)
        return self._pool

    def start(self, data: dict, schaal: int, bij_cijfers, bij_bestanden, bij_fout) -> None:
        self._ronde += 1
        ronde, pool = self._ronde, self._proces()

        def gemeld(f, volgende):
            if ronde != self._ronde:  # gestopt of vervangen
                return
            try:
                volgende(f.result())
            except Exception as e:  # noqa: BLE001 - de pagina toont elke fout in plaats van te stoppen
                bij_fout(e.tekst() if isinstance(e, InvoerFout) else f"Fout bij het rekenen: {e}")

        def cijfers_klaar(u):
            bij_cijfers(u)
            pool.submit(bestanden).add_done_callback(lambda f: gemeld(f, bij_bestanden))

        pool.submit(bereken, data, data["looptijd"]["jaren"], schaal).add_done_callback(
            lambda f: gemeld(f, cijfers_klaar))

    def stop(self) -> None:
        self._ronde += 1
        pool, self._pool = self._pool, None
        if pool is not None:
            for proces in list(getattr(pool, "_processes", {}).values()):
                proces.terminate()
            pool.shutdown(wait=False, cancel_futures=True)


# ------------------------------------------------------------------------------------ de pagina

# een tabelkader: een brede tabel schuift binnen zijn kader, de pagina zelf blijft even breed als het venster;
# getallen breken niet af, de namen van posten en partijen wel, en de posten blijven staan als de tabel schuift
_KADER = {"overflow-x": "auto", "max-width": "100%", "min-width": "0"}
_TABEL_CSS = """
.tabelkader table { font-size: 0.85rem; }
.tabelkader td { white-space: nowrap; }
.tabelkader td:first-child, .tabelkader th:first-child { white-space: normal; text-align: left; }
.kosten-baten td:first-child, .kosten-baten th:first-child {
  min-width: 16rem; position: sticky; left: 0; z-index: 1; background-color: white; }
"""


def _regiotabel(regio: pd.DataFrame) -> pd.DataFrame:
    """De regio's met Nederlandse koppen en getallen in Nederlandse notatie."""
    from simulatie.gedeeld.opmaak import getal, mln, nl

    t = pd.DataFrame({
        "budget per jaar (mln)": regio.budget_per_jaar.map(mln),
        "dekking": regio.dekking.map(lambda x: "n.v.t." if pd.isna(x) else f"{nl(100 * x, 0)}%"),
        "wachtend (gem. per maand)": regio.wachtend.map(getal),
        "NCW (mln)": regio.ncw_maatschappij.map(mln),
    })
    t.index = regio.naam
    t.index.name = "regio"
    return t


def _pagina():
    """De Solara-component (pas gebouwd bij gebruik: de rest van het pakket heeft Solara niet nodig)."""
    import solara

    from simulatie.gedeeld.opmaak import getal, mln, nl, tabel_md

    alternatieven = [s for s in beschikbare_scenarios() if s != NUL]

    @solara.component
    def Veld(label: str, pad: str, hefbomen, fout, soort: str, **opties):
        waarde = hefbomen.value[pad]

        def zet(nieuw):
            hefbomen.set({**hefbomen.value, pad: nieuw})

        if soort == "geheel":
            solara.InputInt(label, value=waarde, on_value=zet, continuous_update=False)
        elif soort == "bedrag":
            solara.InputFloat(label + " (mln euro per jaar)", value=waarde / 1e6,
                              on_value=lambda x: zet(None if x is None else float(x) * 1e6), continuous_update=False)
        elif soort == "vink":
            solara.Checkbox(label=label, value=waarde, on_value=zet)
        elif soort == "keuze":
            solara.Select(label, values=list(opties["waarden"]), value=waarde, on_value=zet)
        elif soort == "groepen":
            solara.SelectMultiple(label, values=list(waarde), all_values=list(DOELGROEPEN), on_value=zet)
        else:
            solara.InputText(label, value=waarde, on_value=zet, continuous_update=False)
        if fout is not None and fout.veld is not None and fout.veld.split(" ")[0] in (pad, pad.split(".")[-1]):
            solara.Error(fout.tekst(), classes=["fout-bij-veld"])

    @solara.component
    def Page():
        basis = solara.use_reactive("wet")
        hefbomen = solara.use_reactive(hefbomen_van("wet"))
        uitkomst = solara.use_reactive(None)
        bezig = solara.use_reactive(False)
        melding = solara.use_reactive("")
        bijlagen = solara.use_reactive(None)
        proces = solara.use_ref(None)
        if proces.current is None:
            proces.current = Rekenproces()
            proces.current._proces()  # nu al opwarmen, niet pas bij de eerste klik
        solara.use_effect(lambda: proces.current.stop, [])  # sessie weg: rekenproces weg

        scenario, fout = controleer(basis.value, hefbomen.value)
        # de PSA zoeken (door resultaten/) alleen bij een nieuwe uitkomst, niet bij elke verschoven hefboom
        psa = solara.use_memo(lambda: None if uitkomst.value is None else psa_interval(uitkomst.value.data),
                              dependencies=[uitkomst.value])

        def kies(naam):
            basis.set(naam)
            hefbomen.set(hefbomen_van(naam))

        def start():
            if bezig.value:  # tweede klik: de lopende berekening stoppen, niet een tweede starten
                proces.current.stop()
                bezig.set(False)
                melding.set("Berekening gestopt.")
                return
            if scenario is None:
                return
            bezig.set(True)
            melding.set("")
            uitkomst.set(None)
            bijlagen.set(None)

            def fout_gemeld(tekst):
                melding.set(tekst)
                bezig.set(False)

            def bestanden_klaar(b):
                bijlagen.set(b)
                bezig.set(False)

            proces.current.start(scenario.als_dict(), SCHAAL, uitkomst.set, bestanden_klaar, fout_gemeld)

        solara.Title("Verkenner: van school naar duurzaam werk")
        solara.Style(_TABEL_CSS)
        with solara.Columns([1, 3]):
            with solara.Column(style={"min-width": "300px"}):
                solara.Select("Scenario (uit scenario's/)", values=alternatieven, value=basis.value, on_value=kies)
                Veld("Naam", "naam", hefbomen, fout, "tekst")
                Veld("Jaren", "looptijd.jaren", hefbomen, fout, "geheel")
                solara.Markdown("**Begeleiding door scholen**")
                Veld("Tijdens de opleiding", "nazorg.tijdens_opleiding", hefbomen, fout, "groepen")
                Veld("Nazorg na uitstroom", "nazorg.na_uitstroom", hefbomen, fout, "groepen")
                Veld("Maanden nazorg", "nazorg.maanden_na_uitstroom", hefbomen, fout, "geheel")
                Veld("Ook zonder diploma", "nazorg.ook_zonder_diploma", hefbomen, fout, "vink")
                solara.Markdown("**Doorstroompunt, gemeente en coaching**")
                Veld("Leeftijdsgrens Doorstroompunt", "doorstroompunt.leeftijdsgrens", hefbomen, fout, "geheel")
                Veld("Versterkt bereik", "doorstroompunt.versterkt_bereik", hefbomen, fout, "vink")
                Veld("Gemeente art. 7a (preventief)", "gemeente.preventieve_begeleiding", hefbomen, fout, "vink")
                Veld("Intensieve coaching voor", "coaching.doelgroepen", hefbomen, fout, "groepen")
                Veld("Levenscoaching", "levenscoaching.variant", hefbomen, fout, "keuze", waarden=("geen", "1A", "1B"))
                solara.Markdown("**Budget**")
                Veld("Regionaal programma", "budget.regionaal_programma", hefbomen, fout, "bedrag")
                Veld("Begeleiding door mbo-scholen", "budget.mbo_begeleiding", hefbomen, fout, "bedrag")
                Veld("Nazorgsubsidie", "budget.nazorg_subsidie", hefbomen, fout, "bedrag")
                Veld("Verdeelsleutel", "budget.verdeelsleutel", hefbomen, fout, "keuze", waarden=VERDEELSLEUTELS)
                Veld("Wie eerst", "budget.toewijzing", hefbomen, fout, "keuze", waarden=TOEWIJZINGEN)

            with solara.Column():
                solara.Markdown(f"Vergelijk een scenario met het **{NUL}** (schaal {SCHAAL}: een rij is {SCHAAL} "
                                "jongeren; `jongeren verken --schaal 1` voor de volledige populatie).")
                if fout is not None and (fout.veld is None or fout.veld.split(".")[0] not in
                                         {p.split(".")[0] for p in hefbomen.value}):
                    solara.Error(fout.tekst())
                with solara.Row():
                    solara.Button("Stop" if bezig.value else "Vergelijk met het nulalternatief", on_click=start,
                                  color="error" if bezig.value else "primary",
                                  disabled=scenario is None and not bezig.value)
                    if scenario is not None:
                        solara.FileDownload(data=als_toml(scenario), filename=f"{scenario.naam}.toml",
                                            label="Bewaar als scenario (TOML)")
                u, b = uitkomst.value, bijlagen.value
                if bezig.value:
                    solara.ProgressLinear(True)
                    solara.Text("Bezig: het nulalternatief en het scenario draaien..." if u is None else
                                "De cijfers staan er; figuren en bestanden worden gemaakt...")
                if melding.value:
                    solara.Warning(melding.value)
                if u is not None:
                    k = u.kengetallen.set_index("scenario").loc[u.scenario]
                    solara.Markdown(
                        f"### {u.scenario}\n\nNetto contante waarde voor de maatschappij: "
                        f"<span id='ncw'>{mln(u.ncw_maatschappij)}</span> mln euro met de levensloop, "
                        f"{mln(u.ncw_horizon)} mln binnen de horizon; baten/kosten "
                        f"{nl(k.baten_kosten_verhouding, 2)}" +
                        f"; voorkomen vsv'ers {getal(k.voorkomen_vsv)} (berekend in {u.seconden:.0f} s). "
                        "Zonder de populatieruis: `jongeren vergelijk` geeft het interval.")
                    if psa is not None:
                        solara.Info(f"Uit de probabilistische analyse van dit scenario: NCW {mln(psa.p5)} tot "
                                    f"{mln(psa.p95)} mln (90%), kans op NCW > 0: {psa.kans_positief:.0%}.")
                    if b is not None:
                        solara.FileDownload(data=b.zip, filename=f"vergelijking_{u.scenario}.zip",
                                            label="Download de bestanden (CSV, Markdown, figuren)")
                        with solara.Columns([1, 1]):
                            solara.Image(b.figuren["effecten"])
                            solara.Image(b.figuren[f"mkba_per_partij_{u.scenario}"])
                    # dezelfde tabel als in mkba.md; is hij breder dan de pagina, dan schuift hij binnen zijn kader
                    solara.Markdown("#### Kosten en baten per partij (contante waarde, mln euro)")
                    with solara.Div(classes=["tabelkader", "kosten-baten"], style=_KADER):
                        solara.Markdown(tabel_md(u.overzicht))
                    with solara.Columns([1, 1]):
                        if b is not None and f"regio_ncw_{u.scenario}" in b.figuren:
                            solara.Image(b.figuren[f"regio_ncw_{u.scenario}"])
                        with solara.Column():
                            solara.Markdown("#### De 40 regio's")
                            with solara.Div(classes=["tabelkader", "regios"], style=_KADER):
                                solara.Markdown(tabel_md(_regiotabel(u.regio)))
    return Page


_GEBOUWD: dict = {}


def __getattr__(naam: str):
    """`solara run simulatie.voorkant.verkenner` zoekt `Page`: de component wordt pas hier gebouwd."""
    if naam == "Page":
        if "Page" not in _GEBOUWD:
            _GEBOUWD["Page"] = _pagina()
        return _GEBOUWD["Page"]
    raise AttributeError(naam)
