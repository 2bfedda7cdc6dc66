"""Scenario discovery: onder welke aannames faalt een alternatief?

Over de trekkingen van een PSA (of een Latijns hyperkubusontwerp) zoekt PRIM (Friedman & Fisher 1999) de
doos van parameterwaarden waarin een uitkomst geldt, bijvoorbeeld 'de NCW voor de maatschappij is negatief'.
Het werk doet `ema_workbench.analysis.prim` (EMA Workbench 2.5); hier alleen de keuze van de doos en de tabel.

- dekking (coverage): welk deel van alle gevallen met de uitkomst in de doos valt;
- dichtheid (density): welk deel van de gevallen in de doos de uitkomst heeft;
- massa: welk deel van alle gevallen in de doos valt.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd


def prim_doos(x: pd.DataFrame, y: np.ndarray, drempel: float = 0.8, peel_alpha: float = 0.05):
    """De PRIM-doos van `ema_workbench` voor de gevallen waar `y` waar is, op het punt van de afpeltraject met de
    hoogste dekking onder de punten met dichtheid >= `drempel` (anders het punt met de hoogste dichtheid)."""
    y = np.asarray(y, bool)
    if y.all() or not y.any():
        return None
    with warnings.catch_warnings():
        # ema_workbench meldt optionele pakketten die ontbreken en gebruikt pandas-functies die verouderen; pas hier
        # geladen: zwaar, en alleen nodig voor een PSA met genoeg trekkingen
        warnings.simplefilter("ignore")
        from ema_workbench.analysis import prim

        doos = prim.Prim(x.reset_index(drop=True), y, threshold=drempel, peel_alpha=peel_alpha).find_box()
    t = doos.peeling_trajectory
    goed = t[t.density >= drempel]
    doos.select(int(goed.coverage.idxmax() if len(goed) else t.density.idxmax()))
    return doos


def doos_tabel(doos, x: pd.DataFrame, y: np.ndarray, doel: str) -> pd.DataFrame:
    """prim_boxen.csv: per beperkte parameter de grenzen van de doos, met dekking, dichtheid en massa."""
    kolommen = ["doel", "parameter", "ondergrens", "bovengrens", "bereik_laag", "bereik_hoog", "dekking",
                "dichtheid", "massa", "gevallen_met_uitkomst"]
    if doos is None:
        return pd.DataFrame(columns=kolommen)
    grenzen = doos.box_lim  # van de gekozen doos (PrimBox.select), zoals coverage, density en mass
    rijen = []
    for p in x.columns:
        laag, hoog = float(grenzen.loc[0, p]), float(grenzen.loc[1, p])
        if laag > x[p].min() or hoog < x[p].max():  # alleen de parameters die de doos beperkt
            rijen.append({"doel": doel, "parameter": p, "ondergrens": laag, "bovengrens": hoog,
                          "bereik_laag": float(x[p].min()), "bereik_hoog": float(x[p].max()),
                          "dekking": float(doos.coverage), "dichtheid": float(doos.density), "massa": float(doos.mass),
                          "gevallen_met_uitkomst": int(np.sum(y))})
    return pd.DataFrame(rijen, columns=kolommen)


def afpeltraject(doos) -> pd.DataFrame:
    """De afweging tussen dekking en dichtheid over het afpelen (voor de standaardfiguur)."""
    return doos.peeling_trajectory[["coverage", "density", "mass", "res_dim"]].rename(
        columns={"coverage": "dekking", "density": "dichtheid", "mass": "massa", "res_dim": "beperkte_parameters"})
