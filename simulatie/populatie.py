"""De synthetische populatie: één rij per jongere (of per `schaal` jongeren), als NumPy-kolommen.

Gebouwd uit gepubliceerde aggregaten (simulatie/parameters/populatie.yaml), zonder persoonsgegevens:
leerlingen en studenten in vmbo-bovenbouw, pro, vso, mbo en (na mbo-4) ho, plus de jongeren tot 27 die
daaruit al uitstroomden. Elk schooljaar komt er in september een nieuw cohort bij.

Alle rijen hebben hetzelfde gewicht (`schaal`): aantallen zijn dus rijtellingen maal de schaal.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from simulatie import codes as c
from simulatie.parameters import Parameters

UIT = np.int8(len(c.TOESTANDEN))  # interne toestand: 27 geworden, wacht op verwijdering in september

KOLOMMEN: dict[str, type] = {
    "id": np.int64,
    "gewicht": np.float32,
    "geboortemaand": np.int32,        # absolute maandindex (jaar*12 + maand-1)
    "toestand": np.int8,
    "maanden_in_toestand": np.int16,
    "schooltype": np.int8,
    "niveau": np.int8,
    "leerweg": np.int8,
    "leerjaar": np.int8,              # huidig jaar in de opleiding; 0 = wacht op de start in september
    "regio": np.int8,                 # 0..39 (RMC-regio nummer - 1)
    "multiproblematiek": np.bool_,
    "migratie": np.bool_,             # niet-westerse migratieachtergrond
    "beperking": np.bool_,            # arbeids- of gezondheidsbeperking
    "startkwalificatie": np.bool_,
    "vsv": np.bool_,
    "in_beeld": np.bool_,
    "uitstroommaand": np.int32,       # maand van de laatste keer school verlaten; -1 = nooit
    "uitstroomgroep": np.int8,
    "begeleiding": np.int8,           # beleid: 0 geen, 1 begeleid, 2 wachtend
    "begeleiding_sinds": np.int32,    # beleid: maand waarin de jongere in aanmerking kwam; -1 = niet
}


class Populatie:
    """Kolommen van gelijke lengte; `frame()` en `levensloop` maken ze leesbaar voor mensen."""

    def __init__(self, kolommen: dict[str, np.ndarray], maand: int):
        lengtes = {len(v) for v in kolommen.values()}
        if len(lengtes) != 1:
            raise ValueError(f"kolommen hebben ongelijke lengtes: {lengtes}")
        for naam, dtype in KOLOMMEN.items():
            setattr(self, naam, np.asarray(kolommen[naam], dtype=dtype))
        self.maand = maand

    def __len__(self) -> int:
        return len(self.id)

    def kolommen(self) -> dict[str, np.ndarray]:
        return {naam: getattr(self, naam) for naam in KOLOMMEN}

    def leeftijd_maanden(self) -> np.ndarray:
        return self.maand - self.geboortemaand

    def actief(self) -> np.ndarray:
        return self.toestand != UIT

    def voeg_toe(self, nieuw: dict[str, np.ndarray]) -> None:
        for naam, dtype in KOLOMMEN.items():
            setattr(self, naam, np.concatenate([getattr(self, naam), np.asarray(nieuw[naam], dtype=dtype)]))

    def houd(self, masker: np.ndarray) -> None:
        """Houd alleen de rijen in het masker (verwijdert wie 27 werd); de volgorde blijft gelijk."""
        for naam in KOLOMMEN:
            setattr(self, naam, getattr(self, naam)[masker])

    def frame(self, alle: bool = False) -> pd.DataFrame:
        """Eén regel per populatierij, met namen in plaats van codes. `alle` toont ook wie 27 werd."""
        rijen = slice(None) if alle else self.actief()
        k = {naam: getattr(self, naam)[rijen] for naam in KOLOMMEN}
        toestanden = np.array(c.TOESTANDEN + ("uit",))
        return pd.DataFrame({
            "id": k["id"],
            "gewicht": k["gewicht"],
            "leeftijd": (self.maand - k["geboortemaand"]) / 12.0,
            "toestand": pd.Categorical(toestanden[k["toestand"]], categories=list(toestanden)),
            "schooltype": pd.Categorical(np.array(c.SCHOOLTYPEN)[k["schooltype"]], categories=c.SCHOOLTYPEN),
            "niveau": k["niveau"],
            "leerweg": pd.Categorical(np.array(c.LEERWEGEN)[k["leerweg"]], categories=c.LEERWEGEN),
            "leerjaar": k["leerjaar"],
            "startkwalificatie": k["startkwalificatie"],
            "vsv": k["vsv"],
            "in_beeld": k["in_beeld"],
            "regio": k["regio"].astype(np.int16) + 1,
            "multiproblematiek": k["multiproblematiek"],
            "migratie": k["migratie"],
            "beperking": k["beperking"],
            "maanden_in_toestand": k["maanden_in_toestand"],
            "uitstroomgroep": pd.Categorical(np.array(c.UITSTROOMGROEPEN)[k["uitstroomgroep"]],
                                             categories=c.UITSTROOMGROEPEN),
            "begeleiding": k["begeleiding"],
        })


# --------------------------------------------------------------------------------------------------
# Bouwen uit aggregaten


def aantal_rijen(aantal: float, schaal: int, rng: np.random.Generator) -> int:
    """Stochastisch afronden: verwacht aantal rijen is precies aantal/schaal."""
    x = aantal / schaal
    return int(np.floor(x) + (rng.random() < x - np.floor(x)))


@dataclass
class Bouwer:
    """Maakt rijen voor een groep jongeren; deelt de logica tussen startpopulatie en nieuwe cohorten."""

    p: Parameters
    schaal: int
    rng: np.random.Generator
    maand: int
    regio_aandeel: np.ndarray

    def rijen(self, n: int, *, schooltype: int, leeftijd_jaren: np.ndarray, niveau=0, leerweg=c.GEEN,
              leerjaar=0, toestand=c.ONDERWIJS, sk=False, vsv=False, uitstroommaand=-1,
              uitstroomgroep=0, risico_factor: float = 1.0) -> dict[str, np.ndarray]:
        rng = self.rng
        leeftijd_maanden = np.floor(np.asarray(leeftijd_jaren) * 12).astype(np.int32)
        leeftijd_maanden = np.minimum(leeftijd_maanden, c.LEEFTIJDSGRENS_MAANDEN - 1)
        prev = self._prevalentie(schooltype)
        multi, mig, bep = (rng.random(n) < min(1.0, prev[k] * risico_factor) for k in range(3))
        toestand = np.broadcast_to(np.asarray(toestand, dtype=np.int8), (n,)).copy()
        in_beeld = np.ones(n, dtype=bool)
        thuis = toestand == c.THUIS
        in_beeld[thuis] = rng.random(int(thuis.sum())) < self.p["overgangen.in_beeld.bij_thuiskomst"]
        return {
            "id": np.zeros(n, np.int64),  # de model-id's worden bij toevoegen toegekend
            "gewicht": np.full(n, self.schaal, np.float32),
            "geboortemaand": self.maand - leeftijd_maanden,
            "toestand": toestand,
            "maanden_in_toestand": np.zeros(n, np.int16),
            "schooltype": np.full(n, schooltype, np.int8),
            "niveau": np.broadcast_to(np.asarray(niveau, np.int8), (n,)).copy(),
            "leerweg": np.broadcast_to(np.asarray(leerweg, np.int8), (n,)).copy(),
            "leerjaar": np.broadcast_to(np.asarray(leerjaar, np.int8), (n,)).copy(),
            "regio": rng.choice(len(self.regio_aandeel), size=n, p=self.regio_aandeel).astype(np.int8),
            "multiproblematiek": multi, "migratie": mig, "beperking": bep,
            "startkwalificatie": np.broadcast_to(np.asarray(sk, bool), (n,)).copy(),
            "vsv": np.broadcast_to(np.asarray(vsv, bool), (n,)).copy(),
            "in_beeld": in_beeld,
            "uitstroommaand": np.broadcast_to(np.asarray(uitstroommaand, np.int32), (n,)).copy(),
            "uitstroomgroep": np.full(n, uitstroomgroep, np.int8),
            "begeleiding": np.zeros(n, np.int8),
            "begeleiding_sinds": np.full(n, -1, np.int32),
        }

    def _prevalentie(self, schooltype: int) -> tuple[float, float, float]:
        r = "populatie.risicofactoren."
        if schooltype in (c.PRO, c.VSO):
            return (self.p[r + "multiproblematiek_pro_vso"], self.p[r + "migratie_pro_vso"],
                    self.p[r + "beperking_pro_vso"])
        multi = self.p[r + ("multiproblematiek_vo" if schooltype == c.VMBO else "multiproblematiek_mbo")]
        return multi, self.p[r + "migratie_vo_mbo"], self.p[r + "beperking_vo_mbo"]

    # ---------------------------------------------------------------------------------------------
    def onderwijs(self, schooltype: int, aantal: float, *, duur: int, startleeftijd: float,
                  spreiding: float = 0.0, niveau=0, leerweg=c.GEEN, alleen_eerste_jaar=False,
                  sk_kans: float = 0.0) -> dict[str, np.ndarray]:
        """Leerlingen in een opleiding, gelijk verdeeld over de leerjaren (of alleen leerjaar 1)."""
        n = aantal_rijen(aantal, self.schaal, self.rng)
        leerjaar = np.ones(n, np.int8) if alleen_eerste_jaar else self.rng.integers(1, duur + 1, n).astype(np.int8)
        _, m = c.jaar_maand(self.maand)
        sinds_september = (m - 9) % 12
        leeftijd = (startleeftijd + (leerjaar - 1) + sinds_september / 12 + self.rng.random(n)
                    + spreiding * self.rng.random(n))
        sk = self.rng.random(n) < sk_kans
        rijen = self.rijen(n, schooltype=schooltype, leeftijd_jaren=leeftijd, niveau=niveau, leerweg=leerweg,
                           leerjaar=leerjaar, sk=sk)
        rijen["maanden_in_toestand"] = ((leerjaar.astype(np.int16) - 1) * 12 + sinds_september).astype(np.int16)
        return rijen

    def mbo(self, niveau: int, aantal: float, alleen_eerste_jaar=False, sk_kans=0.0) -> list[dict]:
        p = self.p
        bbl = p[f"populatie.bbl_aandeel.mbo_{niveau}"]
        duur = int(p[f"populatie.opleidingsduur.mbo_{niveau}"])
        delen = []
        for leerweg, aandeel, spreiding in ((c.BOL, 1 - bbl, p["populatie.startleeftijd.spreiding_mbo_bol"]),
                                            (c.BBL, bbl, p["populatie.startleeftijd.spreiding_mbo_bbl"])):
            delen.append(self.onderwijs(c.MBO, aantal * aandeel, duur=duur,
                                        startleeftijd=p["populatie.startleeftijd.mbo"], spreiding=spreiding,
                                        niveau=niveau, leerweg=leerweg, alleen_eerste_jaar=alleen_eerste_jaar,
                                        sk_kans=sk_kans))
        return delen


def _samenvoegen(delen: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    return {naam: np.concatenate([d[naam] for d in delen]) for naam in KOLOMMEN}


VMBO_GROEPEN = (("vmbo_basis", c.BASIS), ("vmbo_kader", c.KADER), ("vmbo_gemengd", c.GEMENGD),
                ("vmbo_theoretisch", c.THEORETISCH))


def _schoolpopulatie(b: Bouwer, eerste_jaar: bool, factor: float = 1.0,
                     mbo_aantallen: dict[int, float] | None = None) -> list[dict]:
    """vmbo, pro, vso en mbo. Met `eerste_jaar` alleen het instromende cohort (stock / duur)."""
    p = b.p
    ing = "populatie.ingeschreven."
    duur = "populatie.opleidingsduur."
    start = "populatie.startleeftijd."
    delen = []
    for naam, leerweg in VMBO_GROEPEN:
        aantal = p[ing + naam] * factor / (p[duur + "vmbo"] if eerste_jaar else 1)
        delen.append(b.onderwijs(c.VMBO, aantal, duur=int(p[duur + "vmbo"]), startleeftijd=p[start + "vmbo"],
                                 leerweg=leerweg, alleen_eerste_jaar=eerste_jaar))
    for naam, st in (("pro", c.PRO), ("vso", c.VSO)):
        d = int(p[duur + naam])
        aantal = p[ing + naam] * factor / (d if eerste_jaar else 1)
        delen.append(b.onderwijs(st, aantal, duur=d, startleeftijd=p[start + naam], alleen_eerste_jaar=eerste_jaar))
    for niveau in (1, 2, 3, 4):
        aantal = (mbo_aantallen or {}).get(niveau, p[f"{ing}mbo_{niveau}"]) * factor
        sk_kans = 0.0 if eerste_jaar or niveau < 3 else p["populatie.sk_aandeel_mbo34_start"]
        delen.extend(b.mbo(niveau, aantal, alleen_eerste_jaar=eerste_jaar, sk_kans=sk_kans))
    return delen


# Uitstroomgroepen bij de start: (schooltype, niveau, leerweg, startkwalificatie)
_GROEP_KENMERKEN = {
    "vso": (c.VSO, 0, c.GEEN, False), "pro": (c.PRO, 0, c.GEEN, False),
    "entree_bol": (c.MBO, 1, c.BOL, False), "entree_bbl": (c.MBO, 1, c.BBL, False),
    "vsv_mbo": (c.MBO, 2, c.BOL, False), "vsv_vo": (c.VMBO, 0, c.BASIS, False),
    "mbo2_bol": (c.MBO, 2, c.BOL, True), "mbo2_bbl": (c.MBO, 2, c.BBL, True),
    "mbo34_bol": (c.MBO, 4, c.BOL, True), "mbo34_bbl": (c.MBO, 4, c.BBL, True),
    "ho": (c.HO, 0, c.GEEN, True),
}


def _uitgestroomden(b: Bouwer) -> list[dict]:
    """Wie al van school is, per uitstroomgroep: leeftijd tussen uitstroomleeftijd en 27."""
    p = b.p
    lang = "populatie.toestand_na_uitstroom_langjarig."
    delen = []
    for groep, (st, niveau, leerweg, sk) in _GROEP_KENMERKEN.items():
        start = p[f"populatie.uitstroomleeftijd.{groep}"]
        jaren = 27 - start
        n = aantal_rijen(p[f"populatie.uitstroom_per_jaar.{groep}"] * jaren, b.schaal, b.rng)
        leeftijd = start + jaren * b.rng.random(n)
        if groep in ("mbo34_bol", "mbo34_bbl", "ho"):
            werk, uitk, zorg_rest = p[lang + "mbo3_plus_werk"], p[lang + "mbo3_plus_uitkering"], p[lang + "met_sk_zorg_van_rest"]
        elif sk:
            werk, uitk, zorg_rest = p[lang + "met_sk_werk"], p[lang + "met_sk_uitkering"], p[lang + "met_sk_zorg_van_rest"]
        else:
            werk, uitk, zorg_rest = p[lang + "zonder_sk_werk"], p[lang + "zonder_sk_uitkering"], p[lang + "zonder_sk_zorg_van_rest"]
        zorg = (1 - werk - uitk) * zorg_rest
        kansen = np.array([werk, uitk, zorg, 1 - werk - uitk - zorg])
        if groep == "vso":  # vso-uitstroom: een vast deel naar zorg/dagbesteding, de rest naar rato
            kansen[2] = 0.0
            kansen = kansen / kansen.sum() * (1 - p[lang + "vso_zorg"])
            kansen[2] = p[lang + "vso_zorg"]
        kansen = kansen / kansen.sum()
        toestand = (b.rng.random(n)[:, None] > np.cumsum(kansen)[None, :]).sum(axis=1)
        toestand = np.array([c.WERK, c.UITKERING, c.ZORG, c.THUIS], np.int8)[np.minimum(toestand, 3)]
        toestand[(toestand == c.UITKERING) & (leeftijd < 18)] = c.THUIS  # geen bijstand onder 18
        uitstroommaand = b.maand - np.floor((leeftijd - start) * 12).astype(np.int32)
        if groep == "vsv_mbo":  # niveau van de uitvallers: naar rato van inschrijving x vsv-kans
            gewichten = np.array([p[f"populatie.ingeschreven.mbo_{k}"] * p[f"overgangen.vsv_kans_per_jaar.mbo_{k}_bol"]
                                  for k in (1, 2, 3, 4)])
            niveau = (b.rng.choice(4, size=n, p=gewichten / gewichten.sum()) + 1).astype(np.int8)
            leerweg = np.where(b.rng.random(n) < p["populatie.bbl_aandeel.mbo_2"], c.BBL, c.BOL).astype(np.int8)
        rijen = b.rijen(n, schooltype=st, leeftijd_jaren=leeftijd, niveau=niveau, leerweg=leerweg,
                        toestand=toestand, sk=sk, vsv=(not sk) and groep not in ("vso", "pro") and start < 23,
                        uitstroommaand=uitstroommaand, uitstroomgroep=c.UITSTROOMGROEP[groep],
                        risico_factor=1.0 if sk else p["populatie.risicofactoren.risico_uitgestroomd_zonder_sk"])
        # hoe lang al in de huidige toestand: ergens tussen uitstroom en nu (anders begint iedereen op 0 en
        # telt 'duurzaam werk' het eerste jaar niemand)
        sinds_uitstroom = b.maand - uitstroommaand
        rijen["maanden_in_toestand"] = np.minimum(np.floor(b.rng.random(n) * sinds_uitstroom), 32000).astype(np.int16)
        delen.append(rijen)
    return delen


def externe_mbo_instroom(p: Parameters) -> dict[int, float]:
    """Jaarlijkse mbo-instroom van buiten de populatie (havo-afstromers, volwassenen) per niveau.

    Zo gekozen dat de inschrijving in een stabiele toestand de gepubliceerde aantallen houdt:
    benodigde instroom = ingeschreven / verwachte jaren in de opleiding, min de instroom die het model
    zelf levert (vmbo-, pro- en vso-gediplomeerden, stapelaars uit het niveau eronder).
    """
    def vsv(k: str) -> float:
        return p[f"overgangen.vsv_kans_per_jaar.{k}"]

    vmbo_duur = p["populatie.opleidingsduur.vmbo"]
    vmbo_uit = {lw: p[f"populatie.ingeschreven.{naam}"] / vmbo_duur * (1 - vsv(naam)) ** vmbo_duur
                * p["overgangen.doorstroom.vmbo_naar_mbo"] for naam, lw in VMBO_GROEPEN}
    d = "overgangen.doorstroom."
    gt = vmbo_uit[c.GEMENGD] + vmbo_uit[c.THEORETISCH]
    eigen = {
        1: vmbo_uit[c.BASIS] * p[d + "vmbo_basis_naar_entree"]
           + p["populatie.ingeschreven.pro"] / p["populatie.opleidingsduur.pro"] * p[d + "pro_naar_mbo"]
           + p["populatie.ingeschreven.vso"] / p["populatie.opleidingsduur.vso"] * p[d + "vso_naar_mbo"],
        2: vmbo_uit[c.BASIS] * (1 - p[d + "vmbo_basis_naar_entree"])
           + vmbo_uit[c.KADER] * (1 - p[d + "vmbo_kader_naar_niveau_3"]),
        3: vmbo_uit[c.KADER] * p[d + "vmbo_kader_naar_niveau_3"] + gt * (1 - p[d + "vmbo_gt_naar_niveau_4"]),
        4: gt * p[d + "vmbo_gt_naar_niveau_4"],
    }
    doorstroom = {2: "entree_naar_mbo_2", 3: "mbo_2_naar_mbo_3", 4: "mbo_3_naar_mbo_4"}
    extern, gediplomeerd = {}, 0.0
    for niveau in (1, 2, 3, 4):
        bbl = p[f"populatie.bbl_aandeel.mbo_{niveau}"]
        kans = (1 - bbl) * vsv(f"mbo_{niveau}_bol") + bbl * vsv(f"mbo_{niveau}_bbl")
        duur = int(p[f"populatie.opleidingsduur.mbo_{niveau}"])
        jaren = sum((1 - kans) ** k for k in range(duur))
        nodig = p[f"populatie.ingeschreven.mbo_{niveau}"] / jaren
        eigen_instroom = eigen[niveau] + (gediplomeerd * p[d + doorstroom[niveau]] if niveau > 1 else 0.0)
        extern[niveau] = max(0.0, nodig - eigen_instroom) * p[f"populatie.instroom.mbo_extern_factor_{niveau}"]
        gediplomeerd = nodig * (1 - kans) ** duur
    return extern


def bouw_populatie(p: Parameters, schaal: int, rng: np.random.Generator, maand: int,
                   regio_aandeel: np.ndarray) -> Populatie:
    """De startpopulatie op maandindex `maand`."""
    b = Bouwer(p, schaal, rng, maand, regio_aandeel)
    delen = _schoolpopulatie(b, eerste_jaar=False)
    ho_duur = int(p["populatie.opleidingsduur.ho"])
    ho = b.onderwijs(c.HO, p["populatie.uitstroom_per_jaar.ho"] * ho_duur, duur=ho_duur,
                     startleeftijd=p["populatie.uitstroomleeftijd.ho"] - ho_duur)
    ho["startkwalificatie"][:] = True
    delen.append(ho)
    delen.extend(_uitgestroomden(b))
    kolommen = _samenvoegen(delen)
    kolommen["id"] = np.arange(len(kolommen["id"]), dtype=np.int64)
    return Populatie(kolommen, maand)


def nieuw_cohort(p: Parameters, schaal: int, rng: np.random.Generator, maand: int,
                 regio_aandeel: np.ndarray, jaren_sinds_start: int) -> dict[str, np.ndarray]:
    """Het cohort dat in september instroomt: vmbo-3, pro-1, vso-1 en de externe mbo-instroom."""
    factor = (1 + p["populatie.instroom.groei_per_jaar"]) ** jaren_sinds_start
    b = Bouwer(p, schaal, rng, maand, regio_aandeel)
    delen = _schoolpopulatie(b, eerste_jaar=True, factor=factor, mbo_aantallen=externe_mbo_instroom(p))
    return _samenvoegen(delen)
