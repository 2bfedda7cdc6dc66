"""De waarde van informatie (value of information) uit een probabilistische analyse.

Een beslissing kiest het alternatief met de hoogste verwachte netto contante waarde (NCW voor de
maatschappij; het nulalternatief heeft NCW 0). Met een PSA-steekproef van die NCW's per alternatief:

- EVPI: wat het waard is om alle onzekerheid weg te nemen (verwacht verlies van de keuze nu);
- EVPPI van een parameter of groep parameters: wat het waard is om alleen die te kennen. Geschat met
  regressie (Strong, Oakley & Brennan 2014): de verwachte NCW per alternatief als gladde functie van de
  parameter(s) (P-splines met een straf gekozen op GCV; voor een groep additief), zonder geneste
  Monte Carlo;
- EVSI van een gerandomiseerde proef van n deelnemers per arm op één effectparameter: wat de uitkomst van
  zo'n proef waard is (Strong e.a. 2015: regressie op de gesimuleerde proefuitkomst).

Alles is rekenen op arrays: `nb[trekking, alternatief]`, `x[trekking]` of `x[trekking, parameter]`.
"""

from __future__ import annotations

import fnmatch

import numpy as np
import pandas as pd
from scipy.interpolate import BSpline

# Groepen parameters voor de EVPPI per groep: wat men samen zou onderzoeken (eerste passend patroon telt)
GROEPEN = (("nazorg", "beleid.effect.nazorg_*"), ("effecten van begeleiding", "beleid.effect.*"),
           ("kosten van begeleiding", "beleid.coach.*"), ("waardering", "prijzen.*"),
           ("overgangskansen", "overgangen.*"), ("populatie", "populatie.*"))
EENHEID = "euro (NCW maatschappij met levensloop van de beslissing over de hele horizon, landelijk)"
# onder dit aantal trekkingen is een regressie op de PSA niet te vertrouwen: dan geen EVPPI en EVSI (NaN)
MIN_TREKKINGEN = 50


def evpi(nb: np.ndarray) -> float:
    """Verwachte waarde van volledige informatie: E[max_d nb_d] - max_d E[nb_d]."""
    nb = _als_matrix(nb)
    return float(max(0.0, nb.max(axis=1).mean() - nb.mean(axis=0).max()))


def evppi(nb: np.ndarray, x: np.ndarray, knopen: int = 8) -> float:
    """Verwachte waarde van gedeeltelijke perfecte informatie over x (één parameter, of een groep als kolommen).

    Per alternatief wordt E[nb_d | x] geschat met een P-spline (groep: een additief model met een P-spline per
    parameter); de EVPPI is E[max_d g_d(x)] - max_d E[g_d(x)]. Begrensd op [0, EVPI]: een schatting met ruis kan
    er net buiten vallen."""
    nb = _als_matrix(nb)
    g = np.column_stack([glad(x, nb[:, d], knopen) for d in range(nb.shape[1])])
    waarde = g.max(axis=1).mean() - g.mean(axis=0).max()
    return float(np.clip(waarde, 0.0, evpi(nb)))


def evsi_proef(nb: np.ndarray, effect: np.ndarray, standaardfout: float, rng: np.random.Generator,
               knopen: int = 8) -> float:
    """Verwachte waarde van steekproefinformatie van een proef die `effect` schat met `standaardfout`.

    Per trekking i een gesimuleerde proefuitkomst effect_i + N(0, standaardfout²); de verwachte NCW gegeven die
    uitkomst wordt geschat met regressie van nb op de uitkomst (Strong e.a. 2015). Tussen 0 en de EVPPI van het
    effect (een oneindig grote proef)."""
    uitkomst = np.asarray(effect, float) + rng.normal(0.0, standaardfout, len(effect))
    return evppi(nb, uitkomst, knopen)  # de waarde van wat de proef laat zien, zoals bij perfecte informatie


def standaardfout_proef(n_per_arm: int, kans_controle: float, relatief_effect: float, maanden: int = 12) -> float:
    """Standaardfout van het geschatte effect in een proef met n deelnemers per arm en als uitkomst 'werk gevonden
    binnen `maanden` maanden' (kans_controle in de controlegroep). Het effect is een relatieve stijging van de
    maandkans op werk (zoals beleid.effect.nazorg_baanvinden): effect = m1 / m0 - 1 met m = 1 - (1 - p)^(1/maanden),
    met de standaardfout uit de deltamethode bij het verwachte effect."""
    p0 = kans_controle
    m0 = 1 - (1 - p0) ** (1 / maanden)
    m1 = min(m0 * (1 + relatief_effect), 1 - 1e-9)
    p1 = 1 - (1 - m1) ** maanden
    afgeleide = lambda p: (1 - p) ** (1 / maanden - 1) / maanden  # noqa: E731 - dm/dp
    d_p1 = afgeleide(p1) / m0
    d_p0 = -m1 * afgeleide(p0) / m0 ** 2
    return float(np.sqrt(d_p1 ** 2 * p1 * (1 - p1) / n_per_arm + d_p0 ** 2 * p0 * (1 - p0) / n_per_arm))


