"""Effecten uit het bewijs (issue 24): de omrekeningen tegen handberekeningen, pooling, de sceptische verdeling met
kansmassa in nul, de controle van bewijs.yaml (elke beleid.effect.*-parameter heeft een rij; foute rijen geven een
Nederlandse InvoerFout met bestand en veld) en de priors die uit de tabel volgen."""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from scipy import integrate, stats

from simulatie.gedeeld.fouten import InvoerFout
from simulatie.invoer import bewijs as b
from simulatie.invoer.parameters import laad_parameters
from simulatie.invoer.parameters import Parameter, Parameters, Verdeling, lees_bestand

BINOMIAAL_SE_CPB224 = (math.sqrt(0.17 * 0.83 / 225), math.sqrt(0.10 * 0.90 / 225))  # 0,025042 en 0,02


# ------------------------------------------------------------------------------------------ omrekeningen

def test_aandelen_cpb224_met_de_hand():
    """CPB DP 224: 17% -> 10% uitval na 12 maanden.
    h0 = 1 - 0,83^(1/12) = 1 - exp(-0,1863296/12) = 0,0154075; h1 = 1 - 0,90^(1/12) = 1 - exp(-0,1053605/12)
    = 0,0087416; effect = 1 - h1/h0 = 1 - 0,567359 = 0,432641.
    se (deltamethode, n = 225 per groep): dh/dp = (1 - p)^(1/12 - 1)/12 = 0,0917832 (p = 0,10) en 0,0988547
    (p = 0,17); se = sqrt((0,0917832/0,0154075 x 0,02)^2 + (0,0087416 x 0,0988547/0,0154075^2 x 0,0250422)^2)
    = sqrt(0,119141^2 + 0,091158^2) = 0,150014."""
    assert float(b.maandkans(0.17, 12)) == pytest.approx(0.0154075, abs=1e-7)
    assert float(b.maandkans(0.10, 12)) == pytest.approx(0.0087416, abs=1e-7)
    effect, se = b.uit_aandelen(0.17, 0.10, 12, "daling", *BINOMIAAL_SE_CPB224)
    assert effect == pytest.approx(0.432641, abs=1e-6)
    assert se == pytest.approx(0.150014, abs=1e-6)


def test_procentpunt_garantie_jeunes_met_de_hand():
    """Garantie Jeunes: werk +7,1 procentpunt op 29,2% na 16 maanden.
    h0 = 1 - 0,708^(1/16) = 1 - exp(-0,345311/16) = 0,0213507; h1 = 1 - 0,637^(1/16) = 1 - exp(-0,450986/16)
    = 0,0277931; effect = h1/h0 - 1 = 0,30174 (een stijging: de baankans per maand is 30% hoger)."""
    effect, se = b.uit_procentpunt(0.071, 0.292, 16, "stijging")
    assert effect == pytest.approx(0.30174, abs=1e-5)
    assert se == 0


def test_odds_ratio_wilson_met_de_hand():
    """Wilson et al.: OR 1,72 voor slagen, dus 1/1,72 = 0,581395 voor uitval, bij 21,1% uitval.
    RR = 0,581395 / (1 - 0,211 + 0,211 x 0,581395) = 0,581395 / 0,911674 = 0,637723; p1 = 0,211 RR = 0,134560
    (gepubliceerd: 'ca. 13%'). Over 12 maanden: h0 = 1 - 0,789^(1/12) = 0,0195554, h1 = 1 - 0,865440^(1/12)
    = 0,0119706; effect = 1 - h1/h0 = 0,38786."""
    assert float(b.relatief_risico(1 / 1.72, 0.211)) == pytest.approx(0.637723, abs=1e-6)
    effect, _ = b.uit_odds_ratio(1 / 1.72, 0.211, 12, "daling")
    assert effect == pytest.approx(0.38786, abs=5e-5)


