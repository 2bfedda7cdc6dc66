"""De synthetische populatie: één rij per jongere (of per `schaal` jongeren), als NumPy-kolommen.

Iedere jongere komt het model binnen op 14 jaar, in september, in leerjaar 3 van het voortgezet
onderwijs (vmbo, havo, vwo, pro of vso), en verlaat het op haar 27e verjaardag. Daartussen maken de
maandregels (toestanden.py) haar loopbaan. Nieuwkomers vullen in januari elke leeftijd aan tot wat het
CBS telt (`aanvulling`): zo is de populatie iedere jongere van 15 tot 27 in Nederland. Wie bij de
start al van school is, komt uit het opwarmen (opwarming.py): de regels zelf, niet een aangenomen stand.

Gebouwd uit gepubliceerde aggregaten (simulatie/invoer/parameters/populatie.yaml), zonder persoonsgegevens.
Alle rijen hebben hetzelfde gewicht (`schaal`): aantallen zijn rijtellingen maal de schaal.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from simulatie.gedeeld import codes as c
from simulatie.invoer.parameters import Parameters

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
    "diploma_mbo34": np.bool_,        # heeft een diploma mbo-3 of mbo-4 (de voortzetting na vertrek, vertrek.py)
    "vsv": np.bool_,
    "in_beeld": np.bool_,
    "uitstroommaand": np.int32,       # maand van de laatste keer school verlaten; -1 = nooit
    "uitstroomgroep": np.int8,
    "uitkering_type": np.int8,        # codes.UITKERINGSTYPEN; 'bijstand' bij thuis: aangevraagd, in de zoektermijn
    "begeleiding": np.int8,           # beleid: codes.BEGELEIDINGSSTATUS (geen, begeleid, wachtend)
    "begeleiding_sinds": np.int32,    # beleid: maand waarin de jongere in aanmerking kwam; -1 = niet
    "levenscoaching_sinds": np.int32, # beleid: maand waarin een levenscoachtraject begon; -1 = nooit
}

# (toestand, uitkering_type) -> code in TOESTANDEN_UITGEBREID, plus ZORG_MET_WAJONG; wie 27 werd (UIT) krijgt
# het vak daarna
UITGEBREID_CODE = np.full((len(c.TOESTANDEN) + 1, len(c.UITKERINGSTYPEN)), c.ZORG_MET_WAJONG + 1, np.int8)
for _t, _naam in enumerate(c.TOESTANDEN):
    UITGEBREID_CODE[_t] = c.TOESTANDEN_UITGEBREID.index(_naam) if _naam != "uitkering" else [
        c.TOESTANDEN_UITGEBREID.index("bijstand" if u == c.GEEN_UITKERING else c.UITKERINGSTYPEN[u])
        for u in range(len(c.UITKERINGSTYPEN))]
UITGEBREID_CODE[c.ZORG, c.WAJONG] = c.ZORG_MET_WAJONG
VAKKEN_UITGEBREID = c.ZORG_MET_WAJONG + 1  # de zeven toestanden en zorg met Wajong


def uitgebreide_toestand(toestand: np.ndarray, uitkering_type: np.ndarray) -> np.ndarray:
    """De toestand met de uitkering naar soort (codes.TOESTANDEN_UITGEBREID, en ZORG_MET_WAJONG); UIT wordt
    VAKKEN_UITGEBREID."""
    return UITGEBREID_CODE[toestand, uitkering_type]


def samengevoegd(kubus: np.ndarray, as_: int = 0) -> np.ndarray:
    """Een kubus over VAKKEN_UITGEBREID terug naar de zeven toestanden (zorg met Wajong telt als zorg)."""
    kubus = np.moveaxis(np.asarray(kubus, dtype=float), as_, 0)
    uit = kubus[:c.NT_UITGEBREID].copy()
    uit[c.TOESTANDEN_UITGEBREID.index("zorg")] += kubus[c.ZORG_MET_WAJONG]
    return np.moveaxis(uit, 0, as_)


class Populatie:
    """Kolommen van gelijke lengte; `frame()` en `levensloop` maken ze leesbaar voor mensen.

    De kolommen zijn die van KOLOMMEN, met hun dtype hieronder uitgeschreven zodat de typecontrole ze kent. De
    maandregels (toestanden.py) schrijven toestand en loopbaan; de begeleiding verandert alleen via
    `zet_begeleiding` en `begin_levenscoaching`."""

    id: npt.NDArray[np.int64]
    gewicht: npt.NDArray[np.float32]
    geboortemaand: npt.NDArray[np.int32]
    toestand: npt.NDArray[np.int8]
    maanden_in_toestand: npt.NDArray[np.int16]
    schooltype: npt.NDArray[np.int8]
    niveau: npt.NDArray[np.int8]
    leerweg: npt.NDArray[np.int8]
    leerjaar: npt.NDArray[np.int8]
    regio: npt.NDArray[np.int8]
    multiproblematiek: npt.NDArray[np.bool_]
    migratie: npt.NDArray[np.bool_]
    beperking: npt.NDArray[np.bool_]
    startkwalificatie: npt.NDArray[np.bool_]
    diploma_mbo34: npt.NDArray[np.bool_]
    vsv: npt.NDArray[np.bool_]
    in_beeld: npt.NDArray[np.bool_]
    uitstroommaand: npt.NDArray[np.int32]
    uitstroomgroep: npt.NDArray[np.int8]
    uitkering_type: npt.NDArray[np.int8]
    begeleiding: npt.NDArray[np.int8]
    begeleiding_sinds: npt.NDArray[np.int32]
    levenscoaching_sinds: npt.NDArray[np.int32]
    maand: int

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

    def cel(self, rijen: np.ndarray) -> np.ndarray:
        """Opleidingscel (schooltype x niveau x leerweg), plat: de index van de tabellen per opleiding."""
        return ((self.schooltype[rijen].astype(np.int32) * 5 + self.niveau[rijen]) * len(c.LEERWEGEN)
                + self.leerweg[rijen])

    def risicocode(self, rijen: np.ndarray) -> np.ndarray:
        """Bits: 1 = startkwalificatie, 2 = migratie, 4 = beperking, 8 = multiproblematiek."""
        return (self.startkwalificatie[rijen].astype(np.uint8) | (self.migratie[rijen].astype(np.uint8) << 1)
                | (self.beperking[rijen].astype(np.uint8) << 2)
                | (self.multiproblematiek[rijen].astype(np.uint8) << 3))

    # ---------------------------------------------------------------------------- begeleiding schrijven
    def zet_begeleiding(self, rijen: np.ndarray, status: np.ndarray, t: int) -> None:
        """De begeleiding van maand t: `rijen` (wie in aanmerking komt) krijgen `status` (BEGELEID of WACHTEND);
        wie nieuw in aanmerking komt, onthoudt t; wie er niet meer bij is, gaat terug naar GEEN_BEGELEIDING."""
        nieuw = rijen[self.begeleiding[rijen] == c.GEEN_BEGELEIDING]
        self.begeleiding_sinds[nieuw] = t
        had = self.begeleiding != c.GEEN_BEGELEIDING
        self.begeleiding[had] = c.GEEN_BEGELEIDING
        self.begeleiding[rijen] = status
        self.begeleiding_sinds[had & (self.begeleiding == c.GEEN_BEGELEIDING)] = -1

    def begin_levenscoaching(self, rijen: np.ndarray, t: int) -> None:
        """`rijen` krijgen deze maand levenscoaching: wie nog nooit had, begint een traject in maand t."""
        self.levenscoaching_sinds[rijen[self.levenscoaching_sinds[rijen] < 0]] = t

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
            # de soort uitkering van wie een uitkering heeft, ook de Wajong naast de zorg ('geen' voor de anderen,
            # ook in de zoektermijn voor de bijstand)
            "uitkering_type": pd.Categorical(np.array(c.UITKERINGSTYPEN)[np.where(
                (k["toestand"] == c.UITKERING) | ((k["toestand"] == c.ZORG) & (k["uitkering_type"] == c.WAJONG)),
                k["uitkering_type"], 0)], categories=c.UITKERINGSTYPEN),
            "begeleiding": k["begeleiding"],
        })


# --------------------------------------------------------------------------------------------------
# Bouwen uit aggregaten


def aantal_rijen(aantal: float, schaal: int, rng: np.random.Generator) -> int:
    """Stochastisch afronden: verwacht aantal rijen is precies aantal/schaal."""
    x = aantal / schaal
    return int(np.floor(x) + (rng.random() < x - np.floor(x)))


# De vo-routes waarlangs een cohort binnenkomt: (parameternaam, schooltype, leerweg)
VO_ROUTES = (("vmbo_basis", c.VMBO, c.BASIS), ("vmbo_kader", c.VMBO, c.KADER), ("vmbo_gemengd", c.VMBO, c.GEMENGD),
             ("vmbo_theoretisch", c.VMBO, c.THEORETISCH), ("havo", c.HAVO, c.GEEN), ("vwo", c.VWO, c.GEEN),
             ("pro", c.PRO, c.GEEN), ("vso", c.VSO, c.GEEN))


def risicoprevalentie(p: Parameters, schooltype: int) -> tuple[float, float, float]:
    """Aandeel met (multiproblematiek, migratieachtergrond, beperking) bij binnenkomst, naar vo-route.
    Na het vo erven jongeren hun kenmerken; voor mbo en ho geldt dus de route van herkomst (hier: vmbo en
    havo/vwo, de grootste toeleverancier; gebruikt om kansen op groepsniveau te normeren)."""
    r = "populatie.risicofactoren."
    if schooltype in (c.PRO, c.VSO):
        groep = "pro_vso"
    elif schooltype in (c.HAVO, c.VWO, c.HO):
        groep = "havo_vwo"
    else:
        groep = "vmbo"
    return p[f"{r}multiproblematiek_{groep}"], p[f"{r}migratie_{groep}"], p[f"{r}beperking_{groep}"]


def cohortaandelen(p: Parameters) -> np.ndarray:
    """Aandeel van een jaargang per vo-route (VO_ROUTES): de vijftienjarigen per vo-soort (CBS), vmbo over de
    leerwegen naar de inschrijving in de bovenbouw, vso als inschrijving per leeftijdsjaar."""
    i = "populatie.ingeschreven."
    vmbo = np.array([p[f"{i}{naam}"] for naam, st, _ in VO_ROUTES if st == c.VMBO])
    v = "populatie.vijftienjarigen."
    aantallen = np.concatenate([p[v + "vmbo"] * vmbo / vmbo.sum(),
                                [p[v + "havo"], p[v + "vwo"], p[v + "pro"],
                                 p[i + "vso"] / p["populatie.jaren_in_telling.vso"]]])
    return aantallen / aantallen.sum()


@dataclass
class Bouwer:
    """Maakt rijen voor een groep jongeren (een cohort) met kenmerken getrokken uit de aggregaten."""

    p: Parameters
    schaal: int
    rng: np.random.Generator
    maand: int
    regio_aandeel: np.ndarray

    def rijen(self, n: int, *, schooltype: int, leeftijd_jaren: np.ndarray, leerweg=c.GEEN,
              leerjaar=1) -> dict[str, np.ndarray]:
        rng = self.rng
        leeftijd_maanden = np.floor(np.asarray(leeftijd_jaren) * 12).astype(np.int32)
        prev = risicoprevalentie(self.p, schooltype)
        multi, mig, bep = (rng.random(n) < prev[k] for k in range(3))
        return {
            "id": np.zeros(n, np.int64),  # de model-id's worden bij toevoegen toegekend
            "gewicht": np.full(n, self.schaal, np.float32),
            "geboortemaand": self.maand - leeftijd_maanden,
            "toestand": np.full(n, c.ONDERWIJS, np.int8),
            "maanden_in_toestand": np.zeros(n, np.int16),
            "schooltype": np.full(n, schooltype, np.int8),
            "niveau": np.zeros(n, np.int8),
            "leerweg": np.full(n, leerweg, np.int8),
            "leerjaar": np.full(n, leerjaar, np.int8),
            "regio": rng.choice(len(self.regio_aandeel), size=n, p=self.regio_aandeel).astype(np.int8),
            "multiproblematiek": multi, "migratie": mig, "beperking": bep,
            "startkwalificatie": np.zeros(n, bool),
            "diploma_mbo34": np.zeros(n, bool),
            "vsv": np.zeros(n, bool),
            "in_beeld": np.ones(n, bool),
            "uitstroommaand": np.full(n, -1, np.int32),
            "uitstroomgroep": np.zeros(n, np.int8),
            "uitkering_type": np.zeros(n, np.int8),
            "begeleiding": np.full(n, c.GEEN_BEGELEIDING, np.int8),
            "begeleiding_sinds": np.full(n, -1, np.int32),
            "levenscoaching_sinds": np.full(n, -1, np.int32),
        }


def _samenvoegen(delen: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    return {naam: np.concatenate([d[naam] for d in delen]) for naam in KOLOMMEN}


def nieuw_cohort(p: Parameters, schaal: int, rng: np.random.Generator, maand: int,
                 regio_aandeel: np.ndarray, omvang: float) -> dict[str, np.ndarray]:
    """Het cohort dat in september (`maand`) in vo-leerjaar 3 begint: `omvang` jongeren van 14 jaar,
    over de routes verdeeld naar de inschrijving. Leerjaar 0: de stap van september zet het op 1."""
    b = Bouwer(p, schaal, rng, maand, regio_aandeel)
    aandelen = cohortaandelen(p)
    delen = []
    for (naam, schooltype, leerweg), aandeel in zip(VO_ROUTES, aandelen):
        n = aantal_rijen(omvang * aandeel, schaal, rng)
        delen.append(b.rijen(n, schooltype=schooltype, leeftijd_jaren=14 + rng.random(n), leerweg=leerweg,
                             leerjaar=0))
    return _samenvoegen(delen)


# --------------------------------------------------------------------------------------------------
# Cohortomvang en leeftijdsprofiel (CBS): hoeveel jongeren er per leeftijd zijn


def geboorten(p: Parameters, jaar: int) -> float:
    """Levendgeborenen in `jaar` (CBS); buiten de reeks het dichtstbijzijnde jaar."""
    jaren = _jaren(p, "populatie.geboorten.j")
    return p[f"populatie.geboorten.j{min(max(jaar, jaren[0]), jaren[-1])}"]


def _jaren(p: Parameters, voorvoegsel: str) -> list[int]:
    jaren = sorted(int(n[len(voorvoegsel):]) for n in p.items if n.startswith(voorvoegsel))
    if not jaren:
        raise KeyError(f"geen parameters {voorvoegsel}JJJJ")
    return jaren


@dataclass(frozen=True)
class Leeftijdsprofiel:
    """Hoeveel jongeren er op 1 januari van elk jaar zijn, per leeftijd, en hoe groot een instromend cohort is.

    Op leeftijd a in jaar J: geboorten(J - a - 1) x (verhouding_15 + helling x (a - 15)) (populatie.yaml): de
    jaargang uit het CBS, vermeerderd met de immigratie sinds de geboorte. Met `vast_geboortejaar` krijgt elke
    jaargang de geboorten van dat jaar: een wereld waarin de cohorten even groot blijven."""

    p: Parameters
    vast_geboortejaar: int | None = None

    def _verhouding(self, leeftijd):
        lp = "populatie.leeftijdsprofiel."
        return self.p[lp + "verhouding_15"] + self.p[lp + "helling"] * (np.asarray(leeftijd) - 15)

    def _geboorten(self, geboortejaar: int) -> float:
        return geboorten(self.p, self.vast_geboortejaar if self.vast_geboortejaar is not None else geboortejaar)

    def doel(self, jaar: int) -> np.ndarray:
        """Jongeren per leeftijd 15..26 op 1 januari van `jaar`."""
        leeftijden = np.arange(15, 27)
        return np.array([self._geboorten(jaar - int(a) - 1) for a in leeftijden]) * self._verhouding(leeftijden)

    def cohort(self, jaar: int) -> float:
        """Omvang van het cohort dat in september `jaar` op 14 jaar in vo-leerjaar 3 begint (geboren in
        `jaar` - 14); de nieuwkomers van latere leeftijden vult `aanvulling` in januari aan."""
        return self._geboorten(jaar - 14) * float(self._verhouding(14))


# --------------------------------------------------------------------------------------------------
# Aanvulling: nieuwkomers (immigratie) tot het CBS-profiel per leeftijd


@dataclass
class Sjablonen:
    """Rijen waarvan nieuwkomers een kopie zijn, met de maand waarop hun leeftijd en duren golden."""

    kolommen: dict[str, np.ndarray]
    maand: int

    @classmethod
    def uit(cls, pop: Populatie, rng: np.random.Generator, per_leeftijd: int = 4000) -> "Sjablonen":
        """Een steekproef van hooguit `per_leeftijd` rijen per leeftijd uit de (startpopulatie): klein, zodat
        een nationale run geen tweede populatie vasthoudt."""
        leeftijd = pop.leeftijd_maanden() // 12
        gekozen = []
        for a in range(15, 27):
            rijen = np.flatnonzero((leeftijd == a) & pop.actief())
            if len(rijen) > per_leeftijd:
                rijen = np.sort(rng.choice(rijen, per_leeftijd, replace=False))
            gekozen.append(rijen)
        rijen = np.concatenate(gekozen)
        return cls({k: v[rijen].copy() for k, v in pop.kolommen().items()}, pop.maand)


def aanvulling(pop: Populatie, doel: np.ndarray, schaal: int, rng: np.random.Generator,
               sjablonen: Sjablonen, aandeel_student: float = 0.0) -> dict[str, np.ndarray]:
    """Nieuwkomers zodat elke leeftijd 15..26 het doel haalt (nooit minder: niemand wordt weggehaald).

    Een nieuwkomer is een kopie van een leeftijdgenoot uit `sjablonen`, met dezelfde leeftijd en duren: van
    18 tot en met 24 jaar met kans `aandeel_student` een student in het ho (internationale studenten), anders
    een willekeurige leeftijdgenoot (aannames in populatie.yaml)."""
    leeftijd = pop.leeftijd_maanden() // 12
    actief = pop.actief()
    nu = np.bincount(np.clip(leeftijd[actief], 0, 27), minlength=28)[15:27] * schaal
    s = sjablonen.kolommen
    s_leeftijd = (sjablonen.maand - s["geboortemaand"]) // 12
    student = (s["toestand"] == c.ONDERWIJS) & (s["schooltype"] == c.HO)
    delen = []
    for i, a in enumerate(range(15, 27)):
        n = aantal_rijen(max(0.0, doel[i] - nu[i]), schaal, rng)
        kandidaten = np.flatnonzero(s_leeftijd == a)
        if n == 0 or not len(kandidaten):
            continue
        plek = rng.integers(0, len(kandidaten), n)
        is_student = rng.random(n) < aandeel_student
        studenten = np.flatnonzero(student[kandidaten])
        if 18 <= a <= 24 and len(studenten):
            # een student: de eerste student vanaf de getrokken plek; verandert één jongere van toestand, dan
            # verandert alleen de keuze vlak bij die plek (gemeenschappelijke toevalsgetallen blijven werken)
            naar_student = studenten[np.searchsorted(studenten, plek) % len(studenten)]
            plek = np.where(is_student, naar_student, plek)
        delen.append(kandidaten[plek])
    if not delen:
        return {k: v[:0].copy() for k, v in s.items()}
    kies = np.concatenate(delen)
    nieuw = {k: v[kies].copy() for k, v in s.items()}
    verschuiving = pop.maand - sjablonen.maand  # zelfde leeftijd en duren, nu
    nieuw["geboortemaand"] += verschuiving
    nieuw["uitstroommaand"] = np.where(nieuw["uitstroommaand"] >= 0, nieuw["uitstroommaand"] + verschuiving, -1)
    nieuw["begeleiding"][:] = c.GEEN_BEGELEIDING
    nieuw["begeleiding_sinds"][:] = -1
    nieuw["levenscoaching_sinds"][:] = -1
    return nieuw
