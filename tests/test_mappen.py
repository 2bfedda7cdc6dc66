"""Mappen, records en processen (issue 27): een opdracht haalt alleen weg wat in haar eigen eigendomsbestand
staat, leest het voortgangsbestand van de kalibratie zonder traceback, neemt het slot van haar map vóór het
rekenen, ruimt op na SIGTERM en na kill -9 van een vorige run, laat geen werkers achter, en behandelt elke vorm
van `--uit` op dezelfde manier."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from conftest import draai, weigert
from simulatie.gedeeld.uitvoer import EIGENAAR, slot

WORTEL = Path(__file__).resolve().parent.parent
RUN = ("run", "wet", "--schaal", 2000, "--jaren", 1)
VERGELIJK = ("vergelijk", "nulalternatief", "wet", "--schaal", 2000, "--jaren", 1, "--zonder-break-even",
             "--ruis-trekkingen", 0, "--werkers", 1)
GEVOELIGHEID = ("gevoeligheid", "wet", "--methode", "psa", "--n", 2, "--schaal", 2000, "--jaren", 1, "--parameters",
                "prijzen.mkba.discontovoet", "--werkers", 1)
MORRIS = ("gevoeligheid", "wet", "--methode", "morris", "--n", 2, "--schaal", 2000, "--jaren", 1, "--parameters",
          "prijzen.mkba.discontovoet", "--werkers", 1)
KALIBREER = ("kalibreer", "--schaal", 100, "--max-iteraties", 1, "--werkers", 1, "--zonder-volle-schaal")
OPDRACHTEN = {"run": RUN, "vergelijk": VERGELIJK, "gevoeligheid": GEVOELIGHEID, "kalibreer": KALIBREER}


@pytest.fixture
def kalibratie_rekent_niet(monkeypatch):
    """Een kalibratie duurt minuten: deze tests gaan over wat vóór het rekenen gebeurt. Rekent ze toch, dan faalt
    de test meteen."""
    from simulatie.experimenten import kalibratie

    def rekent(**_):
        raise AssertionError("de kalibratie begon te rekenen")

    monkeypatch.setattr(kalibratie, "kalibreer", rekent)


def _toestand(map_: Path) -> dict[str, tuple[int, int, bytes | None]]:
    """Elk pad onder `map_` met inode, wijzigingstijd en (voor bestanden) inhoud: onaangeroerd is gelijk."""
    return {str(p.relative_to(map_)): (p.lstat().st_ino, p.lstat().st_mtime_ns,
                                       p.read_bytes() if p.is_file() and not p.is_symlink() else None)
            for p in sorted(map_.rglob("*"))}


def _record(map_: Path) -> dict:
    return json.loads((map_ / EIGENAAR).read_text(encoding="utf-8"))


# ------------------------------------------------------------------------------------ 1. alleen het eigen record

def _eigen_map_in_onderdeel(capsys, g: Path) -> Path:
    """Een Morris-analyse gebruikt 'tornado' niet; een map van de gebruiker met die naam is niet van haar."""
    code, _, err = draai(capsys, *MORRIS, "--uit", g)
    assert code == 0, err
    (g / "tornado").mkdir()
    (g / "tornado" / "notities.txt").write_text("van de gebruiker", encoding="utf-8")
    return g / "tornado"


def _eigen_map_na_hervatten(capsys, g: Path) -> Path:
    """Een map die de gebruiker na de analyse in haar map zette; dezelfde opdracht hervat (niets te doen)."""
    code, _, err = draai(capsys, *MORRIS, "--uit", g)
    assert code == 0, err
    (g / "mijnrun").mkdir()
    (g / "mijnrun" / "maandcijfers.parquet").write_bytes(b"van een andere run")
    code, _, err = draai(capsys, *MORRIS, "--uit", g)
    assert code == 0, err
    assert "mijnrun" not in _record(g)["bestanden"]
    return g / "mijnrun"


@pytest.mark.parametrize("maak", [_eigen_map_in_onderdeel, _eigen_map_na_hervatten], ids=["onderdeelnaam", "hervat"])
def test_gevoeligheid_opnieuw_haalt_alleen_het_eigen_record_weg(tmp_path, capsys, maak):
    g = tmp_path / "g"
    vreemd = maak(capsys, g)
    voor = _toestand(vreemd)
    code, _, err = draai(capsys, *MORRIS, "--uit", g, "--opnieuw")
    assert code == 0, err
    assert vreemd.is_dir() and _toestand(vreemd) == voor
    assert vreemd.name not in _record(g)["bestanden"] and "morris.csv" in _record(g)["bestanden"]


VREEMDE_UITVOER = [
    # (id, de opdracht die de map vulde, de opdracht die er daarna in schrijft)
    ("kalibreer_over_vergelijk", VERGELIJK, KALIBREER),
    ("run_overschrijf_over_gevoeligheid", GEVOELIGHEID, (*RUN, "--overschrijf")),
    ("vergelijk_overschrijf_over_gevoeligheid", GEVOELIGHEID, (*VERGELIJK, "--overschrijf")),
]


@pytest.mark.parametrize("eerst,daarna", [g[1:] for g in VREEMDE_UITVOER], ids=[g[0] for g in VREEMDE_UITVOER])
def test_uitvoer_van_een_andere_opdracht_blijft_staan(tmp_path, capsys, kalibratie_rekent_niet, eerst, daarna):
    uit = tmp_path / "uit"
    code, _, err = draai(capsys, *eerst, "--uit", uit)
    assert code == 0, err
    voor = _toestand(uit)
    code, out, err = draai(capsys, *daarna, "--uit", uit)
    weigert(code, err, str(uit), "'--uit'", f"uitvoer van '{eerst[0]}'")
    assert _toestand(uit) == voor  # niets weg, geen voortgangsbestand, het record onaangeroerd
    assert sorted(p.name for p in tmp_path.iterdir()) == ["uit"]  # geen slot of tijdelijke map


def test_geweigerde_hervatting_laat_het_record_staan(tmp_path, capsys):
    g = tmp_path / "g"
    code, _, err = draai(capsys, *MORRIS, "--uit", g)
    assert code == 0, err
    (g / "morris" / "gevallen" / "geval-000000.parquet").write_bytes(b"")  # beschadigd: geweigerd
    voor = _toestand(g)
    code, _, err = draai(capsys, *MORRIS, "--uit", g)
    weigert(code, err, "geval-000000.parquet", "leeg of beschadigd")
    assert _toestand(g) == voor


# ------------------------------------------------------------------------------------ 2. het voortgangsbestand

@pytest.fixture(scope="module")
def kalibratie_basis():
    from simulatie.experimenten.kalibratie import Kalibratie, lees_doelen
    from simulatie.invoer.parameters import laad_parameters

    basis, doelen = laad_parameters(gekalibreerd=False), lees_doelen()
    kop = json.dumps({"instellingen": Kalibratie(basis, doelen, seed=0, schaal=2000)._instellingen()})
    waarde = {f"{d}/{g}": 0.5 for d, g in zip(doelen.doel, doelen.groep)}
    goed = json.dumps({"sleutel": ["kalibratie", 0, 2000], "gelezen": {"overgangen.factor.baanverlies_schaal": 0.7},
                       "waarde": waarde, "punt": 1})
    return basis, doelen, kop, goed, waarde


def _zonder(waarde: dict, sleutel: str) -> dict:
    return {k: v for k, v in waarde.items() if k != sleutel}


SLECHTE_REGELS = [
    # (id, regel als bytes of als functie van de geldige uitkomst)
    ("geen_utf8", b"\xff\xfe{\"sleutel\": 1}"),
    ("geen_json", b"dit is geen json"),
    ("lijst", b"[1, 2]"),
    ("tekst", b'"tekst"'),
    ("object_zonder_velden", b'{"x": 1}'),
    ("sleutel_geen_lijst", b'{"sleutel": 5, "gelezen": {}, "waarde": {}}'),
    ("sleutel_met_object", b'{"sleutel": [{"a": 1}], "gelezen": {}, "waarde": {}}'),
    ("gelezen_tekst", b'{"sleutel": ["kalibratie", 0, 2000], "gelezen": "a", "waarde": {}}'),
    ("waarde_mist_een_doel", lambda w: json.dumps({"sleutel": ["kalibratie", 0, 2000], "gelezen": {},
                                                   "waarde": _zonder(w, next(iter(w)))}).encode()),
    ("waarde_tekst", lambda w: json.dumps({"sleutel": ["kalibratie", 0, 2000], "gelezen": {},
                                           "waarde": {k: "x" for k in w}}).encode()),
]


@pytest.mark.parametrize("regel", [g[1] for g in SLECHTE_REGELS], ids=[g[0] for g in SLECHTE_REGELS])
def test_slechte_regel_in_voortgangsbestand_telt_niet(tmp_path, capsys, kalibratie_basis, regel):
    """Gekozen: het voortgangsbestand is een geheugen van berekeningen. Een regel die geen uitkomst is, telt niet
    (met één melding) en dat punt wordt zo nodig opnieuw gerekend; lezen verandert het bestand niet."""
    from simulatie.experimenten.kalibratie import Kalibratie

    basis, doelen, kop, goed, waarde = kalibratie_basis
    regel = regel(waarde) if callable(regel) else regel
    pad = tmp_path / ".voortgang.jsonl"
    pad.write_bytes(kop.encode() + b"\n" + regel + b"\n" + goed.encode() + b"\n")
    inhoud = pad.read_bytes()
    k = Kalibratie(basis, doelen, seed=0, schaal=2000, voortgangsbestand=pad)
    assert len(k.runs) == 1  # de geldige regel telt
    err = capsys.readouterr().err
    assert "1 regel(s)" in err and str(pad) in err and "Traceback" not in err, err
    assert pad.read_bytes() == inhoud


ONLEESBARE_KOP = [
    # (id, inhoud van het voortgangsbestand, fragment van de melding)
    ("kop_geen_utf8", lambda kop: b"\xff\xfe\n", "onleesbaar"),
    ("kop_geen_object", lambda kop: b"[1]\n", "onleesbaar"),
    ("andere_instellingen_afgekapt", lambda kop: kop.replace('"seed": 0', '"seed": 7').encode() + b'\n{"sleutel": ["k',
     "andere instellingen"),
]


@pytest.mark.parametrize("inhoud,melding", [g[1:] for g in ONLEESBARE_KOP], ids=[g[0] for g in ONLEESBARE_KOP])
def test_onbruikbare_kop_wordt_geweigerd_en_het_bestand_blijft_gelijk(tmp_path, kalibratie_basis, inhoud, melding):
    from simulatie.experimenten.kalibratie import Kalibratie
    from simulatie.gedeeld.fouten import InvoerFout

    basis, doelen, kop, _, _ = kalibratie_basis
    pad = tmp_path / ".voortgang.jsonl"
    pad.write_bytes(inhoud(kop))
    voor = pad.read_bytes()
    with pytest.raises(InvoerFout) as fout:
        Kalibratie(basis, doelen, seed=0, schaal=2000, voortgangsbestand=pad)
    assert melding in fout.value.tekst() and str(pad) in fout.value.tekst() and "--opnieuw" in fout.value.tekst()
    assert pad.read_bytes() == voor


@pytest.mark.parametrize("opnieuw", [(), ("--opnieuw",)], ids=["hervat", "opnieuw"])
def test_map_op_de_plaats_van_het_voortgangsbestand(tmp_path, capsys, kalibratie_rekent_niet, opnieuw):
    uit = tmp_path / "kal"
    (uit / ".voortgang.jsonl").mkdir(parents=True)
    (uit / ".voortgang.jsonl" / "iets.txt").write_text("van de gebruiker", encoding="utf-8")
    voor = _toestand(tmp_path)
    code, _, err = draai(capsys, *KALIBREER, "--uit", uit, *opnieuw)
    weigert(code, err, str(uit / ".voortgang.jsonl"), "map")
    assert _toestand(tmp_path) == voor


def test_opnieuw_haalt_het_voortgangsbestand_pas_weg_na_de_controles(tmp_path, capsys, kalibratie_basis,
                                                                     monkeypatch):
    from simulatie.experimenten import kalibratie

    _, _, kop, goed, _ = kalibratie_basis
    uit = tmp_path / "kal"
    uit.mkdir()
    pad = uit / ".voortgang.jsonl"
    pad.write_text(kop + "\n" + goed + "\n", encoding="utf-8")
    with slot(uit):  # geweigerd: het bestand blijft
        code, _, err = draai(capsys, *KALIBREER, "--uit", uit, "--opnieuw")
        weigert(code, err, "andere run")
    assert pad.read_text(encoding="utf-8") == kop + "\n" + goed + "\n"
    bestond = []

    def rekent(**opties):
        bestond.append(opties["voortgangsbestand"].exists())
        raise KeyboardInterrupt

    monkeypatch.setattr(kalibratie, "kalibreer", rekent)
    code, _, err = draai(capsys, *KALIBREER, "--uit", uit, "--opnieuw")
    assert code == 130 and bestond == [False] and "Traceback" not in err, err


def test_geweigerde_kalibratie_laat_het_voortgangsbestand_staan(tmp_path, capsys, kalibratie_basis):
    """Andere instellingen en een afgekapt einde: geweigerd via de opdrachtregel, het bestand byte voor byte gelijk
    (vroeger kwam er eerst een regeleinde bij)."""
    _, _, kop, _, _ = kalibratie_basis
    uit = tmp_path / "kal"
    uit.mkdir()
    pad = uit / ".voortgang.jsonl"
    pad.write_bytes(kop.replace('"seed": 0', '"seed": 7').encode() + b'\n{"sleutel": ["kal')
    voor = _toestand(uit)
    code, _, err = draai(capsys, *KALIBREER, "--uit", uit)
    weigert(code, err, str(pad), "andere instellingen", "--opnieuw")
    assert _toestand(uit) == voor


# ------------------------------------------------------------------------------------ 3. het slot vóór het rekenen

@pytest.mark.parametrize("opdracht", OPDRACHTEN)
def test_slot_voor_het_rekenen(tmp_path, capsys, kalibratie_rekent_niet, opdracht):
    uit = tmp_path / "a" / "uit"
    uit.mkdir(parents=True)
    (uit / ".voortgang.jsonl").write_text('{"instellingen": {}}\n', encoding="utf-8")  # van de andere kalibratie
    with slot(uit):  # een andere opdracht schrijft naar deze map
        voor = _toestand(tmp_path)
        code, out, err = draai(capsys, *OPDRACHTEN[opdracht], "--uit", uit)
        weigert(code, err, str(uit), "andere run")
        assert "Populatie" not in out and "Vergelijking met" not in out and "Kalibratie op" not in out
        assert _toestand(tmp_path) == voor


# ------------------------------------------------------------------------------------ 6. --uit in elke vorm

def _bestand(tmp: Path) -> Path:
    (tmp / "bestand.txt").write_text("van de gebruiker", encoding="utf-8")
    return tmp / "bestand.txt"


def _koppeling_naar_niets(tmp: Path) -> Path:
    (tmp / "koppeling").symlink_to(tmp / "bestaat_niet")
    return tmp / "koppeling"


def _koppeling_in_het_pad(tmp: Path) -> Path:
    (tmp / "koppeling").symlink_to(tmp / "bestaat_niet")
    return tmp / "koppeling" / "uit"


def _binnen_een_andere_run(tmp: Path) -> Path:
    (tmp / "run").mkdir()
    (tmp / "run" / EIGENAAR).write_text(json.dumps({"opdracht": "run", "bestanden": []}), encoding="utf-8")
    return tmp / "run" / "sub" / "uit"


UIT_GEWEIGERD = [
    # (id, maak --uit, fragment van de melding)
    ("bestand", _bestand, "bestaand bestand"),
    ("koppeling_naar_niets", _koppeling_naar_niets, "koppeling naar iets dat niet bestaat"),
    ("koppeling_naar_niets_in_het_pad", _koppeling_in_het_pad, "koppeling naar iets dat niet bestaat"),
    ("binnen_een_andere_run", _binnen_een_andere_run, "in de map van een andere uitvoer (run in"),
]


@pytest.mark.parametrize("opdracht", OPDRACHTEN)
@pytest.mark.parametrize("maak,melding", [g[1:] for g in UIT_GEWEIGERD], ids=[g[0] for g in UIT_GEWEIGERD])
def test_uit_wordt_door_elke_opdracht_gelijk_geweigerd(tmp_path, capsys, kalibratie_rekent_niet, maak, melding,
                                                       opdracht):
    uit = maak(tmp_path)
    voor = _toestand(tmp_path)
    code, out, err = draai(capsys, *OPDRACHTEN[opdracht], "--uit", uit)
    weigert(code, err, str(uit), "'--uit'", melding)
    assert _toestand(tmp_path) == voor


@pytest.mark.parametrize("opdracht", OPDRACHTEN)
def test_koppeling_naar_een_map_wordt_gevolgd(tmp_path, capsys, kalibratie_rekent_niet, opdracht):
    """Het slot ligt bij de echte map: een opdracht via de koppeling ziet een run die de echte map gebruikt."""
    echt = tmp_path / "echt"
    echt.mkdir()
    (tmp_path / "koppeling").symlink_to(echt)
    with slot(echt):
        code, _, err = draai(capsys, *OPDRACHTEN[opdracht], "--uit", tmp_path / "koppeling")
        weigert(code, err, "andere run")


def test_run_via_een_koppeling_schrijft_in_de_echte_map(tmp_path, capsys):
    echt = tmp_path / "echt"
    echt.mkdir()
    (tmp_path / "koppeling").symlink_to(echt)
    code, _, err = draai(capsys, *RUN, "--uit", tmp_path / "koppeling")
    assert code == 0, err
    assert (echt / "maandcijfers.parquet").exists() and _record(echt)["opdracht"] == "run"
    assert (tmp_path / "koppeling").is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["echt", "koppeling"]


# ------------------------------------------------------------------------------------ 4 en 5. signalen en werkers

TRAAG = {
    # lang genoeg om halverwege te onderbreken, met twee werkers
    "vergelijk": ("vergelijk", "nulalternatief", "wet", "--schaal", 200, "--jaren", 2, "--zonder-break-even",
                  "--ruis-trekkingen", 4, "--werkers", 2),
    "gevoeligheid": ("gevoeligheid", "wet", "--methode", "psa", "--n", 8, "--schaal", 400, "--jaren", 2,
                     "--werkers", 2),
}


def _processen_met(merk: str) -> list:
    """Alle levende processen met dit merk in hun omgeving: de opdracht en alles wat zij startte, ook wezen."""
    psutil = pytest.importorskip("psutil")
    gevonden = []
    for p in psutil.process_iter():
        try:
            if p.environ().get("JONGEREN_TEST_MERK") == merk and p.status() != psutil.STATUS_ZOMBIE:
                gevonden.append(p)
        except psutil.Error:
            pass
    return gevonden


def _werkers(merk: str) -> list:
    return [p for p in _processen_met(merk) if "spawn_main" in " ".join(p.cmdline())]


def _start(opdracht: tuple, uit: Path, merk: str) -> subprocess.Popen:
    omgeving = {**os.environ, "JONGEREN_TEST_MERK": merk, "JONGEREN_CACHE": "uit",
                "PYTHONPATH": os.pathsep.join([str(WORTEL), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen([sys.executable, "-m", "simulatie.voorkant.cli", *map(str, opdracht), "--uit", str(uit)],
                            env=omgeving, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True,  # een eigen procesgroep: Ctrl-C gaat naar de hele groep
                            preexec_fn=_ctrl_c_aan)


def _ctrl_c_aan() -> None:
    """Een opdracht die als achtergrondtaak van een shell start (zoals pytest in een CI-script met `&`), erft een
    genegeerde SIGINT; Python installeert dan geen KeyboardInterrupt en Ctrl-C doet niets. De opdracht in de toets
    krijgt de SIGINT die een gebruiker in een terminal heeft."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wacht(voorwaarde, seconden: float) -> bool:
    """Peil tot de voorwaarde geldt of de (ruime) grens verstreken is: een grens op wachten, geen snelheidstoets."""
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if voorwaarde():
            return True
        time.sleep(0.2)
    return voorwaarde()


