"""Foute invoer zoals een nieuwe gebruiker die geeft (issue 13): elke reproductie eindigt met afsluitcode 2,
een Nederlandse melding met bestand, veld en wat mag, geen traceback en niets geschreven; of met het
juiste resultaat. Per groep een tabel; waar het helpt, gegenereerde gevallen."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from conftest import draai, niets_geschreven, weigert
from simulatie import laad_scenario
from simulatie.gedeeld.fouten import InvoerFout
from simulatie.invoer.scenario import MAX_BASISKETEN

NUL = Path(__file__).resolve().parent.parent / "scenario's" / "nulalternatief.toml"


# ------------------------------------------------------------------------------------ waarden in een scenario

def _tabel(*regels: str) -> str:
    return 'naam = "x"\nbasis = "wet"\n[budget]\nverdeelsleutel = "tabel"\n[budget.tabel]\n' + "\n".join(regels) + "\n"


FOUTE_WAARDEN = [
    # (id, tekst, veld, fragment van wat mag)
    ("tabel_nan", _tabel('"1" = nan', '"2" = 1.0'), "budget.tabel.1", "geen nan of inf"),
    ("tabel_voorloopnul", _tabel('"01" = 0.5', '"2" = 0.5'), "budget.tabel", "zonder voorloopnul"),
    ("tabel_arabisch_indisch", _tabel('"\u0661" = 0.5', '"2" = 0.5'), "budget.tabel", "1 tot en met 40"),
    ("tabel_aandeel_boven_1", _tabel('"1" = 1.5', '"2" = -0.5'), "budget.tabel", "van 0 tot en met 1"),
    ("tabel_bool", _tabel('"1" = true'), "budget.tabel.1", "geen true/false"),
    ("budget_inf", 'naam = "x"\n[budget]\nregionaal_programma = inf\n', "budget.regionaal_programma",
     "<= 10.000.000.000"),
    ("budget_1e300", 'naam = "x"\n[budget]\nregionaal_programma = 1e300\n', "budget.regionaal_programma",
     "<= 10.000.000.000"),
    ("budget_twee_bijna_max", 'naam = "x"\n[budget]\nregionaal_programma = 1.7e308\nmbo_begeleiding = 1.7e308\n',
     "budget.regionaal_programma", "<= 10.000.000.000"),
    ("budget_tekst", 'naam = "x"\n[budget]\nregionaal_programma = "90000000"\n', "budget.regionaal_programma",
     "zonder aanhalingstekens"),
    ("budget_bool", 'naam = "x"\n[budget]\nnazorg_subsidie = true\n', "budget.nazorg_subsidie", "geen true/false"),
    ("coaching_inf", 'naam = "x"\n[coaching]\nkosten_per_jongere_per_jaar = inf\n',
     "coaching.kosten_per_jongere_per_jaar", "<= 100.000"),
    ("coaching_te_duur", 'naam = "x"\n[coaching]\nkosten_per_jongere_per_jaar = 250000\n',
     "coaching.kosten_per_jongere_per_jaar", "<= 100.000"),
    ("effect_nan", 'naam = "x"\neffect_schaal = nan\n', "effect_schaal", "geen nan of inf"),
    ("jaren_true", 'naam = "x"\n[looptijd]\njaren = true\n', "looptijd.jaren", "geheel getal"),
    ("jaren_nan", 'naam = "x"\n[looptijd]\njaren = nan\n', "looptijd.jaren", "geheel getal"),
    ("jaren_kommagetal", 'naam = "x"\n[looptijd]\njaren = 2.0\n', "looptijd.jaren", "geheel getal"),
    ("bool_als_1", 'naam = "x"\n[gemeente]\npreventieve_begeleiding = 1\n', "gemeente.preventieve_begeleiding",
     "true of false"),
    ("start_2027", 'naam = "x"\n[looptijd]\nstart = "2027-01"\n', "looptijd.start", "2026-01 tot en met 2026-12"),
    ("start_2005", 'naam = "x"\n[looptijd]\nstart = "2005-01"\n', "looptijd.start", "2026-01 tot en met 2026-12"),
    ("start_2100", 'naam = "x"\n[looptijd]\nstart = "2100-12"\n', "looptijd.start", "2026-01 tot en met 2026-12"),
    ("start_datum", 'naam = "x"\n[looptijd]\nstart = 2026-01-01\n', "looptijd.start", "tekst"),
    ("naam_ontsnapt", 'naam = "../../escape"\n', "naam", "zonder '..'"),
    ("naam_met_schuine_streep", 'naam = "a/b"\n', "naam", "cijfers, '_', '-' en '.'"),
    ("naam_te_lang", f'naam = "{"x" * 300}"\n', "naam", "1 tot 100 tekens"),
    ("naam_verborgen", 'naam = ".x"\n', "naam", "niet beginnend met '.'"),
    # een reuzengetal: het bereik in Nederlandse notatie, de waarde ingekort (issue 27)
    ("budget_10_tot_de_400e", 'naam = "x"\n[budget]\nregionaal_programma = 1' + "0" * 400 + "\n",
     "budget.regionaal_programma", "een getal >= 0 en <= 10.000.000.000"),
    ("budget_min_10_tot_de_400e", 'naam = "x"\n[budget]\nmbo_begeleiding = -1' + "0" * 400 + "\n",
     "budget.mbo_begeleiding", "een getal >= 0 en <= 10.000.000.000"),
    ("jaren_10_tot_de_400e", 'naam = "x"\n[looptijd]\njaren = 1' + "0" * 400 + "\n", "looptijd.jaren",
     "een getal >= 1 en <= 50"),
    ("beschrijving_lijst_van_duizend", 'naam = "x"\nbeschrijving = [' + "1, " * 1000 + "]\n", "beschrijving",
     "tekst"),
]


@pytest.mark.parametrize("tekst,veld,toegestaan", [g[1:] for g in FOUTE_WAARDEN], ids=[g[0] for g in FOUTE_WAARDEN])
def test_foute_waarde_in_scenario(tmp_path, capsys, tekst, veld, toegestaan):
    pad = tmp_path / "mijn.toml"
    pad.write_text(tekst, encoding="utf-8")
    code, out, err = draai(capsys, "run", pad, "--uit", tmp_path / "a" / "x" / "y", "--schaal", 2000, "--jaren", 1)
    weigert(code, err, str(pad), f"'{veld}'", "Toegestaan", toegestaan)
    assert not re.search(r"(\S)\1{40}", err) and len(err) < 1000, err  # een waarde hoogstens met 40 tekens
    niets_geschreven(tmp_path, {"mijn.toml"})


def test_zonder_uit_blijft_de_naam_binnen_resultaten(tmp_path, capsys, monkeypatch):
    """De standaarduitvoermap komt uit de naam: een naam met '..' wordt geweigerd vóór er iets ontstaat."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "werk").mkdir()
    pad = tmp_path / "werk" / "ontsnap.toml"
    pad.write_text('naam = "../../ontsnapt"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path / "werk")
    code, _, err = draai(capsys, "run", pad, "--schaal", 2000, "--jaren", 1)
    weigert(code, err, "'naam'")
    niets_geschreven(tmp_path, {"werk"})
    niets_geschreven(tmp_path / "werk", {"ontsnap.toml"})


def test_geldige_tabel_verdeelt_het_budget_zoals_gegeven(tmp_path):
    pad = tmp_path / "t.toml"
    pad.write_text(_tabel('"1" = 0.25', '"40" = 0.75'), encoding="utf-8")
    s = laad_scenario(pad)
    assert s.budget.tabel == {"1": 0.25, "40": 0.75}
    # een geheel getal mag waar een kommagetal hoort
    pad.write_text('naam = "x"\n[budget]\nregionaal_programma = 90000000\n', encoding="utf-8")
    assert laad_scenario(pad).budget.regionaal_programma == 90_000_000.0


def test_alle_startmaanden_van_2026_mogen(tmp_path):
    pad = tmp_path / "s.toml"
    for maand in range(1, 13):
        pad.write_text(f'naam = "x"\n[looptijd]\nstart = "2026-{maand:02d}"\n', encoding="utf-8")
        assert laad_scenario(pad).looptijd.startmaand == (2026, maand)


@pytest.mark.parametrize("diepte,goed", [(MAX_BASISKETEN, True), (MAX_BASISKETEN + 1, False), (1000, False)])
def test_lange_basisketen(tmp_path, diepte, goed):
    (tmp_path / "s0.toml").write_text('naam = "s0"\n', encoding="utf-8")
    for i in range(1, diepte + 1):
        (tmp_path / f"s{i}.toml").write_text(f'naam = "s{i}"\nbasis = "s{i - 1}"\n', encoding="utf-8")
    if goed:
        assert laad_scenario(tmp_path / f"s{diepte}.toml").naam == f"s{diepte}"
        return
    with pytest.raises(InvoerFout) as fout:
        laad_scenario(tmp_path / f"s{diepte}.toml")
    assert "'basis'" in fout.value.tekst() and f"hoogstens {MAX_BASISKETEN}" in fout.value.tekst()


def test_kring_in_basis_naast_het_bestand(tmp_path):
    """Een basis zonder .toml wordt ook naast het bestand gezocht (eerder alleen in scenario's/)."""
    (tmp_path / "a.toml").write_text('naam = "a"\nbasis = "b"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('naam = "b"\nbasis = "a.toml"\n', encoding="utf-8")
    with pytest.raises(InvoerFout) as fout:
        laad_scenario(tmp_path / "a.toml")
    assert "in een kring" in fout.value.tekst() and "a.toml -> b.toml -> a.toml" in fout.value.tekst()


# ------------------------------------------------------------------------------------ vergelijkingen

SNEL = ("--schaal", 2000, "--jaren", 1, "--werkers", 1)


def _alternatief(tmp_path: Path, looptijd: str) -> Path:
    pad = tmp_path / "x.toml"
    pad.write_text(f'naam = "x"\nbasis = "wet"\n[looptijd]\n{looptijd}\n', encoding="utf-8")
    return pad


ANDERE_LOOPTIJD = [
    # (id, looptijd van het alternatief, extra opties, veld, fragment van wat mag)
    ("start_2012", 'start = "2012-01"', ("--jaren", 1), "looptijd.start", "2026-01 tot en met 2026-12"),
    ("start_juni", 'start = "2026-06"', ("--jaren", 1), "looptijd.start", '"2026-01"'),
    ("horizon", "jaren = 5", (), "looptijd.jaren", "--jaren"),
]


@pytest.mark.parametrize("looptijd,opties,veld,toegestaan", [g[1:] for g in ANDERE_LOOPTIJD],
                         ids=[g[0] for g in ANDERE_LOOPTIJD])
def test_vergelijking_met_andere_looptijd_wordt_geweigerd(tmp_path, capsys, looptijd, opties, veld, toegestaan):
    pad = _alternatief(tmp_path, looptijd)
    code, _, err = draai(capsys, "vergelijk", "nulalternatief", pad, "--schaal", 2000, "--werkers", 1,
                         "--uit", tmp_path / "uit", *opties)
    weigert(code, err, str(pad), f"'{veld}'", toegestaan)
    niets_geschreven(tmp_path, {"x.toml"})


def test_andere_looptijd_ook_in_gevoeligheid(tmp_path, capsys):
    pad = _alternatief(tmp_path, 'start = "2026-06"')
    code, _, err = draai(capsys, "gevoeligheid", pad, "--methode", "psa", "--n", 2, "--uit", tmp_path / "uit")
    weigert(code, err, str(pad), "'looptijd.start'")
    niets_geschreven(tmp_path, {"x.toml"})


def test_andere_horizon_mag_met_jaren(tmp_path, capsys):
    pad = _alternatief(tmp_path, "jaren = 5")
    code, _, err = draai(capsys, "vergelijk", "nulalternatief", pad, *SNEL, "--zonder-break-even",
                         "--uit", tmp_path / "uit")
    assert code == 0, err


# ------------------------------------------------------------------------------------ uitvoermappen

def _bestanden(map_: Path) -> set[str]:
    return {p.name for p in map_.iterdir()}


def test_een_map_beschrijft_een_run(tmp_path, capsys):
    """vergelijk A B C, dan vergelijk A B --seed 2, dan run B --seed 3 in dezelfde map: zonder --overschrijf
    geweigerd; met --overschrijf staan alleen de bestanden van de laatste run er."""
    uit = tmp_path / "X"
    code, _, err = draai(capsys, "vergelijk", "nulalternatief", "wet", "wet_nazorg_6", *SNEL, "--zonder-break-even",
                         "--uit", uit)
    assert code == 0, err
    eerste = _bestanden(uit)
    assert "maandcijfers_wet_nazorg_6.parquet" in eerste and ".jongeren-uitvoer.json" in eerste
    tijden = {p.name: p.stat().st_mtime_ns for p in uit.iterdir()}

    code, _, err = draai(capsys, "vergelijk", "nulalternatief", "wet", *SNEL, "--zonder-break-even", "--seed", 2,
                         "--uit", uit)
    weigert(code, err, str(uit), "'--uit'", "niet leeg", "--overschrijf")
    assert {p.name: p.stat().st_mtime_ns for p in uit.iterdir()} == tijden  # onaangeroerd

    code, _, err = draai(capsys, "vergelijk", "nulalternatief", "wet", *SNEL, "--zonder-break-even", "--seed", 2,
                         "--uit", uit, "--overschrijf")
    assert code == 0, err
    tweede = _bestanden(uit)
    assert "maandcijfers_wet_nazorg_6.parquet" not in tweede and "maandcijfers_wet.parquet" in tweede

    (uit / "notities.txt").write_text("van de gebruiker", encoding="utf-8")
    code, _, err = draai(capsys, "run", "wet", "--schaal", 2000, "--jaren", 1, "--seed", 3, "--uit", uit,
                         "--overschrijf")
    assert code == 0, err
    assert "notities.txt" in err  # de gebruiker hoort dat dit bestand blijft staan
    assert _bestanden(uit) == {"maandcijfers.parquet", "herkomst.json", "toestanden.png", "toestanden.svg",
                               ".jongeren-uitvoer.json", "notities.txt"}
    eigendom = json.loads((uit / ".jongeren-uitvoer.json").read_text())
    assert eigendom["opdracht"] == "run" and "notities.txt" not in eigendom["bestanden"]
    assert json.loads((uit / "herkomst.json").read_text())["seed"] == 3
    niets_geschreven(tmp_path, {"X"})  # geen tijdelijke map of slot blijft achter


ONSCHRIJFBAAR = [
    ("sys", lambda tmp: Path("/sys/jongeren_test_onschrijfbaar/uit"), "niet toegestaan"),
    ("pad_door_bestand", lambda tmp: tmp / "bestand.txt" / "uit", "een deel van het pad is een bestand"),
    ("uit_is_bestand", lambda tmp: tmp / "bestand.txt", "bestaand bestand"),
]


@pytest.mark.parametrize("maak,reden", [g[1:] for g in ONSCHRIJFBAAR], ids=[g[0] for g in ONSCHRIJFBAAR])
def test_onschrijfbare_uitvoermap_voor_het_rekenen(tmp_path, capsys, maak, reden):
    (tmp_path / "bestand.txt").write_text("x", encoding="utf-8")
    uit = maak(tmp_path)
    if str(uit).startswith("/sys") and not Path("/sys").is_dir():
        pytest.skip("geen /sys")
    code, out, err = draai(capsys, "vergelijk", "nulalternatief", "wet", *SNEL, "--uit", uit)
    weigert(code, err, str(uit), "'--uit'", reden)
    assert "Populatie" not in out and "Vergelijking met" not in out  # niets gerekend
    niets_geschreven(tmp_path, {"bestand.txt"})


@pytest.mark.skipif(os.geteuid() == 0, reason="root mag overal schrijven")
def test_alleen_lezen_map(tmp_path, capsys):
    uit = tmp_path / "alleen_lezen"
    uit.mkdir()
    uit.chmod(0o500)
    try:
        code, out, err = draai(capsys, "run", "nulalternatief", "--schaal", 2000, "--jaren", 1, "--uit", uit / "x")
        weigert(code, err, "'--uit'", "geen schrijfrechten")
    finally:
        uit.chmod(0o700)


def test_lege_uitvoermap_wordt_geweigerd(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = draai(capsys, "run", "nulalternatief", "--schaal", 2000, "--jaren", 1, "--uit", "")
    assert code == 2 and "--uit" in err and "lege naam" in err and "Traceback" not in err
    niets_geschreven(tmp_path)


def test_tweede_run_in_dezelfde_map_tegelijk_wordt_geweigerd(tmp_path, capsys):
    from simulatie.gedeeld.uitvoer import slot

    uit = tmp_path / "a" / "uit"
    with slot(uit):  # een andere run schrijft
        code, out, err = draai(capsys, "run", "nulalternatief", "--schaal", 2000, "--jaren", 1, "--uit", uit)
        weigert(code, err, str(uit), "andere run")
        assert "Populatie" not in out
    niets_geschreven(tmp_path / "a")  # het slot is weer weg
    code, _, err = draai(capsys, "run", "nulalternatief", "--schaal", 2000, "--jaren", 1, "--uit", uit)
    assert code == 0, err


@pytest.mark.parametrize("adres,fragment", [("onzin", "geen adres"), ("tcp://127.0.0.1:1", "geen antwoord")])
def test_fout_dask_adres_laat_niets_achter(tmp_path, capsys, adres, fragment):
    pytest.importorskip("dask.distributed")
    uit = tmp_path / "a" / "uit"
    code, _, err = draai(capsys, "gevoeligheid", "wet", "--methode", "psa", "--n", 2, "--dask", adres, "--uit", uit)
    weigert(code, err, "'--dask'", fragment, "tcp://HOST:POORT")
    niets_geschreven(tmp_path)


# ------------------------------------------------------------------------------------ grenzen

GRENZEN = [
    ("jaren_miljard", ("run", "nulalternatief", "--jaren", 1_000_000_000), "--jaren", "1 tot en met 50"),
    ("schaal_tien_miljoen", ("run", "nulalternatief", "--schaal", 10_000_000), "--schaal", "1 tot en met 2.000"),
    ("schaal_10_tot_de_21e", ("run", "nulalternatief", "--schaal", 10**21), "--schaal", "1 tot en met 2.000"),
    ("seed_2_tot_de_70e", ("gevoeligheid", "wet", "--methode", "psa", "--n", 2, "--seed", 2**70), "--seed",
     "0 tot en met 4.294.967.295"),
    ("gevoeligheid_jaren", ("gevoeligheid", "wet", "--methode", "psa", "--n", 2, "--jaren", 51), "--jaren",
     "1 tot en met 50"),
    ("vergelijk_schaal", ("vergelijk", "nulalternatief", "wet", "--schaal", 2001), "--schaal", "1 tot en met 2.000"),
]


@pytest.mark.parametrize("opdracht,optie,toegestaan", [g[1:] for g in GRENZEN], ids=[g[0] for g in GRENZEN])
def test_grenzen_van_de_opties(tmp_path, capsys, opdracht, optie, toegestaan):
    code, _, err = draai(capsys, *opdracht, "--uit", tmp_path / "uit")
    assert code == 2 and optie in err and toegestaan in err and "Traceback" not in err, err
    niets_geschreven(tmp_path)


def test_hoogste_seed_werkt(tmp_path, capsys):
    code, _, err = draai(capsys, "run", "nulalternatief", "--schaal", 2000, "--jaren", 1, "--seed", 2**32 - 1,
                         "--uit", tmp_path / "uit")
    assert code == 0, err
    assert json.loads((tmp_path / "uit" / "herkomst.json").read_text())["seed"] == 2**32 - 1
