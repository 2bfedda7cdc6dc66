"""Grenzen aan de invoer (issue 27): te lange namen en paden, te diep geneste of te grote bestanden, opties zonder
bovengrens en een poort die niet te binden is. Elk geval eindigt met afsluitcode 2, een Nederlandse melding met
het veld en wat mag (getallen in Nederlandse notatie), geen traceback, een reuzenwaarde ingekort, en niets
geschreven. De grenzen zelf staan in simulatie/gedeeld/grenzen.py."""

from __future__ import annotations

import errno
import os
import re
import socket
import subprocess

import pytest

from conftest import draai, niets_geschreven, weigert
from simulatie.gedeeld.grenzen import MAX_DIEPTE

LANG = "x" * 300


def ingekort(err: str) -> None:
    """Een waarde staat hoogstens met haar eerste 40 tekens in de melding."""
    assert not re.search(r"(\S)\1{40}", err), err


# ------------------------------------------------------------------------------------ te lange namen en paden

def _met_basis(tmp):
    pad = tmp / "mijn.toml"
    pad.write_text(f'naam = "x"\nbasis = "{LANG}"\n', encoding="utf-8")
    return ("run", pad)


def _met_naam(tmp):
    pad = tmp / "mijn.toml"
    pad.write_text(f'naam = "{LANG}"\n', encoding="utf-8")
    return ("run", pad)


LANGE_NAMEN = [
    # (id, opdracht zonder --uit (of met een eigen --uit), fragmenten van de melding)
    ("scenario_argument", lambda tmp: ("run", LANG), ("255 tekens per map- of bestandsnaam", "300 tekens")),
    ("nul_van_gevoeligheid", lambda tmp: ("gevoeligheid", "wet", "--nul", LANG, "--methode", "psa", "--n", 2),
     ("255 tekens per map- of bestandsnaam",)),
    ("basis", _met_basis, ("mijn.toml", "'basis'", "255 tekens per map- of bestandsnaam")),
    ("naam", _met_naam, ("mijn.toml", "'naam'", "1 tot 100 tekens")),
    ("uit_met_lange_map", lambda tmp: ("run", "nulalternatief", "--uit", tmp / LANG / "uit"),
     ("--uit", "255 tekens per map- of bestandsnaam")),
    ("uit_te_lang_pad", lambda tmp: ("run", "nulalternatief", "--uit", tmp / ("a/" * 2100)),
     ("--uit", "4.096 voor het hele pad")),
    ("kalibreer_uit", lambda tmp: ("kalibreer", "--uit", tmp / LANG), ("--uit", "255 tekens per map")),
    ("gevoeligheid_uit", lambda tmp: ("gevoeligheid", "wet", "--methode", "psa", "--n", 2, "--uit", tmp / LANG),
     ("--uit", "255 tekens per map")),
]


@pytest.mark.parametrize("opdracht,fragmenten", [g[1:] for g in LANGE_NAMEN], ids=[g[0] for g in LANGE_NAMEN])
def test_te_lange_naam_wordt_geweigerd(tmp_path, capsys, monkeypatch, opdracht, fragmenten):
    monkeypatch.chdir(tmp_path)  # een standaarduitvoermap (resultaten/...) zou hier landen
    args = opdracht(tmp_path)
    if "--uit" not in args:
        args = (*args, "--uit", tmp_path / "uit")
    code, out, err = draai(capsys, *args, "--schaal", 2000) if args[0] == "run" else draai(capsys, *args)
    weigert(code, err, *fragmenten)
    ingekort(err)
    niets_geschreven(tmp_path, {"mijn.toml"})


# ------------------------------------------------------------------------------------ te diep of te groot

def _genest(diepte: int, open_: str = "[", dicht: str = "]") -> str:
    return open_ * diepte + dicht * diepte


GROTE_SCENARIOS = [
    # (id, tekst van het scenariobestand, fragment van de melding)
    ("lijst_50000_diep", f'naam = "x"\nx = {_genest(50_000)}\n', f"hoogstens {MAX_DIEPTE} niveaus"),
    ("lijst_net_te_diep", f'naam = "x"\nx = {_genest(MAX_DIEPTE + 1)}\n', f"hoogstens {MAX_DIEPTE} niveaus"),
    ("tabel_50000_diep", 'naam = "x"\nx = ' + "{a = " * 50_000 + "1" + "}" * 50_000 + "\n",
     f"hoogstens {MAX_DIEPTE} niveaus"),
    ("groter_dan_een_megabyte", 'naam = "x"\n# ' + "a" * 1_000_000 + "\n", "hoogstens 1.000.000 bytes"),
    ("getal_van_5000_cijfers", 'naam = "x"\n[budget]\nregionaal_programma = 1' + "0" * 5000 + "\n",
     "meer dan 4.300 cijfers"),
]


@pytest.mark.parametrize("tekst,fragment", [g[1:] for g in GROTE_SCENARIOS], ids=[g[0] for g in GROTE_SCENARIOS])
def test_te_diep_of_te_groot_scenario(tmp_path, capsys, tekst, fragment):
    pad = tmp_path / "mijn.toml"
    pad.write_text(tekst, encoding="utf-8")
    code, out, err = draai(capsys, "run", pad, "--uit", tmp_path / "uit", "--schaal", 2000, "--jaren", 1)
    weigert(code, err, str(pad), "Toegestaan", fragment)
    ingekort(err)
    niets_geschreven(tmp_path, {"mijn.toml"})


