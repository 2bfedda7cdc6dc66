"""Kalibratie: de overgangsparameters fitten op de gepubliceerde cijfers (kalibratie/doelen.csv).

Methode: gesimuleerde momenten (simulated method of moments). Voor een parametervector draait het
nulalternatief 30 maanden met een vaste seed (gemeenschappelijke toevalsgetallen, dus een
deterministisch doel), en elk doel wordt berekend zoals de bron het definieert. De residuen
(model - doel) / tolerantie gaan naar scipy.optimize.least_squares (trust region). Elke parameter
leeft tussen grenzen; de optimalisatie werkt op de logit van zijn plaats daartussen. De Jacobiaan is
een volledige voorwaartse differentie, met de kolommen parallel op een uitvoerder (uitvoering.py: lokale
processen of Dask). Elke run wordt bewaard in een voortgangsbestand (runs.Schijflaag, één regel per punt
met de doelfunctie): een afgebroken kalibratie hervat zonder iets opnieuw te rekenen, en twee keer draaien
met dezelfde seed geeft dezelfde waarden.

Eerlijkheid: alleen de doelen met gefit = ja sturen de fit. De toetsen (kalibratie/toetsen.csv) zijn
gepubliceerde cijfers waar het model niet op gefit is; het rapport zet ze ernaast.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from scipy.optimize import least_squares
from tqdm.auto import tqdm

from simulatie.experimenten.runs import Rungeheugen, Schijflaag
from simulatie.experimenten.uitvoering import InDitProces, Uitvoerder, kies_uitvoerder
from simulatie.gedeeld import codes as c
from simulatie.gedeeld.fouten import InvoerFout
from simulatie.invoer.parameters import Parameters, gekalibreerd_bestand, kalibratiemap, laad_parameters
from simulatie.gedeeld.opmaak import getal, nl, tabel_md
from simulatie.invoer.scenario import laad_scenario
from simulatie.kern.model import JongerenModel
from simulatie.kern.populatie import Leeftijdsprofiel, samengevoegd, uitgebreide_toestand
from simulatie.kern.uitkomst import Uitkomst
from simulatie.kern.waarneming import VERVOLGTOESTANDEN

MAP = kalibratiemap()
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
    # de inschrijving per mbo-niveau: hoe vmbo'ers over de niveaus gaan en hoe lang een opleiding duurt
    ("overgangen.doorstroom.vmbo_basis_naar_entree", 0.02, 0.5, (("ingeschreven", "mbo_1"),)),
    ("overgangen.doorstroom.vmbo_kader_naar_niveau_3", 0.2, 0.95,
     (("ingeschreven", "mbo_2"), ("ingeschreven", "mbo_3"))),
    ("overgangen.doorstroom.vmbo_kader_naar_niveau_4", 0.02, 0.7,
     (("ingeschreven", "mbo_3"), ("ingeschreven", "mbo_4"))),
    ("overgangen.doorstroom.vmbo_gt_naar_niveau_4", 0.4, 0.97, (("ingeschreven", "mbo_3"), ("ingeschreven", "mbo_4"))),
    ("overgangen.zittenblijven.mbo", 0.0, 0.35, tuple(("ingeschreven", f"mbo_{n}") for n in (1, 2, 3, 4))),
    ("overgangen.doorstroom.mbo_3_naar_mbo_4", 0.05, 0.6, (("ingeschreven", "mbo_3"), ("ingeschreven", "mbo_4"))),
    # de standen buiten school
    ("overgangen.factor.baanvinden_duur_per_jaar", 0.3, 1.0, (("neet", "15_27"),)),
    # hoe de EBB de register-thuiszitters telt (meting, geen gedrag)
    ("overgangen.meting.thuis_werkend_in_ebb", 0.05, 0.8, (("neet", "15_27"),)),
    ("overgangen.meting.zoekend_thuis_en_bijstand", 0.1, 0.9, (("werkloosheid_niet_onderwijsvolgend", "15_27"),)),
    ("overgangen.maandkans.thuis_uitkering", 0.002, 0.08, (("bijstand_onder_27", "2024-Q1"),)),
    ("overgangen.maandkans.werk_uitkering", 0.0005, 0.03, (("ww_onder_25", "2020-02"),)),
    ("overgangen.uitkering.wajong_bij_beperking_na_school", 0.02, 0.98, (("wajong_instroom", "totaal"),)),
]
# Niet gefitte parameters waarvan het rapport laat zien hoeveel de doelen ervan afhangen
ONGEFIT = ("overgangen.maandkans.thuis_werk", "overgangen.maandkans.werk_thuis", "overgangen.maandkans.bijstand_werk",
           "overgangen.maandkans.ww_werk", "overgangen.factor.baanvinden_zonder_sk",
           "overgangen.in_beeld.bereik_doorstroompunt_per_maand", "overgangen.doorstroom.mbo_2_naar_mbo_3",
           "overgangen.vsv_risico.multiproblematiek", "overgangen.uitkering.afzien_na_zoektermijn",
           "overgangen.doorstroom.tussenjaar_naar_ho", "overgangen.doorstroom.hbo_naar_wo_master",
           "populatie.nieuwkomers.aandeel_student")


def lees_doelen() -> pd.DataFrame:
    doelen = pd.read_csv(MAP / "doelen.csv")
    doelen["gefit"] = doelen.gefit.str.strip().eq("ja")
    return doelen


def lees_toetsen() -> pd.DataFrame:
    return pd.read_csv(MAP / "toetsen.csv")


# ------------------------------------------------------------------------------------ statistieken

def _maand(u: Uitkomst, jaar: int, maand: int) -> int:
    """De plaats van een kalendermaand op de maand-as van de uitkomst."""
    return list(u.maanden).index(c.maandindex(jaar, maand))


def _vervolg(u: Uitkomst, a: int, b: int) -> np.ndarray:
    """(horizon 12/24, uitstroomgroep, vervolgtoestand) opgeteld over de maanden a..b."""
    return u.vervolg[a:b + 1].sum(axis=0)


def _werkt(v: np.ndarray) -> np.ndarray:
    """Aantal dat werkt, zoals CBS 'met werk' telt: een baan, ook naast een bbl-opleiding (laatste as)."""
    return v[..., VERVOLGTOESTANDEN.index("werk")] + v[..., VERVOLGTOESTANDEN.index("onderwijs_bbl")]


def standen(u: Uitkomst, jaar: int, jaren: int = 2) -> dict[str, float]:
    """Standen van 15 tot 27 jaar zoals het CBS en UWV ze tellen, gemiddeld over `jaren` kalenderjaren vanaf `jaar`."""
    a, b = _maand(u, jaar, 1), _maand(u, jaar + jaren - 1, 12)
    S = u.leeftijdsstanden[a:b + 1].mean(axis=0)  # (VAKKEN_UITGEBREID, leeftijd)
    t = {naam: S[i] for i, naam in enumerate(c.TOESTANDEN_UITGEBREID)}
    zorg_met_wajong = S[c.ZORG_MET_WAJONG]
    vanaf_15 = slice(1, None)  # leeftijd 14 hoort niet bij 15-27
    p = u.parameters
    # de EBB telt de institutionele bevolking niet: een deel van wie in zorg is, woont in een instelling
    zorg_thuis = (1 - p["overgangen.meting.zorg_in_instelling"]) * (t["zorg"] + zorg_met_wajong)
    # de EBB telt wie een uur werkt of een cursus volgt als werkend of cursist: een deel van de register-thuiszitters
    # en van de bijstand (parttime werk)
    thuis_ebb = (1 - p["overgangen.meting.thuis_werkend_in_ebb"]) * t["thuis"]
    bijstand_ebb = (1 - p["overgangen.meting.bijstand_met_werk"]) * t["bijstand"]
    werk_ebb = t["werk"] + (t["thuis"] - thuis_ebb) + (t["bijstand"] - bijstand_ebb)
    neet = thuis_ebb + bijstand_ebb + t["ww"] + t["wajong"] + zorg_thuis
    werkloos = (p["overgangen.meting.zoekend_thuis_en_bijstand"] * (thuis_ebb + bijstand_ebb)
                + p["overgangen.meting.zoekend_ww"] * t["ww"])
    leeftijd = np.array(c.LEEFTIJDEN)
    return {
        "neet_15_27": float(neet[vanaf_15].sum()),
        "neet_15_24": float(neet[(leeftijd >= 15) & (leeftijd < 25)].sum()),
        "bijstand_onder_27": float(t["bijstand"].sum()),
        "ww_onder_25": float(t["ww"][leeftijd < 25].sum()),
        "wajong_onder_27": float((t["wajong"] + zorg_met_wajong).sum()),
        "werkloosheid_niet_onderwijsvolgend": float(werkloos[vanaf_15].sum()
                                                    / (werkloos[vanaf_15].sum() + werk_ebb[vanaf_15].sum())),
        "onderwijs_15_27": float(samengevoegd(S)[0][vanaf_15].sum()),
    }


def modelwaarden(u: Uitkomst) -> dict[tuple[str, str], float]:
    """Elk doel berekend zoals de bron het definieert (zie de kolom 'statistiek' in doelen.csv), uit de uitkomst
    van een run van het nulalternatief."""
    jaar = c.jaar_maand(int(u.maanden[0]))[0]
    uit: dict[tuple[str, str], float] = {}
    # zonder werk 12 maanden na uitstroom, voor wie uitstroomde tussen juli (jaar) en juni (jaar+1)
    v = _vervolg(u, _maand(u, jaar + 1, 7), _maand(u, jaar + 2, 6))[0]
    for g in UITSTROOMGROEPEN:
        aantal, werk = v[c.UITSTROOMGROEP[g]].sum(), _werkt(v[c.UITSTROOMGROEP[g]])
        uit[("zonder_werk_1jr_na_uitstroom", g)] = 1 - werk / aantal if aantal > 0 else np.nan
    # vsv in schooljaar oktober (jaar) - september (jaar+1), gedeeld door de stand op 1 oktober
    okt, sep = _maand(u, jaar, 10), _maand(u, jaar + 1, 9)
    stand = u.mbo_stand[okt - 1] if okt > 0 else u.mbo_stand[okt]  # stand aan het eind van september
    vsv = u.mbo_vsv[okt:sep + 1].sum(axis=0)
    for n in (1, 2, 3, 4):
        for i, lw in enumerate(("bol", "bbl")):
            uit[("vsv_per_niveau", f"{lw}_{n}")] = vsv[n, i] / stand[n, i]
    uit[("vsv_percentage_per_jaar", "mbo_entree")] = vsv[1].sum() / stand[1].sum()
    uit[("vsv_percentage_per_jaar", "mbo_niveau2")] = vsv[2].sum() / stand[2].sum()
    stromen = u.stroom("nieuwe_vsv")[okt:sep + 1]  # (maand, schooltype, regio)
    uit[("nieuwe_vsv_ers", "totaal")] = stromen.sum()
    uit[("nieuwe_vsv_ers", "mbo")] = stromen[:, c.MBO].sum()
    A = u.standen[okt - 1]  # (toestand, schooltype, regio), eind september
    p = u.parameters
    boven_27 = 1 - p["populatie.mbo_aandeel_27_plus"]
    for n in (1, 2, 3, 4):
        uit[("ingeschreven", f"mbo_{n}")] = stand[n].sum() / boven_27
    for naam, st in (("vmbo_bovenbouw", c.VMBO), ("havo", c.HAVO), ("vwo", c.VWO)):
        uit[("ingeschreven", naam)] = A[c.ONDERWIJS, st].sum()
    # pro en vso tellen vanaf 12 jaar, het model vanaf 14: naar de hele duur teruggerekend
    uit[("ingeschreven", "pro")] = A[c.ONDERWIJS, c.PRO].sum() * 6 / p["populatie.opleidingsduur.pro"]
    uit[("ingeschreven", "vso")] = (A[c.ONDERWIJS, c.VSO].sum() * p["populatie.jaren_in_telling.vso"]
                                    / p["populatie.opleidingsduur.vso"])
    # standen buiten school en de instroom in WW en Wajong, over de eerste twee jaar
    s = standen(u, jaar)
    uit[("neet", "15_27")] = s["neet_15_27"]
    for peil in ("2022-Q2", "2023-Q3", "2024-Q1", "2025-Q1", "2025-Q3"):
        uit[("bijstand_onder_27", peil)] = s["bijstand_onder_27"]
    uit[("werkloosheid_niet_onderwijsvolgend", "15_27")] = s["werkloosheid_niet_onderwijsvolgend"]
    uit[("ww_onder_25", "2020-02")] = s["ww_onder_25"]
    a, b = _maand(u, jaar, 1), _maand(u, jaar + 1, 12)
    wajong = u.stroom("wajong_toegekend")[a:b + 1].sum() / 2
    uit[("wajong_instroom", "totaal")] = float(wajong)
    return uit


@dataclass
class Kalibratie:
    """Het doel en de boekhouding van de runs: één plek die de simulatie draait en onthoudt.

    De runs staan in een Rungeheugen (runs.py), op (seed, schaal) en de waarden van de vrije parameters; met een
    voortgangsbestand ook op schijf, één regel per gerekend punt (`Schijflaag`): een afgebroken kalibratie
    hervat zonder iets opnieuw te rekenen, en wie wil zien hoe ver ze is, leest het bestand."""

    basis: Parameters
    doelen: pd.DataFrame
    seed: int = 0
    schaal: int = 2
    voortgangsbestand: Path | None = None

    def __post_init__(self):
        self.namen = [v[0] for v in VRIJ]
        self.gefit = self.doelen[self.doelen.gefit].reset_index(drop=True)
        schijf = (Schijflaag(self.voortgangsbestand, self._instellingen(), self._andere_instellingen, self._geldig)
                  if self.voortgangsbestand else None)
        self.runs = Rungeheugen(schijf=schijf)

    def _instellingen(self) -> dict:
        return {"seed": self.seed, "schaal": self.schaal, "maanden": MAANDEN, "parameters": self.namen,
                "doelen": [f"{d}/{g}" for d, g in zip(self.gefit.doel, self.gefit.groep)]}

    @staticmethod
    def _andere_instellingen(pad: Path, reden: str) -> InvoerFout:
        return InvoerFout(f"Het voortgangsbestand is niet van deze kalibratie: {reden}.", bestand=pad,
                          veld="--seed/--schaal",
                          toegestaan="dezelfde seed en schaal als de afgebroken kalibratie, of --opnieuw (het "
                                     "voortgangsbestand gaat dan weg)")

    def _geldig(self, waarde) -> bool:
        """Is een bewaarde uitkomst een kalibratierun: een getal voor elk doel?"""
        return isinstance(waarde, dict) and all(
            isinstance(waarde.get(f"{d}/{g}"), (int, float)) and not isinstance(waarde.get(f"{d}/{g}"), bool)
            for d, g in zip(self.doelen.doel, self.doelen.groep))

    def parameters(self, x: np.ndarray) -> Parameters:
        return self.basis.vervang(dict(zip(self.namen, map(float, x))), bron="kalibratie")

    def _sleutel(self, schaal: int) -> list:
        return ["kalibratie", self.seed, schaal]

    def _gezocht(self, x: np.ndarray, schaal: int) -> dict[str, float] | None:
        return self.runs.zoek(self._sleutel(schaal), self.parameters(x))

    def _onthoud(self, x: np.ndarray, schaal: int, waarden: dict[str, float]) -> None:
        """Een gerekend punt in het geheugen en, met een voortgangsbestand, als regel op schijf (met de doelfunctie
        van de doelen en het tijdstip, voor wie de voortgang volgt)."""
        r = self.residuen_van({tuple(k.split("/", 1)): v for k, v in waarden.items()})
        self.runs.voeg_toe(self._sleutel(schaal), dict(zip(self.namen, map(float, x))), waarden,
                           punt=len(self.runs) + 1, doelfunctie=0.5 * float(r @ r),
                           tijd=dt.datetime.now().isoformat(timespec="seconds"))

    def waarden(self, x: np.ndarray, schaal: int | None = None) -> dict[tuple[str, str], float]:
        """Modelwaarden voor parametervector x (uit het geheugen als deze run al gedaan is)."""
        schaal = schaal or self.schaal
        w = self._gezocht(x, schaal)
        if w is None:
            w = _run((self.parameters(x), self.seed, schaal))
            self._onthoud(x, schaal, w)
        return {tuple(k.split("/", 1)): v for k, v in w.items()}

    def residuen(self, x: np.ndarray) -> np.ndarray:
        return self.residuen_van(self.waarden(x))

    def residuen_van(self, waarden: dict) -> np.ndarray:
        return np.array([(waarden[(d, g)] - v) / t for d, g, v, t in
                         zip(self.gefit.doel, self.gefit.groep, self.gefit.waarde, self.gefit.tolerantie)])

    def veel_residuen(self, xs: list[np.ndarray], uitvoerder: Uitvoerder | None = None) -> list[np.ndarray]:
        """Residuen voor veel parametervectoren; de nog niet gerekende op `uitvoerder` (standaard: dit proces),
        elk punt onthouden zodra het klaar is."""
        open_ = list({tuple(map(float, x)): x for x in xs if self._gezocht(x, self.schaal) is None}.values())
        if open_:
            u = uitvoerder if uitvoerder is not None else InDitProces()
            for i, w in u.stroom(_run, [(self.parameters(x), self.seed, self.schaal) for x in open_]):
                self._onthoud(open_[i], self.schaal, w)
        return [self.residuen(x) for x in xs]


def _run(taak: tuple[Parameters, int, int]) -> dict[str, float]:
    """Eén kalibratierun (parameters, seed, schaal) -> de modelwaarden als 'doel/groep': waarde."""
    parameters, seed, schaal = taak
    model = JongerenModel(laad_scenario("nulalternatief"), seed=seed, schaal=schaal, parameters=parameters)
    model.run_for(MAANDEN)
    return {f"{d}/{g}": float(v) for (d, g), v in modelwaarden(Uitkomst.van(model)).items()}


def kalibreer(seed: int = 0, schaal: int = 5, max_evaluaties: int = 20, voortgangsbestand: Path | None = None,
              voortgang: bool = True, werkers: int | None = None, dask: str | None = None,
              uitvoerder: Uitvoerder | None = None) -> dict:
    """Fit de vrije parameters; geeft de gefitte waarden, de doelfunctie en de Jacobiaan. De kolommen van de
    Jacobiaan rekenen op `uitvoerder` (standaard kies_uitvoerder(dask, werkers): lokale processen of Dask)."""
    u = uitvoerder if uitvoerder is not None else kies_uitvoerder(dask, werkers)
    try:
        return _kalibreer(seed, schaal, max_evaluaties, voortgangsbestand, voortgang, u)
    finally:
        if uitvoerder is None:
            u.sluit()


def _kalibreer(seed: int, schaal: int, max_evaluaties: int, voortgangsbestand: Path | None, voortgang: bool,
               u: Uitvoerder) -> dict:
    basis = laad_parameters(gekalibreerd=False)
    k = Kalibratie(basis, lees_doelen(), seed=seed, schaal=schaal, voortgangsbestand=voortgangsbestand)
    onder = np.array([v[1] for v in VRIJ])
    boven = np.array([v[2] for v in VRIJ])
    x0 = np.clip(np.array([basis[n] for n in k.namen]), onder + 1e-6 * (boven - onder), boven - 1e-6 * (boven - onder))
    # de bronwaarden zijn informatie: een zwakke prior (een halve bandbreedte uit de parameterbestanden per eenheid)
    # houdt parameters die de doelen nauwelijks vastleggen bij hun bron, in plaats van ze met de ruis mee te laten
    # dwalen (een schatting met een informatieve prior, zoals gebruikelijk bij gesimuleerde momenten)
    sd = np.array([_prior_sd(basis, n, o, b) for n, o, b in zip(k.namen, onder, boven)])
    # de optimalisatie werkt op de logit van de plaats binnen de grenzen: onbegrensd en goed geschaald
    naar_z = lambda x: np.log((x - onder) / (boven - x))  # noqa: E731
    naar_x = lambda z: onder + (boven - onder) / (1 + np.exp(-z))  # noqa: E731
    # stap in logit-ruimte: ca. 7% van het bereik rond het midden; groot genoeg om boven de discreetheid van een
    # populatie op kalibratieschaal uit te komen
    stap = 0.3
    balk = tqdm(desc="kalibratie", unit="iteratie", disable=None if voortgang else True)

    def doel(z):
        r = np.concatenate([k.residuen(naar_x(z)), (naar_x(z) - x0) / sd])
        balk.set_postfix(doelfunctie=f"{0.5 * float(r @ r):.2f}", runs=len(k.runs))
        return r

    def jacobiaan(z):
        r0 = k.residuen(naar_x(z))
        verschoven = [z + stap * np.eye(len(z))[j] for j in range(len(z))]
        kolommen = k.veel_residuen([naar_x(v) for v in verschoven], u)
        balk.update(1)
        s = 1 / (1 + np.exp(-z))
        prior = np.diag((boven - onder) * s * (1 - s) / sd)
        return np.vstack([np.stack([(r - r0) / stap for r in kolommen], axis=1), prior])

    _controleer_eerste_punt(k, naar_x(naar_z(x0)))
    uitkomst = least_squares(doel, naar_z(x0), jac=jacobiaan, method="trf", max_nfev=max_evaluaties,
                             xtol=1e-4, ftol=1e-4, gtol=1e-6)
    balk.close()
    x = naar_x(uitkomst.x)
    doelen = k.residuen(x)
    return {"kalibratie": k, "x": x, "doelfunctie": 0.5 * float(doelen @ doelen),
            "prior": 0.5 * float(((x - x0) / sd) @ ((x - x0) / sd)),
            "status": uitkomst.message, "evaluaties": int(uitkomst.nfev), "runs": len(k.runs),
            "jacobiaan": np.asarray(uitkomst.jac)}


def _controleer_eerste_punt(k: Kalibratie, x: np.ndarray) -> None:
    """Een doel zonder modelwaarde (een lege groep: op een grove schaal heeft bijvoorbeeld entree-bbl soms geen
    uitstromers) is niet te fitten; zeg dat met de schaal erbij, in plaats van de ValueError van least_squares."""
    r = k.residuen(x)  # het eerste punt van de fit: uit het geheugen, niet dubbel gerekend
    leeg = [f"{d}/{g}" for d, g, ri in zip(k.gefit.doel, k.gefit.groep, r) if not np.isfinite(ri)]
    if leeg:
        raise InvoerFout(f"Op schaal {k.schaal} heeft het model geen waarde voor {len(leeg)} doel(en) (bijvoorbeeld "
                         f"{leeg[0]}): de groep is leeg.", veld="--schaal",
                         toegestaan="een fijnere schaal (een kleiner getal), bijvoorbeeld de standaard 5")


def _prior_sd(p: Parameters, naam: str, onder: float, boven: float) -> float:
    """Halve bandbreedte van de verdeling van de parameter (anders een kwart van de grenzen van de fit)."""
    v = p.info(naam).verdeling
    return (v.hoog - v.laag) / 2 if v is not None and v.hoog > v.laag else (boven - onder) / 4


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
    v = k.basis.info(naam).verdeling
    laag, hoog = (v.laag, v.hoog) if v is not None else (np.nan, np.nan)
    return {"parameter": naam, "waarde": waarde, "bronwaarde": k.basis[naam], "bron_laag": laag, "bron_hoog": hoog,
            "binnen_bronbereik": bool(v is None or laag - 1e-12 <= waarde <= hoog + 1e-12),
            "gefit": gefit, "gevoeligheid": norm, "relatieve_standaardfout": se, "oordeel": oordeel,
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


def _na_drie_maanden(model, groepen: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Per groep (een masker op de populatie van nu): de toestand van elk lid drie maanden later (UIT voor wie
    intussen 27 werd)."""
    pop = model.populatie
    ids = {naam: pop.id[masker] for naam, masker in groepen.items()}
    model.run_for(3)
    pop = model.populatie
    uit = {}
    for naam, i in ids.items():
        rij = np.minimum(np.searchsorted(pop.id, i), len(pop) - 1)
        uit[naam] = np.where(pop.id[rij] == i, pop.toestand[rij], len(c.TOESTANDEN))
    return uit


