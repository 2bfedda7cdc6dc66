"""De opwarmcache op schijf: gelijk aan nieuw rekenen, ook als een item beschadigd is, bij een andere sleutel
hoort of door twee processen tegelijk gebouwd wordt (vergeleken met JONGEREN_CACHE=uit)."""

from __future__ import annotations

import json
import multiprocessing
import os
import queue
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from simulatie import JongerenModel
from simulatie.kern import opwarming
from simulatie.kern.regio import Regiogegevens
from simulatie.kern.toestanden import Overgangsregels

from conftest import START

ZAAD, SCHAAL, MAANDEN = 1, 2000, 3  # een run die snel draait; zaad 0 is het item van een andere sleutel


def _vergeet() -> None:
    """Leeg het geheugen van het opwarmen: de volgende run leest van schijf (of rekent)."""
    opwarming._GEHEUGEN._uitkomsten.clear()
    opwarming._GEHEUGEN.totaal = 0.0


def _draai(zaad: int = ZAAD) -> pd.DataFrame:
    """De uitkomst van een korte run: de maandcijfers."""
    model = JongerenModel("nulalternatief", seed=zaad, schaal=SCHAAL)
    model.run_for(MAANDEN)
    return model.maandcijfers()


@pytest.fixture(scope="module")
def zonder_cache() -> pd.DataFrame:
    assert opwarming.cachemap() is None  # conftest: JONGEREN_CACHE=uit
    return _draai()


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """Een eigen cachemap; ook kleine opwarmingen gaan op schijf; het geheugen begint leeg."""
    monkeypatch.setenv("JONGEREN_CACHE", str(tmp_path))
    monkeypatch.setattr(opwarming, "MIN_RIJEN_OP_SCHIJF", 0)
    _vergeet()
    return tmp_path / "opwarming"


def _items(map_: Path) -> set[Path]:
    return set(map_.glob("*.json"))


def _bouw(map_: Path, zaad: int) -> Path:
    """Bouw het item voor dit zaad op schijf; geeft zijn pad zonder achtervoegsel."""
    voor = _items(map_)
    _vergeet()
    JongerenModel("nulalternatief", seed=zaad, schaal=SCHAAL)
    (nieuw,) = _items(map_) - voor
    return nieuw.with_suffix("")


def _geldig(map_: Path, zaad: int, monkeypatch, capfd) -> None:
    """Eén heel item voor dit zaad, met zijn volledige sleutel en een kloppende controlesom, en geen halve
    bestanden; een volgende run leest het zonder te rekenen en zonder melding."""
    (meta,) = _items(map_)
    assert sorted(p.name for p in map_.iterdir()) == [meta.name, meta.with_suffix(".npz").name]
    item = json.loads(meta.read_text(encoding="utf-8"))
    assert (item["sleutel"]["zaad"], item["sleutel"]["schaal"], item["sleutel"]["startmaand"]) == (zaad, SCHAAL, START)
    with np.load(meta.with_suffix(".npz")) as data:
        assert opwarming._controlesom(dict(data)) == item["controlesom"]

    def niet_rekenen(*args, **kwargs):
        raise AssertionError("opnieuw gerekend in plaats van van schijf gelezen")

    _vergeet()
    with monkeypatch.context() as m:
        m.setattr(opwarming, "warm_op", niet_rekenen)
        JongerenModel("nulalternatief", seed=zaad, schaal=SCHAAL)
    assert capfd.readouterr().err == ""


def test_schijfcache_geeft_precies_dezelfde_populatie(parameters, cache):
    """Groot opwarmen wordt op schijf bewaard (atomair) en daar vandaan gelezen: gelijk aan nieuw gerekend; andere
    parameters die het opwarmen leest, geven een nieuwe berekening."""
    rg = Regiogegevens.uit(parameters)
    regels = Overgangsregels.uit(parameters, rg.vsv_factor, rg.krapte)
    kwargs = dict(zaad=5, schaal=800, startmaand=START, regio_aandeel=rg.aandeel)
    vers = opwarming.warm_op(parameters, regels, **kwargs)
    eerste = opwarming.startpopulatie(parameters, regels, **kwargs)
    assert len(list(cache.glob("*.npz"))) == 1
    _vergeet()
    van_schijf = opwarming.startpopulatie(parameters, regels, **kwargs)
    for k in vers.kolommen:
        np.testing.assert_array_equal(van_schijf.kolommen[k], vers.kolommen[k], err_msg=k)
        np.testing.assert_array_equal(eerste.kolommen[k], vers.kolommen[k], err_msg=k)
    ander = parameters.vervang({"overgangen.maandkans.thuis_werk": 0.1}, bron="test")
    opwarming.startpopulatie(ander, Overgangsregels.uit(ander, rg.vsv_factor, rg.krapte), **kwargs)
    assert len(list(cache.glob("*.npz"))) == 2
    assert not list(cache.glob(".*"))  # geen halve bestanden


# ------------------------------------------------------------------------------ beschadigd of vreemd