SIGNALEN = [
    # (id, opdracht, signaal, naar de hele procesgroep (Ctrl-C in een terminal))
    ("vergelijk_sigterm", "vergelijk", signal.SIGTERM, False),
    ("vergelijk_ctrl_c", "vergelijk", signal.SIGINT, True),
    ("vergelijk_kill_9", "vergelijk", signal.SIGKILL, False),
    ("gevoeligheid_sigterm", "gevoeligheid", signal.SIGTERM, False),
    ("gevoeligheid_ctrl_c_voor_het_eerste_geval", "gevoeligheid", signal.SIGINT, True),
    ("gevoeligheid_kill_9", "gevoeligheid", signal.SIGKILL, False),
]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="telt processen via psutil op Linux")
@pytest.mark.parametrize("opdracht,signaal,groep", [g[1:] for g in SIGNALEN], ids=[g[0] for g in SIGNALEN])
def test_onderbreking_laat_geen_werkers_en_geen_halve_map_achter(tmp_path, capsys, opdracht, signaal, groep):
    merk = uuid.uuid4().hex
    uit = tmp_path / "uit"
    proces = _start(TRAAG[opdracht], uit, merk)
    try:
        assert _wacht(lambda: len(_werkers(merk)) >= 2 or proces.poll() is not None, 300), "geen werkers gestart"
        assert proces.poll() is None, proces.communicate()[1]
        (os.killpg if groep else os.kill)(proces.pid, signaal)
        _, err = proces.communicate(timeout=300)
        # alle kinderen weg (de grens is ruim: een wachtgrens, geen snelheidstoets)
        assert _wacht(lambda: not _processen_met(merk), 60), [p.cmdline() for p in _processen_met(merk)]
    finally:
        for p in _processen_met(merk):  # een mislukte test laat niets draaien
            p.kill()
        if proces.poll() is None:
            proces.kill()
    if signaal == signal.SIGKILL:
        assert proces.returncode == -signal.SIGKILL
    else:
        assert proces.returncode == (130 if signaal == signal.SIGINT else 143), err
        assert "Onderbroken" in err and "Traceback" not in err and "leaked" not in err, err
        assert not list(tmp_path.glob(".uit.bezig-*"))  # de tijdelijke map is weg
        if opdracht == "vergelijk":
            assert not uit.exists()  # de map zoals hij was: er was er geen
    if signaal == signal.SIGKILL and opdracht == "vergelijk":
        # de volgende run in die map ruimt de tijdelijke map van de gedode run op
        assert list(tmp_path.glob(".uit.bezig-*"))
        code, _, err = draai(capsys, *RUN, "--uit", uit)
        assert code == 0, err
        assert sorted(p.name for p in tmp_path.iterdir()) == ["uit"]
