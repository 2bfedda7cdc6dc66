"""Foute invoer zoals een nieuwe gebruiker die geeft (issue 13): elke reproductie eindigt met afsluitcode 2,
een Nederlandse melding met bestand, veld en wat mag, geen traceback en niets geschreven; of met het
juiste resultaat. Per groep een tabel; waar het helpt, gegenereerde gevallen."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import draai, niets_geschreven, weigert
from simulatie import laad_scenario
from simulatie.fouten import InvoerFout
from simulatie.scenario import MAX_BASISKETEN

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
]


@pytest.mark.parametrize("tekst,veld,toegestaan", [g[1:] for g in FOUTE_WAARDEN], ids=[g[0] for g in FOUTE_WAARDEN])
def test_foute_waarde_in_scenario(tmp_path, capsys, tekst, veld, toegestaan):
    pad = tmp_path / "mijn.toml"
    pad.write_text(tekst, encoding="utf-8")
    code, out, err = draai(capsys, "run", pad, "--uit", tmp_path / "a" / "x" / "y", "--schaal", 2000, "--jaren", 1)
    weigert(code, err, str(pad), f"'{veld}'", "Toegestaan", toegestaan)
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