def test_hedges_g_kluve_met_de_hand():
    """Kluve et al.: g = 0,05 (se 0,02) bij 70% werk na 12 maanden.
    ln OR = 0,05 x pi/sqrt(3) = 0,0906900; OR = 1,094929; p1 = 0,7 x 1,094929 / (0,3 + 0,7 x 1,094929) = 0,718693;
    h0 = 1 - 0,3^(1/12) = 0,0954621; h1 = 1 - 0,281307^(1/12) = 0,1002986; effect = h1/h0 - 1 = 0,050665.
    se: se(ln OR) = 0,02 x 1,813799 = 0,036276; se(p1) = 0,718693 x 0,281307 x 0,036276 = 0,0073341;
    dh/dp(p1) = 0,281307^(-11/12)/12 = 0,266524; se = 0,266524/0,0954621 x 0,0073341 = 0,020476."""
    assert float(b.ln_odds_ratio(0.05)) == pytest.approx(0.0906900, abs=1e-7)
    effect, se = b.uit_hedges_g(0.05, 0.7, 12, "stijging", se=0.02)
    assert effect == pytest.approx(0.050665, abs=1e-6)
    assert se == pytest.approx(0.020476, abs=1e-6)


def test_se_uit_een_interval():
    """95%-interval [1,2; 2,4] van een odds ratio: se(ln OR) = (ln 2,4 - ln 1,2)/(2 x 1,959964) = 0,693147/3,919928
    = 0,176827; op de gewone schaal [0,1; 0,3]: 0,2/3,919928 = 0,051021."""
    assert float(b.se_uit_interval(1.2, 2.4, log=True)) == pytest.approx(0.176827, abs=1e-6)
    assert float(b.se_uit_interval(0.1, 0.3)) == pytest.approx(0.051021, abs=1e-6)


def test_uitdoving_met_de_hand():
    """30% -> 25% na 24 maanden, het effect helemaal uitgedoofd na het eerste jaar (u = 0):
    h0 = 1 - 0,7^(1/24) = 0,0147516; maand 13-24 zonder effect: (1 - h0)^12 = 0,7^(1/2) = 0,836660, dus
    (1 - h0 (1 - e))^12 = 0,75/0,836660 = 0,896421; 1 - h0 (1 - e) = 0,896421^(1/12) = 0,990929;
    1 - e = 0,0090708/0,0147516 = 0,614894; e = 0,38511 (zonder uitdoving 0,19228: het eerste jaar moet het dubbele
    doen)."""
    effect, _ = b.eerstejaarseffect(0.30, 0.25, 24, "daling", 0.0)
    assert effect == pytest.approx(0.38511, abs=5e-5)
    zonder, _ = b.uit_aandelen(0.30, 0.25, 24, "daling")
    assert zonder == pytest.approx(0.19228, abs=5e-5)
    assert b.eerstejaarseffect(0.30, 0.25, 24, "daling", 1.0)[0] == pytest.approx(zonder, abs=1e-9)


@pytest.mark.parametrize("p0, p1, t, richting, u", [
    (0.17, 0.10, 12, "daling", 0.0),     # horizon 12: de uitdoving doet niet mee
    (0.17, 0.10, 6, "daling", 0.5),
    (0.292, 0.363, 16, "stijging", 1.0),  # geen uitdoving: de constante maandkans
    (0.30, 0.25, 36, "daling", 1.0),
])
def test_uitdoving_valt_samen_met_de_constante_maandkans(p0, p1, t, richting, u):
    effect, se = b.eerstejaarseffect(p0, p1, t, richting, u, 0.02, 0.03)
    verwacht, verwacht_se = b.uit_aandelen(p0, p1, t, richting, 0.02, 0.03)
    assert effect == pytest.approx(verwacht, abs=1e-9)
    assert se == pytest.approx(verwacht_se, rel=1e-4)


def test_uitdoving_maakt_het_eerste_jaar_groter_bij_een_stijging():
    """Garantie Jeunes na 16 maanden: met u = 0,5 moet het eerste jaar meer doen dan met een constant effect, en het
    gemeten aandeel komt terug als je vooruit rekent."""
    e, _ = b.eerstejaarseffect(0.292, 0.363, 16, "stijging", 0.5)
    h0 = float(b.maandkans(0.292, 16))
    overleving = (1 - h0 * (1 + e)) ** 12 * (1 - h0 * (1 + 0.5 * e)) ** 4
    assert 1 - overleving == pytest.approx(0.363, abs=1e-9)
    assert e > b.uit_procentpunt(0.071, 0.292, 16, "stijging")[0]


def test_omrekeningen_zijn_gevectoriseerd():
    p1 = np.array([0.10, 0.12, 0.15])
    effect, se = b.uit_aandelen(0.17, p1, 12, "daling", 0.02, 0.02)
    los = [b.uit_aandelen(0.17, x, 12, "daling", 0.02, 0.02) for x in p1]
    np.testing.assert_allclose(effect, [x[0] for x in los])
    np.testing.assert_allclose(se, [x[1] for x in los])
    np.testing.assert_allclose(b.eerstejaarseffect(0.17, p1, 24, "daling", 0.3)[0],
                               [b.eerstejaarseffect(0.17, x, 24, "daling", 0.3)[0] for x in p1])


