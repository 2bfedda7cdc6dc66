"""Experimenten: veel gevallen (scenario, parameterwaarden, seed) draaien op een uitvoerder.

Een geval is een rij van een ontwerp (een matrix van parameterwaarden). Een evaluator rekent een geval
uit tot een dict met uitkomsten. De uitvoerder is standaard een pool van lokale processen (alle kernen),
of een Dask-cluster (`dask="lokaal"` of het adres van een scheduler). Elk afgerond geval wordt meteen
als eigen Parquet-bestand in de opslag geschreven (eerst onder een tijdelijke naam, dan hernoemd): een
onderbroken experiment hervat waar het stopte, zonder een geval te verliezen of dubbel te rekenen.

In de taal van de EMA Workbench: de parameters met een verdeling zijn de onzekerheden, het scenario
is de hefboom, de uitkomsten zijn de outcomes.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Mapping

import numpy as np
import pandas as pd

from simulatie.fouten import InvoerFout

ONTWERP = "ontwerp.parquet"
OPSLAG = "gevallen"
MANIFEST = "experiment.json"


# ------------------------------------------------------------------------------------ evaluatoren

@dataclass(frozen=True)
class Vergelijkingsevaluator:
    """Een geval = het alternatief tegen het nulalternatief met deze parameterwaarden (zelfde seed)."""

    nul: dict
    alternatief: dict
    seed: int = 0
    schaal: int = 50
    jaren: int = 10
    vast: Mapping[str, float] = field(default_factory=dict)

    def __call__(self, waarden: Mapping[str, float]) -> dict[str, float]:
        from simulatie.parameters import laad_parameters
        from simulatie.scenario import valideer
        from simulatie.vergelijking import vergelijk

        waarden = dict(waarden)
        nul, alt = dict(self.nul), dict(self.alternatief)
        budget = waarden.pop("scenario.budget_factor", None)  # hefboom als onzekerheid: de budgetcurve
        if budget is not None:
            alt["budget"] = {**alt["budget"], "regionaal_programma": alt["budget"]["regionaal_programma"] * budget}
        p = laad_parameters().vervang({**self.vast, **waarden}, bron="experiment")
        v = vergelijk(valideer(nul), valideer(alt), jaren=self.jaren, seed=self.seed, schaal=self.schaal,
                      parameters=p, voortgang=False, werkers=1)
        return uitkomsten(v)


def uitkomsten(v) -> dict[str, float]:
    """De uitkomsten die ertoe doen, voor het (eerste) alternatief tegen het nulalternatief."""
    from simulatie.mkba import MAATSCHAPPIJ, PARTIJEN

    r = v.mkba()
    alt = v.alternatieven[0].naam
    t = r.tabel[(r.tabel.scenario == alt) & (r.tabel.post == "totaal")].set_index("partij").contante_waarde
    k = r.kengetallen.set_index("scenario").loc[alt]
    e = v.effecten()
    tot = e[(e.scenario == alt) & (e.jaar == "totaal")].set_index("indicator")
    uit = {"ncw_maatschappij": float(t[MAATSCHAPPIJ])}
    uit.update({f"ncw_{p}": float(t[p]) for p in PARTIJEN})
    uit.update({
        "voorkomen_vsv": float(k.voorkomen_vsv),
        "extra_duurzaam_werk": float(k.extra_duurzaam_werk_laatste_jaar),
        "bediend": float(tot.waarde.get("bediend", 0.0)),
        "wachtend": float(tot.waarde.get("wachtend", 0.0)),
        "baten_kosten_verhouding": float(k.baten_kosten_verhouding),
    })
    return uit


# ------------------------------------------------------------------------------------ uitvoerders

def _uitvoerder(dask: str | None, werkers: int | None):
    """(submit, afsluiten): een functie die f(x) indient en een future geeft, en een opruimfunctie."""
    if dask:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:  # pragma: no cover - dask staat in de afhankelijkheden
            raise InvoerFout("Dask is niet geïnstalleerd.", veld="--dask", toegestaan="pip install 'dask[distributed]'")
        if dask == "lokaal":
            cluster = LocalCluster(n_workers=werkers or os.cpu_count() or 1, threads_per_worker=1,
                                   processes=True, dashboard_address=None)
            client = Client(cluster)
            afsluiten = lambda: (client.close(), cluster.close())  # noqa: E731
        else:
            try:
                client = Client(dask, timeout="20s")
            except OSError as fout:
                raise InvoerFout(f"Geen Dask-scheduler bereikbaar op '{dask}': {fout}.", veld="--dask",
                                 toegestaan="'lokaal' of een adres als tcp://host:8786") from None
            afsluiten = client.close
        return (lambda f, *a: client.submit(f, *a, pure=False)), afsluiten
    werkers = werkers or os.cpu_count() or 1
    if werkers == 1:
        from concurrent.futures import Future

        def direct(f, *a):
            fut: Future = Future()
            try:
                fut.set_result(f(*a))
            except BaseException as fout:  # noqa: BLE001 - de fout komt bij .result() terug
                fut.set_exception(fout)
            return fut
        return direct, lambda: None
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=werkers)
    return pool.submit, lambda: pool.shutdown(cancel_futures=True)


def _reken(evaluator: Callable, geval: int, waarden: dict[str, float]) -> tuple[int, dict[str, float], float]:
    start = time.perf_counter()
    return geval, evaluator(waarden), time.perf_counter() - start


# ------------------------------------------------------------------------------------ het experiment

@dataclass
class Experiment:
    """Een ontwerp van gevallen met een evaluator, en een opslagmap waar de resultaten landen."""

    map: Path
    ontwerp: pd.DataFrame           # één rij per geval; kolommen = parameternamen
    evaluator: Callable[[Mapping[str, float]], dict[str, float]]
    herkomst: dict = field(default_factory=dict)

    def __post_init__(self):
        self.map = Path(self.map)
        self.opslag = self.map / OPSLAG

    # -- beheer van de opslag
    def _manifest(self) -> dict:
        return {"herkomst": self.herkomst, "parameters": list(self.ontwerp.columns), "gevallen": len(self.ontwerp)}

    def voorbereiden(self, opnieuw: bool = False) -> None:
        manifest = self.map / MANIFEST
        if opnieuw and self.map.exists():
            for p in list(self.opslag.glob("*.parquet")) + [manifest, self.map / ONTWERP]:
                p.unlink(missing_ok=True)
        if manifest.exists():
            bestaand = json.loads(manifest.read_text())
            ontwerp = pd.read_parquet(self.map / ONTWERP)
            if bestaand != json.loads(json.dumps(self._manifest(), default=str)) or not ontwerp.equals(
                    self.ontwerp.reset_index(drop=True)):
                raise InvoerFout("In deze map staat al een ander experiment.", bestand=self.map, veld="--uit",
                                 toegestaan="een lege map, dezelfde opdracht om te hervatten, of --opnieuw")
            return
        self.opslag.mkdir(parents=True, exist_ok=True)
        self.ontwerp.reset_index(drop=True).to_parquet(self.map / ONTWERP, index=False)
        manifest.write_text(json.dumps(self._manifest(), indent=2, default=str, ensure_ascii=False))

    def klaar(self) -> set[int]:
        if not self.opslag.exists():
            return set()
        return {int(p.stem.split("-")[1]) for p in self.opslag.glob("geval-*.parquet")}

    def _schrijf(self, geval: int, waarden: dict, uitkomst: dict, seconden: float) -> None:
        rij = {"geval": geval, **{f"p:{k}": v for k, v in waarden.items()},
               **{f"u:{k}": v for k, v in uitkomst.items()},
               **{f"h:{k}": v for k, v in self.herkomst.items() if isinstance(v, (int, float, str))},
               "seconden": seconden}
        tijdelijk = self.opslag / f".geval-{geval:06d}.tmp"
        pd.DataFrame([rij]).to_parquet(tijdelijk, index=False)
        tijdelijk.replace(self.opslag / f"geval-{geval:06d}.parquet")

    def resultaten(self) -> pd.DataFrame:
        """De opslag als één tabel, gesorteerd op geval."""
        bestanden = sorted(self.opslag.glob("geval-*.parquet"))
        if not bestanden:
            return pd.DataFrame()
        return pd.concat([pd.read_parquet(b) for b in bestanden], ignore_index=True).sort_values("geval",
                                                                                                  ignore_index=True)

    # -- draaien
    def draai(self, dask: str | None = None, werkers: int | None = None, voortgang: bool = True,
              opnieuw: bool = False) -> pd.DataFrame:
        from tqdm.auto import tqdm

        self.voorbereiden(opnieuw=opnieuw)
        gedaan = self.klaar()
        open_ = [i for i in range(len(self.ontwerp)) if i not in gedaan]
        balk = tqdm(total=len(self.ontwerp), initial=len(gedaan), desc="gevallen", unit="geval",
                    disable=None if voortgang else True)
        if open_:
            submit, afsluiten = _uitvoerder(dask, werkers)
            try:
                rijen = self.ontwerp.to_dict("records")
                lopend = [submit(_reken, self.evaluator, i, rijen[i]) for i in open_]
                for fut in _als_klaar(lopend, dask is not None):
                    geval, uitkomst, seconden = fut.result()
                    self._schrijf(geval, rijen[geval], uitkomst, seconden)
                    balk.update(1)
            finally:
                afsluiten()
        balk.close()
        return self.resultaten()


def _als_klaar(futures: list, is_dask: bool) -> Iterable:
    if is_dask:
        from dask.distributed import as_completed
        return as_completed(futures)
    from concurrent.futures import as_completed
    return as_completed(futures)


# ------------------------------------------------------------------------------------ een testfunctie

@dataclass(frozen=True)
class Ishigami:
    """De Ishigami-functie (a=7, b=0,1) op x1..x3 in [-pi, pi]: bekende Sobol-indices, om de keten te toetsen.

    `vertraging` (seconden per geval) maakt een experiment traag genoeg om het halverwege af te breken."""

    a: float = 7.0
    b: float = 0.1
    vertraging: float = 0.0

    def __call__(self, waarden: Mapping[str, float]) -> dict[str, float]:
        if self.vertraging:
            time.sleep(self.vertraging)
        x1, x2, x3 = (waarden[k] for k in ("x1", "x2", "x3"))
        return {"y": float(np.sin(x1) + self.a * np.sin(x2) ** 2 + self.b * x3 ** 4 * np.sin(x1))}

    def indices(self) -> dict[str, tuple[float, float]]:
        """Analytische (S1, ST) per parameter."""
        a, b, pi = self.a, self.b, np.pi
        v1 = 0.5 * (1 + b * pi ** 4 / 5) ** 2
        v2 = a ** 2 / 8
        v13 = b ** 2 * pi ** 8 * (1 / 18 - 1 / 50)
        v = v1 + v2 + v13
        return {"x1": (v1 / v, (v1 + v13) / v), "x2": (v2 / v, v2 / v), "x3": (0.0, v13 / v)}
