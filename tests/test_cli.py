"""De opdrachtregel: een goede run schrijft zijn bestanden, foute invoer geeft code 2 en schrijft niets."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import draai as _draai

NUL = Path(__file__).resolve().parent.parent / "scenario's" / "nulalternatief.toml"


def test_run_schrijft_maandcijfers_herkomst_en_figuur(tmp_path, capsys):
    code, out, err = _draai(capsys, "run", NUL, "--jaren", 1, "--schaal", 500, "--seed", 4, "--uit", tmp_path / "r")
    assert code == 0, err
    map_ = tmp_path / "r"
    assert {p.name for p in map_.iterdir()} == {"maandcijfers.parquet", "herkomst.json", "toestanden.png",
                                                 "toestanden.svg", ".jongeren-uitvoer.json"}
    df = pd.read_parquet(map_ / "maandcijfers.parquet")
    assert {"datum", "indicator", "toestand", "schooltype", "regio", "waarde"} <= set(df.columns)
    assert df.datum.nunique() == 12
    herkomst = json.loads((map_ / "herkomst.json").read_text())
    assert herkomst["seed"] == 4 and herkomst["schaal"] == 500 and herkomst["scenario"]["naam"] == "nulalternatief"
    assert "versie" in herkomst and "looptijd_seconden" in herkomst
    assert herkomst["parameters"]["overgangen.vsv_risico.multiproblematiek"] == 4.0
    assert "nieuwe vsv'ers" in out


def test_vergelijk_schrijft_mkba_groepen_kasritme_en_regiokaart(tmp_path, capsys):
    code, out, err = _draai(capsys, "vergelijk", "nulalternatief", "wet", "--jaren", 1, "--schaal", 1000,
                            "--zonder-break-even", "--werkers", 1, "--ruis-trekkingen", 3, "--uit", tmp_path / "v")
    assert code == 0, err
    namen = {p.name for p in (tmp_path / "v").iterdir()}
    assert {"effecten.csv", "regio.csv", "groepen.csv", "kasritme.csv", "mkba.md", "mkba.csv",
            "regio_ncw_wet.png", "herkomst.json", "ruis.csv"} <= namen
    ruis = pd.read_csv(tmp_path / "v" / "ruis.csv")
    assert (ruis.laag <= ruis.waarde).all() and (ruis.waarde <= ruis.hoog).all() and (ruis.trekkingen == 3).all()
    assert (ruis[ruis.uitkomst.str.startswith("ncw")].sd_populatieruis > 0).all()
    assert "± ruis" in out
    regio = pd.read_csv(tmp_path / "v" / "regio.csv")
    assert {"ncw_maatschappij", "ncw_gemeenten", "ncw_uwv"} <= set(regio.columns)
    md = (tmp_path / "v" / "mkba.md").read_text()
    assert "NCW binnen de horizon" in md and "NCW uitloop" in md and "NCW levensloop na 27" in md
    assert "## Kasritme" in md
    assert "Waarde van een startkwalificatie" in md
    assert "95%-interval totaal" in md and "populatieruis" in md


def test_een_ruistrekking_is_geen_interval(tmp_path, capsys):
    code, _, err = _draai(capsys, "vergelijk", "nulalternatief", "wet", "--ruis-trekkingen", 1,
                          "--uit", tmp_path / "v")
    assert code == 2 and "--ruis-trekkingen" in err and "2 of meer" in err and "Traceback" not in err
    assert not (tmp_path / "v").exists()


def _schrijf(tmp_path: Path, tekst: str) -> Path:
    pad = tmp_path / "scenario.toml"
    pad.write_text(tekst, encoding="utf-8")
    return pad


FOUTE_SCENARIOS = [
    ("naam = \"x\"\nonbekend_veld = 3\n", "onbekend_veld", "beschrijving"),
    ("naam = \"x\"\n[looptijd]\njaren = -2\n", "looptijd.jaren", ">= 1"),
    ("naam = \"x\"\n[looptijd]\nstart = \"2026-13\"\n", "looptijd.start", "JJJJ-MM"),
    ("naam = \"x\"\n[budget]\nregionaal_programma = -5\n", "budget.regionaal_programma", ">= 0"),
    ("naam = \"x\"\n[budget]\nverdeelsleutel = \"loting\"\n", "budget.verdeelsleutel", "per_jongere"),
    ("naam = \"x\"\n[budget]\nverdeelsleutel = \"tabel\"\ntabel = {\"41\" = 1.0}\n", "budget.tabel", "1 tot en met 40"),
    ("naam = \"x\"\n[nazorg]\ntijdens_opleiding = [\"havo\"]\n", "nazorg.tijdens_opleiding", "vmbo"),
    ("naam = \"x\"\nbasis = \"bestaat_niet\"\n", "basis", "nulalternatief"),
    ("naam = [dit is geen toml\n", None, "TOML"),
]


@pytest.mark.parametrize("tekst,veld,toegestaan", FOUTE_SCENARIOS)
def test_fout_scenario_geeft_code_2_en_schrijft_niets(tmp_path, capsys, tekst, veld, toegestaan):
    pad = _schrijf(tmp_path, tekst)
    uit = tmp_path / "uit"
    code, out, err = _draai(capsys, "run", pad, "--uit", uit, "--schaal", 1000)
    assert code == 2
    assert str(pad) in err
    if veld:
        assert f"'{veld}'" in err
    assert toegestaan in err
    assert "Traceback" not in err
    assert not uit.exists()
    assert list(tmp_path.iterdir()) == [pad]


@pytest.mark.parametrize("optie,waarde", [("--jaren", "-1"), ("--jaren", "twee"), ("--schaal", "0"),
                                          ("--seed", "-3")])
def test_foute_opties_geven_code_2(tmp_path, capsys, optie, waarde):
    code, out, err = _draai(capsys, "run", NUL, optie, waarde, "--uit", tmp_path / "uit")
    assert code == 2
    assert optie in err and "Fout" in err
    assert not (tmp_path / "uit").exists()


def test_ontbrekend_bestand_zonder_traceback(tmp_path):
    uit = tmp_path / "uit"
    r = subprocess.run([sys.executable, "-m", "simulatie.voorkant.cli", "run", str(tmp_path / "weg.toml"),
                        "--uit", str(uit)],
                       capture_output=True, text=True)
    assert r.returncode == 2
    assert "niet gevonden" in r.stderr and "weg.toml" in r.stderr and "nulalternatief" in r.stderr
    assert "Traceback" not in r.stderr
    assert not uit.exists()


def test_kringverwijzing_in_basis(tmp_path, capsys):
    (tmp_path / "a.toml").write_text('naam = "a"\nbasis = "b"\n')
    (tmp_path / "b.toml").write_text('naam = "b"\nbasis = "a.toml"\n')
    code, out, err = _draai(capsys, "run", tmp_path / "a.toml", "--uit", tmp_path / "uit")
    assert code == 2 and "in een kring" in err and "'basis'" in err
