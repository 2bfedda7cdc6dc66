"""De opslag van een experiment (issue 13): hervatten controleert wat hij hervat, elk gevalbestand wordt bij
het lezen gecontroleerd, elk geval wordt geschreven zodra het klaar is, en na Ctrl-C zegt de melding wat er
werkelijk bewaard is."""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import draai, weigert
from simulatie import InvoerFout, laad_scenario
from simulatie.experimenten.experiment import Experiment, Ishigami, Vergelijkingsevaluator
from simulatie.experimenten.woordenschat import Onzekerheden
from simulatie.invoer.parameters import Verdeling

ISHIGAMI = Onzekerheden(("x1", "x2", "x3"), tuple(Verdeling("uniform", -np.pi, np.pi) for _ in range(3)))


def _ontwerp(n: int = 8) -> pd.DataFrame:
    from scipy.stats import qmc

    return ISHIGAMI.naar_waarden(qmc.LatinHypercube(d=3, seed=1).random(n))


@pytest.fixture
def opslag(tmp_path) -> Experiment:
    e = Experiment(tmp_path / "e", _ontwerp(), Ishigami())
    e.draai(werkers=1, voortgang=False)
    return e


def _opnieuw_lezen(e: Experiment) -> Experiment:
    """Een nieuw Experiment op dezelfde map: zoals dezelfde opdracht die later weer draait."""
    return Experiment(e.map, e.ontwerp, e.evaluator, e.herkomst)


BESCHADIGD = [
    # (id, wat er met de opslag gebeurt, fragment van de melding, bestand in de melding)
    ("leeg", lambda o: (o / "geval-000003.parquet").write_bytes(b""), "leeg of beschadigd", "geval-000003"),
    ("afgekapt", lambda o: (o / "geval-000003.parquet").write_bytes((o / "geval-000003.parquet").read_bytes()[:40]),
     "leeg of beschadigd", "geval-000003"),
    ("gekopieerd", lambda o: shutil.copy(o / "geval-000004.parquet", o / "geval-000003.parquet"),
     "bevat geval 4 in plaats van 3", "geval-000003"),
    ("vreemde_naam", lambda o: shutil.copy(o / "geval-000004.parquet", o / "geval-000004 (kopie).parquet"),
     "hoort niet in de opslag", "geval-000004 (kopie)"),
    ("buiten_ontwerp", lambda o: shutil.copy(o / "geval-000004.parquet", o / "geval-000099.parquet"),
     "hoort niet in de opslag", "geval-000099"),
]


@pytest.mark.parametrize("beschadig,melding,bestand", [g[1:] for g in BESCHADIGD], ids=[g[0] for g in BESCHADIGD])
def test_beschadigd_gevalbestand_wordt_geweigerd(opslag, beschadig, melding, bestand):
    beschadig(opslag.opslag)
    with pytest.raises(InvoerFout) as fout:
        _opnieuw_lezen(opslag).draai(werkers=1, voortgang=False)
    tekst = fout.value.tekst()
    assert melding in tekst and bestand in tekst and "--opnieuw" in tekst, tekst


def test_veranderde_uitkomst_valt_op_door_het_controlegetal(opslag):
    pad = opslag.opslag / "geval-000002.parquet"
    df = pd.read_parquet(pad)
    df["u:y"] += 1.0
    df.to_parquet(pad, index=False)
    with pytest.raises(InvoerFout, match="controlegetal"):
        _opnieuw_lezen(opslag).resultaten()


def test_gevalbestand_uit_een_andere_opslag(opslag, tmp_path):
    ander = Experiment(tmp_path / "ander", _ontwerp(), Ishigami(a=5.0))
    ander.draai(werkers=1, voortgang=False)
    shutil.copy(ander.opslag / "geval-000003.parquet", opslag.opslag / "geval-000003.parquet")
    with pytest.raises(InvoerFout, match="andere opslag"):
        _opnieuw_lezen(opslag).draai(werkers=1, voortgang=False)


def test_weggehaald_bestand_wordt_alleen_opnieuw_gerekend(opslag):
    voor = opslag.resultaten()
    (opslag.opslag / "geval-000003.parquet").unlink()
    na = _opnieuw_lezen(opslag).draai(werkers=1, voortgang=False)
    pd.testing.assert_frame_equal(voor.drop(columns="seconden"), na.drop(columns="seconden"))


