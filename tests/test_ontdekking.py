"""Scenario discovery: PRIM vindt een bekende doos terug."""

from __future__ import annotations

import numpy as np
import pandas as pd

from simulatie.experimenten.ontdekking import afpeltraject, doos_tabel, prim_doos


def test_prim_vindt_de_doos_waarin_de_uitkomst_geldt():
    """Uitkomst waar a > 0,6 en b < 0,3 (c doet er niet toe), met 5% ruis: de doos beperkt a en b, niet c, en
    ligt dicht bij de ware grenzen (marge: een paar afpelstappen van 5%)."""
    rng = np.random.default_rng(4)
    x = pd.DataFrame(rng.uniform(0, 1, (3000, 3)), columns=["a", "b", "c"])
    y = ((x.a > 0.6) & (x.b < 0.3)).to_numpy() ^ (rng.random(len(x)) < 0.05)
    doos = prim_doos(x, y, drempel=0.9)
    t = doos_tabel(doos, x, y, "ncw_negatief").set_index("parameter")
    assert set(t.index) == {"a", "b"}
    assert abs(t.loc["a", "ondergrens"] - 0.6) < 0.05 and abs(t.loc["b", "bovengrens"] - 0.3) < 0.05
    assert (t.dichtheid >= 0.9).all() and (t.dekking > 0.7).all()
    binnen = (x.a >= t.loc["a", "ondergrens"]) & (x.b <= t.loc["b", "bovengrens"])
    assert t.dichtheid.iloc[0] == np.mean(y[binnen])  # dichtheid is het aandeel met de uitkomst in de doos
    assert {"dekking", "dichtheid", "massa", "beperkte_parameters"} <= set(afpeltraject(doos).columns)


def test_geen_doos_als_de_uitkomst_altijd_of_nooit_geldt():
    x = pd.DataFrame({"a": np.linspace(0, 1, 50)})
    assert prim_doos(x, np.zeros(50, bool)) is None
    assert doos_tabel(None, x, np.zeros(50, bool), "ncw_negatief").empty