# ------------------------------------------------------------------------------------------ regels

def test_pooling_met_de_hand():
    """0,4 (se 0,1) en 0,2 (se 0,2): gewichten 100 en 25; (40 + 5)/125 = 0,36; se = 1/sqrt(125) = 0,0894427."""
    gem, se = b.pool([0.4, 0.2], [0.1, 0.2])
    assert gem == pytest.approx(0.36)
    assert se == pytest.approx(0.0894427, abs=1e-7)


def test_exponentmomenten_tegen_numerieke_integratie():
    """E r^b met b log-uniform op [1/2, 2]: E r^b = 1/(2 ln 2) x integraal van r^(e^u) over u in [-ln 2, ln 2]."""
    r, gem, sd = 0.385, 0.43, 0.15
    m1 = integrate.quad(lambda u: r ** math.exp(u), -math.log(2), math.log(2))[0] / (2 * math.log(2))
    m2 = integrate.quad(lambda u: r ** (2 * math.exp(u)), -math.log(2), math.log(2))[0] / (2 * math.log(2))
    verwacht_gem = gem * m1
    verwacht_sd = math.sqrt((sd ** 2 + gem ** 2) * m2 - verwacht_gem ** 2)
    assert b.exponentmomenten(gem, sd, r, 0.5, 2.0) == pytest.approx((verwacht_gem, verwacht_sd), rel=1e-9)
    # een vaste exponent 1: lineair schalen
    assert b.exponentmomenten(gem, sd, r, 1.0, 1.0) == pytest.approx((gem * r, sd * r))


def test_sceptische_verdeling_heeft_kansmassa_in_nul():
    v = Verdeling("nul_of_normaal", 0.0, 1.0, modus=0.4, sd=0.1, p_nul=0.3)
    q = (np.arange(10000) + 0.5) / 10000
    waarden = v.kwantiel(q)
    assert np.mean(waarden == 0) == pytest.approx(0.3, abs=1e-4)
    assert float(v.kwantiel(0.29)) == 0
    # boven p_nul: het kwantiel (q - p_nul)/(1 - p_nul) van de afgekapte normale verdeling
    rest = stats.truncnorm((0 - 0.4) / 0.1, (1 - 0.4) / 0.1, loc=0.4, scale=0.1)
    for x in (0.35, 0.65, 0.99):
        assert float(v.kwantiel(x)) == pytest.approx(rest.ppf((x - 0.3) / 0.7))
    # sceptisch() houdt het gemiddelde van de lineaire prior en deelt de spreiding door 1 - p_nul
    s = b.sceptisch(0.2, 0.05, 0.5, "daling")
    assert (s.modus, s.sd, s.p_nul) == (pytest.approx(0.4), pytest.approx(0.1), 0.5)
    assert b.samenvatting(s)["gemiddelde"] == pytest.approx(0.2, abs=1e-3)


@pytest.mark.parametrize("verdeling, fragmenten", [
    ("{type: nul_of_normaal, laag: 0, hoog: 1, sd: 0.1}", ("beleid.effect.x.verdeling.p_nul", "mist p_nul")),
    ("{type: nul_of_normaal, laag: 0, hoog: 1, sd: 0.1, p_nul: 1}", ("beleid.effect.x.verdeling.p_nul",
                                                                      "0 <= p_nul < 1")),
    ("{type: nul_of_normaal, laag: 0, hoog: 1, sd: 0.1, p_nul: -0.2}", ("p_nul -0.2",)),
    ("{type: nul_of_normaal, laag: 0, hoog: 1, p_nul: 0.5}", ("beleid.effect.x.verdeling.sd",)),
])
def test_parameterbestand_weigert_een_foute_nul_of_normaal(tmp_path, verdeling, fragmenten):
    bestand = tmp_path / "beleid.yaml"
    bestand.write_text("effect:\n  x: {waarde: 0.2, eenheid: relatieve daling uitval, bron: aanname, jaar: '2026', "
                       f"toelichting: test, verdeling: {verdeling}}}\n", encoding="utf-8")
    with pytest.raises(InvoerFout) as fout:
        lees_bestand(bestand, "beleid")
    for f in (str(bestand),) + fragmenten:
        assert f in str(fout.value), (f, str(fout.value))