def test_hervatten_met_ander_scenario_wordt_geweigerd(tmp_path):
    """De vingerafdruk zegt wat er anders is; er wordt niets gerekend of geschreven."""
    nul, wet = laad_scenario("nulalternatief").als_dict(), laad_scenario("wet").als_dict()
    ontwerp = pd.DataFrame({"prijzen.mkba.discontovoet": [0.02, 0.03]})
    Experiment(tmp_path / "e", ontwerp, Vergelijkingsevaluator(nul, wet, schaal=2000, jaren=1)).voorbereiden()
    tijden = {p: p.stat().st_mtime_ns for p in (tmp_path / "e").rglob("*")}
    anders = {**wet, "budget": {**wet["budget"], "regionaal_programma": 1.0}}
    for evaluator, verschil in ((Vergelijkingsevaluator(nul, anders, schaal=2000, jaren=1), "het alternatief"),
                                (Vergelijkingsevaluator(nul, wet, schaal=1000, jaren=1), "seed, schaal of jaren"),
                                (Vergelijkingsevaluator(nul, wet, schaal=2000, jaren=1,
                                                        vast={"beleid.effect.nazorg_baanvinden": 0.25}),
                                 "de parameterwaarden")):
        with pytest.raises(InvoerFout) as fout:
            Experiment(tmp_path / "e", ontwerp, evaluator).draai(werkers=1, voortgang=False)
        assert verschil in fout.value.tekst() and "--opnieuw" in fout.value.tekst(), fout.value.tekst()
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "e").rglob("*")} == tijden


@dataclass(frozen=True)
class Meldend:
    """Rekent gevallen in één groep; bij elk volgend geval kijkt hij of het vorige al als bestand bestaat."""

    opslag: str

    def __call__(self, waarden):
        return next(self.groep([waarden]))

    def groep(self, gevallen):
        vorige = None
        for waarden in gevallen:
            bestond = 1.0
            if vorige is not None:
                pad = Path(self.opslag) / f"geval-{vorige:06d}.parquet"
                einde = time.time() + 120  # ruim: wachten op het bestand, geen eis aan de snelheid
                while not pad.exists() and time.time() < einde:
                    time.sleep(0.02)
                bestond = float(pad.exists())
            vorige = int(waarden["i"])
            yield {"vorige_bestond": bestond}

    def groepssleutels(self, ontwerp):
        return [()] * len(ontwerp)  # alles in één taak


@pytest.mark.parametrize("werkers", [1, 2])
def test_elk_geval_wordt_geschreven_zodra_het_klaar_is(tmp_path, werkers):
    ontwerp = pd.DataFrame({"i": np.arange(4, dtype=float)})
    e = Experiment(tmp_path / "e", ontwerp, Meldend(str(tmp_path / "e" / "gevallen")))
    assert e.taken(list(range(4))) == [[0, 1, 2, 3]]
    res = e.draai(werkers=werkers, voortgang=False)
    assert res["u:vorige_bestond"].tolist() == [1.0] * 4, "een geval stond pas als bestand klaar na het volgende"


# ------------------------------------------------------------------------------------ via de opdrachtregel

GEVOELIGHEID = ("--methode", "psa", "--n", 2, "--schaal", 2000, "--jaren", 1, "--parameters",
                "prijzen.mkba.discontovoet", "--werkers", 1)


