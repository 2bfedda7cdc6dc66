"""De zwaarste maandregel als één lus per rij (numba): concurrerende risico's buiten het onderwijs.

`toestanden.Overgangsregels` beschrijft de regel; hier staat hij één keer uitgeschreven per jongere, zodat een
maand niet tien tijdelijke arrays van de hele populatie maakt. `kansen` geeft de maandkansen per bestemming
(voor tests en de kansen-API), `bestemmingen` trekt meteen waarheen: dezelfde lus (`_reken`).
Gecompileerd bij het eerste gebruik en bewaard naast de module (`cache=True`).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from simulatie.gedeeld import codes as c

ONDERWIJS, WERK, UITKERING, ZORG, THUIS = c.ONDERWIJS, c.WERK, c.UITKERING, c.ZORG, c.THUIS
NT = len(c.TOESTANDEN)
JAAR_18, JAAR_23 = 18 * 12, 23 * 12


@njit(cache=True, inline="always")
def _per_rij(x, r):
    """Een effect is één factor voor iedereen (lengte 1) of één per rij van de populatie."""
    return x[0] if x.shape[0] == 1 else x[r]


@njit(cache=True, error_model="numpy")
def _reken(rijen, t, pop, eff, tab, u0, u1, alleen_kansen):
    """De regel voor elke rij in `rijen`. Met `alleen_kansen`: de maandkansen per bestemming (NT, len(rijen));
    anders per rij de getrokken bestemming (-1: blijft). De tabellen worden één keer uitgepakt, niet per rij."""
    (toestand, uitkering_type, sk, migratie, beperking, multi, in_beeld, maanden, regio, uitstroomgroep,
     uitstroommaand, geboortemaand) = pop
    baanvinden_eff, terugkeer_eff, baanverlies_eff, zorg_eff = eff
    (H, herkomst_tabel, toestand_per_herkomst, baanvinden_risico, regio_baanfactor, duur_factor, baanverlies_risico,
     scalars, codes) = tab
    onder_18, in_beeld_factor, terug_vanaf_23, terug_met_sk, tussenjaar, verlies_eerste_jaar = (
        scalars[0], scalars[1], scalars[2], scalars[3], scalars[4], scalars[5])
    havo_vwo, tussenjaar_maanden, bijstand, grens = codes[0], codes[1], codes[2], codes[3]
    n = rijen.shape[0]
    matrix = np.zeros((NT, n if alleen_kansen else 0))
    naar = np.full(0 if alleen_kansen else n, -1, np.int8)
    # per herkomst een bovengrens van de som van de kansen (elke factor op zijn hoogst): wie daarboven trekt,
    # blijft zeker; voor hen hoeft de rest niet berekend (de meeste jongeren blijven een maand waar ze zijn)
    hoogst = np.zeros(H.shape[0])
    if not alleen_kansen:
        ib_max = max(in_beeld_factor, 1.0)
        werk_max = (baanvinden_risico.max() * regio_baanfactor.max() * max(onder_18, 1.0) * ib_max * duur_factor.max()
                    * max(baanvinden_eff.max(), 1.0))
        school_max = (max(terug_vanaf_23, 1.0) * max(terug_met_sk, 1.0) * ib_max * max(terugkeer_eff.max(), 1.0))
        verlies_max = baanverlies_risico.max() * max(verlies_eerste_jaar, 1.0) * max(baanverlies_eff.max(), 1.0)
        for h in range(H.shape[0]):
            van = toestand_per_herkomst[h]
            rest = verlies_max if van == WERK else 1.0
            som = (H[h, ONDERWIJS] * school_max + tussenjaar + H[h, WERK] * werk_max
                   + (H[h, UITKERING] + H[h, ZORG] + H[h, THUIS]) * rest)
            hoogst[h] = som * (max(zorg_eff.max(), 1.0) if van == ZORG else 1.0)
    for i in range(n):
        r = rijen[i]
        h = herkomst_tabel[toestand[r], uitkering_type[r]]
        if not alleen_kansen and u0[r] >= min(hoogst[h], 0.95):
            continue
        van = toestand_per_herkomst[h]
        code = (np.int64(sk[r]) | (np.int64(migratie[r]) << 1) | (np.int64(beperking[r]) << 2)
                | (np.int64(multi[r]) << 3))
        lft = t - geboortemaand[r]
        ib = in_beeld_factor if (in_beeld[r] and van == THUIS) else 1.0
        m = min(np.int64(maanden[r]), grens)
        # de vijf bestemmingen als losse getallen (in registers): onderwijs, werk, uitkering, zorg, thuis
        k0 = H[h, ONDERWIJS] * ((terug_vanaf_23 if lft >= JAAR_23 else 1.0) * (terug_met_sk if sk[r] else 1.0) * ib
                                * _per_rij(terugkeer_eff, r))
        # havo/vwo-gediplomeerden in hun tussenjaar: alsnog naar het ho
        if uitstroomgroep[r] == havo_vwo and t - uitstroommaand[r] < tussenjaar_maanden:
            k0 += tussenjaar
        k1 = H[h, WERK] * (baanvinden_risico[code] * regio_baanfactor[regio[r]] * (onder_18 if lft < JAAR_18 else 1.0)
                           * ib * duur_factor[m] * _per_rij(baanvinden_eff, r))
        # geen uitkering onder 18; wie in de zoektermijn zit, vraagt niet opnieuw aan
        k2 = 0.0 if (lft < JAAR_18 or uitkering_type[r] == bijstand) else H[h, UITKERING]
        k3 = H[h, ZORG]
        k4 = H[h, THUIS]
        if van == WERK:  # baanverlies, het grootst in het eerste jaar van een baan
            v = (baanverlies_risico[code] * (verlies_eerste_jaar if maanden[r] < 12 else 1.0)
                 * _per_rij(baanverlies_eff, r))
            k2 *= v
            k3 *= v
            k4 *= v
        elif van == ZORG:
            z = _per_rij(zorg_eff, r)
            k0 *= z
            k1 *= z
            k2 *= z
            k4 *= z
        # de eigen toestand is geen bestemming
        if van == ONDERWIJS:
            k0 = 0.0
        elif van == WERK:
            k1 = 0.0
        elif van == UITKERING:
            k2 = 0.0
        elif van == ZORG:
            k3 = 0.0
        else:
            k4 = 0.0
        if alleen_kansen:
            matrix[ONDERWIJS, i], matrix[WERK, i], matrix[UITKERING, i] = k0, k1, k2
            matrix[ZORG, i], matrix[THUIS, i] = k3, k4
            continue
        # weg als u0 < de som van de kansen (hoogstens 0,95), dan de bestemming naar hun verhouding met u1
        totaal = k0 + k1 + k2 + k3 + k4
        if u0[r] < min(totaal, 0.95):
            doel = u1[r] * totaal
            if doel < k0:
                naar[i] = ONDERWIJS
            elif doel < k0 + k1:
                naar[i] = WERK
            elif doel < k0 + k1 + k2:
                naar[i] = UITKERING
            elif doel < k0 + k1 + k2 + k3:
                naar[i] = ZORG
            else:
                naar[i] = THUIS
    return matrix, naar


def kansen(rijen, t, pop, eff, tab):
    """Maandkans per bestemming, vorm (NT, len(rijen))."""
    leeg = np.zeros(0, np.float32)
    return _reken(rijen, t, pop, eff, tab, leeg, leeg, True)[0]


def bestemmingen(rijen, t, pop, eff, tab, u0, u1):
    """Per rij de bestemming deze maand, of -1 als de jongere blijft."""
    return _reken(rijen, t, pop, eff, tab, u0, u1, False)[1]


@njit(cache=True)
def tel_standen(t, toestand, schooltype, regio, in_beeld, sk, maanden, uitkering_type, leerweg, geboortemaand,
                migratie, multi, uitgebreid_tabel, duurzaam_maanden, ns, nr, na, vakken, ng, uitsplitsing):
    """De standen van één maand in één gang over de populatie (waarneming.Waarnemer.neem_waar):
    aantallen (toestand incl. UIT, schooltype, regio), buiten beeld per regio, zonder SK per toestand, duurzaam werk
    per regio, en de leeftijdskubus (uitgebreide toestand, leeftijd 14..26, SK, bbl); met `uitsplitsing` die kubus
    ook per regio en per groep (codes.groepcode). Wie UIT is, telt alleen in de aantallen (het extra vak)."""
    uit = NT
    # leeftijd in maanden -> vak 14..26 (een tabel in plaats van een deling per rij)
    leeftijdsvak = np.minimum(np.maximum(np.arange((c.MIN_LEEFTIJD + na + 1) * 12) // 12 - c.MIN_LEEFTIJD, 0), na - 1)
    aantallen = np.zeros((NT + 1, ns, nr), np.int64)
    buiten_beeld = np.zeros(nr, np.int64)
    zonder_sk = np.zeros(NT + 1, np.int64)
    duurzaam = np.zeros(nr, np.int64)
    lk = np.zeros((vakken, na, 2, 2), np.int64)
    rk = np.zeros((vakken, na, 2, 2, nr if uitsplitsing else 0), np.int64)
    gk = np.zeros((vakken, na, 2, 2, ng if uitsplitsing else 0), np.int64)
    for r in range(toestand.shape[0]):
        s = toestand[r]
        g = regio[r]
        aantallen[s, schooltype[r], g] += 1
        if not sk[r]:
            zonder_sk[s] += 1
        if s == uit:
            continue
        if s == THUIS and not in_beeld[r]:
            buiten_beeld[g] += 1
        if s == WERK and maanden[r] >= duurzaam_maanden:
            duurzaam[g] += 1
        a = leeftijdsvak[min(max(t - geboortemaand[r], 0), leeftijdsvak.shape[0] - 1)]
        u = uitgebreid_tabel[s, uitkering_type[r]]
        b = 1 if (leerweg[r] == c.BBL and s == ONDERWIJS) else 0
        k = 1 if sk[r] else 0
        lk[u, a, k, b] += 1
        if uitsplitsing:
            rk[u, a, k, b, g] += 1
            gk[u, a, k, b, (np.int64(schooltype[r]) * 2 + migratie[r]) * 2 + multi[r]] += 1
    return aantallen, buiten_beeld, zonder_sk, duurzaam, lk, rk, gk


@njit(cache=True)
def _splitmix(sleutel, rijen, teller):
    n = teller.shape[0]
    u = np.empty((rijen, n), np.float32)
    schaal = np.float32(1.0 / (1 << 24))
    gamma = np.uint64(0x9E3779B97F4A7C15)
    paren = np.uint64((rijen + 1) // 2)
    for j in range(0, rijen, 2):
        for r in range(n):
            # SplitMix64 (Steele, Lea & Flood 2014): teller (rij, paar) maal de gulden snede, dan de finalizer
            z = sleutel + (np.uint64(teller[r]) * paren + np.uint64(j // 2) + np.uint64(1)) * gamma
            z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
            z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
            z = z ^ (z >> np.uint64(31))
            u[j, r] = np.float32(z >> np.uint64(40)) * schaal
            if j + 1 < rijen:
                u[j + 1, r] = np.float32(z & np.uint64(0xFFFFFF)) * schaal
    return u


def uniformen(rng: np.random.Generator, rijen: int, n: int | np.ndarray) -> np.ndarray:
    """(rijen, n) onafhankelijke uniforme trekkingen in [0, 1) als float32 (24 bits, de precisie van float32).

    Eén getal uit `rng` is de sleutel; daaruit volgt elke trekking met SplitMix64 als teller per (rij, paar): twee
    trekkingen per 64-bitsgetal, zonder de generator per getal aan te roepen (snel). Zelfde sleutel, zelfde
    trekkingen. `n` is een aantal (de trekking hangt af van haar plaats) of een array met de id's van de jongeren:
    dan hangt de trekking van een jongere alleen af van de sleutel en zijn id, niet van wie er verder in de
    populatie zit. Zo trekt dezelfde jongere in dezelfde maand hetzelfde, ook als een andere run andere cohorten
    heeft (de test op de horizon: vijf jaar beleid in een run van vijf of van acht jaar)."""
    sleutel = np.uint64(rng.bit_generator.random_raw())
    teller = np.arange(n, dtype=np.int64) if isinstance(n, (int, np.integer)) else np.asarray(n, dtype=np.int64)
    return _splitmix(sleutel, rijen, teller)


@njit(cache=True)
def uitval(ond, u0, schooltype, niveau, leerweg, sk, migratie, beperking, multi, regio, vsv_maand, vsv_risico,
           regio_vsv_factor, vsv_eff, trend, leerwegen):
    """Wie van de scholieren `ond` deze maand uitvalt: u0 < de maandkans van de opleiding (Populatie.cel) maal de
    risicofactoren (Populatie.risicocode), de regio, het effect van begeleiding en het vsv-niveau."""
    uit = np.zeros(ond.shape[0], np.bool_)
    for i in range(ond.shape[0]):
        r = ond[i]
        cel = (np.int64(schooltype[r]) * 5 + niveau[r]) * leerwegen + leerweg[r]
        code = (np.int64(sk[r]) | (np.int64(migratie[r]) << 1) | (np.int64(beperking[r]) << 2)
                | (np.int64(multi[r]) << 3))
        kans = vsv_maand[cel] * vsv_risico[code] * regio_vsv_factor[regio[r]] * _per_rij(vsv_eff, r) * trend
        uit[i] = u0[r] < kans
    return uit