def test_parameterbestand_leest_een_goede_nul_of_normaal(tmp_path):
    bestand = tmp_path / "beleid.yaml"
    bestand.write_text("effect:\n  x: {waarde: 0.2, eenheid: relatieve daling uitval, bron: aanname, jaar: '2026', "
                       "toelichting: test, verdeling: {type: nul_of_normaal, laag: 0, hoog: 1, sd: 0.1, "
                       "p_nul: 0.25}}\n",
                       encoding="utf-8")
    v = lees_bestand(bestand, "beleid")["beleid.effect.x"].verdeling
    assert v == Verdeling("nul_of_normaal", 0.0, 1.0, modus=0.2, sd=0.1, p_nul=0.25)


# ------------------------------------------------------------------------------------------ de tabel

def test_elk_effect_heeft_een_rij_en_een_regel(parameters):
    bewijs = b.laad_bewijs(parameters)
    effecten = [n for n in parameters.items if n.startswith("beleid.effect.")]
    assert len(effecten) == 9
    for naam in effecten:
        assert bewijs.rijen(naam), naam
        assert naam in bewijs.priors, naam
    zonder_studie = {n for n in effecten if all(s.soort == "geen_studie" for s in bewijs.rijen(n))}
    assert zonder_studie == {"beleid.effect.nazorg_baanbehoud", "beleid.effect.nazorg_terugkeer_onderwijs",
                             "beleid.effect.levenscoaching_zorg_uitstroom",
                             "beleid.effect.extra_bereik_doorstroompunt_wet"}
    # de studies uit ../shared/data/effectstudies.csv over effecten zijn er allemaal (cpb224_kba is een KBA)
    assert {"cpb224", "cpb2019", "cabus2015", "wilson2011", "checkconnect_wwc", "heppen2018", "goux2017",
            "kemple2008", "garantiejeunes", "kluve2019", "cardkluveweber2018", "crepon2013", "maibom2014",
            "rosholm2012", "yei2022", "nazorg_nl", "kba2021", "jinc_seor"} <= set(bewijs.studies)


def test_cpb224_in_de_tabel_is_de_coachingparameter(parameters):
    """De intensiteit van CPB DP 224 staat ook in beleid.yaml (de kosten van coaching in het model): gelijk houden."""
    i = b.laad_bewijs(parameters).studies["cpb224"].intensiteit
    p = parameters.info("beleid.coach.intensieve_coaching_per_jaar")
    assert (i["euro_per_jaar"], str(i["prijsjaar"])) == (p.waarde, p.jaar)


def test_kosten_per_jongere_zoals_het_model(parameters):
    from simulatie.kern.beleid import fte_kosten

    for caseload in ("beleid.coach.caseload_tijdens_opleiding", "beleid.coach.caseload_nazorg"):
        assert b.kosten_per_jongere(parameters, caseload, 2012) == pytest.approx(
            fte_kosten(parameters, 2012) / parameters[caseload])


@pytest.fixture
def bewijsbestand(tmp_path):
    pad = tmp_path / "bewijs.yaml"
    shutil.copy(b.BESTAND, pad)
    return pad


def _vervang(pad: Path, oud: str, nieuw: str) -> None:
    tekst = pad.read_text(encoding="utf-8")
    assert oud in tekst, oud
    pad.write_text(tekst.replace(oud, nieuw, 1), encoding="utf-8")


def test_weigert_een_effect_zonder_rij(parameters, bewijsbestand):
    tekst = bewijsbestand.read_text(encoding="utf-8")
    begin = tekst.index("  geen_studie_extra_bereik:")
    eind = tekst.index("\n\n", begin)
    bewijsbestand.write_text(tekst[:begin] + tekst[eind + 1:], encoding="utf-8")
    with pytest.raises(InvoerFout) as fout:
        b.laad_bewijs(parameters, bewijsbestand)
    melding = str(fout.value)
    for f in (str(bewijsbestand), "veld 'studies'", "Geen rij voor beleid.effect.extra_bereik_doorstroompunt_wet",
              "geen_studie"):
        assert f in melding, (f, melding)


