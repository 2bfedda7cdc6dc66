"""Gevoeligheid en onzekerheid: SALib (Sobol, Morris) en een probabilistische analyse (Monte Carlo).

De stroom is die van SALib: steekproef -> evalueren (via experimenten.Experiment, dus op elke
uitvoerder en hervatbaar) -> analyseren, op NumPy-arrays. Steekproeven worden in [0, 1] getrokken en
met de kwantielfunctie van elke parameter (zijn `verdeling`) naar waarden vertaald.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
from SALib.analyze import morris, sobol
from SALib.sample import morris as morris_steekproef
from SALib.sample import sobol as sobol_steekproef
from scipy.stats import qmc

from simulatie.economie import groepen
from simulatie.experimenten import voi
from simulatie.experimenten.experiment import OPSLAG, Experiment, Vergelijkingsevaluator, verschillen, vingerafdruk
from simulatie.experimenten.ontdekking import afpeltraject, doos_tabel, prim_doos
from simulatie.experimenten.uitvoering import Uitvoerder, kies_uitvoerder
from simulatie.experimenten.woordenschat import (BUDGETFACTOR, BUDGETFACTOREN, TREKKING, UITKOMSTEN, Onzekerheden,
                                                 met_priors)
from simulatie.gedeeld.fouten import InvoerFout
from simulatie.gedeeld.grenzen import MAX_GEVALLEN, MAX_N
from simulatie.gedeeld.opmaak import getal
from simulatie.gedeeld.uitvoer import EIGENAAR, atomair, eigen_bestanden, schrijf_json
from simulatie.gedeeld.versie import __version__
from simulatie.invoer.parameters import Parameters, laad_parameters
from simulatie.invoer.scenario import controleer_zelfde_looptijd

# De proeven voor de EVSI: (naam, het effect dat de proef meet, de kans op de uitkomst in de controlegroep, +1 als
# het effect de maandkans verhoogt en -1 als het haar verlaagt).
# de parameters waarvan de PSA een break-even-effect geeft (break_even_effecten.csv)
EFFECTEN = ("beleid.effect.", "beleid.uitdoving.")
PROEVEN = (
    ("nazorg op werk", "beleid.effect.nazorg_baanvinden", "beleid.onderzoek.kans_werk_controle", +1),
    ("begeleiding tegen uitval", "beleid.effect.begeleiding_tijdens_vsv", "beleid.onderzoek.kans_vsv_controle", -1),
)

# ------------------------------------------------------------------------------------ ontwerpen

# gevallen per steekproef bij k onzekerheden: Sobol n x (k + 2) (zonder tweede orde), Morris n trajecten van k + 1
_GEVALLEN_PER_N = {"sobol": (lambda k: k + 2, "n x (parameters + 2)"),
                   "morris": (lambda k: k + 1, "n x (parameters + 1)"), "psa": (lambda k: 1, "n")}


def controleer_omvang(methode: str, n: int, onzekerheden: int) -> int:
    """Het aantal gevallen van een analyse; meer dan MAX_GEVALLEN is een InvoerFout met de grootste --n die past.
    Vóór de steekproef: een ontwerp van een biljoen rijen zou het geheugen vullen voor er iets gezegd is."""
    per_n, formule = _GEVALLEN_PER_N[methode]
    gevallen = n * per_n(onzekerheden)
    if gevallen > MAX_GEVALLEN:
        grootste = MAX_GEVALLEN // per_n(onzekerheden)
        if methode == "sobol":
            grootste = 1 << (grootste.bit_length() - 1)  # een macht van 2
        raise InvoerFout(f"--n {getal(n)} geeft {getal(gevallen)} gevallen ({methode}: {formule}, met "
                         f"{onzekerheden} onzekere parameters).", veld="--n",
                         toegestaan=f"hoogstens {getal(MAX_GEVALLEN)} gevallen, hier --n van 2 tot en met "
                                    f"{getal(grootste)}")
    return gevallen


def ontwerp_sobol(o: Onzekerheden, n: int, seed: int = 0) -> tuple[pd.DataFrame, np.ndarray]:
    if n < 2 or n & (n - 1):
        raise InvoerFout(f"Sobol vraagt een macht van 2 als --n, niet {n}.", veld="--n",
                         toegestaan=f"2, 4, 8, ... tot en met {getal(MAX_N)}, bijvoorbeeld 64 of 128")
    eenheid = sobol_steekproef.sample(o.probleem(), n, calc_second_order=False, seed=seed)
    return o.naar_waarden(eenheid), eenheid


def ontwerp_morris(o: Onzekerheden, n: int, seed: int = 0) -> tuple[pd.DataFrame, np.ndarray]:
    eenheid = morris_steekproef.sample(o.probleem(), n, num_levels=4, seed=seed)
    return o.naar_waarden(eenheid), eenheid


def ontwerp_psa(o: Onzekerheden, n: int, seed: int = 0) -> tuple[pd.DataFrame, np.ndarray]:
    """Latin hypercube over alle onzekerheden (gelijkmatiger dan puur toeval bij weinig trekkingen)."""
    eenheid = qmc.LatinHypercube(d=len(o.namen), seed=seed).random(n)
    return o.naar_waarden(eenheid), eenheid


def ontwerp_tornado(o: Onzekerheden, p: Parameters) -> pd.DataFrame:
    """Eén-voor-één: elke parameter op zijn lage en hoge waarde, de rest op de basiswaarde (één populatie)."""
    basis = {n: p[n] for n in o.parameters}
    rijen = [dict(basis)]
    for n, v in zip(o.namen, o.verdelingen):
        if n != TREKKING:
            rijen += [{**basis, n: v.laag}, {**basis, n: v.hoog}]
    return pd.DataFrame(rijen)


def ontwerp_ruis(o: Onzekerheden, p: Parameters, trekkingen: int = 8) -> pd.DataFrame:
    """Alle parameters op hun basiswaarde, de populatie `trekkingen` keer anders: de spreiding is de ruis."""
    basis = {n: p[n] for n in o.parameters}
    return pd.DataFrame([{**basis, TREKKING: float(i)} for i in range(trekkingen)])


def aandeel_ruis(ruis: pd.DataFrame, resultaten: pd.DataFrame, uitkomst: str) -> float:
    """Welk deel van de variantie van een uitkomst over de trekkingen populatieruis is: de variantie bij vaste
    parameters (ontwerp_ruis) gedeeld door de totale variantie (begrensd op 1)."""
    totaal = resultaten[f"u:{uitkomst}"].var(ddof=1)
    if not np.isfinite(totaal) or totaal <= 0:
        return np.nan
    return float(min(1.0, ruis[f"u:{uitkomst}"].var(ddof=1) / totaal))


# ------------------------------------------------------------------------------------ analyses

def _analyseerbaar(resultaten: pd.DataFrame, uitkomsten):
    """(uitkomst, waarden) voor de uitkomsten die iets te analyseren geven: eindig en niet constant."""
    for u in uitkomsten:
        y = resultaten[f"u:{u}"].to_numpy(dtype=float)
        if np.isfinite(y).all() and np.std(y) > 0:
            yield u, y


def analyse_sobol(o: Onzekerheden, resultaten: pd.DataFrame, uitkomsten=UITKOMSTEN, seed: int = 0) -> pd.DataFrame:
    rijen = []
    for u, y in _analyseerbaar(resultaten, uitkomsten):
        s = sobol.analyze(o.probleem(), y, calc_second_order=False, conf_level=0.95, seed=seed)
        # de totale index van de populatietrekking is het aandeel van de variantie dat ruis is
        ruis = float(s["ST"][o.namen.index(TREKKING)]) if TREKKING in o.namen else np.nan
        for i, n in enumerate(o.namen):
            rijen.append({"uitkomst": u, "parameter": n, "S1": s["S1"][i], "S1_conf": s["S1_conf"][i],
                          "ST": s["ST"][i], "ST_conf": s["ST_conf"][i], "aandeel_populatieruis": ruis})
    return pd.DataFrame(rijen, columns=["uitkomst", "parameter", "S1", "S1_conf", "ST", "ST_conf",
                                        "aandeel_populatieruis"])


def analyse_morris(o: Onzekerheden, eenheid: np.ndarray, resultaten: pd.DataFrame, uitkomsten=UITKOMSTEN,
                   seed: int = 0) -> pd.DataFrame:
    rijen = []
    for u, y in _analyseerbaar(resultaten, uitkomsten):
        s = morris.analyze(o.probleem(), eenheid, y, num_levels=4, conf_level=0.95, seed=seed)
        for i, n in enumerate(o.namen):
            rijen.append({"uitkomst": u, "parameter": n, "mu_star": s["mu_star"][i],
                          "mu_star_conf": s["mu_star_conf"][i], "sigma": s["sigma"][i]})
    return pd.DataFrame(rijen)


def samenvatting_psa(resultaten: pd.DataFrame, uitkomsten=UITKOMSTEN, ruis: pd.DataFrame | None = None
                     ) -> pd.DataFrame:
    """Per uitkomst gemiddelde, 90%-interval en kans op > 0 over de trekkingen; met `ruis` (de runs van
    ontwerp_ruis) ook het aandeel van de variantie dat populatieruis is."""
    rijen = []
    for u in uitkomsten:
        y = resultaten[f"u:{u}"].to_numpy(dtype=float)
        rijen.append({"uitkomst": u, "gemiddelde": y.mean(), "p5": np.percentile(y, 5), "mediaan": np.median(y),
                      "p95": np.percentile(y, 95), "kans_positief": float((y > 0).mean()),
                      "standaardfout_gemiddelde": y.std(ddof=1) / np.sqrt(len(y)),
                      "aandeel_populatieruis": aandeel_ruis(ruis, resultaten, u) if ruis is not None else np.nan})
    return pd.DataFrame(rijen)


def convergentie(y: np.ndarray) -> pd.DataFrame:
    """Lopend gemiddelde met 95%-interval en lopende kans op > 0, tegen het aantal trekkingen."""
    n = np.arange(1, len(y) + 1)
    gem = np.cumsum(y) / n
    kwadraat = np.cumsum(y ** 2) / n
    sd = np.sqrt(np.maximum(kwadraat - gem ** 2, 0) * n / np.maximum(n - 1, 1))
    halve = 1.96 * sd / np.sqrt(n)
    return pd.DataFrame({"n": n, "gemiddelde": gem, "onder": gem - halve, "boven": gem + halve,
                         "kans_positief": np.cumsum(y > 0) / n})


def tornado(o: Onzekerheden, resultaten: pd.DataFrame, uitkomst: str = "ncw_maatschappij") -> pd.DataFrame:
    y = resultaten.sort_values("geval")[f"u:{uitkomst}"].to_numpy(dtype=float)
    basis = y[0]
    rijen = []
    for i, (n, v) in enumerate((n, v) for n, v in zip(o.namen, o.verdelingen) if n != TREKKING):
        laag, hoog = y[1 + 2 * i], y[2 + 2 * i]
        rijen.append({"parameter": n, "waarde_laag": v.laag, "waarde_hoog": v.hoog, "uitkomst_laag": laag,
                      "uitkomst_hoog": hoog, "basis": basis, "bereik": abs(hoog - laag)})
    return pd.DataFrame(rijen).sort_values("bereik", ascending=False, ignore_index=True)


def top_drivers(sobol: pd.DataFrame, uitkomst: str = "ncw_maatschappij", k: int = 5) -> pd.DataFrame:
    s = sobol[sobol.uitkomst == uitkomst].sort_values("ST", ascending=False)
    return s.head(k).reset_index(drop=True)


def analyse_rangorde(o: Onzekerheden, resultaten: pd.DataFrame, uitkomsten=UITKOMSTEN, k: int = 5,
                     herhalingen: int = 1000, seed: int = 0) -> pd.DataFrame:
    """Hoe zeker is de volgorde van de parameters naar totale index (ST)?

    Losse intervallen per parameter overschatten de onzekerheid van een volgorde: alle indices delen
    dezelfde steekproef en dezelfde variantie in de noemer. Hier de gepaarde bootstrap van SALib
    (`keep_resamples`: dezelfde hersteekproef voor elke parameter) en per hersteekproef de rangorde.
    Per uitkomst en parameter: ST, rang, 95%-interval van de rang, de kans om in de top-k te staan en
    de kans dat hij boven de volgende in de rangorde staat."""
    rijen = []
    for u, y in _analyseerbaar(resultaten, uitkomsten):
        s = sobol.analyze(o.probleem(), y, calc_second_order=False, num_resamples=herhalingen,
                          keep_resamples=True, seed=seed)
        st, boot = np.asarray(s["ST"]), np.asarray(s["ST_conf_all"])      # (d,), (herhalingen, d)
        volgorde = np.argsort(-st, kind="stable")
        rang_boot = np.argsort(np.argsort(-boot, axis=1, kind="stable"), axis=1) + 1
        for plaats, i in enumerate(volgorde):
            volgende = volgorde[plaats + 1] if plaats + 1 < len(volgorde) else None
            rijen.append({
                "uitkomst": u, "parameter": o.namen[i], "ST": st[i], "rang": plaats + 1,
                "rang_laag": int(np.percentile(rang_boot[:, i], 2.5, method="lower")),
                "rang_hoog": int(np.percentile(rang_boot[:, i], 97.5, method="higher")),
                f"kans_top{k}": float((rang_boot[:, i] <= k).mean()),
                "kans_boven_volgende": (float((boot[:, i] > boot[:, volgende]).mean()) if volgende is not None
                                        else np.nan),
            })
    return pd.DataFrame(rijen)


def rangorde_zeker(rangorde: pd.DataFrame, uitkomst: str = "ncw_maatschappij", k: int = 5,
                   zekerheid: float = 0.95) -> dict[str, bool]:
    """Is de top-k zeker (als groep: elk van de top-k staat in >= 95% van de hersteekproeven in de top-k,
    elke andere in <= 5%), en is ook de volgorde binnen de top-k zeker (elk staat met >= 95% boven de
    volgende, tot en met nummer k tegen k+1)?"""
    r = rangorde[rangorde.uitkomst == uitkomst].sort_values("rang")
    top, rest = r.iloc[:k], r.iloc[k:]
    groep = bool((top[f"kans_top{k}"] >= zekerheid).all() and (rest[f"kans_top{k}"] <= 1 - zekerheid).all())
    volgorde = bool(groep and (top.kans_boven_volgende.fillna(1.0) >= zekerheid).all())
    return {"top": groep, "volgorde": volgorde}


def schrijf_ontwerp(map_: Path, eenheid: np.ndarray, o: Onzekerheden) -> None:
    pd.DataFrame(eenheid, columns=list(o.namen)).to_parquet(Path(map_) / "ontwerp_eenheid.parquet", index=False)


# ------------------------------------------------------------------------------------ de hele analyse

def analyseer(methode: str, alternatief, nul, n: int, uit: Path, *, schaal: int = 50, jaren: int = 10,
              seed: int = 0, dask: str | None = None, werkers: int | None = None,
              patronen: tuple[str, ...] | None = None, opnieuw: bool = False, voortgang: bool = True,
              uitvoerder: Uitvoerder | None = None, priors: str = "bewijs") -> dict:
    """Draai Sobol, Morris of een PSA voor `alternatief` tegen `nul`; schrijf de tabellen en figuren naar
    `uit` en geef ze terug. De gevallen staan in `uit/<onderdeel>/gevallen` en hervatten bij een nieuwe aanroep.
    Alle onderdelen rekenen op één uitvoerder (standaard: kies_uitvoerder(dask, werkers)). `priors`: welke
    verdelingen de effecten krijgen (woordenschat.PRIORS; standaard die uit het bewijs)."""
    u = uitvoerder if uitvoerder is not None else kies_uitvoerder(dask, werkers)
    try:
        return _analyseer(methode, alternatief, nul, n, Path(uit), schaal, jaren, seed, patronen, opnieuw,
                          voortgang, u, priors)
    finally:
        if uitvoerder is None:
            u.sluit()


def _analyseer(methode: str, alternatief, nul, n: int, uit: Path, schaal: int, jaren: int, seed: int,
               patronen: tuple[str, ...] | None, opnieuw: bool, voortgang: bool, u: Uitvoerder,
               priors: str) -> dict:
    # de figuren pas hier: matplotlib is zwaar en alleen nodig als er een analyse klaar is
    from simulatie.rapportage import figuren

    if methode not in ("sobol", "morris", "psa"):
        raise InvoerFout(f"Onbekende methode '{methode}'.", veld="--methode", toegestaan="sobol, morris of psa")
    if n < 2:
        raise InvoerFout(f"--n {n} is te klein.", veld="--n", toegestaan="een geheel getal >= 2")
    controleer_zelfde_looptijd(nul, [alternatief], jaren_vast=True)
    p = met_priors(laad_parameters(), priors)
    # de populatie is ook onzeker: elke trekking een ander zaad, zodat de ruis in de spreiding en in de indices zit
    o = Onzekerheden.kies(p, patronen).met_populatieruis()
    controleer_omvang(methode, n, len(o.namen))
    # het ontwerp vóór er iets geschreven wordt: een foute --n (Sobol: geen macht van 2) laat niets achter
    ontwerp, eenheid = {"sobol": ontwerp_sobol, "morris": ontwerp_morris, "psa": ontwerp_psa}[methode](o, n, seed)
    # de PSA geeft ook intervallen per groep en regio (groepen_psa.csv): runs met uitsplitsing
    evaluator = Vergelijkingsevaluator(nul.als_dict(), alternatief.als_dict(), seed=seed, schaal=schaal, jaren=jaren,
                                       per_groep=methode == "psa")
    herkomst = {"methode": methode, "alternatief": alternatief.naam, "nulalternatief": nul.naam, "seed": seed,
                "schaal": schaal, "jaren": jaren, "n": n, "versie": __version__, "priors": priors}
    afdruk = vingerafdruk({**evaluator.vingerafdruk(), "herkomst": {**herkomst, "onzeker": o.namen}})
    _bereid_map_voor(uit, afdruk, opnieuw, ONDERDELEN[methode])
    geschreven: set[str] = set(ONDERDELEN[methode])  # wat deze analyse in `uit` schrijft: haar eigendom

    def bewaar(figuur, naam: str) -> None:
        geschreven.update(pad.name for pad in figuren.bewaar(figuur, uit / naam))

    def experiment(naam: str, ontwerp: pd.DataFrame) -> pd.DataFrame:
        # alleen de PSA zelf telt per groep; tornado en budgetcurve zijn landelijk
        e = Experiment(uit / naam, ontwerp, replace(evaluator, per_groep=naam == "psa"),
                       {**herkomst, "onderdeel": naam})
        return e.draai(voortgang=voortgang, opnieuw=opnieuw, uitvoerder=u)

    tabellen: dict[str, pd.DataFrame] = {}
    label = "NCW maatschappij"
    if methode == "sobol":
        res = experiment("sobol", ontwerp)
        tabellen["sobol"] = analyse_sobol(o, res, seed=seed)
        tabellen["sobol_rangorde"] = analyse_rangorde(o, res, seed=seed)
        bewaar(figuren.sobol_staaf(tabellen["sobol"], "ncw_maatschappij", label), "sobol")
    elif methode == "morris":
        res = experiment("morris", ontwerp)
        tabellen["morris"] = analyse_morris(o, eenheid, res, seed=seed)
        bewaar(figuren.morris_spreiding(tabellen["morris"], "ncw_maatschappij", label), "morris")
    else:
        res = experiment("psa", ontwerp)
        ruis = experiment("ruis", ontwerp_ruis(o, p))
        per_groep = [k for k in res.columns if k.startswith("u:groep:")]
        psa = pd.concat([res[["geval"]], res.filter(regex="^p:").rename(columns=lambda k: k[2:]),
                         res.filter(regex="^u:").drop(columns=per_groep).rename(columns=lambda k: k[2:])], axis=1)
        tabellen["psa"] = psa
        tabellen["psa_samenvatting"] = samenvatting_psa(res, ruis=ruis)
        tabellen["groepen_psa"] = groepen.samenvatting(res)
        y = res["u:ncw_maatschappij"].to_numpy(dtype=float)
        tabellen["convergentie"] = convergentie(y)
        tabellen.update(waarde_van_informatie(res, o, p, seed))
        tabellen.update(scenario_discovery(res, o))
        tor = experiment("tornado", ontwerp_tornado(o, p))
        tabellen["tornado"] = tornado(o, tor)
        # budgetcurve: dezelfde trekkingen (de eerste n/4, minstens 8) bij andere budgetten
        m = max(8, n // 4)
        budget = pd.concat([ontwerp.head(m).assign(**{BUDGETFACTOR.naam: f}) for f in BUDGETFACTOREN],
                           ignore_index=True)
        tabellen["kans_positief_budget"] = budgetcurve(experiment("budget", budget),
                                                       alternatief.budget.regionaal_programma)
        bewaar(figuren.histogram_ncw(y, label), "psa_ncw")
        if tabellen["evpi"].evppi.notna().any():  # genoeg trekkingen (voi.MIN_TREKKINGEN)
            bewaar(figuren.evppi_staaf(tabellen["evpi"]), "evppi")
        if tabellen["evsi"].evsi.notna().any():
            bewaar(figuren.evsi_figuur(tabellen["evsi"]), "evsi")
        traject = tabellen.pop("prim_traject")
        if traject is not None:
            bewaar(figuren.prim_afweging({d: t for d, t in traject.groupby("doel")}), "prim_afweging")
        bewaar(figuren.tornado_figuur(tabellen["tornado"], label), "tornado")
        bewaar(figuren.convergentie_figuur(tabellen["convergentie"], label), "convergentie")
        bewaar(figuren.kans_budget_figuur(tabellen["kans_positief_budget"]), "kans_positief_budget")
    for naam, tabel in tabellen.items():
        with atomair(uit / f"{naam}.csv") as tijdelijk:
            tabel.to_csv(tijdelijk, index=False)
        geschreven.add(f"{naam}.csv")
    schrijf_ontwerp(uit, eenheid, o)
    # precies wat deze analyse schreef (herkomst.json schrijft de opdracht): --opnieuw haalt alleen dat weg
    _schrijf_eigendom(uit, afdruk, sorted(geschreven | {"ontwerp_eenheid.parquet", "herkomst.json"}))
    return tabellen


# de opslagmappen van een analyse, per methode
ONDERDELEN = {"sobol": ("sobol",), "morris": ("morris",), "psa": ("psa", "ruis", "tornado", "budget")}


def budgetcurve(bud: pd.DataFrame, basisbudget: float) -> pd.DataFrame:
    """Per budgetfactor: de NCW (gemiddelde en 90%-interval over de trekkingen) en de kans op NCW > 0 met het
    95%-interval van die kans (Wilson) bij dit aantal trekkingen."""
    rijen = []
    for factor, t in bud.groupby(f"p:{BUDGETFACTOR.naam}"):
        y = t["u:ncw_maatschappij"].to_numpy(dtype=float)
        k, m = float((y > 0).sum()), len(y)
        z = 1.96
        midden = (k + z * z / 2) / (m + z * z)
        halve = z * np.sqrt(k * (m - k) / m + z * z / 4) / (m + z * z)
        rijen.append({"factor": factor, "budget": factor * basisbudget, "gemiddelde": y.mean(),
                      "p5": np.percentile(y, 5), "p95": np.percentile(y, 95), "kans_positief": k / m,
                      "kans_laag": max(0.0, midden - halve), "kans_hoog": min(1.0, midden + halve), "trekkingen": m})
    return pd.DataFrame(rijen)


def waarde_van_informatie(res: pd.DataFrame, o: Onzekerheden, p: Parameters, seed: int) -> dict:
    """evpi.csv en evsi.csv uit de PSA: de keuze tussen het alternatief en niets doen (NCW 0)."""
    ncw = res["u:ncw_maatschappij"].to_numpy(dtype=float)
    nb = np.column_stack([np.zeros_like(ncw), ncw])
    x = pd.DataFrame({n: res[f"p:{n}"].to_numpy(dtype=float) for n in o.parameters})
    uit = {"evpi": voi.evpi_tabel(nb, x)}
    kosten = p.prijs("beleid.onderzoek.kosten_per_deelnemer", p["prijzen.mkba.prijsjaar"])
    tabellen = [voi.evsi_tabel(nb, x[effect].to_numpy(), richting * float(x[effect].mean()), p[kans], kosten,
                               seed=seed, proef=proef, parameter=effect)
                for proef, effect, kans, richting in PROEVEN if effect in x]
    uit["evsi"] = pd.concat(tabellen, ignore_index=True) if tabellen else pd.DataFrame(columns=voi.EVSI_KOLOMMEN)
    # per effect: hoe groot het moet zijn voor NCW 0, naast de verdeling waaruit getrokken is
    uit["break_even_effecten"] = voi.break_even_tabel(ncw, x[[n for n in x.columns if n.startswith(EFFECTEN)]])
    return uit


def naast_elkaar(psas: dict[str, dict[str, pd.DataFrame]]) -> pd.DataFrame:
    """De PSA onder verschillende prior-sets naast elkaar (priors -> de tabellen van analyseer('psa', ...)): de NCW
    (gemiddelde, 5e en 95e percentiel), de kans op NCW > 0, de EVPI en de EVPPI van de effecten van begeleiding."""
    rijen = []
    for priors, t in psas.items():
        s = t["psa_samenvatting"].set_index("uitkomst").loc["ncw_maatschappij"]
        e = t["evpi"].set_index("parameter")
        rijen.append({"priors": priors, "ncw_gemiddelde": s.gemiddelde, "ncw_p5": s.p5, "ncw_p95": s.p95,
                      "kans_positief": s.kans_positief, "evpi": float(e.evpi.iloc[0]),
                      "evppi_effecten": float(e.evppi.get("(groep) effecten van begeleiding", np.nan)),
                      "trekkingen": len(t["psa"])})
    return pd.DataFrame(rijen)


def scenario_discovery(res: pd.DataFrame, o: Onzekerheden) -> dict:
    """prim_boxen.csv: onder welke aannames is de NCW negatief, en onder welke is het alternatief beter dan niets
    doen (de enige andere keuze); met het afpeltraject voor de afwegingsfiguur."""
    x = pd.DataFrame({n: res[f"p:{n}"].to_numpy(dtype=float) for n in o.parameters})
    ncw = res["u:ncw_maatschappij"].to_numpy(dtype=float)
    dozen, trajecten = [], []
    for doel, y in (("ncw_negatief", ncw < 0), ("beter_dan_niets_doen", ncw > 0)):
        doos = prim_doos(x, y) if len(y) >= voi.MIN_TREKKINGEN else None  # te weinig trekkingen: geen doos
        dozen.append(doos_tabel(doos, x, y, doel))
        if doos is not None:
            trajecten.append(afpeltraject(doos).assign(doel=doel))
    return {"prim_boxen": pd.concat(dozen, ignore_index=True),
            "prim_traject": pd.concat(trajecten, ignore_index=True) if trajecten else None}


def _bereid_map_voor(uit: Path, afdruk: dict[str, str], opnieuw: bool, onderdelen: tuple[str, ...]) -> None:
    """Een uitvoermap van een gevoeligheidsanalyse is nieuw, leeg, of van dezelfde analyse (dan hervat hij).
    Een andere analyse wordt geweigerd met wat er verschilt; met `opnieuw` gaat alleen weg wat volgens het
    eigendomsbestand een analyse er schreef (andere bestanden blijven staan). Alles wordt gecontroleerd vóór er
    iets weggaat of geschreven wordt; een hervatting laat het eigendomsbestand zoals het was."""
    eigendom = _lees_eigendom(uit)
    inhoud = sorted(p.name for p in uit.iterdir()) if uit.is_dir() else []
    if inhoud and (eigendom is None or eigendom.get("opdracht") != "gevoeligheid"):
        raise InvoerFout(f"De uitvoermap bevat al bestanden die niet van een gevoeligheidsanalyse zijn "
                         f"(bijvoorbeeld {', '.join(inhoud[:3])}).", bestand=uit, veld="--uit",
                         toegestaan="een nieuwe of lege map, of de map van dezelfde analyse om te hervatten")
    if inhoud and not opnieuw and eigendom.get("vingerafdruk", {}).get("totaal") != afdruk["totaal"]:
        raise InvoerFout(f"In deze map staat een andere gevoeligheidsanalyse; hervatten zou twee analyses mengen. "
                         f"Anders zijn: {'; '.join(verschillen(eigendom.get('vingerafdruk'), afdruk))}.", bestand=uit,
                         veld="--uit", toegestaan="dezelfde opdracht met dezelfde invoer om te hervatten, --opnieuw "
                                              "om opnieuw te beginnen, of een andere map")
    eigen = set(eigen_bestanden(uit) or ())
    vreemd = [o for o in onderdelen if o in inhoud and o not in eigen]
    if vreemd:
        raise InvoerFout(f"In de uitvoermap staat al '{vreemd[0]}', maar niet van deze analyse (niet in {EIGENAAR}); "
                         f"de analyse zou er haar gevallen in zetten.", bestand=uit, veld="--uit",
                         toegestaan=f"een andere map, of '{vreemd[0]}' eerst zelf weghalen of hernoemen")
    if inhoud and opnieuw:
        for naam in sorted(eigen | {EIGENAAR}):
            pad = uit / naam
            if pad.is_dir() and not pad.is_symlink():
                shutil.rmtree(pad)
            else:
                pad.unlink(missing_ok=True)
        eigen = set()
    uit.mkdir(parents=True, exist_ok=True)
    _schrijf_eigendom(uit, afdruk, sorted(eigen | set(onderdelen)))  # een hervatting vergeet niets


def _schrijf_eigendom(uit: Path, afdruk: dict[str, str], bestanden: list[str]) -> None:
    """Het eigendomsbestand: deze map is van een gevoeligheidsanalyse met deze vingerafdruk. Staat er al precies
    dit, dan blijft het onaangeroerd."""
    data = {"pakket": "jongeren-duurzaam-werk", "opdracht": "gevoeligheid", "vingerafdruk": afdruk,
            "bestanden": bestanden}
    if _lees_eigendom(uit) == data:
        return
    with atomair(uit / EIGENAAR) as tijdelijk:
        schrijf_json(tijdelijk, data)


def _lees_eigendom(uit: Path) -> dict | None:
    try:
        data = json.loads((uit / EIGENAAR).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def opgeslagen_gevallen(uit: Path) -> int:
    """Hoeveel gevallen er in de opslag van een analyse staan."""
    return sum(1 for _ in Path(uit).glob(f"*/{OPSLAG}/geval-*.parquet"))


def onderbroken_melding(uit: Path) -> str:
    """Wat er na een onderbreking (Ctrl-C) werkelijk in de uitvoermap staat, en hoe de analyse verder gaat."""
    n = opgeslagen_gevallen(uit)
    if n == 0:
        return "Onderbroken; er is niets naar de uitvoermap geschreven."
    return (f"Onderbroken; {n} afgeronde gevallen staan opgeslagen in {uit}/. Dezelfde opdracht hervat de analyse "
            f"daar (met --opnieuw begint hij opnieuw).")
