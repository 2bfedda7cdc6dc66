"""De kansen van de maandregels uit de parameters, één keer klaargezet als opzoektabellen.

`Overgangstabellen.uit(p, regio_vsv_factor, regio_krapte)` leest de parameters en bouwt alles wat de maand
(toestanden.Overgangsregels.stap) en de numba-kern (kernen.py) opzoeken; daarna verandert er niets meer aan.

Groepskansen uit de bronnen (uitval per opleiding, werk direct na school per uitstroomgroep) gelden voor de groep
als geheel; risicofactoren verschuiven ze per persoon. De normering daarvan gebeurt op de samenstelling bij
binnenkomst (de prevalenties per vo-route), niet op een populatie: de tabellen bestaan dan al vóór het opwarmen en
hangen alleen van de parameters af.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from simulatie.gedeeld import codes as c
from simulatie.invoer.parameters import Parameters
from simulatie.kern.populatie import risicoprevalentie

VOLGENDE_STAP = {  # na een diploma: (parameter doorstroomkans, volgend schooltype, volgend niveau)
    (c.MBO, 1): ("entree_naar_mbo_2", c.MBO, 2),
    (c.MBO, 2): ("mbo_2_naar_mbo_3", c.MBO, 3),
    (c.MBO, 3): ("mbo_3_naar_mbo_4", c.MBO, 4),
    (c.MBO, 4): ("mbo_4_naar_ho", c.HO, c.HBO),
    (c.PRO, 0): ("pro_naar_mbo", c.MBO, 1),
    (c.VSO, 0): ("vso_naar_mbo", c.MBO, 1),
}

# Herkomst voor de maandkansen: de toestand buiten het onderwijs, met de uitkering naar soort
HERKOMSTEN = ("werk", "bijstand", "ww", "wajong", "zorg", "thuis")
_TOESTAND_VAN_HERKOMST = {"werk": "werk", "bijstand": "uitkering", "ww": "uitkering", "wajong": "uitkering",
                          "zorg": "zorg", "thuis": "thuis"}
TOESTAND_PER_HERKOMST = np.array([c.TOESTANDEN.index(_TOESTAND_VAN_HERKOMST[h]) for h in HERKOMSTEN], np.int8)


def _herkomsttabel() -> np.ndarray:
    """Herkomst per (toestand, uitkering_type); onderwijs en UIT doen niet mee (hun 0 wordt nergens gebruikt)."""
    tabel = np.zeros((len(c.TOESTANDEN) + 1, len(c.UITKERINGSTYPEN)), np.intp)
    for i, h in enumerate(HERKOMSTEN):
        if _TOESTAND_VAN_HERKOMST[h] == "uitkering":
            tabel[c.UITKERING, c.UITKERINGSTYPEN.index(h)] = i
        else:
            tabel[c.TOESTANDEN.index(h), :] = i
    tabel[c.UITKERING, c.GEEN_UITKERING] = HERKOMSTEN.index("bijstand")
    return tabel


HERKOMST = _herkomsttabel()

# het tussenjaar: van de zomer van het diploma tot en met september een jaar later
TUSSENJAAR_MAANDEN = 15
# Uitstroomgroepen met startkwalificatie (voor de normering van de kans op werk na school)
_MET_SK = {"mbo2_bol", "mbo34_bol", "mbo2_bbl", "mbo34_bbl", "ho", "havo_vwo", "ho_uitval"}
# Schooltype waarvan de samenstelling (risicofactoren) een uitstroomgroep benadert
_GROEP_SCHOOLTYPE = {"vso": c.VSO, "pro": c.PRO, "vsv_vo": c.VMBO, "ho": c.HO, "havo_vwo": c.HAVO,
                     "vsv_havo_vwo": c.HAVO, "ho_uitval": c.HO}


def maandkans(jaarkans):
    """Jaarkans naar maandkans: dezelfde overleving over twaalf maanden."""
    return maandkans_over(jaarkans, 12)


def maandkans_over(kans, maanden: int):
    """De maandkans die over `maanden` maanden samen `kans` geeft."""
    return 1.0 - (1.0 - np.asarray(kans, dtype=float)) ** (1.0 / maanden)


def logit(p):
    return np.log(p) - np.log1p(-p)


def expit(x):
    return 1.0 / (1.0 + np.exp(-x))


def factor_tabel(sk: float, mig: float, bep: float, multi: float) -> np.ndarray:
    """Vermenigvuldigingsfactor per risicocode (Populatie.risicocode, 16 combinaties). `sk` geldt voor wie GEEN
    SK heeft."""
    codes = np.arange(16)
    return (np.where(codes & 1, 1.0, sk) * np.where(codes & 2, mig, 1.0) * np.where(codes & 4, bep, 1.0)
            * np.where(codes & 8, multi, 1.0))


def codekansen(prevalentie: tuple[float, float, float], sk: bool) -> np.ndarray:
    """Kans op elke risicocode bij onafhankelijke kenmerken (multiproblematiek, migratie, beperking)."""
    multi, mig, bep = prevalentie
    codes = np.arange(16)
    kans = (np.where(codes & 2, mig, 1 - mig) * np.where(codes & 4, bep, 1 - bep)
            * np.where(codes & 8, multi, 1 - multi))
    return np.where((codes & 1).astype(bool) == sk, kans, 0.0)


@dataclass(frozen=True, eq=False)
class Overgangstabellen:
    """Alle kansen en factoren van de maandregels, per opzoeksleutel (opleidingscel, risicocode, herkomst,
    uitstroomgroep, regio). Bouwen met `uit`; de velden zijn na het bouwen vast."""

    # regio's (index = regionummer - 1)
    regio_vsv_factor: np.ndarray
    regio_krapte: np.ndarray
    regio_baanfactor: np.ndarray         # krapte tot de macht van zijn gewicht: factor op de baankans
    # onderwijs
    duur: np.ndarray                     # (schooltype, niveau) opleidingsduur in jaren
    zittenblijven: np.ndarray            # (schooltype,) kans per schooljaar
    vsv_maand: np.ndarray                # uitvalkans per maand per opleidingscel (Populatie.cel)
    vsv_risico: np.ndarray               # (risicocode,) factor op de uitvalkans
    # werk, uitkering, zorg, thuis
    baanvinden_risico: np.ndarray        # (risicocode,)
    baanverlies_risico: np.ndarray       # (risicocode,)
    H: np.ndarray                        # (herkomst, naar): basiskans per maand
    duur_per_jaar: float
    duur_factor: np.ndarray              # factor op de baankans per maand in de toestand
    onder_18: float
    verlies_eerste_jaar: float
    terug_vanaf_23: float
    terug_met_sk: float
    tussenjaar: float                    # maandkans van havo/vwo-gediplomeerden om alsnog naar het ho te gaan
    hbo_naar_wo_master: float
    in_beeld_factor: float
    in_beeld_bij_thuiskomst: float
    # uitkeringen
    ww_eis_maanden: int
    ww_duur_maanden: int
    ww_einde_bijstand: float
    afzien_na_zoektermijn: float
    wajong: dict[str, float]             # kans dat een uitkering met een beperking Wajong is, per herkomst
    # bestemming na school en doorstroom
    werk_logit: np.ndarray               # (uitstroomgroep,) log-odds op werk direct na school
    zorg_van_rest: np.ndarray            # (uitstroomgroep,)
    uitkering_van_rest: float
    doorstroom: dict[tuple[int, int], tuple[float, int, int]]
    havo_naar_ho: float
    havo_naar_mbo: float
    vwo_naar_ho: float
    vwo_naar_wo: float
    afstroom: np.ndarray                 # (schooltype,)
    vmbo_naar_mbo: float
    vmbo_gt_naar_havo: float
    vmbo_niveau: dict[int, tuple[int, float, float]]
    bbl_aandeel: np.ndarray              # (mbo-niveau 0-4,)
    # de tabellen van de regel buiten het onderwijs zoals kernen.py ze leest
    kern: tuple

    @classmethod
    def uit(cls, p: Parameters, regio_vsv_factor: np.ndarray, regio_krapte: np.ndarray) -> "Overgangstabellen":
        f = "overgangen.factor."
        r = "overgangen.vsv_risico."
        v: dict[str, Any] = {
            "regio_vsv_factor": np.asarray(regio_vsv_factor, dtype=float),
            "regio_krapte": np.asarray(regio_krapte, dtype=float),
            "regio_baanfactor": np.asarray(regio_krapte, dtype=float) ** p[f + "regio_krapte_gewicht"],
        }
        v.update(_duur(p))
        v["vsv_risico"] = factor_tabel(1.0, p[r + "migratie"], p[r + "beperking"], p[r + "multiproblematiek"])
        v["baanvinden_risico"] = factor_tabel(p[f + "baanvinden_zonder_sk"], p[f + "baanvinden_migratie"],
                                              p[f + "baanvinden_beperking"], p[f + "baanvinden_multiproblematiek"])
        verlies = p[f + "baanverlies_risico"]
        baanverlies = factor_tabel(p[f + "baanverlies_zonder_sk"], 1.0, verlies, verlies)
        # beperking en multiproblematiek samen tellen één keer
        baanverlies[(np.arange(16) & 12) == 12] /= verlies
        v["baanverlies_risico"] = baanverlies
        v["vsv_maand"] = _vsv_maand(p, v["vsv_risico"])
        v.update(_maandkansen(p))
        v.update(_uitkeringen(p))
        v.update(_bestemmingen(p, v["baanvinden_risico"]))
        v["kern"] = _kern(v)
        return cls(**v)


def _duur(p: Parameters) -> dict[str, Any]:
    d = "populatie.opleidingsduur."
    duur = np.zeros((len(c.SCHOOLTYPEN), 5), np.int8)
    for naam, st in (("vmbo", c.VMBO), ("pro", c.PRO), ("vso", c.VSO), ("havo", c.HAVO), ("vwo", c.VWO)):
        duur[st, 0] = p[d + naam]
    for niveau in (1, 2, 3, 4):
        duur[c.MBO, niveau] = p[f"{d}mbo_{niveau}"]
    duur[c.HO, c.HBO], duur[c.HO, c.WO] = p[d + "hbo"], p[d + "wo"]
    z = "overgangen.zittenblijven."
    return {"duur": duur, "zittenblijven": np.array([p[z + naam] for naam in c.SCHOOLTYPEN], np.float32)}


def _vsv_maand(p: Parameters, vsv_risico: np.ndarray) -> np.ndarray:
    """Uitvalkans per maand per opleiding (schooltype x niveau x leerweg), genormeerd zodat een groep met de
    samenstelling bij binnenkomst gemiddeld de gepubliceerde kans houdt."""
    v = "overgangen.vsv_kans_per_jaar."
    jaar = np.zeros((len(c.SCHOOLTYPEN), 5, len(c.LEERWEGEN)))
    for naam, lw in ((("vmbo_basis", c.BASIS), ("vmbo_kader", c.KADER), ("vmbo_gemengd", c.GEMENGD),
                      ("vmbo_theoretisch", c.THEORETISCH))):
        jaar[c.VMBO, 0, lw] = min(1.0, p[v + naam] * p[v + "vmbo_factor"])
    for naam, st in (("pro", c.PRO), ("vso", c.VSO), ("havo", c.HAVO), ("vwo", c.VWO)):
        jaar[st, 0, c.GEEN] = p[v + naam]
    jaar[c.HO, c.HBO, c.GEEN], jaar[c.HO, c.WO, c.GEEN] = p[v + "hbo"], p[v + "wo"]
    for niveau in (1, 2, 3, 4):
        jaar[c.MBO, niveau, c.BOL] = p[f"{v}mbo_{niveau}_bol"]
        jaar[c.MBO, niveau, c.BBL] = p[f"{v}mbo_{niveau}_bbl"]
    gemiddeld = np.array([codekansen(risicoprevalentie(p, st), sk=False) @ vsv_risico
                          for st in range(len(c.SCHOOLTYPEN))])
    return (maandkans(jaar) / gemiddeld[:, None, None]).reshape(-1)  # plat: index = Populatie.cel


def _maandkansen(p: Parameters) -> dict[str, Any]:
    """H[herkomst, naar]: basiskans per maand (herkomst in HERKOMSTEN, naar in TOESTANDEN), en de factoren erop."""
    H = np.zeros((len(HERKOMSTEN), len(c.TOESTANDEN)))
    for i, van in enumerate(HERKOMSTEN):
        for j, naar in enumerate(c.TOESTANDEN):
            naam = f"overgangen.maandkans.{van}_{naar}"
            if naar != _TOESTAND_VAN_HERKOMST[van] and naam in p:
                H[i, j] = p[naam]
    f = "overgangen.factor."
    for bestemming in (c.UITKERING, c.ZORG, c.THUIS):
        H[HERKOMSTEN.index("werk"), bestemming] *= p[f + "baanverlies_schaal"]
    duur_per_jaar = p[f + "baanvinden_duur_per_jaar"]
    # factor op de baankans naar maanden in de toestand (een tabel: machtsverheffen per rij is traag)
    maanden = np.arange(c.LEEFTIJDSGRENS_MAANDEN + 1)
    d = "overgangen.doorstroom."
    return {
        "H": H,
        "duur_per_jaar": duur_per_jaar,
        "duur_factor": (duur_per_jaar ** (np.maximum(maanden - 6, 0) / 12.0)).astype(np.float32),
        "onder_18": p[f + "baanvinden_onder_18"],
        "verlies_eerste_jaar": p[f + "baanverlies_eerste_jaar"],
        "terug_vanaf_23": p[f + "terugkeer_onderwijs_vanaf_23"],
        "terug_met_sk": p[f + "terugkeer_onderwijs_met_sk"],
        # havo/vwo-gediplomeerden die niet direct doorstuderen: een deel gaat na een tussenjaar alsnog naar het ho
        "tussenjaar": float(maandkans_over(p[d + "tussenjaar_naar_ho"], TUSSENJAAR_MAANDEN)),
        "hbo_naar_wo_master": p[d + "hbo_naar_wo_master"],
        "in_beeld_factor": p[f + "in_beeld_naar_school_en_werk"],
        "in_beeld_bij_thuiskomst": p["overgangen.in_beeld.bij_thuiskomst"],
    }


def _uitkeringen(p: Parameters) -> dict[str, Any]:
    u = "overgangen.uitkering."
    return {
        "ww_eis_maanden": int(p[u + "ww_wekeneis_maanden"]),
        "ww_duur_maanden": int(p[u + "ww_duur_maanden"]),
        "ww_einde_bijstand": p[u + "na_ww_bijstand"],
        "afzien_na_zoektermijn": p[u + "afzien_na_zoektermijn"],
        "wajong": {"school": p[u + "wajong_bij_beperking_na_school"],
                   "thuis": p[u + "wajong_bij_beperking_thuis"], "zorg": p[u + "wajong_bij_beperking_zorg"]},
    }


def _bestemmingen(p: Parameters, baanvinden_risico: np.ndarray) -> dict[str, Any]:
    """Per uitstroomgroep: kans op werk direct na school (als log-odds, genormeerd op de samenstelling bij
    binnenkomst), en de verdeling van de rest; de doorstroom na een diploma."""
    b = "overgangen.bestemming_na_uitstroom."
    n = len(c.UITSTROOMGROEPEN)
    werk = np.full(n, 0.5)
    zorg_van_rest = np.full(n, p[b + "zorg_van_rest"])
    for naam, code in c.UITSTROOMGROEP.items():
        if naam != "nog_niet":
            werk[code] = p[f"{b}werk_{naam}"]
    zorg_van_rest[c.UITSTROOMGROEP["vso"]] = p[b + "vso_zorg_van_rest"]
    d = "overgangen.doorstroom."
    afstroom = np.zeros(len(c.SCHOOLTYPEN))
    afstroom[c.HAVO], afstroom[c.VWO] = p[d + "havo_afstroom_naar_mbo"], p[d + "vwo_afstroom_naar_havo"]
    # per vmbo-leerweg: (laagste niveau, kans op minstens één niveau hoger, kans op twee niveaus hoger);
    # kader kan naar niveau 2, 3 of 4 (het kaderdiploma geeft toegang tot niveau 3 en 4)
    kader_4 = p[d + "vmbo_kader_naar_niveau_4"]
    # log-odds per groep zodat het groepsgemiddelde bij de samenstelling van binnenkomst de bron houdt
    log_factor = np.log(baanvinden_risico)
    werk_logit = np.zeros(n)
    for naam, code in c.UITSTROOMGROEP.items():
        if naam == "nog_niet":
            continue
        st = _GROEP_SCHOOLTYPE.get(naam, c.MBO)
        kans = codekansen(risicoprevalentie(p, st), sk=naam in _MET_SK)
        doel = float(np.clip(werk[code], 1e-6, 1 - 1e-6))
        laag, hoog = -20.0, 20.0
        for _ in range(60):  # bisectie op de verschuiving
            midden = (laag + hoog) / 2
            if kans @ expit(logit(doel) + midden + log_factor) > doel:
                hoog = midden
            else:
                laag = midden
        werk_logit[code] = logit(doel) + (laag + hoog) / 2
    return {
        "werk_logit": werk_logit,
        "zorg_van_rest": zorg_van_rest,
        "uitkering_van_rest": p[b + "uitkering_van_rest"],
        "doorstroom": {k: (p[d + naam], st, nv) for k, (naam, st, nv) in VOLGENDE_STAP.items()},
        "havo_naar_ho": p[d + "havo_naar_ho"], "havo_naar_mbo": p[d + "havo_naar_mbo"],
        "vwo_naar_ho": p[d + "vwo_naar_ho"], "vwo_naar_wo": p[d + "vwo_naar_wo"],
        "afstroom": afstroom,
        "vmbo_naar_mbo": p[d + "vmbo_naar_mbo"],
        "vmbo_gt_naar_havo": p[d + "vmbo_gt_naar_havo"],
        "vmbo_niveau": {
            c.BASIS: (1, 1 - p[d + "vmbo_basis_naar_entree"], 0.0),
            c.KADER: (2, kader_4 + (1 - kader_4) * p[d + "vmbo_kader_naar_niveau_3"], kader_4),
            c.GEMENGD: (3, p[d + "vmbo_gt_naar_niveau_4"], 0.0),
            c.THEORETISCH: (3, p[d + "vmbo_gt_naar_niveau_4"], 0.0),
        },
        "bbl_aandeel": np.array([0.0] + [p[f"populatie.bbl_aandeel.mbo_{k}"] for k in (1, 2, 3, 4)]),
    }


def _kern(v: dict[str, Any]) -> tuple:
    """De tabellen van de regel buiten het onderwijs in de volgorde en de dtypes die kernen.py leest."""
    scalars = np.array([v["onder_18"], v["in_beeld_factor"], v["terug_vanaf_23"], v["terug_met_sk"],
                        v["tussenjaar"], v["verlies_eerste_jaar"]], dtype=np.float64)
    codes = np.array([c.UITSTROOMGROEP["havo_vwo"], TUSSENJAAR_MAANDEN, c.BIJSTAND, c.LEEFTIJDSGRENS_MAANDEN],
                     dtype=np.int64)
    return (np.ascontiguousarray(v["H"], dtype=np.float64), HERKOMST.astype(np.int64),
            TOESTAND_PER_HERKOMST.astype(np.int64), np.asarray(v["baanvinden_risico"], np.float64),
            np.asarray(v["regio_baanfactor"], np.float64), v["duur_factor"].astype(np.float64),
            np.asarray(v["baanverlies_risico"], np.float64), scalars, codes)