def toetsen(parameters: Parameters, seed: int = 0, schaal: int = 2) -> pd.DataFrame:
    """De niet-gefitte gepubliceerde cijfers naast het model (nulalternatief 2026-2029 en het opwarmen)."""
    model = JongerenModel(laad_scenario("nulalternatief"), seed=seed, schaal=schaal, parameters=parameters)
    jaar = c.jaar_maand(model.startmaand)[0]
    waarden: dict[str, float] = {}
    start = model.populatie.frame()
    waarden["jongeren_15_27"] = float((start.leeftijd >= 15).sum() * schaal)
    model.run_for(12)  # tot januari van het tweede jaar: drie maanden volgen
    pop = model.populatie
    a = pop.leeftijd_maanden() // 12
    thuis_of_uitkering = np.isin(pop.toestand, (c.THUIS, c.UITKERING))
    later = _na_drie_maanden(model, {
        "neet": thuis_of_uitkering & (a >= 15) & (a < 25),
        "zorg": (pop.toestand == c.ZORG) & (a >= 15) & (a < 25),
        "werkloos": (a >= 15) & (((pop.toestand == c.THUIS) & (pop.uitkering_type == c.GEEN_UITKERING))
                                 | ((pop.toestand == c.UITKERING) & (pop.uitkering_type != c.WAJONG)))})
    # de EBB telt wie in een instelling woont niet: zorg weegt mee naar het deel dat thuis woont
    thuis_woont = 1 - parameters["overgangen.meting.zorg_in_instelling"]
    actief = {k: v[v != len(c.TOESTANDEN)] for k, v in later.items()}
    weg = {k: np.isin(v, (c.WERK, c.ONDERWIJS)).sum() for k, v in actief.items()}
    waarden["neet_na_3_maanden_school_of_werk"] = float(
        (weg["neet"] + thuis_woont * weg["zorg"]) / (len(actief["neet"]) + thuis_woont * len(actief["zorg"])))
    waarden["werkloos_na_3_maanden_werk"] = float(np.mean(actief["werkloos"] == c.WERK))
    model.run_for(42 - 15)  # tot en met juni 2029: twee jaar na de uitstromers van 2026-27
    u = Uitkomst.van(model)
    # oktober 2026: inschrijving en werk naast onderwijs zoals het register (CBS 2021) telt
    okt = _maand(u, jaar, 10)
    K = u.leeftijdsstanden[okt][:, 1:]  # vanaf 15 jaar
    waarden["onderwijs_15_27"] = float(K[c.TOESTANDEN_UITGEBREID.index("onderwijs")].sum())
    waarden["werkend_niet_onderwijs_15_27"] = float(K[c.TOESTANDEN_UITGEBREID.index("werk")].sum())
    waarden["niet_werkzaam_niet_onderwijs_15_27"] = float(K.sum() - waarden["onderwijs_15_27"]
                                                          - waarden["werkend_niet_onderwijs_15_27"])
    waarden["ho_ingeschreven_onder_27"] = float(u.stand("onderwijs")[okt, c.HO].sum())
    s = standen(u, jaar)
    waarden["neet_15_24"] = s["neet_15_24"]
    waarden["wajong_onder_27_2015"] = s["wajong_onder_27"]
    a, b = _maand(u, jaar, 1), _maand(u, jaar + 1, 12)
    instroom = u.uitkering_instroom[a:b + 1]  # (maand, bijstand/WW/Wajong)
    waarden["bijstand_instroom_per_kwartaal"] = float(instroom[:, 0].sum() / 8)
    waarden["ww_instroom_onder_27_2017"] = waarden["ww_instroom_onder_27_2022"] = float(instroom[:, 1].sum() / 2)
    # uitstroom uit de bijstand: alle beëindigingen min wie 27 werd (CBS telt die niet als uitstroom)
    uit_bijstand = _uit_bijstand(u, a, b)
    waarden["bijstand_uitstroom_per_kwartaal"] = uit_bijstand / 8
    waarden["buiten_beeld"] = float(u.buiten_beeld[a:b + 1].sum(axis=1).mean())
    # schoolverlaters van juli 2026 - juni 2027, een en twee jaar later
    v1 = _vervolg(u, _maand(u, jaar + 1, 7), _maand(u, jaar + 2, 6))[0]
    v2 = _vervolg(u, _maand(u, jaar + 2, 7), _maand(u, jaar + 3, 6))[1]
    g = c.UITSTROOMGROEP
    vsv = [g[n] for n in ("vsv_mbo", "vsv_vo", "vsv_havo_vwo")]
    waarden["vsv_terug_in_onderwijs_na_1_jaar"] = float(
        v1[vsv][:, [VERVOLGTOESTANDEN.index("onderwijs"), VERVOLGTOESTANDEN.index("onderwijs_bbl")]].sum()
        / v1[vsv].sum())
    met_sk = [g[n] for n in ("mbo2_bol", "mbo34_bol", "mbo2_bbl", "mbo34_bbl")]
    zonder_sk = [g[n] for n in ("vsv_mbo", "entree_bol", "entree_bbl")]
    waarden["mbo_met_sk_werk_na_1_jaar"] = float(_werkt(v1[met_sk]).sum() / v1[met_sk].sum())
    waarden["mbo_zonder_sk_werk_na_1_jaar"] = float(_werkt(v1[zonder_sk]).sum() / v1[zonder_sk].sum())
    waarden["mbo_zonder_sk_werk_na_2_jaar"] = float(_werkt(v2[zonder_sk]).sum() / v2[zonder_sk].sum())
    waarden["pro_werk_direct"] = float(_werkt(v1[g["pro"]]) / v1[g["pro"]].sum())
    uitk = [VERVOLGTOESTANDEN.index(n) for n in ("bijstand", "ww", "wajong", "zorg_met_wajong")]
    waarden["vso_uitkering_direct"] = float(v1[g["vso"], uitk].sum() / v1[g["vso"]].sum())
    # het opwarmen: nieuwe vsv'ers per schooljaar 2021-22 t/m 2023-24 (de jaren waarin alle leeftijden er zijn)
    o = model.opwarming
    schooljaar = np.array([j if m >= 10 else j - 1 for j, m in map(c.jaar_maand, o.maanden)])
    per_jaar = pd.Series(o.vsv).groupby(schooljaar).sum()
    waarden["nieuwe_vsv_ers_reeks_2021_2023"] = float(per_jaar.loc[2021:2023].mean())
    pop = model.populatie
    afstand = pop.actief() & np.isin(pop.toestand, (c.THUIS, c.UITKERING))
    waarden["aandeel_niet_westers_in_afstand"] = float(pop.migratie[afstand].mean())
    t = lees_toetsen()
    t["modelwaarde"] = t.toets.map(waarden)
    t["binnen_bandbreedte"] = (t.modelwaarde >= t.bandbreedte_laag) & (t.modelwaarde <= t.bandbreedte_hoog)
    return t


