"""Het causale deel van een ander opleidingsniveau bij vertrek (prijzen.levensloop.causaal_aandeel_sk): dezelfde
jongere vertrekt in het alternatief en in het nulalternatief (zelfde id, zelfde maand); vertrekt hij met een ander
niveau, dan telt dat verschil in de levensloop voor het causale deel, een verschil in toestand helemaal."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from simulatie.economie.mkba import Tellingen, bereken, niveauverschuiving
from simulatie.experimenten.vergelijking import vergelijk
from simulatie.gedeeld import codes as c
from simulatie.kern.beleid import COACHING
from simulatie.gedeeld.opmaak import getal, mln, nl
from simulatie.rapportage.rapport import mkba_markdown
from simulatie.kern.vertrek import MBO34, MET_SK, NIVEAUS_BIJ_VERTREK, ZONDER_SK
from simulatie.kern.waarneming import VERTREKKER

AANDEEL = "prijzen.levensloop.causaal_aandeel_sk"


@pytest.fixture(scope="module")
def vergelijking():
    return vergelijk("nulalternatief", "wet", jaren=2, seed=3, schaal=200, voortgang=False, werkers=1)


def _vertrekkers(ids, toestanden, niveaus, maand):
    v = np.zeros(len(ids), VERTREKKER)
    v["id"], v["maand"] = ids, maand
    v["code"] = np.asarray(toestanden) * len(NIVEAUS_BIJ_VERTREK) + np.asarray(niveaus)
    return v


def test_alleen_wie_van_niveau_verandert_schuift_voor_het_selectiedeel(vergelijking):
    nul = vergelijking.nul
    alt = vergelijking.alternatieven[0]
    maand = int(nul.maanden[5])
    # jongere 2 vertrekt in het alternatief met SK en aan het werk, zonder beleid zonder SK en thuis; jongere 3
    # met een ander niveau maar dezelfde toestand; 1 en 4 gelijk (4 ook in een andere toestand, zelfde niveau)
    a = replace(alt, vertrekkers=_vertrekkers([4, 1, 2, 3], [c.THUIS, c.WERK, c.WERK, c.WERK],
                                             [ZONDER_SK, MET_SK, MET_SK, MBO34], maand))
    b = replace(nul, vertrekkers=_vertrekkers([1, 2, 3, 4], [c.WERK, c.THUIS, c.WERK, c.WERK],
                                             [MET_SK, ZONDER_SK, MET_SK, ZONDER_SK], maand))
    schuif = niveauverschuiving(a, b, 0.75)
    verwacht = np.zeros_like(schuif)
    m = 5
    # het selectiedeel gaat naar het niveau zonder beleid, in de toestand van het alternatief
    verwacht[m, c.WERK, MET_SK] -= 0.75 * alt.schaal
    verwacht[m, c.WERK, ZONDER_SK] += 0.75 * alt.schaal
    verwacht[m, c.WERK, MBO34] -= 0.75 * alt.schaal
    verwacht[m, c.WERK, MET_SK] += 0.75 * alt.schaal
    np.testing.assert_allclose(schuif, verwacht)
    assert schuif.sum() == 0.0  # niemand verdwijnt of komt erbij


def test_de_ncw_is_lineair_in_het_causale_aandeel_en_bij_1_als_zonder_schuif(vergelijking):
    p = vergelijking.parameters
    ncw = {a: bereken(vergelijking.nul, vergelijking.alternatieven, p.vervang({AANDEEL: a}))
           .kengetallen.iloc[0] for a in (0.0, 0.5, 1.0)}
    midden = (ncw[0.0].ncw_maatschappij + ncw[1.0].ncw_maatschappij) / 2
    assert ncw[0.5].ncw_maatschappij == pytest.approx(midden, rel=1e-9)
    # het aandeel raakt alleen de levensloop, niet de gesimuleerde maanden
    assert ncw[0.0].ncw_horizon == ncw[1.0].ncw_horizon and ncw[0.0].ncw_uitloop == ncw[1.0].ncw_uitloop
    alt, nul = vergelijking.alternatieven[0], vergelijking.nul
    np.testing.assert_array_equal(Tellingen.uit(alt, tegen=nul, causaal_aandeel=1.0).vertrek,
                                  Tellingen.uit(alt).vertrek)
    # de run verandert van niveau bij vertrek voor sommige jongeren, dus het aandeel doet er iets toe
    assert ncw[0.0].ncw_levensloop != pytest.approx(ncw[1.0].ncw_levensloop, rel=1e-6)


def test_per_regio_en_groep_tellen_op_tot_het_land_met_het_causale_aandeel(vergelijking):
    alt, nul = vergelijking.alternatieven[0], vergelijking.nul
    land = niveauverschuiving(alt, nul, 0.7)
    for deel, aantal in (("regio", c.AANTAL_REGIOS), ("groep", c.NG_GROEPEN)):
        som = sum(niveauverschuiving(alt, nul, 0.7, **{deel: i}) for i in range(aantal))
        np.testing.assert_allclose(som, land)


def test_jaarbalans_is_de_annuiteit_en_de_brug_naar_de_cpb_rekenwijze_sluit(vergelijking):
    """Per beleidsjaar: de NCW gedeeld door de contante waarde van een euro per beleidsjaar; van de CPB-rekenwijze
    (voorkomen vsv'ers maal de CPB-waarde, min de programmakosten) naar de NCW met twee regels die precies sluiten."""
    p = vergelijking.parameters
    r = vergelijking.mkba()
    k = r.kengetallen.iloc[0]
    assert k.beleidsjaren == 2
    annuiteit = 1 + 1 / (1 + r.discontovoet)
    assert k.ncw_per_beleidsjaar * annuiteit == pytest.approx(k.ncw_maatschappij, rel=1e-12)
    assert k.cpb224_baat_per_voorkomen_vsv == pytest.approx(
        p["prijzen.vergelijking.cpb224_bruto_baat_per_voorkomen_vsv"] * p.prijsindex(r.prijsjaar) / p.prijsindex(2012),
        rel=1e-12)
    brug = (k.netto_per_beleidsjaar_cpb_rekenwijze
            + k.voorkomen_vsv_per_beleidsjaar * (k.baten_per_voorkomen_vsv - k.cpb224_baat_per_voorkomen_vsv)
            + k.programmakosten_per_beleidsjaar - k.kosten_per_beleidsjaar)
    assert brug == pytest.approx(k.ncw_per_beleidsjaar, rel=1e-9, abs=1e-3)


def test_cpb_telling_is_deelnemers_maal_het_verschil_in_het_experiment():
    """De telling van het CPB bij DP 224: deelnemersjaren coaching maal (17% - 10%); de deelnemersjaren zijn de
    jongeren die het programma betaalde, dus maal de prijs per deelnemer de uitgaven aan coaching."""
    v = vergelijk("cpb_dp224_nul", "cpb_dp224", seed=1, schaal=200, voortgang=False, werkers=1)
    p, r = v.parameters, v.mkba()
    k = r.kengetallen.iloc[0]
    assert k.beleidsjaren == 1 and k.coachingdeelnemers_per_beleidsjaar > 0
    prijs = p.prijs("beleid.coach.intensieve_coaching_per_jaar", r.prijsjaar)
    uitgaven = v.alternatieven[0].begeleidingscijfers.uitgaven()[:, COACHING].sum()
    assert k.coachingdeelnemers_per_beleidsjaar * prijs == pytest.approx(uitgaven, rel=1e-9)
    assert uitgaven <= k.programmakosten_per_beleidsjaar * (1 + r.discontovoet)  # het budget begrenst de uitgaven
    verschil = p["prijzen.vergelijking.cpb224_vsv_controle"] - p["prijzen.vergelijking.cpb224_vsv_coaching"]
    assert k.voorkomen_vsv_cpb_telling_per_beleidsjaar == pytest.approx(
        k.coachingdeelnemers_per_beleidsjaar * verschil, rel=1e-12)
    assert k.netto_per_beleidsjaar_cpb_telling == pytest.approx(
        k.voorkomen_vsv_cpb_telling_per_beleidsjaar * k.cpb224_baat_per_voorkomen_vsv
        - k.programmakosten_per_beleidsjaar, rel=1e-9)
    regel = next(r_ for r_ in mkba_markdown(r, v).splitlines() if "volgens de telling van het CPB" in r_)
    assert getal(k.voorkomen_vsv_cpb_telling_per_beleidsjaar) in regel
    assert mln(k.netto_per_beleidsjaar_cpb_telling) in regel


def test_mkba_md_zet_elk_effect_naast_het_bewijs_en_het_break_even_effect(vergelijking):
    """Per effectparameter een regel met de waarde, de aangenomen bandbreedte en het bewijs; het break-even-effect
    (schaal maal waarde) alleen voor de effecten die het alternatief gebruikt."""
    r = vergelijking.mkba()
    r = replace(r, kengetallen=r.kengetallen.assign(break_even_effectschaal=0.5))
    tekst = mkba_markdown(r, vergelijking)
    deel = tekst.split("## Wat zegt het bewijs")[1].split("\n## ")[0]
    p = vergelijking.parameters
    regel = next(x for x in deel.splitlines() if x.startswith("| `begeleiding_tijdens_vsv`"))
    assert nl(p["beleid.effect.begeleiding_tijdens_vsv"], 2) in regel and "intensiteit" in regel
    assert sum(x.startswith("| `") for x in deel.splitlines()) == len(
        [n for n in p.items if n.startswith("beleid.effect.")])
    break_even = next(x for x in deel.splitlines() if x.startswith("- **wet**"))
    assert f"`begeleiding_tijdens_vsv` {nl(0.5 * p['beleid.effect.begeleiding_tijdens_vsv'], 2)}" in break_even
    assert "intensieve_coaching_vsv" not in break_even  # de wet kent geen intensieve coaching