def _kopie(item: Path, ander: Path) -> None:
    """Het item van zaad 0 onder de naam van zaad 1 (wat een gebruiker met cp kan doen)."""
    for achtervoegsel in (".json", ".npz"):
        shutil.copyfile(ander.with_suffix(achtervoegsel), item.with_suffix(achtervoegsel))


def _kopie_npz(item: Path, ander: Path) -> None:
    shutil.copyfile(ander.with_suffix(".npz"), item.with_suffix(".npz"))


def _half(item: Path, ander: Path) -> None:
    npz = item.with_suffix(".npz")
    os.truncate(npz, npz.stat().st_size // 2)


def _leeg(item: Path, ander: Path) -> None:
    item.with_suffix(".npz").write_bytes(b"")


def _byte_omgedraaid(item: Path, ander: Path) -> None:
    npz = item.with_suffix(".npz")
    inhoud = bytearray(npz.read_bytes())
    inhoud[len(inhoud) // 2] ^= 0xFF
    npz.write_bytes(bytes(inhoud))


def _json(item: Path, ander: Path, verander) -> None:
    meta = item.with_suffix(".json")
    meta.write_text(json.dumps(verander(json.loads(meta.read_text(encoding="utf-8")))), encoding="utf-8")


def _json_lijst(item: Path, ander: Path) -> None:
    _json(item, ander, lambda d: [d])


def _json_zonder_veld(item: Path, ander: Path) -> None:
    _json(item, ander, lambda d: {k: v for k, v in d.items() if k != "gelezen"})


def _json_geen_utf8(item: Path, ander: Path) -> None:
    meta = item.with_suffix(".json")
    meta.write_bytes(b"\xff\xfe" + meta.read_bytes())


@pytest.mark.parametrize("schade", [_kopie, _kopie_npz, _half, _leeg, _byte_omgedraaid, _json_lijst,
                                    _json_zonder_veld, _json_geen_utf8], ids=lambda f: f.__name__.lstrip("_"))
def test_beschadigd_of_vreemd_item_wordt_opnieuw_gebouwd(schade, cache, zonder_cache, monkeypatch, capfd):
    """Een item dat niet bij zijn sleutel hoort of beschadigd is, wordt niet gebruikt maar weggegooid en opnieuw
    gebouwd, met één regel op stderr: de run geeft precies wat hij zonder cache geeft."""
    ander = _bouw(cache, zaad=0)
    item = _bouw(cache, zaad=ZAAD)
    schade(item, ander)
    for pad in ander.with_suffix(".json"), ander.with_suffix(".npz"):
        pad.unlink()
    capfd.readouterr()
    _vergeet()
    uitkomst = _draai()
    err = capfd.readouterr().err
    pd.testing.assert_frame_equal(uitkomst, zonder_cache, check_exact=True)
    regels = err.splitlines()
    assert len(regels) == 1 and "opwarmcache-item" in err and "opnieuw berekend" in err, err
    assert str(item) in err and "Traceback" not in err
    _geldig(cache, ZAAD, monkeypatch, capfd)


# ------------------------------------------------------------------------------ twee processen tegelijk

def _bouw_tegelijk(uitkomsten) -> None:
    try:
        uitkomsten.put(_draai())
    except BaseException as fout:
        uitkomsten.put(repr(fout))


def test_twee_processen_bouwen_hetzelfde_item_tegelijk(cache, zonder_cache, monkeypatch, capfd):
    """Twee processen die tegelijk hetzelfde item bouwen, geven allebei de uitkomst zonder cache en laten één
    heel item achter."""
    ctx = multiprocessing.get_context("fork")  # erft de cachemap en MIN_RIJEN_OP_SCHIJF van de test
    samen, echt = ctx.Barrier(2), opwarming.warm_op

    def warm_op_samen(*args, **kwargs):
        uitkomst = echt(*args, **kwargs)
        samen.wait()  # beide hebben niets op schijf gevonden en gerekend; nu schrijven ze tegelijk
        return uitkomst

    monkeypatch.setattr(opwarming, "warm_op", warm_op_samen)
    uitkomsten = ctx.Queue()
    processen = [ctx.Process(target=_bouw_tegelijk, args=(uitkomsten,), daemon=True) for _ in range(2)]
    try:
        for p in processen:
            p.start()
        resultaten = []
        while len(resultaten) < len(processen):
            try:
                resultaten.append(uitkomsten.get(timeout=1))
            except queue.Empty:  # een proces dat hard stopte, geeft niets: dan niet eeuwig wachten
                assert all(p.exitcode in (None, 0) for p in processen), [p.exitcode for p in processen]
        for p in processen:
            p.join()
            assert p.exitcode == 0
    finally:
        for p in processen:
            if p.is_alive():
                p.kill()
    for r in resultaten:
        assert isinstance(r, pd.DataFrame), r
        pd.testing.assert_frame_equal(r, zonder_cache, check_exact=True)
    assert capfd.readouterr().err == ""
    _geldig(cache, ZAAD, monkeypatch, capfd)