def _uit_bijstand(u: Uitkomst, a: int, b: int) -> float:
    """Beëindigde bijstandsuitkeringen over de maanden a..b (zonder wie 27 werd): instroom min de groei van de
    stand min wie met bijstand 27 werd."""
    instroom = u.uitkering_instroom[a:b + 1, 0].sum()
    bijstand = u.leeftijdsstanden[:, c.TOESTANDEN_UITGEBREID.index("bijstand")]  # (maand, leeftijd)
    stand = [bijstand[m].sum() for m in (a - 1, b)] if a > 0 else [bijstand[a].sum()] * 2
    oud = bijstand[a:b + 1, -1].sum() / 12  # de 26-jarigen: een twaalfde wordt 27 per maand
    return float(instroom - (stand[1] - stand[0]) - oud)


def schrijf_gekalibreerd(pad: Path, k: Kalibratie, x: np.ndarray, doelfunctie: float, seed: int, schaal: int) -> None:
    data = {
        "_toelichting": ("Gefitte waarden van `jongeren kalibreer`; het model gebruikt ze standaard "
                         "(laad_parameters). Bron en bandbreedte van elke parameter staan in "
                         "simulatie/invoer/parameters."),
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
     "historische niveaus; het opwarmen volgt het vsv-niveau per schooljaar (overgangen.vsv_trend), en de jaren "
     "waarin het opwarmen alle leeftijden heeft staan bij de toetsen"),
    ("relatief_risico_vsv / multiproblematiek (4,0) en relatief_kans_baan / migratie (0,33-0,5)",
     "zijn invoer van het model (overgangen.yaml), geen doel: het model reproduceert ze per constructie"),
    ("omvang_doelgroep (300.000, CPB 2019)",
     "telt ook werkenden die niet economisch zelfstandig zijn (minder dan 70% WML): het model kent geen inkomen"),
    ("Wajong onder 27 (70.210 in januari 2017, CBS via NJi)",
     "de oude Wajong sloot in 2015; wie toen instroomde is in 2026 ouder dan 27. Het doel is daarom de instroom "
     "in de Wajong 2015 (UWV 2017); de stand onder 27 staat bij de toetsen als afgeleide"),
    ("jongeren in zorg of dagbesteding", "geen bron gevonden voor een stand van 15-27 jaar; zorg is geen doel"),
]