CPB224 = "effect: {soort: aandelen, controle: 0.17, behandeld: 0.10}"
FOUTE_RIJEN = [
    # (id, oud, nieuw, veld in de melding, fragment van wat mag)
    ("aandeel_boven_1", CPB224, "effect: {soort: aandelen, controle: 1.7, behandeld: 0.10}",
     "studies.cpb224.effect.controle", "aandeel van 0 tot en met 1"),
    ("aandeel_tekst", CPB224, "effect: {soort: aandelen, controle: '17%', behandeld: 0.10}",
     "studies.cpb224.effect.controle", "zonder aanhalingstekens"),
    ("soort_getypt", CPB224, "effect: {soort: aandeel, controle: 0.17, behandeld: 0.10}",
     "studies.cpb224.effect.soort", "aandelen | procentpunt"),
    ("onbekende_parameter",
     "parameters: [beleid.effect.intensieve_coaching_vsv, beleid.effect.begeleiding_tijdens_vsv]",
     "parameters: [beleid.effect.intensieve_coaching_vsf]", "studies.cpb224.parameters", "beleid.effect.*"),
    ("zonder_bron", 'bron: "Kluve, Puerto', 'bran: "Kluve, Puerto', "studies.kluve2019.bron", "niet-lege tekst"),
    ("se_negatief", "onzekerheid: {se: 0.02}", "onzekerheid: {se: -0.02}", "studies.kluve2019.onzekerheid.se",
     "getal > 0"),
    ("interval_omgekeerd", "onzekerheid: {se: 0.02}", "onzekerheid: {interval: [0.09, 0.01]}",
     "studies.kluve2019.onzekerheid.interval", "laag < hoog"),
    ("geen_studie_zonder_reden", "      reden: >-\n        Geen studie meet het effect van begeleiding op baanverlies.",
     "      rede: >-\n        Geen studie meet het effect van begeleiding op baanverlies.",
     "studies.geen_studie_nazorg_baanbehoud.effect.reden", "niet-lege tekst"),
    ("begrensd_door_onbekend", "begrensd_door: [panteia2014, kba2021]", "begrensd_door: [panteia2015, kba2021]",
     "studies.geen_studie_extra_bereik.effect.begrensd_door", "ids van studies"),
    ("regel_onbekend", "    regel: pooling\n    studies: [cpb224]", "    regel: poolen\n    studies: [cpb224]",
     "priors.beleid.effect.intensieve_coaching_vsv.regel", "pooling | intensiteit"),
    ("studie_informeert_niet", "    regel: pooling\n    studies: [cpb224]",
     "    regel: pooling\n    studies: [kluve2019]",
     "priors.beleid.effect.intensieve_coaching_vsv.studies", "informeren 'beleid.effect.intensieve_coaching_vsv'"),
    ("p_nul_1", "p_nul: {waarde: 0.667, studies: [kluve2019], reden: \"als bij nazorg_baanvinden\"}",
     "p_nul: {waarde: 1, studies: [kluve2019], reden: \"als bij nazorg_baanvinden\"}",
     "priors.beleid.effect.nazorg_baanbehoud.p_nul.waarde", "0 <= p_nul < 1"),
    ("exponent_omgekeerd", "exponent: {laag: 0.5, hoog: 2.0,", "exponent: {laag: 2.0, hoog: 0.5,",
     "priors.beleid.effect.begeleiding_tijdens_vsv.intensiteit.exponent.hoog", "hoog >= laag"),
    ("ontleend_aan_zichzelf", "van: beleid.effect.nazorg_baanvinden", "van: beleid.effect.nazorg_baanbehoud",
     "priors.beleid.effect.nazorg_baanbehoud.van", "een andere parameter"),
    ("geen_priorregel", "  beleid.effect.extra_bereik_doorstroompunt_wet:\n    regel: aanname",
     "  beleid.effect.extra_bereik_doorstroompunt_wet_oud:\n    regel: aanname",
     "priors.beleid.effect.extra_bereik_doorstroompunt_wet_oud", "beleid.effect.*-parameter"),
]


@pytest.mark.parametrize("oud, nieuw, veld, toegestaan", [r[1:] for r in FOUTE_RIJEN], ids=[r[0] for r in FOUTE_RIJEN])
def test_weigert_een_foute_rij(parameters, bewijsbestand, oud, nieuw, veld, toegestaan):
    _vervang(bewijsbestand, oud, nieuw)
    with pytest.raises(InvoerFout) as fout:
        b.laad_bewijs(parameters, bewijsbestand)
    melding = str(fout.value)
    for f in (f"In '{bewijsbestand}'", f"veld '{veld}'", "Toegestaan:", toegestaan):
        assert f in melding, (f, melding)