def groep_van(parameter: str) -> str:
    return next((g for g, patroon in GROEPEN if fnmatch.fnmatchcase(parameter, patroon)), "overig")


def evpi_tabel(nb: np.ndarray, x: pd.DataFrame) -> pd.DataFrame:
    """evpi.csv: de EVPPI per parameter (kolommen van x) en per groep, naast de EVPI, in de eenheid van nb (een NCW
    over de hele levensloop: geen bedrag per jaar; gedeeld door de horizon zou het er een lijken). nb: (trekking,
    alternatief), het nulalternatief als kolom met nullen."""
    totaal = evpi(nb)
    genoeg = len(nb) >= MIN_TREKKINGEN
    rijen = [{"parameter": n, "groep": groep_van(n), "evppi": evppi(nb, x[n].to_numpy()) if genoeg else np.nan}
             for n in x.columns]
    for groep in dict.fromkeys(r["groep"] for r in rijen):
        leden = [r["parameter"] for r in rijen if r["groep"] == groep]
        rijen.append({"parameter": f"(groep) {groep}", "groep": groep,
                      "evppi": evppi(nb, x[leden].to_numpy()) if len(leden) > 1 and genoeg else
                      next(r["evppi"] for r in rijen if r["parameter"] == leden[0])})
    t = pd.DataFrame(rijen)
    t["evpi"] = totaal
    t["eenheid"] = EENHEID
    return t[["parameter", "groep", "evppi", "evpi", "eenheid"]]


EVSI_KOLOMMEN = ["proef", "parameter", "deelnemers_per_arm", "standaardfout_effect", "evsi", "kosten_proef",
                 "netto_waarde", "eenheid"]


def evsi_tabel(nb: np.ndarray, effect: np.ndarray, verwacht_effect: float, kans_controle: float,
               kosten_per_deelnemer: float, n_per_arm=(100, 250, 500, 1000, 2500), seed: int = 0,
               proef: str = "", parameter: str = "") -> pd.DataFrame:
    """evsi.csv: per proefgrootte (deelnemers per arm) de standaardfout, de EVSI, de kosten van de proef (twee
    armen) en de netto waarde. Dezelfde gesimuleerde ruis voor elke n (minder ruis in de vergelijking).
    `verwacht_effect` is de relatieve verandering van de maandkans (negatief voor een daling, zoals bij uitval);
    de standaardfout is dezelfde voor het effect en zijn tegengestelde."""
    rijen = []
    for n in n_per_arm:
        se = standaardfout_proef(n, kans_controle, verwacht_effect)
        w = evsi_proef(nb, effect, se, np.random.default_rng(seed)) if len(nb) >= MIN_TREKKINGEN else np.nan
        kosten = 2 * n * kosten_per_deelnemer
        rijen.append({"proef": proef, "parameter": parameter, "deelnemers_per_arm": n, "standaardfout_effect": se,
                      "evsi": w, "kosten_proef": kosten, "netto_waarde": w - kosten, "eenheid": EENHEID})
    return pd.DataFrame(rijen, columns=EVSI_KOLOMMEN)


def nulpunt_gegeven(x: np.ndarray, ncw: np.ndarray, knopen: int = 8) -> float:
    """De break-even van één parameter uit de PSA: waar de verwachte NCW gegeven die parameter nul is. E[ncw | x]
    als P-spline (zoals bij de EVPPI: de andere onzekerheden middelen uit), het eerste nulpunt over oplopende x,
    lineair tussen twee trekkingen. NaN als de kromme binnen het getrokken bereik niet door nul gaat."""
    x = np.asarray(x, float)
    volgorde = np.argsort(x, kind="stable")
    xs, g = x[volgorde], glad(x, np.asarray(ncw, float), knopen)[volgorde]
    wissel = np.nonzero(np.sign(g[:-1]) * np.sign(g[1:]) < 0)[0]
    if not len(wissel):
        return float("nan")
    i = int(wissel[0])
    return float(xs[i] + (xs[i + 1] - xs[i]) * g[i] / (g[i] - g[i + 1]))