def populatietabel(model) -> pd.DataFrame:
    """Jongeren per leeftijdsgroep en toestand bij de start (januari), naast het CBS-profiel van die leeftijden."""
    pop = model.populatie
    a = pop.leeftijd_maanden() // 12
    stand = np.zeros((c.ZORG_MET_WAJONG + 1, len(c.LEEFTIJDEN)))
    actief = pop.actief()
    code = uitgebreide_toestand(pop.toestand[actief], pop.uitkering_type[actief]).astype(int)
    np.add.at(stand, (code, np.clip(a[actief], 14, 26) - 14), model.schaal)
    stand = samengevoegd(stand)
    jaar = c.jaar_maand(model.startmaand)[0]
    profiel = Leeftijdsprofiel(model.parameters).doel(jaar)  # 15..26
    groepen = (("15-19", 15, 19), ("20-24", 20, 24), ("25-26", 25, 26), ("15-26", 15, 26))
    rijen = []
    for naam, laag, hoog in groepen:
        kol = slice(laag - 14, hoog - 14 + 1)
        rij = {"leeftijd": naam, **{t: float(stand[i, kol].sum()) for i, t in enumerate(c.TOESTANDEN_UITGEBREID)}}
        rij["model_totaal"] = float(stand[:, kol].sum())
        rij["cbs_totaal"] = float(profiel[laag - 15:hoog - 15 + 1].sum())
        rijen.append(rij)
    return pd.DataFrame(rijen)


