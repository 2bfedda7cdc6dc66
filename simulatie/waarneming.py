"""Maandcijfers: aantallen per toestand, schooltype en regio, en de stromen van de maand.

Per maand één kubus (toestand x schooltype x regio) en één per stroom (stroom x schooltype x regio);
`frame()` maakt daar het lange formaat van dat notebooks en Parquet lezen:
    datum, indicator, toestand, schooltype, regio, waarde
met 'alle' (of regio 0) waar over een dimensie is opgeteld.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simulatie import codes as c
from simulatie.populatie import UIT, Populatie
from simulatie.regio import AANTAL_REGIOS
from simulatie.toestanden import STROMEN, Stromen

NT, NS, NR = len(c.TOESTANDEN), len(c.SCHOOLTYPEN), AANTAL_REGIOS
# Leeftijdsbanden voor de waardering (jeugdloon en bijstandsnorm verschillen per leeftijd)
LEEFTIJDSBANDEN = ("onder_16", "16", "17", "18", "19", "20", "21_plus")
NL = len(LEEFTIJDSBANDEN)
DUURZAAM_MAANDEN = 12  # 'duurzaam werk': minstens een jaar onafgebroken aan het werk


def leeftijdsband(leeftijd_maanden: np.ndarray) -> np.ndarray:
    return np.clip(leeftijd_maanden // 12 - 15, 0, NL - 1)


class Waarnemer:
    """Verzamelt de maandcijfers; gewicht is gelijk voor alle rijen, dus tellen maal schaal."""

    def __init__(self, schaal: int):
        self.schaal = schaal
        self.maanden: list[int] = []
        self.aantallen: list[np.ndarray] = []      # (NT, NS, NR)
        self.buiten_beeld: list[np.ndarray] = []   # (NR,)
        self.zonder_sk: list[np.ndarray] = []      # (NT,)
        self.stromen: list[np.ndarray] = []        # (len(STROMEN), NS, NR)
        self.duurzaam: list[np.ndarray] = []       # (NR,) onafgebroken >= 12 maanden aan het werk
        self.waardering: list[np.ndarray] = []     # (NT, NL, SK, bbl) voor de MKBA
        self.uit_27: list[np.ndarray] = []         # (NT, SK) wie deze maand 27 werd, naar laatste toestand
        # voor de kalibratie: wie precies 12 maanden geleden uitstroomde (per uitstroomgroep: aantal, aan het
        # werk), en per mbo-niveau en leerweg de ingeschrevenen en de nieuwe vsv'ers
        self.na_12_maanden: list[np.ndarray] = []  # (groep, 2)
        self.mbo_stand: list[np.ndarray] = []      # (niveau 0-4, leerweg bol/bbl)
        self.mbo_vsv: list[np.ndarray] = []
        self.laatste: dict[str, float] = {}

    def neem_waar(self, pop: Populatie, stromen: Stromen, t: int) -> None:
        # wie 27 werd heeft toestand UIT (= NT): tel over alle rijen met UIT als extra vak en laat dat vak
        # weg, in plaats van eerst te filteren (scheelt kopieën van elke kolom)
        st = pop.toestand
        schooltype_regio = pop.schooltype.astype(np.int32) * NR + pop.regio
        kubus = np.bincount(st.astype(np.int32) * (NS * NR) + schooltype_regio,
                            minlength=(NT + 1) * NS * NR).reshape(NT + 1, NS, NR)[:NT] * self.schaal
        self.maanden.append(t)
        self.aantallen.append(kubus)
        self.buiten_beeld.append(np.bincount(pop.regio, weights=(st == c.THUIS) & ~pop.in_beeld, minlength=NR)
                                 * self.schaal)
        self.zonder_sk.append(np.bincount(st, weights=~pop.startkwalificatie, minlength=NT + 1)[:NT] * self.schaal)
        # alle stromen in één telling: per rij de code (stroom, schooltype, regio)
        codes = [i * NS * NR + schooltype_regio[rijen] for i, naam in enumerate(STROMEN)
                 for rijen in stromen.rijen[naam]]
        stroom = (np.bincount(np.concatenate(codes), minlength=len(STROMEN) * NS * NR) if codes
                  else np.zeros(len(STROMEN) * NS * NR, np.int64)).reshape(len(STROMEN), NS, NR) * self.schaal
        self.stromen.append(stroom.astype(float))
        werk = (st == c.WERK) & (pop.maanden_in_toestand >= DUURZAAM_MAANDEN)
        self.duurzaam.append(np.bincount(pop.regio, weights=werk, minlength=NR) * self.schaal)
        bbl = (pop.leerweg == c.BBL) & (st == c.ONDERWIJS)
        code = ((st.astype(np.int32) * NL + leeftijdsband(pop.leeftijd_maanden())) * 2
                + pop.startkwalificatie) * 2 + bbl
        vakken = NT * NL * 4
        self.waardering.append(np.bincount(code, minlength=vakken + NL * 4)[:vakken].reshape(NT, NL, 2, 2)
                               * self.schaal)
        ng = len(c.UITSTROOMGROEPEN)
        jaar_terug = np.flatnonzero(pop.uitstroommaand == t - 12)
        jaar_terug = jaar_terug[pop.toestand[jaar_terug] != UIT]
        self.na_12_maanden.append(np.stack([
            np.bincount(pop.uitstroomgroep[jaar_terug], minlength=ng),
            # werk telt zoals CBS 'met werk' telt: een baan, ook naast een bbl-opleiding
            np.bincount(pop.uitstroomgroep[jaar_terug], minlength=ng,
                        weights=(pop.toestand[jaar_terug] == c.WERK)
                        | ((pop.toestand[jaar_terug] == c.ONDERWIJS) & (pop.leerweg[jaar_terug] == c.BBL))),
        ], axis=1) * self.schaal)
        mbo = (st == c.ONDERWIJS) & (pop.schooltype == c.MBO)
        self.mbo_stand.append(_mbo_kubus(pop, np.flatnonzero(mbo)) * self.schaal)
        vsv = stromen.alle("nieuwe_vsv")
        self.mbo_vsv.append(_mbo_kubus(pop, vsv[pop.schooltype[vsv] == c.MBO]) * self.schaal)
        uit = stromen.alle("uit_27")
        self.uit_27.append(np.bincount(stromen.uit_27_toestand.astype(np.int32) * 2 + pop.startkwalificatie[uit],
                                       minlength=NT * 2).reshape(NT, 2) * self.schaal)
        per_toestand = kubus.sum(axis=(1, 2))
        self.laatste = {**{naam: float(per_toestand[i]) for i, naam in enumerate(c.TOESTANDEN)},
                        **{naam: float(stroom[i].sum()) for i, naam in enumerate(STROMEN)},
                        "buiten_beeld": float(self.buiten_beeld[-1].sum()),
                        "duurzaam_werk": float(self.duurzaam[-1].sum())}

    def frame(self) -> pd.DataFrame:
        """Alle maanden in lang formaat."""
        if not self.maanden:
            return pd.DataFrame({k: [] for k in KOLOMMEN})
        datums = c.maanddatums(self.maanden)
        A = np.stack(self.aantallen)          # (maand, toestand, schooltype, regio)
        S = np.stack(self.stromen)            # (maand, stroom, schooltype, regio)
        B = np.stack(self.buiten_beeld)       # (maand, regio)
        toestand = ("toestand", c.TOESTANDEN)
        stroom = ("indicator", STROMEN)
        schooltype = ("schooltype", c.SCHOOLTYPEN)
        regio = ("regio", np.arange(1, NR + 1))
        delen = [
            _lang(datums, A.sum(axis=(2, 3)), [toestand], indicator="aantal"),
            _lang(datums, A.sum(axis=3), [toestand, schooltype], indicator="aantal"),
            _lang(datums, A.sum(axis=2), [toestand, regio], indicator="aantal"),
            _lang(datums, np.stack(self.zonder_sk), [toestand], indicator="zonder_startkwalificatie"),
            _lang(datums, B.sum(axis=1), [], indicator="buiten_beeld", toestand="thuis"),
            _lang(datums, B, [regio], indicator="buiten_beeld", toestand="thuis"),
            _lang(datums, np.stack(self.duurzaam).sum(axis=1), [], indicator="duurzaam_werk", toestand="werk"),
            _lang(datums, np.stack(self.duurzaam), [regio], indicator="duurzaam_werk", toestand="werk"),
            _lang(datums, S.sum(axis=(2, 3)), [stroom]),
            _lang(datums, S.sum(axis=3), [stroom, schooltype]),
            _lang(datums, S.sum(axis=2), [stroom, regio]),
        ]
        return pd.concat(delen, ignore_index=True)


KOLOMMEN = ["datum", "indicator", "toestand", "schooltype", "regio", "waarde"]


def _mbo_kubus(pop: Populatie, rijen: np.ndarray) -> np.ndarray:
    """Aantallen per mbo-niveau (0-4) en leerweg (0 = bol, 1 = bbl)."""
    code = pop.niveau[rijen].astype(np.int32) * 2 + (pop.leerweg[rijen] == c.BBL)
    return np.bincount(code, minlength=10).reshape(5, 2)


def waarderingsframe(w: Waarnemer) -> pd.DataFrame:
    """Aantallen per maand naar toestand, leeftijdsband, SK en bbl: de basis van het MKBA-kasboek."""
    if not w.maanden:
        return pd.DataFrame()
    datums = c.maanddatums(w.maanden)
    W = np.stack(w.waardering)
    idx = np.indices(W.shape).reshape(W.ndim, -1)
    return pd.DataFrame({
        "datum": datums[idx[0]], "toestand": np.array(c.TOESTANDEN)[idx[1]],
        "leeftijdsband": np.array(LEEFTIJDSBANDEN)[idx[2]], "startkwalificatie": idx[3].astype(bool),
        "bbl": idx[4].astype(bool), "aantal": W.reshape(-1).astype(float),
    })


def _lang(datums, waarde: np.ndarray, assen: list[tuple[str, object]], **vast) -> pd.DataFrame:
    """Een array (maand, as1, as2, ...) als lange tabel; ontbrekende dimensies zijn 'alle' of regio 0."""
    idx = np.indices(waarde.shape).reshape(waarde.ndim, -1)
    kolommen = {"datum": datums[idx[0]], "indicator": "alle", "toestand": "alle", "schooltype": "alle", "regio": 0}
    for k, (naam, labels) in enumerate(assen, start=1):
        kolommen[naam] = np.asarray(labels)[idx[k]]
    kolommen.update(vast)
    kolommen["waarde"] = waarde.reshape(-1).astype(float)
    df = pd.DataFrame({k: (v if np.ndim(v) else np.full(idx.shape[1], v)) for k, v in kolommen.items()})
    df["regio"] = df["regio"].astype(np.int16)
    return df[KOLOMMEN]