BREAK_EVEN_KOLOMMEN = ["parameter", "break_even", "mediaan", "p5", "p95", "kans_boven_break_even", "richting"]


def break_even_tabel(ncw: np.ndarray, x: pd.DataFrame) -> pd.DataFrame:
    """break_even_effecten.csv: per parameter (kolom van x) het break-even-effect uit de PSA naast de verdeling
    waaruit getrokken is (mediaan, 5e en 95e percentiel), en de kans onder die verdeling dat het effect aan de
    goede kant van de break-even ligt (boven, als de NCW met het effect stijgt). Onder MIN_TREKKINGEN: NaN."""
    rijen = []
    for n in x.columns:
        v = x[n].to_numpy(dtype=float)
        genoeg = len(v) >= MIN_TREKKINGEN and np.ptp(v) > 0
        nul = nulpunt_gegeven(v, ncw) if genoeg else float("nan")
        stijgt = bool(np.corrcoef(v, ncw)[0, 1] >= 0) if genoeg else True
        kans = (float(np.mean(v > nul) if stijgt else np.mean(v < nul)) if np.isfinite(nul)
                else float("nan"))
        rijen.append({"parameter": n, "break_even": nul, "mediaan": float(np.median(v)),
                      "p5": float(np.percentile(v, 5)), "p95": float(np.percentile(v, 95)),
                      "kans_boven_break_even": kans, "richting": "stijgend" if stijgt else "dalend"})
    return pd.DataFrame(rijen, columns=BREAK_EVEN_KOLOMMEN)


# ------------------------------------------------------------------------------------ regressie

def glad(x: np.ndarray, y: np.ndarray, knopen: int = 8) -> np.ndarray:
    """De gefitte waarden van een P-spline-regressie van y op x (x: één kolom, of meer: additief), met de straf
    (tweede verschillen van de coëfficiënten) gekozen op gegeneraliseerde kruisvalidatie."""
    x = np.asarray(x, float)
    kolommen = x[:, None] if x.ndim == 1 else x
    blokken, straffen = [np.ones((len(y), 1))], [np.zeros((1, 1))]
    for j in range(kolommen.shape[1]):
        B = _basis(kolommen[:, j], knopen)
        B = B - B.mean(axis=0)  # de constante staat apart: per parameter een gecentreerde kromme
        D = np.diff(np.eye(B.shape[1]), n=2, axis=0)
        blokken.append(B)
        straffen.append(D.T @ D)
    X = np.hstack(blokken)
    P = _blokdiagonaal(straffen)
    XtX, Xty = X.T @ X, X.T @ np.asarray(y, float)
    beste = None
    for lam in 10.0 ** np.arange(-4, 7):
        # A is singulier in één richting per parameter (een constante op een gecentreerde basis verandert de fit
        # niet en de straf ziet haar niet): de kleinste-kwadratenoplossing kiest daar 0 en geeft dezelfde fit
        A = XtX + lam * P
        beta = np.linalg.lstsq(A, Xty, rcond=None)[0]
        fit = X @ beta
        spoor = np.trace(np.linalg.lstsq(A, XtX, rcond=None)[0])  # effectieve vrijheidsgraden
        gcv = len(y) * np.sum((y - fit) ** 2) / max(len(y) - spoor, 1.0) ** 2
        if beste is None or gcv < beste[0]:
            beste = (gcv, fit)
    return beste[1]


def _basis(x: np.ndarray, knopen: int, graad: int = 3) -> np.ndarray:
    laag, hoog = float(x.min()), float(x.max())
    if hoog <= laag:
        return np.zeros((len(x), 0))
    binnen = np.linspace(laag, hoog, knopen)
    t = np.concatenate([[laag] * graad, binnen, [hoog] * graad])
    return BSpline.design_matrix(np.clip(x, laag, hoog), t, graad).toarray()


def _blokdiagonaal(blokken: list[np.ndarray]) -> np.ndarray:
    n = sum(b.shape[0] for b in blokken)
    uit = np.zeros((n, n))
    i = 0
    for b in blokken:
        uit[i:i + b.shape[0], i:i + b.shape[0]] = b
        i += b.shape[0]
    return uit


def _als_matrix(nb: np.ndarray) -> np.ndarray:
    nb = np.asarray(nb, float)
    if nb.ndim != 2 or nb.shape[1] < 2:
        raise ValueError("nb moet een matrix (trekking, alternatief) zijn met minstens twee alternatieven")
    return nb