def figuur_fit(fit: pd.DataFrame):
    # matplotlib pas hier: een kalibratierun in een werker tekent niet
    from matplotlib.figure import Figure

    from simulatie.rapportage.figuren import A4_BREED

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


def rapport_markdown(fit: pd.DataFrame, ident: pd.DataFrame, toets: pd.DataFrame, info: dict,
                     populatie: pd.DataFrame | None = None) -> str:
    def tabel(df: pd.DataFrame) -> str:
        return tabel_md(df, _fmt, index=False)

    binnen = int(fit.binnen_tolerantie.sum())
    gefit = fit[fit.gefit]
    regels = [
        "# Kalibratierapport", "",
        f"Gemaakt op {info['datum']} met `jongeren kalibreer` (seed {info['seed']}, schaal {info['schaal']}, "
        f"opwarmen plus {MAANDEN} maanden per run, {info['runs']} runs, {nl(info['seconden'] / 60)} minuten).", "",
        "**Methode.** Gesimuleerde momenten: per parametervector warmt het model op (de jaargangen sinds 2013 door "
        "de maandregels, zie `simulatie/kern/opwarming.py`) en draait het nulalternatief daarna met een vaste seed; zo "
        "leveren de gefitte regels ook de gefitte standen. Elk doel wordt berekend zoals de bron het definieert "
        "(kolom `statistiek` in `doelen.csv`). `scipy.optimize.least_squares` minimaliseert de som van de "
        "gekwadrateerde residuen (model - doel) / tolerantie over de vrije parameters, elk binnen grenzen, plus een "
        "zwakke prior: per parameter (waarde - bronwaarde) gedeeld door de halve bandbreedte "
        "uit de parameterbestanden. "
        "Zo blijven parameters die de doelen nauwelijks vastleggen bij hun bron in plaats van met de ruis van een "
        "gesimuleerde populatie mee te dwalen. "
        f"Eindwaarde van de doelfunctie: {nl(info['doelfunctie'], 2)} voor de doelen en "
        f"{nl(info.get('prior', 0.0), 2)} voor de prior ({info['status']}).", "",
        f"**Uitkomst.** {int(gefit.binnen_tolerantie.sum())} van de {len(gefit)} gefitte doelen liggen binnen hun "
        f"tolerantie op de kalibratieschaal ({binnen} van alle {len(fit)} rijen, met de niet gefitte inschrijvingen)"
        + (f"; op volle schaal (schaal 1) {int(fit[fit.gefit].binnen_tolerantie_schaal_1.sum())} van de {len(gefit)}."
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
               tabel(ident), ""]
    buiten_bron = ident[ident.gefit & ~ident.binnen_bronbereik] if "binnen_bronbereik" in ident else ident.iloc[:0]
    if len(buiten_bron):
        regels += ["### Gefitte parameters buiten de bandbreedte van hun bron", "",
                   "Deze parameters haalt de fit buiten de bandbreedte die in de parameterbestanden bij hun bron of "
                   "aanname staat: de doelen vragen iets wat de structuur van het model op deze plek niet geeft. "
                   "Lees ze als signaal, niet als schatting van de werkelijkheid.", ""]
        regels += [f"- `{r.parameter}`: {_fmt(r.waarde)} (bron {_fmt(r.bronwaarde)}, bandbreedte {_fmt(r.bron_laag)} "
                   f"tot {_fmt(r.bron_hoog)}); stuurt vooral `{r.sterkste_doel}`." for r in buiten_bron.itertuples()]
        regels.append("")
    if populatie is not None:
        regels += ["## De opgewarmde populatie bij de start", "",
                   "Jongeren per leeftijd en toestand in januari 2026 (schaal 1), naast het CBS-leeftijdsprofiel "
                   "(geboorten per jaargang maal de verhouding uit de CBS-bevolking van 2022; `populatie.yaml`). Het "
                   "CBS telde in oktober 2018 2.575.900 jongeren van 15-27, van wie 1,5 miljoen in onderwijs, 798 "
                   "duizend aan het werk (niet in onderwijs), 187 duizend niet werkzaam en 59 duizend in een "
                   "instelling of arbeidsongeschikt: zie de toetsen.", "",
                   tabel(populatie), ""]
    regels += ["## Gepubliceerde cijfers die niet als doel dienen", ""]
    regels += [f"- {a}: {b}." for a, b in NIET_GEBRUIKT]
    regels += ["", "## Toetsen: gepubliceerde cijfers waar het model níet op gefit is", "",
               "Een model dat zijn doelen haalt door de rest te vervormen, valt hier door de mand. De bandbreedte "
               "is ruim omdat de definities van bron en model niet precies samenvallen (zie `toetsen.csv`). Een "
               "cijfer dat als bron van een parameter dient, staat erbij met `gebruik` = invoer: dat is geen "
               "onafhankelijke toets.", "",
               tabel(toets[["toets", "waarde", "modelwaarde", "bandbreedte_laag", "bandbreedte_hoog",
                            "binnen_bandbreedte", "peiljaar", "gebruik"]]), ""]
    mis = toets[~toets.binnen_bandbreedte]
    if len(mis):
        regels += ["### Toetsen buiten de bandbreedte, met de reden", ""]
        regels += [f"- `{r.toets}`: model {_fmt(r.modelwaarde)} tegen {_fmt(r.waarde)}. {r.reden_bij_afwijking}"
                   for r in mis.itertuples()]
        regels.append("")
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
    if doel == "bijstand_onder_27":
        return ("De reeks stijgt van 2022 tot 2025 met de conjunctuur (van 34 naar 41,5 duizend); het model heeft "
                "geen conjunctuur en fit één niveau over de hele reeks, zodat de vroegste of laatste punten "
                "buiten hun eigen 15% kunnen vallen terwijl het niveau past.")
    if doel == "werkloosheid_niet_onderwijsvolgend":
        return ("Het model kent 'zoekend en beschikbaar' niet per persoon: het meet de werkloosheid met een deel van "
                "wie thuis of in de bijstand is (overgangen.meting.zoekend_thuis_en_bijstand, gefit); de EBB-reeks "
                "brak in 2021.")
    if doel == "ww_onder_25":
        return ("Jongeren hebben meestal drie maanden WW (de wekeneis) en de helft vindt eerder werk; de stand van "
                "februari 2020 (winterpiek) vraagt een instroom van ruim 60 duizend per jaar, het niveau van 2017. "
                "Het model heeft geen conjunctuur en een instroom bij het niveau van 2022 (zie de toetsen); meer "
                "baanverlies met WW-recht botst met de doelen voor werk na uitstroom.")
    if doel == "nieuwe_vsv_ers":
        return ("De vsv-percentages per niveau passen grotendeels, maar de inschrijving in entree en mbo-4 ligt onder "
                "de DUO-cijfers: met minder studenten vallen er ook minder uit. Zie ingeschreven/mbo_4.")
    if doel == "ingeschreven" and groep == "mbo_3":
        return ("Niveau 3 duurt in het model drie jaar voor iedereen (WEB: twee tot drie jaar, per opleiding); met "
                "de studievertraging houdt dat te veel studenten te lang op niveau 3. Een duur per opleiding zou "
                "dit oplossen, maar de bron geeft de verdeling niet.")
    if doel == "ingeschreven" and groep in ("mbo_1", "mbo_4"):
        return ("Het mbo heeft ook instromers die het model niet kent: wie na het ho, na werk op latere leeftijd of "
                "na een eerdere mbo-opleiding opnieuw begint (switchen binnen het mbo verlengt de inschrijving), en "
                "nieuwkomers die direct in het mbo instromen. De doorstroom vanuit het vmbo ligt al aan de "
                "bovenkant van haar bandbreedte.")
    if doel == "ingeschreven" and groep == "pro":
        return ("Niet gefit: de leerlingen van 14 jaar en ouder in het praktijkonderwijs volgen uit het "
                "cohortaandeel en een vaste duur van vier jaar (een aanname; een deel vertrekt eerder).")
    if doel == "vsv_per_niveau" and groep in ("bbl_3", "bbl_4"):
        return ("In de bbl op niveau 3 en 4 heeft een groot deel van de studenten al een SK (na mbo-2) en kan dus "
                "niet uitvallen in de zin van de vsv-definitie; de uitvalkans per student zonder SK ligt al aan de "
                "bovenkant van haar bandbreedte.")
    if doel == "wajong_instroom":
        return ("De Wajong 2015 is alleen voor wie duurzaam geen arbeidsvermogen heeft; in het model komt zij bij "
                "schoolverlaters met een beperking die een uitkering krijgen of in de dagbesteding gaan. De instroom "
                "hangt aan de beperking van vso- en pro-verlaters, een aanname.")
    if doel.startswith("vsv") and groep in ("mbo_entree", "bol_1", "bbl_1"):
        return ("Entree duurt een jaar: wie na het entreediploma stopt, telt als vsv'er (geen SK). Het doel is het "
                "resultaat van uitval plus niet-doorstromen; de bron geeft niet hoe die twee verdeeld zijn.")
    return ("Zie de identificatietabel: de parameters die dit doel sturen, liggen tegen hun grens of sturen ook "
            "andere doelen.")


def _fmt(v) -> str:
    if isinstance(v, (bool, np.bool_)):
        return "ja" if v else "nee"
    if isinstance(v, (float, np.floating)):
        if not np.isfinite(v):
            return "n.v.t."
        return getal(v) if abs(v) >= 100 else f"{v:.4g}".replace(".", ",")
    return str(v)
