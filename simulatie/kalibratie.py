"""Kalibratie: de overgangsparameters fitten op de gepubliceerde cijfers (kalibratie/doelen.csv).

Methode: gesimuleerde momenten (simulated method of moments). Voor een parametervector draait het
nulalternatief 30 maanden met een vaste seed (gemeenschappelijke toevalsgetallen, dus een
deterministisch doel), en elk doel wordt berekend zoals de bron het definieert. De residuen
(model - doel) / tolerantie gaan naar scipy.optimize.least_squares (trust region). Elke parameter
leeft tussen grenzen; de optimalisatie werkt op de logit van zijn plaats daartussen. De Jacobiaan is
een volledige voorwaartse differentie, met de kolommen parallel over de kernen. Elke run wordt
bewaard in een voortgangsbestand: een afgebroken kalibratie hervat zonder iets opnieuw te rekenen, en
twee keer draaien met dezelfde seed geeft dezelfde waarden.

Eerlijkheid: alleen de doelen met gefit = ja sturen de fit. De toetsen (kalibratie/toetsen.csv) zijn
gepubliceerde cijfers waar het model niet op gefit is; het rapport zet ze ernaast.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from simulatie import codes as c
from simulatie.fouten import InvoerFout
from simulatie.parameters import Parameters, gekalibreerd_bestand, laad_parameters
from simulatie.uitvoer import atomair

MAP = Path(__file__).resolve().parent.parent / "kalibratie"
MAANDEN = 30
UITSTROOMGROEPEN = ("vso", "pro", "entree_bol", "vsv_mbo", "entree_bbl", "mbo2_bol", "mbo34_bol", "mbo2_bbl",
                    "mbo34_bbl")

# Vrije parameters: (naam, ondergrens, bovengrens, de doelen die hij vooral stuurt)
VRIJ: list[tuple[str, float, float, tuple[tuple[str, str], ...]]] = [
    # grenzen: wat plausibel is (een kans op werk direct na school onder 20% past bij geen enkele bron,
    # behalve voor het vso met zijn uitstroomprofiel dagbesteding)
    *[(f"overgangen.bestemming_na_uitstroom.werk_{g}", 0.02 if g == "vso" else 0.2, 0.995,
       (("zonder_werk_1jr_na_uitstroom", g),)) for g in UITSTROOMGROEPEN],
    *[(f"overgangen.vsv_kans_per_jaar.mbo_{n}_{lw}", 0.002, 0.6,
       (("vsv_per_niveau", f"{lw}_{n}"),) + ((("vsv_percentage_per_jaar", "mbo_entree"),) if n == 1 else
                                            (("vsv_percentage_per_jaar", "mbo_niveau2"),) if n == 2 else ())
       + (("nieuwe_vsv_ers", "mbo"),))
      for n in (1, 2, 3, 4) for lw in ("bol", "bbl")],
    ("overgangen.factor.baanverlies_schaal", 0.2, 1.5,
     tuple(("zonder_werk_1jr_na_uitstroom", g) for g in UITSTROOMGROEPEN)),
    ("overgangen.vsv_kans_per_jaar.vmbo_factor", 0.2, 5.0, (("nieuwe_vsv_ers", "totaal"),)),
    ("overgangen.doorstroom.entree_naar_mbo_2", 0.4, 0.97,
     (("vsv_percentage_per_jaar", "mbo_entree"), ("vsv_per_niveau", "bol_1"), ("vsv_per_niveau", "bbl_1"))),
    *[(f"populatie.instroom.mbo_extern_factor_{n}", 0.1, 3.0, (("ingeschreven", f"mbo_{n}"),)) for n in (1, 2, 3, 4)],
]
# Niet gefitte parameters waarvan het rapport laat zien hoeveel de doelen ervan afhangen
ONGEFIT = ("overgangen.maandkans.thuis_werk", "overgangen.maandkans.werk_thuis", "overgangen.maandkans.uitkering_werk",
           "overgangen.factor.baanvinden_duur_per_jaar", "overgangen.factor.baanvinden_zonder_sk",
           "overgangen.in_beeld.bereik_doorstroompunt_per_maand", "overgangen.doorstroom.mbo_2_naar_mbo_3",
           "overgangen.vsv_risico.multiproblematiek")


def lees_doelen() -> pd.DataFrame:
    doelen = pd.read_csv(MAP / "doelen.csv")
    doelen["gefit"] = doelen.gefit.str.strip().eq("ja")
    return doelen


def lees_toetsen() -> pd.DataFrame:
    return pd.read_csv(MAP / "toetsen.csv")


# ------------------------------------------------------------------------------------ statistieken

def _maand(model, jaar: int, maand: int) -> int:
    return model.waarnemer.maanden.index(c.maandindex(jaar, maand))


def modelwaarden(model) -> dict[tuple[str, str], float]:
    """Elk doel berekend zoals de bron het definieert (zie de kolom 'statistiek' in doelen.csv)."""
    w = model.waarnemer
    jaar = c.jaar_maand(model.startmaand)[0]
    uit: dict[tuple[str, str], float] = {}
    # zonder werk 12 maanden na uitstroom, voor wie uitstroomde tussen juli (jaar) en juni (jaar+1)
    a, b = _maand(model, jaar + 1, 7), _maand(model, jaar + 2, 6)
    n12 = np.stack(w.na_12_maanden[a:b + 1]).sum(axis=0)
    for g in UITSTROOMGROEPEN:
        aantal, werk = n12[c.UITSTROOMGROEP[g]]
        uit[("zonder_werk_1jr_na_uitstroom", g)] = 1 - werk / aantal if aantal > 0 else np.nan
    # vsv in schooljaar oktober (jaar) - september (jaar+1), gedeeld door de stand op 1 oktober
    okt, sep = _maand(model, jaar, 10), _maand(model, jaar + 1, 9)
    stand = w.mbo_stand[okt - 1] if okt > 0 else w.mbo_stand[okt]  # stand aan het eind van september
    vsv = np.stack(w.mbo_vsv[okt:sep + 1]).sum(axis=0)
    for n in (1, 2, 3, 4):
        for i, lw in enumerate(("bol", "bbl")):
            uit[("vsv_per_niveau", f"{lw}_{n}")] = vsv[n, i] / stand[n, i]
    uit[("vsv_percentage_per_jaar", "mbo_entree")] = vsv[1].sum() / stand[1].sum()
    uit[("vsv_percentage_per_jaar", "mbo_niveau2")] = vsv[2].sum() / stand[2].sum()
    from simulatie.toestanden import STROMEN
    i_vsv = STROMEN.index("nieuwe_vsv")
    stromen = np.stack(w.stromen[okt:sep + 1])[:, i_vsv]  # (maand, schooltype, regio)
    uit[("nieuwe_vsv_ers", "totaal")] = stromen.sum()
    uit[("nieuwe_vsv_ers", "mbo")] = stromen[:, c.MBO].sum()
    A = w.aantallen[okt - 1]  # (toestand, schooltype, regio), eind september
    for n in (1, 2, 3, 4):
        uit[("ingeschreven", f"mbo_{n}")] = stand[n].sum()
    uit[("ingeschreven", "vmbo_bovenbouw")] = A[c.ONDERWIJS, c.VMBO].sum()
    uit[("ingeschreven", "pro")] = A[c.ONDERWIJS, c.PRO].sum()
    uit[("ingeschreven", "vso")] = A[c.ONDERWIJS, c.VSO].sum()
    return uit


@dataclass
class Kalibratie:
    """Het doel en de boekhouding van de runs: één plek die de simulatie draait en onthoudt."""

    basis: Parameters
    doelen: pd.DataFrame
    seed: int = 0
    schaal: int = 2
    voortgangsbestand: Path | None = None

    def __post_init__(self):
        self.namen = [v[0] for v in VRIJ]
        self.gefit = self.doelen[self.doelen.gefit].reset_index(drop=True)
        self.cache: dict[str, dict] = {}
        if self.voortgangsbestand and self.voortgangsbestand.exists():
            data = json.loads(self.voortgangsbestand.read_text())
            if data.get("instellingen") != self._instellingen():
                raise InvoerFout("Het voortgangsbestand hoort bij een kalibratie met andere instellingen.",
                                 bestand=self.voortgangsbestand, veld="--seed/--schaal",
                                 toegestaan="dezelfde seed en schaal als de afgebroken kalibratie, of --opnieuw")
            self.cache = data["runs"]

    def _instellingen(self) -> dict:
        return {"seed": self.seed, "schaal": self.schaal, "maanden": MAANDEN, "parameters": self.namen,
                "doelen": [f"{d}/{g}" for d, g in zip(self.gefit.doel, self.gefit.groep)]}

    def parameters(self, x: np.ndarray) -> Parameters:
        return self.basis.vervang(dict(zip(self.namen, map(float, x))), bron="kalibratie")

    @staticmethod
    def _sleutel(x: np.ndarray, schaal: int) -> str:
        return json.dumps([schaal] + [float(v) for v in x])

    def waarden(self, x: np.ndarray, schaal: int | None = None) -> dict[tuple[str, str], float]:
        """Modelwaarden voor parametervector x (uit het geheugen als deze run al gedaan is)."""
        schaal = schaal or self.schaal
        sleutel = self._sleutel(x, schaal)
        if sleutel not in self.cache:
            self.cache[sleutel] = _run((self.parameters(x), self.seed, schaal))
            self._bewaar()
        return {tuple(k.split("/", 1)): v for k, v in self.cache[sleutel].items()}

    def _bewaar(self) -> None:
        if self.voortgangsbestand:
            with atomair(self.voortgangsbestand) as tijdelijk:
                tijdelijk.write_text(json.dumps({"instellingen": self._instellingen(), "runs": self.cache}))

    def residuen(self, x: np.ndarray) -> np.ndarray:
        return self.residuen_van(self.waarden(x))

    def residuen_van(self, waarden: dict) -> np.ndarray:
        return np.array([(waarden[(d, g)] - v) / t for d, g, v, t in
                         zip(self.gefit.doel, self.gefit.groep, self.gefit.waarde, self.gefit.tolerantie)])

    def veel_residuen(self, xs: list[np.ndarray], werkers: int) -> list[np.ndarray]:
        """Residuen voor veel parametervectoren, de nog niet gerekende parallel over `werkers` processen."""
        open_ = [x for x in xs if self._sleutel(x, self.schaal) not in self.cache]
        if open_ and werkers > 1:
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(max_workers=werkers) as pool:
                for x, w in zip(open_, pool.map(_run, [(self.parameters(x), self.seed, self.schaal) for x in open_])):
                    self.cache[self._sleutel(x, self.schaal)] = w
            self._bewaar()
        return [self.residuen(x) for x in xs]


def _run(taak) -> dict[str, float]:
    """Eén kalibratierun (parameters, seed, schaal) -> de modelwaarden als 'doel/groep': waarde."""
    from simulatie.model import JongerenModel
    from simulatie.scenario import laad_scenario

    parameters, seed, schaal = taak
    model = JongerenModel(laad_scenario("nulalternatief"), seed=seed, schaal=schaal, parameters=parameters)
    model.run_for(MAANDEN)
    return {f"{d}/{g}": float(v) for (d, g), v in modelwaarden(model).items()}


def kalibreer(seed: int = 0, schaal: int = 2, max_evaluaties: int = 30, voortgangsbestand: Path | None = None,
              voortgang: bool = True, werkers: int | None = None) -> dict:
    """Fit de vrije parameters; geeft de gefitte waarden, de doelfunctie en de Jacobiaan."""
    from scipy.optimize import least_squares
    from tqdm.auto import tqdm

    basis = laad_parameters(gekalibreerd=False)
    k = Kalibratie(basis, lees_doelen(), seed=seed, schaal=schaal, voortgangsbestand=voortgangsbestand)
    onder = np.array([v[1] for v in VRIJ])
    boven = np.array([v[2] for v in VRIJ])
    x0 = np.clip(np.array([basis[n] for n in k.namen]), onder + 1e-6 * (boven - onder), boven - 1e-6 * (boven - onder))
    # de optimalisatie werkt op de logit van de plaats binnen de grenzen: onbegrensd en goed geschaald
    naar_z = lambda x: np.log((x - onder) / (boven - x))  # noqa: E731
    naar_x = lambda z: onder + (boven - onder) / (1 + np.exp(-z))  # noqa: E731
    werkers = werkers or os.cpu_count() or 1
    stap = 0.1  # in logit-ruimte: ca. 2,5% van het bereik rond het midden
    balk = tqdm(desc="kalibratie", unit="iteratie", disable=None if voortgang else True)

    def doel(z):
        r = k.residuen(naar_x(z))
        balk.set_postfix(doelfunctie=f"{0.5 * float(r @ r):.2f}", runs=len(k.cache))
        return r

    def jacobiaan(z):
        r0 = k.residuen(naar_x(z))
        verschoven = [z + stap * np.eye(len(z))[j] for j in range(len(z))]
        kolommen = k.veel_residuen([naar_x(v) for v in verschoven], werkers)
        balk.update(1)
        return np.stack([(r - r0) / stap for r in kolommen], axis=1)

    uitkomst = least_squares(doel, naar_z(x0), jac=jacobiaan, method="trf", max_nfev=max_evaluaties,
                             xtol=1e-4, ftol=1e-4, gtol=1e-6)
    balk.close()
    return {"kalibratie": k, "x": naar_x(uitkomst.x), "doelfunctie": float(uitkomst.cost),
            "status": uitkomst.message, "evaluaties": int(uitkomst.nfev), "runs": len(k.cache),
            "jacobiaan": np.asarray(uitkomst.jac)}


def identificatie(k: Kalibratie, x: np.ndarray, stap: float = 0.1) -> pd.DataFrame:
    """Lokale gevoeligheid: per parameter (gefit en een paar niet gefitte) hoeveel de doelen bewegen bij
    een relatieve verandering van `stap`, in toleranties. Weinig beweging = de doelen zeggen er weinig over."""
    r0 = k.residuen(x)
    rijen = []
    for j, naam in enumerate(k.namen):
        x1 = x.copy()
        x1[j] = min(VRIJ[j][2], x[j] * (1 + stap))
        d = (k.residuen(x1) - r0) / max(1e-12, (x1[j] - x[j]) / x[j])
        rijen.append(_identificatierij(naam, x[j], d, k, gefit=True))
    for naam in ONGEFIT:
        p = k.parameters(x)
        waarde = p[naam]
        ander = Kalibratie(p.vervang({naam: waarde * (1 + stap)}), k.doelen, seed=k.seed, schaal=k.schaal)
        ander.namen = k.namen
        d = (ander.residuen(x) - r0) / stap
        rijen.append(_identificatierij(naam, waarde, d, k, gefit=False))
    return pd.DataFrame(rijen)


def _identificatierij(naam, waarde, d, k, gefit) -> dict:
    norm = float(np.sqrt(d @ d))
    sterkst = int(np.argmax(np.abs(d)))
    # benaderde standaardfout van log(parameter) als de doelen met hun tolerantie als 1 sd worden gelezen
    se = 1 / norm if norm > 0 else np.inf
    oordeel = "goed bepaald" if se < 0.1 else "matig bepaald" if se < 0.5 else "nauwelijks bepaald"
    return {"parameter": naam, "waarde": waarde, "gefit": gefit, "gevoeligheid": norm,
            "relatieve_standaardfout": se, "oordeel": oordeel,
            "sterkste_doel": f"{k.gefit.doel[sterkst]}/{k.gefit.groep[sterkst]}"}


def fit_tabel(k: Kalibratie, x: np.ndarray, volledige_schaal: bool = True) -> pd.DataFrame:
    w = k.waarden(x)
    vol = k.waarden(x, schaal=1) if volledige_schaal else {}
    d = k.doelen
    tabel = pd.DataFrame({
        "doel": d.doel, "groep": d.groep, "doelwaarde": d.waarde,
        "modelwaarde": [w[(a, b)] for a, b in zip(d.doel, d.groep)],
        "tolerantie": d.tolerantie,
    })
    tabel["binnen_tolerantie"] = (tabel.modelwaarde - tabel.doelwaarde).abs() <= tabel.tolerantie
    tabel["gefit"] = d.gefit
    if vol:
        tabel["modelwaarde_schaal_1"] = [vol[(a, b)] for a, b in zip(d.doel, d.groep)]
        tabel["binnen_tolerantie_schaal_1"] = (tabel.modelwaarde_schaal_1 - tabel.doelwaarde).abs() <= tabel.tolerantie
    tabel["bron"] = d.bron
    return tabel


def toetsen(parameters: Parameters, seed: int = 0, schaal: int = 2) -> pd.DataFrame:
    """De niet-gefitte gepubliceerde cijfers naast het model (nulalternatief, 2027; vsv-trend tot 2035)."""
    from simulatie.model import JongerenModel
    from simulatie.scenario import laad_scenario

    model = JongerenModel(laad_scenario("nulalternatief"), seed=seed, schaal=schaal, parameters=parameters)
    jaar = c.jaar_maand(model.startmaand)[0] + 1
    waarden = {k: [] for k in ("afstand", "neet", "bijstand", "migratie", "buiten_beeld")}
    model.run_for(12 * 10)
    # standen in 2027 opnieuw uitrekenen uit de maandcijfers (lang formaat)
    m = model.maandcijfers()
    m27 = m[(m.datum.dt.year == jaar) & (m.regio == 0) & (m.schooltype == "alle")]
    stand = m27[m27.indicator == "aantal"].groupby("toestand").waarde.mean()
    waarden = {
        "jongeren_16_27_met_afstand": stand["thuis"] + stand["uitkering"],
        "neet_15_27": stand["thuis"] + stand["uitkering"] + stand["zorg"],
        "bijstand_onder_27": stand["uitkering"] * parameters["prijzen.uitkering.aandeel_bijstand"],
        "buiten_beeld": m27[m27.indicator == "buiten_beeld"].waarde.mean(),
        "werkloosheid_niet_onderwijsvolgend": (stand["thuis"] + stand["uitkering"])
        / (stand["werk"] + stand["thuis"] + stand["uitkering"]),
    }
    pop = model.populatie
    afstand = pop.actief() & np.isin(pop.toestand, (c.THUIS, c.UITKERING))
    waarden["aandeel_niet_westers_in_afstand"] = float(pop.migratie[afstand].mean())  # eind van de run
    vsv = m[(m.indicator == "nieuwe_vsv") & (m.regio == 0) & (m.schooltype == "alle")]
    schooljaar = np.where(vsv.datum.dt.month >= 10, vsv.datum.dt.year, vsv.datum.dt.year - 1)
    per_jaar = vsv.groupby(schooljaar).waarde.sum()
    waarden["nieuwe_vsv_ers_trend_2012_2021"] = per_jaar.loc[jaar:jaar + 7].mean()
    t = lees_toetsen()
    t["modelwaarde"] = t.toets.map(waarden)
    t["binnen_bandbreedte"] = (t.modelwaarde >= t.bandbreedte_laag) & (t.modelwaarde <= t.bandbreedte_hoog)
    return t


def schrijf_gekalibreerd(pad: Path, k: Kalibratie, x: np.ndarray, doelfunctie: float, seed: int, schaal: int) -> None:
    data = {
        "_toelichting": ("Gefitte waarden van `jongeren kalibreer`; het model gebruikt ze standaard "
                         "(laad_parameters). Bron en bandbreedte van elke parameter staan in simulatie/parameters."),
        "datum": dt.date.today().isoformat(),
        "methode": "gesimuleerde momenten, scipy.optimize.least_squares (trf), residuen (model - doel) / tolerantie",
        "seed": seed, "schaal": schaal, "maanden": MAANDEN,
        "doelfunctie": round(doelfunctie, 6),
        "doelen": [f"{d}/{g}" for d, g in zip(k.gefit.doel, k.gefit.groep)],
        "waarden": {n: round(float(v), 6) for n, v in zip(k.namen, x)},
    }
    pad.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


__all__ = ["kalibreer", "modelwaarden", "fit_tabel", "identificatie", "toetsen", "lees_doelen", "Kalibratie",
           "gekalibreerd_bestand"]


# ------------------------------------------------------------------------------------ rapport

NIET_GEBRUIKT = [
    ("vsv_percentage_per_jaar / vavo (10,7%)", "het model bevat geen vavo (voortgezet algemeen volwassenenonderwijs)"),
    ("vsv_percentage_per_jaar / mbo_uit_vso (20,6%) en mbo_entree_uit_vso (25%)",
     "het model onthoudt niet van welke school een mbo-student kwam; vso-afkomst is geen kenmerk"),
    ("nieuwe_vsv_ers / 2001 (71.000) en trend 2012-2021 (25.000)",
     "historische niveaus; de trend staat bij de toetsen (niet gefit)"),
    ("relatief_risico_vsv / multiproblematiek (4,0) en relatief_kans_baan / migratie (0,33-0,5)",
     "zijn invoer van het model (overgangen.yaml), geen doel: het model reproduceert ze per constructie"),
    ("omvang_doelgroep (300.000) en aandeel niet-westers (43%)",
     "niet gefit, wel getoetst: zie de toetsen hieronder"),
]


def figuur_fit(fit: pd.DataFrame):
    from matplotlib.figure import Figure

    from simulatie.figuren import A4_BREED

    soorten = list(dict.fromkeys(fit.doel))
    fig = Figure(figsize=(A4_BREED[0], 2.0 * len(soorten)), layout="constrained")
    assen = fig.subplots(len(soorten), 1)
    for ax, soort in zip(np.atleast_1d(assen), soorten):
        d = fit[fit.doel == soort].reset_index(drop=True)
        x = np.arange(len(d))
        ax.errorbar(x, d.doelwaarde, yerr=d.tolerantie, fmt="s", color="black", ms=4, capsize=3,
                    label="doel met tolerantie")
        ax.scatter(x, d.modelwaarde, color="#EE6677", zorder=3, label="model (kalibratieschaal)")
        if "modelwaarde_schaal_1" in d:
            ax.scatter(x, d.modelwaarde_schaal_1, facecolors="none", edgecolors="#4477AA", zorder=3,
                       label="model (schaal 1)")
        ax.set_xticks(x, d.groep, fontsize=7, rotation=20)
        ax.set_title(soort.replace("_", " "), loc="left", fontsize=9)
        ax.tick_params(axis="y", labelsize=7)
    np.atleast_1d(assen)[0].legend(fontsize=7, frameon=False)
    return fig


def rapport_markdown(fit: pd.DataFrame, ident: pd.DataFrame, toets: pd.DataFrame, info: dict) -> str:
    from simulatie.opmaak import tabel_md

    def tabel(df: pd.DataFrame) -> str:
        return tabel_md(df, _fmt, index=False)

    binnen = int(fit.binnen_tolerantie.sum())
    regels = [
        "# Kalibratierapport", "",
        f"Gemaakt op {info['datum']} met `jongeren kalibreer` (seed {info['seed']}, schaal {info['schaal']}, "
        f"{MAANDEN} maanden per run, {info['runs']} runs, {info['seconden'] / 60:.1f} minuten).", "",
        "**Methode.** Gesimuleerde momenten: per parametervector draait het nulalternatief met een vaste seed; elk "
        "doel wordt berekend zoals de bron het definieert (kolom `statistiek` in `doelen.csv`). "
        "`scipy.optimize.least_squares` minimaliseert de som van de gekwadrateerde residuen (model - doel) / "
        "tolerantie over de vrije parameters, elk binnen grenzen. "
        f"Eindwaarde van de doelfunctie: {info['doelfunctie']:.2f} ({info['status']}).", "",
        f"**Uitkomst.** {binnen} van de {len(fit)} doelen liggen binnen hun tolerantie op de kalibratieschaal"
        + (f", {int(fit.binnen_tolerantie_schaal_1.sum())} op volle schaal (schaal 1)."
           if "binnen_tolerantie_schaal_1" in fit else "."), "",
        "![Doel tegen model](fit.png)", "",
        "## Doelen", "",
        tabel(fit.drop(columns=["bron"])), "",
    ]
    buiten = fit[~fit.binnen_tolerantie]
    if len(buiten):
        regels += ["### Doelen buiten hun tolerantie", ""]
        for r in buiten.itertuples():
            regels.append(f"- `{r.doel}/{r.groep}`: model {_fmt(r.modelwaarde)} tegen doel {_fmt(r.doelwaarde)} "
                          f"(tolerantie {_fmt(r.tolerantie)}). {_reden(r.doel, r.groep)}")
        regels.append("")
    regels += ["## Wat de doelen wel en niet vastleggen", "",
               "Per parameter: hoeveel de doelen (in toleranties) bewegen bij een relatieve verandering, en de "
               "daaruit benaderde relatieve standaardfout. Gefitte parameters met een grote standaardfout en de "
               "niet gefitte parameters met weinig gevoeligheid worden door deze cijfers nauwelijks bepaald: hun "
               "waarde blijft een aanname met de bandbreedte uit de parameterbestanden.", "",
               tabel(ident), "",
               "## Gepubliceerde cijfers die niet als doel dienen", ""]
    regels += [f"- {a}: {b}." for a, b in NIET_GEBRUIKT]
    regels += ["", "## Toetsen: gepubliceerde cijfers waar het model níet op gefit is", "",
               "Een model dat zijn doelen haalt door de rest te vervormen, valt hier door de mand. De bandbreedte "
               "is ruim omdat de definities van bron en model niet precies samenvallen (zie `toetsen.csv`).", "",
               tabel(toets[["toets", "waarde", "modelwaarde", "bandbreedte_laag", "bandbreedte_hoog",
                            "binnen_bandbreedte", "peiljaar"]]), ""]
    return "\n".join(regels) + "\n"


def _reden(doel: str, groep: str) -> str:
    if doel == "zonder_werk_1jr_na_uitstroom" and groep == "mbo34_bbl":
        return ("Bbl-gediplomeerden werken al bij hun leerbedrijf; 2% zonder werk vraagt een baanverlies dat "
                "lager is dan de CBS-stroom voor alle werkenden. Het model houdt één baanverlieskans voor alle "
                "werkenden met SK, liever dan een aparte kans voor deze groep in te voeren.")
    if doel == "zonder_werk_1jr_na_uitstroom":
        return ("De kans op werk direct na school stuurt het aandeel een jaar later maar zwak (zie de "
                "identificatietabel): binnen een jaar bepalen de gedeelde baanvind- en baanverlieskansen en de "
                "risicofactoren van de groep (beperking, migratie, multiproblematiek) de uitkomst. Een eigen "
                "baankans per groep zou dit doel halen, maar voegt per groep een vrije parameter toe die geen "
                "andere bron ondersteunt; liever een eenvoudige structuur met een eerlijk verschil.")
    if doel.startswith("vsv") and groep in ("mbo_entree", "bol_1", "bbl_1"):
        return ("Entree duurt een jaar: wie na het entreediploma stopt, telt als vsv'er (geen SK). Het doel is het "
                "resultaat van uitval plus niet-doorstromen; de bron geeft niet hoe die twee verdeeld zijn.")
    return "Zie de identificatietabel: de parameters die dit doel sturen, liggen tegen hun grens of sturen ook andere doelen."


def _fmt(v) -> str:
    from simulatie.opmaak import getal

    if isinstance(v, (bool, np.bool_)):
        return "ja" if v else "nee"
    if isinstance(v, (float, np.floating)):
        if not np.isfinite(v):
            return "n.v.t."
        return getal(v) if abs(v) >= 100 else f"{v:.4g}".replace(".", ",")
    return str(v)