def test_haakjes_in_teksten_en_commentaar_tellen_niet_mee(tmp_path):
    """De telling van de diepte slaat teksten en commentaar over: zo'n scenario laadt gewoon."""
    from simulatie import laad_scenario

    pad = tmp_path / "mijn.toml"
    haakjes = _genest(MAX_DIEPTE + 5)
    pad.write_text(f'naam = "x"  # {haakjes}\n'
                   f'beschrijving = """{haakjes}\n\\" {haakjes}"""\n'
                   f"[looptijd]\nstart = '2026-01' # '{haakjes}\n", encoding="utf-8")
    assert laad_scenario(pad).beschrijving.startswith(haakjes)


# ------------------------------------------------------------------------------------ opties zonder bovengrens

GROTE_OPTIES = [
    # (id, opdracht, optie, fragment van wat mag)
    ("ruis_trekkingen_biljoen", ("vergelijk", "nulalternatief", "wet", "--ruis-trekkingen", 10**12),
     "--ruis-trekkingen", "0 tot en met 1.000"),
    ("psa_n_2_tot_de_40e", ("gevoeligheid", "wet", "--methode", "psa", "--n", 2**40), "--n", "2 tot en met 65.536"),
    ("sobol_meer_dan_een_miljoen_gevallen", ("gevoeligheid", "wet", "--methode", "sobol", "--n", 2**16), "--n",
     "hoogstens 1.000.000 gevallen"),
    ("morris_alle_parameters", ("gevoeligheid", "wet", "--methode", "morris", "--n", 10_000, "--parameters", "*"),
     "--n", "hoogstens 1.000.000 gevallen"),
    ("kalibreer_schaal_400", ("kalibreer", "--schaal", 400, "--max-iteraties", 2), "--schaal", "1 tot en met 100"),
    ("kalibreer_iteraties_miljoen", ("kalibreer", "--max-iteraties", 10**6), "--max-iteraties",
     "1 tot en met 1.000"),
    ("vergelijk_werkers", ("vergelijk", "nulalternatief", "wet", "--werkers", 10**6), "--werkers",
     "1 tot en met 256"),
    ("gevoeligheid_werkers", ("gevoeligheid", "wet", "--methode", "psa", "--n", 2, "--werkers", 10**6), "--werkers",
     "1 tot en met 256"),
    ("kalibreer_werkers", ("kalibreer", "--werkers", 10**6), "--werkers", "1 tot en met 256"),
    ("seed_10_tot_de_400e", ("run", "nulalternatief", "--seed", 10**400), "--seed", "0 tot en met 4.294.967.295"),
    ("jaren_5000_cijfers", ("run", "nulalternatief", "--jaren", "9" * 5000), "--jaren", "1 tot en met 50"),
    ("prijsjaar_5000_cijfers", ("vergelijk", "nulalternatief", "wet", "--prijsjaar", "2" * 5000), "--prijsjaar",
     "te groot"),
    ("n_min_10_tot_de_400e", ("gevoeligheid", "wet", "--methode", "psa", "--n", -10**400), "--n", "te klein"),
]


@pytest.mark.parametrize("opdracht,optie,toegestaan", [g[1:] for g in GROTE_OPTIES], ids=[g[0] for g in GROTE_OPTIES])
def test_grote_optie_wordt_geweigerd(tmp_path, capsys, opdracht, optie, toegestaan):
    code, out, err = draai(capsys, *opdracht, "--uit", tmp_path / "uit")
    weigert(code, err, optie, toegestaan)
    ingekort(err)
    niets_geschreven(tmp_path)


def test_kalibratie_met_lege_doelgroep_zegt_welke_schaal(tmp_path):
    """Buiten de CLI-grens (de Python-functie): op schaal 2000 is een uitstroomgroep leeg; geen ValueError van
    least_squares maar een InvoerFout die --schaal noemt."""
    from simulatie.experimenten.kalibratie import kalibreer
    from simulatie.experimenten.uitvoering import InDitProces
    from simulatie.gedeeld.fouten import InvoerFout

    with pytest.raises(InvoerFout, match="fijnere schaal") as fout:
        kalibreer(schaal=2000, max_evaluaties=1, voortgang=False, uitvoerder=InDitProces())
    assert fout.value.veld == "--schaal" and "de groep is leeg" in fout.value.tekst()


# ------------------------------------------------------------------------------------ de poort van de verkenner

def _gebonden(luistert: bool):
    def maak(monkeypatch):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        if luistert:
            s.listen()
        return s, s.getsockname()[1]
    return maak


def _geen_rechten(monkeypatch):
    def weiger(self, adres):
        raise PermissionError(errno.EACCES, "Permission denied")
    monkeypatch.setattr(socket.socket, "bind", weiger)
    return None, 8765


POORTEN = [
    # (id, maak de toestand: (socket of None, poort), fragment van de melding)
    ("gebonden_niet_luisterend", _gebonden(False), "al in gebruik"),
    ("luisterend", _gebonden(True), "al in gebruik"),
    ("geen_rechten", _geen_rechten, "geen rechten"),
]


@pytest.mark.parametrize("maak,fragment", [g[1:] for g in POORTEN], ids=[g[0] for g in POORTEN])
def test_poort_die_niet_te_binden_is(capsys, monkeypatch, maak, fragment):
    def start(*args, **kwargs):
        raise AssertionError("de server zou starten op een poort die hij niet kan binden")
    monkeypatch.setattr(os, "execve", start)
    monkeypatch.setattr(subprocess, "call", start)
    bezet, poort = maak(monkeypatch)
    try:
        code, out, err = draai(capsys, "verken", "--poort", poort)
    finally:
        if bezet is not None:
            bezet.close()
    weigert(code, err, "'--poort'", f"Poort {poort} ", fragment, "een vrije poort van 1024 tot en met 65535")
    assert "draait op" not in out  # geen aankondiging van een server die er niet komt