def test_weigert_een_ontbrekende_priorregel(parameters, bewijsbestand):
    tekst = bewijsbestand.read_text(encoding="utf-8")
    begin = tekst.index("  beleid.effect.extra_bereik_doorstroompunt_wet:\n    regel: aanname")
    eind = tekst.index("  beleid.uitdoving.na_eerste_jaar:")
    bewijsbestand.write_text(tekst[:begin] + tekst[eind:], encoding="utf-8")
    with pytest.raises(InvoerFout, match="Geen priorregel voor beleid.effect.extra_bereik_doorstroompunt_wet"):
        b.laad_bewijs(parameters, bewijsbestand)


def test_weigert_een_tabel_die_geen_yaml_is(parameters, bewijsbestand):
    bewijsbestand.write_text("studies: [onaf", encoding="utf-8")
    with pytest.raises(InvoerFout, match="Geen geldige YAML"):
        b.laad_bewijs(parameters, bewijsbestand)


# ------------------------------------------------------------------------------------------ de priors

def _met_uitdoving(p: Parameters, naam: str = b.UITDOVING, waarde: float = 0.3) -> Parameters:
    extra = Parameter(naam, waarde, "aanname", "2026", "aandeel", "test", Verdeling("uniform", 0.0, 1.0))
    return Parameters({**p.items, naam: extra})


def test_priors_met_de_hand(parameters):
    priors = b.bewijspriors(parameters)
    # CPB DP 224 zelf: modus 0,432641 en sd 0,150014 (test_aandelen_cpb224_met_de_hand), afgekapt op [0, 1]
    v = priors["beleid.effect.intensieve_coaching_vsv"].verdeling
    assert (v.type, v.laag, v.hoog) == ("normaal", 0.0, 1.0)
    assert (v.modus, v.sd) == (pytest.approx(0.432641, abs=1e-6), pytest.approx(0.150014, abs=1e-6))
    # nazorg: Kluve g = 0,05 bij 70% werk (test_hedges_g_kluve_met_de_hand)
    v = priors["beleid.effect.nazorg_baanvinden"].verdeling
    assert (v.modus, v.sd) == (pytest.approx(0.050665, abs=1e-6), pytest.approx(0.020476, abs=1e-6))
    # sceptisch tijdens de opleiding: de wet kost 65.000 (2022) x 96,0/121,43 x 1,35 / 60 = EUR 1.156,22 per jongere
    # per jaar in prijzen van 2012, r = 1.156,22/3.000 = 0,385407, p_nul = 1 - r = 0,614593; de rest is CPB DP 224
    v = b.bewijspriors(parameters, "sceptisch")["beleid.effect.begeleiding_tijdens_vsv"].verdeling
    assert v.type == "nul_of_normaal"
    assert v.p_nul == pytest.approx(0.614593, abs=1e-6)
    assert (v.modus, v.sd) == (pytest.approx(0.432641, abs=1e-6), pytest.approx(0.150014, abs=1e-6))


def test_tabel_in_de_moduledocumentatie(parameters):
    """De tabel in de kop van bewijs.py is wat de code geeft (bij de parameters zonder uitdoving)."""
    p = Parameters({n: x for n, x in parameters.items.items() if not n.startswith("beleid.uitdoving.")})
    rijen = re.findall(r"^    (\w+)\s+(\w+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)$",
                       b.__doc__ or "", flags=re.M)
    assert len(rijen) == 13
    for naam, regel, *getallen in rijen:
        prior = b.bewijspriors(p, regel)[f"beleid.effect.{naam}"]
        assert prior.regel == regel
        s = b.samenvatting(prior.verdeling)
        gedrukt = dict(zip(("gemiddelde", "mediaan", "p5", "p95", "p_nul"), map(float, getallen)))
        for sleutel, waarde in gedrukt.items():
            assert s[sleutel] == pytest.approx(waarde, abs=0.006 if sleutel == "p_nul" else 0.0006), (naam, sleutel)