def test_gevoeligheid_hervat_niet_met_een_ander_scenario(tmp_path, capsys):
    scenario = tmp_path / "mijn.toml"
    scenario.write_text('naam = "mijn"\nbasis = "wet"\n', encoding="utf-8")
    uit = tmp_path / "uit"
    code, _, err = draai(capsys, "gevoeligheid", scenario, *GEVOELIGHEID, "--uit", uit)
    assert code == 0, err
    psa = pd.read_csv(uit / "psa.csv")
    assert not [k for k in psa.columns if k.startswith("groep:")]  # de groepen staan apart:
    assert set(pd.read_csv(uit / "groepen_psa.csv").indeling) == {"schooltype", "migratie", "multiproblematiek",
                                                                  "regio"}

    # hetzelfde nog eens: hervat (niets te doen), zelfde uitkomst
    code, _, err = draai(capsys, "gevoeligheid", scenario, *GEVOELIGHEID, "--uit", uit)
    assert code == 0, err
    pd.testing.assert_frame_equal(pd.read_csv(uit / "psa.csv"), psa)

    # een ander regionaal programma: geweigerd, de opslag onaangeroerd
    scenario.write_text('naam = "mijn"\nbasis = "wet"\n[budget]\nregionaal_programma = 1000000\n', encoding="utf-8")
    tijden = {p: p.stat().st_mtime_ns for p in uit.rglob("*")}
    code, _, err = draai(capsys, "gevoeligheid", scenario, *GEVOELIGHEID, "--uit", uit)
    weigert(code, err, str(uit), "'--uit'", "het alternatief", "--opnieuw")
    assert {p: p.stat().st_mtime_ns for p in uit.rglob("*")} == tijden

    # een gekopieerd gevalbestand: geweigerd met het bestand erbij
    scenario.write_text('naam = "mijn"\nbasis = "wet"\n', encoding="utf-8")
    gevallen = uit / "psa" / "gevallen"
    shutil.copy(gevallen / "geval-000001.parquet", gevallen / "geval-000000.parquet")
    code, _, err = draai(capsys, "gevoeligheid", scenario, *GEVOELIGHEID, "--uit", uit)
    weigert(code, err, str(gevallen / "geval-000000.parquet"), "in plaats van 0")

    # weghalen: alleen dat geval opnieuw, zelfde uitkomst
    (gevallen / "geval-000000.parquet").unlink()
    code, _, err = draai(capsys, "gevoeligheid", scenario, *GEVOELIGHEID, "--uit", uit)
    assert code == 0, err
    pd.testing.assert_frame_equal(pd.read_csv(uit / "psa.csv"), psa)

    # met --opnieuw mag het andere scenario
    scenario.write_text('naam = "mijn"\nbasis = "wet"\n[budget]\nregionaal_programma = 1000000\n', encoding="utf-8")
    code, _, err = draai(capsys, "gevoeligheid", scenario, *GEVOELIGHEID, "--uit", uit, "--opnieuw")
    assert code == 0, err
    assert not pd.read_csv(uit / "psa.csv").equals(psa)


def test_gevoeligheid_weigert_een_map_van_iets_anders(tmp_path, capsys):
    uit = tmp_path / "uit"
    uit.mkdir()
    (uit / "rapport.docx").write_text("van de gebruiker", encoding="utf-8")
    code, _, err = draai(capsys, "gevoeligheid", "wet", *GEVOELIGHEID, "--uit", uit)
    weigert(code, err, str(uit), "niet van een gevoeligheidsanalyse")
    code, _, err = draai(capsys, "gevoeligheid", "wet", *GEVOELIGHEID, "--uit", uit, "--opnieuw")
    weigert(code, err, str(uit), "niet van een gevoeligheidsanalyse")
    assert [p.name for p in uit.iterdir()] == ["rapport.docx"]


def test_ctrl_c_zegt_hoeveel_gevallen_bewaard_zijn(tmp_path, capsys, monkeypatch):
    origineel = Experiment._schrijf
    geschreven = []

    def schrijf_en_onderbreek(self, *args):
        origineel(self, *args)
        geschreven.append(1)
        if len(geschreven) == 3:
            raise KeyboardInterrupt

    monkeypatch.setattr(Experiment, "_schrijf", schrijf_en_onderbreek)
    uit = tmp_path / "uit"
    code, _, err = draai(capsys, "gevoeligheid", "wet", *GEVOELIGHEID, "--uit", uit)
    assert code == 130
    assert "3 afgeronde gevallen staan opgeslagen" in err and "Dezelfde opdracht hervat" in err, err
    assert "niets" not in err
    assert len(list(uit.glob("*/gevallen/geval-*.parquet"))) == 3

    monkeypatch.setattr(Experiment, "_schrijf", origineel)
    code, _, err = draai(capsys, "gevoeligheid", "wet", *GEVOELIGHEID, "--uit", uit)
    assert code == 0, err


def test_ctrl_c_voor_het_eerste_geval_laat_niets_achter(tmp_path, capsys, monkeypatch):
    def onderbreek(self, *args):
        raise KeyboardInterrupt

    monkeypatch.setattr(Experiment, "_schrijf", onderbreek)
    code, _, err = draai(capsys, "gevoeligheid", "wet", *GEVOELIGHEID, "--uit", tmp_path / "a" / "uit")
    assert code == 130 and "niets" in err
    assert list(tmp_path.iterdir()) == []
