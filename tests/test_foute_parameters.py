"""Foute parameterbestanden en een fout kalibratiebestand (issue 13): afsluitcode 2, een Nederlandse melding
met bestand, parameter en wat mag, geen traceback en niets geschreven. Elk geval bewerkt een kopie van de
meegeleverde bestanden zoals een gebruiker dat zou doen."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import draai, niets_geschreven, weigert

PAKKET = Path(__file__).resolve().parent.parent


@pytest.fixture
def parametermap(tmp_path, monkeypatch):
    """Een kopie van de parameterbestanden en het kalibratiebestand waar de test in mag schrijven."""
    import simulatie.invoer.parameters as parameters

    map_ = tmp_path / "pakket" / "simulatie" / "invoer" / "parameters"
    shutil.copytree(PAKKET / "simulatie" / "invoer" / "parameters", map_,
                    ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    (tmp_path / "pakket" / "kalibratie").mkdir()
    shutil.copy(PAKKET / "kalibratie" / "gekalibreerd.yaml", tmp_path / "pakket" / "kalibratie")
    monkeypatch.setattr(parameters, "MAP", map_)
    return tmp_path / "pakket"


def _vervang(pad: Path, oud: str, nieuw: str) -> None:
    tekst = pad.read_text(encoding="utf-8")
    assert oud in tekst, oud
    pad.write_text(tekst.replace(oud, nieuw, 1), encoding="utf-8")


P = "simulatie/invoer/parameters/"
# negen niveaus van negen verwijzingen: 9^9 = 387 miljoen getallen zodra iets de waarde uitschrijft
ANKERBOM = "".join(f"  _a{i}: &a{i} [" + ", ".join([f"*a{i - 1}" if i else "1"] * 9) + "]\n" for i in range(9))
FOUTE_PARAMETERS = [
    # (id, bestand, oud, nieuw, veld in de melding, fragment van wat mag)
    ("minimumloon_negatief", P + "prijzen.yaml", "wml_21_plus_per_maand: {waarde: 2294.40",
     "wml_21_plus_per_maand: {waarde: -2294.40", "prijzen.loon.wml_21_plus_per_maand.waarde", "een bedrag >= 0"),
    ("nan", P + "prijzen.yaml", "vakantiegeld: {waarde: 0.08", "vakantiegeld: {waarde: .nan",
     "prijzen.loon.vakantiegeld.waarde", "geen .nan of .inf"),
    ("inf", P + "populatie.yaml", "mbo_1: {waarde: 16100", "mbo_1: {waarde: .inf",
     "populatie.ingeschreven.mbo_1.waarde", "geen .nan of .inf"),
    ("dubbele_sleutel", P + "prijzen.yaml", "  vakantiegeld: {waarde: 0.08,",
     "  vakantiegeld: {waarde: 0.5, eenheid: aandeel, bron: x, jaar: '2026'}\n  vakantiegeld: {waarde: 0.08,",
     "vakantiegeld' staat twee keer", "elke sleutel één keer"),
    ("aandeel_7_5", P + "prijzen.yaml", "vakantiegeld: {waarde: 0.08", "vakantiegeld: {waarde: 7.5",
     "prijzen.loon.vakantiegeld.waarde", "van 0 tot en met 1"),
    ("normaal_negatieve_sd", P + "beleid.yaml", "verdeling: {type: uniform, laag: 1.2, hoog: 1.5}",
     "verdeling: {type: normaal, laag: 1.2, hoog: 1.5, sd: -0.1}",
     "beleid.coach.opslag_werkgeverslasten_overhead.verdeling.sd", "sd > 0"),
    ("bool_als_getal", P + "prijzen.yaml", "vakantiegeld: {waarde: 0.08", "vakantiegeld: {waarde: true",
     "prijzen.loon.vakantiegeld.waarde", "geen true/false"),
    ("tekst_als_getal", P + "prijzen.yaml", "vakantiegeld: {waarde: 0.08", "vakantiegeld: {waarde: '0.08'",
     "prijzen.loon.vakantiegeld.waarde", "zonder aanhalingstekens"),
    ("aanname_lege_toelichting", P + "beleid.yaml", 'toelichting: "werkgeverslasten (ca. 20-25%) plus overhead en '
     'werkplek; gebruikelijke opslag in begrotingen van het sociaal domein"', 'toelichting: "  "',
     "beleid.coach.opslag_werkgeverslasten_overhead", "niet-lege tekst"),
    ("aanname_met_spatie", P + "beleid.yaml", 'opslag_werkgeverslasten_overhead: {waarde: 1.35, eenheid: factor, '
     'bron: "aanname", jaar: "2026", toelichting: "werkgeverslasten (ca. 20-25%) plus overhead en werkplek; '
     'gebruikelijke opslag in begrotingen van het sociaal domein", ',
     'opslag_werkgeverslasten_overhead: {waarde: 1.35, eenheid: factor, bron: " aanname", jaar: "2026", ',
     "beleid.coach.opslag_werkgeverslasten_overhead", "niet-lege tekst"),
    ("discontovoet_min_1", P + "prijzen.yaml", "discontovoet: {waarde: 0.0225,", "discontovoet: {waarde: -1,",
     "prijzen.mkba.discontovoet.waarde", "> -1"),
    ("prijsindex_0", P + "prijzen.yaml", "j2012: {waarde: 96.0", "j2012: {waarde: 0",
     "prijzen.prijsindex.j2012.waarde", "een index > 0"),
    ("caseload_0", P + "beleid.yaml", "caseload_gemeente: {waarde: 32", "caseload_gemeente: {waarde: 0",
     "beleid.coach.caseload_gemeente.waarde", "een caseload > 0"),
    ("kalibratie_geen_yaml", "kalibratie/gekalibreerd.yaml", "waarden:", "waarden: [onaf",
     None, "YAML"),
    ("kalibratie_waarden_getypt", "kalibratie/gekalibreerd.yaml", "waarden:", "waardes:", "waarden",
     "waarden: {parameternaam: getal}"),
    # de gefitte waarde verandert bij elke kalibratie: de nieuwe waarde komt ervoor, de oude wordt commentaar
    ("kalibratie_nan", "kalibratie/gekalibreerd.yaml", "overgangen.bestemming_na_uitstroom.werk_vso:",
     "overgangen.bestemming_na_uitstroom.werk_vso: .nan #", "waarden.overgangen.bestemming_na_uitstroom.werk_vso",
     "geen .nan of .inf"),
    ("kalibratie_aandeel_2", "kalibratie/gekalibreerd.yaml", "overgangen.bestemming_na_uitstroom.werk_vso:",
     "overgangen.bestemming_na_uitstroom.werk_vso: 2 #", "overgangen.bestemming_na_uitstroom.werk_vso",
     "van 0 tot en met 1"),
    ("kalibratie_onbekende_naam", "kalibratie/gekalibreerd.yaml", "overgangen.bestemming_na_uitstroom.werk_vso:",
     "overgangen.bestemming_na_uitstroom.werk_vso_oud:", "waarden", "namen uit simulatie/invoer/parameters"),
    # grenzen (issue 27): reuzengetallen, verwijzingen, diepte en grootte, vóór het rekenen geweigerd
    ("waarde_10_tot_de_400e", P + "prijzen.yaml", "vakantiegeld: {waarde: 0.08", "vakantiegeld: {waarde: 1" + "0" * 400,
     "prijzen.loon.vakantiegeld.waarde", "een aandeel of kans van 0 tot en met 1"),
    ("waarde_min_10_tot_de_400e", P + "prijzen.yaml", "wml_21_plus_per_maand: {waarde: 2294.40",
     "wml_21_plus_per_maand: {waarde: -1" + "0" * 400, "prijzen.loon.wml_21_plus_per_maand.waarde",
     "een bedrag >= 0"),
    ("waarde_5000_cijfers", P + "prijzen.yaml", "vakantiegeld: {waarde: 0.08", "vakantiegeld: {waarde: 1" + "0" * 5000,
     None, "meer dan 4.300 cijfers"),
    ("ankerbom", P + "prijzen.yaml", "  vakantiegeld: {waarde: 0.08", ANKERBOM + "  vakantiegeld: {waarde: *a8", None,
     "zonder ankers en verwijzingen"),
    ("lijst_50000_diep", P + "prijzen.yaml", "vakantiegeld: {waarde: 0.08",
     "vakantiegeld: {waarde: " + "[" * 50_000 + "]" * 50_000, None, "hoogstens 32 niveaus"),
    ("groter_dan_een_megabyte", P + "prijzen.yaml", "  vakantiegeld: {waarde: 0.08",
     "  # " + "a" * 1_000_000 + "\n  vakantiegeld: {waarde: 0.08", None, "hoogstens 1.000.000 bytes"),
    ("kalibratie_10_tot_de_400e", "kalibratie/gekalibreerd.yaml", "overgangen.bestemming_na_uitstroom.werk_vso:",
     "overgangen.bestemming_na_uitstroom.werk_vso: 1" + "0" * 400 + " #",
     "waarden.overgangen.bestemming_na_uitstroom.werk_vso", "van 0 tot en met 1"),
    ("kalibratie_ankerbom", "kalibratie/gekalibreerd.yaml", "waarden:", "_a: &a [1, 1]\nwaarden:\n  x: *a\n",
     None, "zonder ankers en verwijzingen"),
]


@pytest.mark.parametrize("bestand,oud,nieuw,veld,toegestaan", [g[1:] for g in FOUTE_PARAMETERS],
                         ids=[g[0] for g in FOUTE_PARAMETERS])
def test_foute_parameter(tmp_path, capsys, parametermap, bestand, oud, nieuw, veld, toegestaan):
    _vervang(parametermap / bestand, oud, nieuw)
    code, out, err = draai(capsys, "run", "nulalternatief", "--uit", tmp_path / "a" / "x", "--schaal", 2000,
                           "--jaren", 1)
    weigert(code, err, str(parametermap / bestand), "Toegestaan", toegestaan)
    if veld:
        assert veld in err
    assert not re.search(r"(\S)\1{40}", err) and len(err) < 1000, err[:1000]  # een waarde hoogstens met 40 tekens
    niets_geschreven(tmp_path, {"pakket"})


def test_hernoemde_parameter_geeft_een_nederlandse_fout(tmp_path, capsys, parametermap):
    """De code vraagt een parameter die niet meer bestaat: geen KeyError-traceback maar code 2."""
    _vervang(parametermap / P / "beleid.yaml", "  caseload_nazorg:", "  caseload_na_uitstroom:")
    code, out, err = draai(capsys, "run", "wet", "--uit", tmp_path / "a" / "x", "--schaal", 2000, "--jaren", 1)
    weigert(code, err, str(parametermap / P / "beleid.yaml"), "'beleid.coach.caseload_nazorg'", "hernoemd")
    niets_geschreven(tmp_path, {"pakket"})


@pytest.mark.parametrize("soort", ["ontbreekt", "map", "geen_utf8", "lijst"])
def test_kalibratiebestand_onleesbaar(tmp_path, capsys, parametermap, soort):
    pad = parametermap / "kalibratie" / "gekalibreerd.yaml"
    pad.unlink()
    if soort == "map":
        pad.mkdir()
    elif soort == "geen_utf8":
        pad.write_bytes(b"waarden: {\xff\xfe}\n")
    elif soort == "lijst":
        pad.write_text("- 1\n- 2\n", encoding="utf-8")
    code, out, err = draai(capsys, "run", "nulalternatief", "--uit", tmp_path / "uit", "--schaal", 2000, "--jaren", 1)
    weigert(code, err, str(pad))
    niets_geschreven(tmp_path, {"pakket"})


def test_onbekende_parameter_is_ook_een_keyerror(parameters):
    from simulatie.invoer.parameters import OnbekendeParameter

    with pytest.raises(KeyError):
        parameters["beleid.bestaat_niet"]
    with pytest.raises(OnbekendeParameter, match="beleid.bestaat_niet"):
        parameters.info("beleid.bestaat_niet")
    assert "beleid.bestaat_niet" not in parameters
    assert {"a": 1}.get("b") is None  # gewone mappings onveranderd


def test_meegeleverde_parameters_voldoen_aan_de_regels(parameters):
    from simulatie.invoer.parameters import laad_parameters

    ongekalibreerd = laad_parameters(gekalibreerd=False)
    assert len(parameters.items) == len(ongekalibreerd.items) > 300
    assert parameters.herkomst[-1] == "gekalibreerd.yaml"