def test_regel_kiezen(parameters):
    eigen, sceptisch = b.bewijspriors(parameters), b.bewijspriors(parameters, "sceptisch")
    # sceptisch waar het het alternatief is; de rest houdt zijn eigen regel
    assert {n: x.regel for n, x in sceptisch.items() if x.regel != eigen[n].regel} == {
        "beleid.effect.begeleiding_tijdens_vsv": "sceptisch", "beleid.effect.nazorg_baanvinden": "sceptisch",
        "beleid.effect.gemeente_baanvinden": "sceptisch", "beleid.effect.levenscoaching_baanvinden": "sceptisch"}
    # aanname geeft de verdeling uit beleid.yaml terug waar het een alternatief is
    aanname = b.bewijspriors(parameters, "aanname")
    assert aanname["beleid.effect.nazorg_baanbehoud"].verdeling == parameters.info(
        "beleid.effect.nazorg_baanbehoud").verdeling
    with pytest.raises(InvoerFout, match="Onbekende regel"):
        b.bewijspriors(parameters, "optimistisch")


def test_bron_noemt_de_studies(parameters):
    prior = b.bewijspriors(parameters)["beleid.effect.begeleiding_tijdens_vsv"]
    assert "CPB Discussion Paper 224 [cpb224]" in prior.bron
    assert "[cpb2019]" in prior.bron and "regel intensiteit" in prior.bron
    assert "ontleend aan beleid.effect.nazorg_baanvinden" in b.bewijspriors(parameters)[
        "beleid.effect.nazorg_baanbehoud"].bron


def test_met_bewijspriors_vervangt_alleen_verdeling_en_bron(parameters):
    nieuw = b.met_bewijspriors(parameters, "sceptisch")
    for naam, prior in b.bewijspriors(parameters, "sceptisch").items():
        assert nieuw.info(naam).verdeling == prior.verdeling
        assert nieuw.info(naam).bron == prior.bron
        assert nieuw[naam] == parameters[naam]
    assert nieuw["beleid.coach.caseload_nazorg"] == parameters["beleid.coach.caseload_nazorg"]


def test_uitdoving_telt_mee_als_ze_bestaat(parameters):
    p = _met_uitdoving(parameters, waarde=0.3)
    priors = b.bewijspriors(p)
    assert priors[b.UITDOVING].verdeling == Verdeling("uniform", 0.0, 0.5)
    # de NEET-basis van gemeente_baanvinden is gemeten over 16 maanden: met uitdoving moet het eerste jaar meer doen
    zonder = b.bewijspriors(parameters)["beleid.effect.gemeente_baanvinden"].verdeling
    met = priors["beleid.effect.gemeente_baanvinden"].verdeling
    g = b.uit_hedges_g(0.05, 0.292, 16, "stijging")  # zonder uitdoving: de constante maandkans
    assert zonder.modus == pytest.approx(float(g[0]))
    p1 = 0.292 * float(b.relatief_risico(math.exp(float(b.ln_odds_ratio(0.05))), 0.292))
    assert met.modus == pytest.approx(float(b.eerstejaarseffect(0.292, p1, 16, "stijging", 0.3)[0]))
    assert met.modus > zonder.modus
    # horizon 12 (nazorg): de uitdoving verandert niets
    assert priors["beleid.effect.nazorg_baanvinden"].verdeling == b.bewijspriors(parameters)[
        "beleid.effect.nazorg_baanvinden"].verdeling


def test_uitdoving_met_andere_naam_is_een_fout(parameters):
    """Zodra er een uitdovingsparameter is, telt een rij voor een niet-bestaande (getypte) naam als fout."""
    with pytest.raises(InvoerFout, match="Onbekende parameter 'beleid.uitdoving.na_eerste_jaar'"):
        b.laad_bewijs(_met_uitdoving(parameters, "beleid.uitdoving.na_het_eerste_jaar"))


def test_waarden_uit_het_bewijs_zijn_het_gemiddelde_van_hun_prior():
    """Een effect waarvan beleid.yaml zegt dat de waarde het gemiddelde van de prior uit het bewijs is, heeft die
    waarde (op de twee decimalen waarmee ze in beleid.yaml staat): de studietabel en de rekenwaarde lopen niet uit
    elkaar."""
    p = laad_parameters()
    priors = b.bewijspriors(p)
    uit_bewijs = [n for n in priors if p.info(n).bron.startswith("gemiddelde van de prior uit het bewijs")]
    assert len(uit_bewijs) >= 6
    for naam in uit_bewijs:
        assert p[naam] == pytest.approx(b.samenvatting(priors[naam].verdeling)["gemiddelde"], abs=0.005), naam
