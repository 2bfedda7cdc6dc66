"""Geen tijdgrens in een toets: hoe snel iets is, hangt af van wat de machine verder doet, en hoort in
`benchmarks/` (met een opdracht en een mediaan in `benchmarks/README.md`).

De regel, voor elk bestand in tests/ (ook voor nieuwe toetsen):

- Een assert mag geen waarde gebruiken die een klok gemeten heeft. Een klok is `time.time`, `perf_counter`,
  `monotonic`, `process_time`, `thread_time` (ook de `_ns`-varianten en `from time import ...`), `datetime.now`,
  `utcnow` en `today`, alles uit `timeit`, `Stopwatch` van het pakket, en een gemeten rekentijd: het attribuut of
  de kolom `seconden` of `looptijd_seconden`. Gemeten is ook een naam die in dezelfde functie een waarde krijgt uit
  een uitdrukking met een gemeten waarde (ook via andere namen).
- Een assert is het assert-statement, een aanroep van `assert...` (unittest, `numpy.testing`, `pandas.testing`),
  en `pytest.fail` of `raise` onder een `if` waarvan de voorwaarde een gemeten waarde gebruikt.
- Geen `pytest.mark.timeout`.
- Een assert die wacht (een aanroep met `timeout=`, zoals `gebeurtenis.wait(timeout=...)`) zegt in zijn boodschap
  welke gebeurtenis uitbleef.

Wachten op een gebeurtenis mag wel, met een ruime grens: een lus met de klok in haar voorwaarde, daarna een assert
op de gebeurtenis zelf (is het bestand er, kwam het bericht), niet op de tijd. Een toets mag ook het werk begrenzen
(runs, rijen, iteraties)."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

TOETSEN = Path(__file__).resolve().parent

_KLOKFUNCTIES = {"time", "perf_counter", "monotonic", "process_time", "thread_time", "time_ns", "perf_counter_ns",
                 "monotonic_ns", "process_time_ns", "thread_time_ns"}
_DATUMKLOKKEN = {"now", "utcnow", "today"}
_GEMETEN_NAMEN = {"seconden", "looptijd_seconden"}  # de rekentijd die het pakket zelf meet en bewaart


def _is_klok(node: ast.AST, uit_time: set[str]) -> bool:
    """Meet deze ene knoop (zonder zijn kinderen) een tijd?"""
    if isinstance(node, ast.Call):
        f = node.func
        if isinstance(f, ast.Name):
            return f.id in uit_time or f.id == "Stopwatch"
        if isinstance(f, ast.Attribute):
            basis = ast.unparse(f.value)
            return ((f.attr in _KLOKFUNCTIES and basis == "time") or basis == "timeit"
                    or (f.attr in _DATUMKLOKKEN and basis.split(".")[-1] in ("datetime", "date"))
                    or f.attr == "Stopwatch")
    if isinstance(node, ast.Attribute):
        return node.attr in _GEMETEN_NAMEN
    if isinstance(node, ast.Subscript):
        return isinstance(node.slice, ast.Constant) and node.slice.value in _GEMETEN_NAMEN
    return False


def _gemeten(node: ast.AST | None, afgeleid: set[str], uit_time: set[str]) -> bool:
    if node is None:
        return False
    return any(_is_klok(n, uit_time) or (isinstance(n, ast.Name) and n.id in afgeleid) for n in ast.walk(node))


def _bereiken(boom: ast.Module) -> list[list[ast.AST]]:
    """De knopen per functie (met haar geneste functies) en die van het bestand buiten functies."""
    bereiken, los = [], []
    for stmt in boom.body:
        functies = ([stmt] if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) else
                    [s for s in stmt.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))]
                    if isinstance(stmt, ast.ClassDef) else [])
        bereiken += [list(ast.walk(f)) for f in functies]
        if not functies:
            los += list(ast.walk(stmt))
    return bereiken + [los]


def _toekenningen(knopen: list[ast.AST]):
    """(doel, waarde) van elke toekenning: =, :=, +=, for ... in, with ... as."""
    for n in knopen:
        if isinstance(n, ast.Assign):
            for doel in n.targets:
                yield doel, n.value
        elif isinstance(n, (ast.AnnAssign, ast.AugAssign, ast.NamedExpr)):
            yield n.target, n.value
        elif isinstance(n, (ast.For, ast.AsyncFor)):
            yield n.target, n.iter
        elif isinstance(n, (ast.With, ast.AsyncWith)):
            for item in n.items:
                if item.optional_vars is not None:
                    yield item.optional_vars, item.context_expr


def _naam(f: ast.AST) -> str:
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def tijdtoetsen(bron: str, bestand: str = "<bron>") -> list[str]:
    """Elke overtreding van de regel (zie boven) als 'bestand:regel: wat'."""
    boom = ast.parse(bron)
    uit_time = {a.asname or a.name for n in ast.walk(boom) if isinstance(n, ast.ImportFrom)
                and n.module in ("time", "timeit") for a in n.names
                if n.module == "timeit" or a.name in _KLOKFUNCTIES}
    fouten = []
    for knopen in _bereiken(boom):
        afgeleid: set[str] = set()
        while True:  # tot er geen afgeleide namen meer bijkomen
            nieuw = {d.id for doel, waarde in _toekenningen(knopen) if _gemeten(waarde, afgeleid, uit_time)
                     for d in ast.walk(doel) if isinstance(d, ast.Name)} - afgeleid
            if not nieuw:
                break
            afgeleid |= nieuw

        def gemeten(node, afgeleid=afgeleid):
            return _gemeten(node, afgeleid, uit_time)

        for n in knopen:
            if isinstance(n, ast.Assert):
                if gemeten(n.test):
                    fouten.append(f"{bestand}:{n.lineno}: assert op een gemeten tijd")
                elif n.msg is None and any(isinstance(a, ast.Call) and any(k.arg == "timeout" for k in a.keywords)
                                           for a in ast.walk(n.test)):
                    fouten.append(f"{bestand}:{n.lineno}: assert die wacht, zonder boodschap over wat uitbleef")
            elif isinstance(n, ast.Call) and _naam(n.func).startswith("assert"):
                if any(gemeten(a) for a in [*n.args, *(k.value for k in n.keywords)]):
                    fouten.append(f"{bestand}:{n.lineno}: {_naam(n.func)} op een gemeten tijd")
            elif isinstance(n, ast.If) and gemeten(n.test):
                if any(isinstance(m, ast.Raise) or (isinstance(m, ast.Call) and _naam(m.func) == "fail")
                       for stmt in n.body for m in ast.walk(stmt)):
                    fouten.append(f"{bestand}:{n.lineno}: een fout bij een gemeten tijd")
            elif isinstance(n, ast.Attribute) and n.attr == "timeout" and ast.unparse(n.value).endswith("mark"):
                fouten.append(f"{bestand}:{n.lineno}: pytest.mark.timeout")
    return sorted(set(fouten), key=lambda f: int(f.split(":")[1]))


def test_geen_tijdgrens_in_de_toetsen():
    fouten = [f for pad in sorted(TOETSEN.glob("*.py"))
              for f in tijdtoetsen(pad.read_text(encoding="utf-8"), f"tests/{pad.name}")]
    assert not fouten, "Tijdgrenzen horen in benchmarks/, niet in een toets:\n" + "\n".join(fouten)


GEPLANT = [  # (id, bron, aantal overtredingen)
    ("klik_tot_cijfers", """
        def test_x(pagina):
            klik = time.perf_counter()
            pagina.wacht()
            eerste_cijfers = time.perf_counter() - klik
            assert eerste_cijfers < 60, f"pas na {eerste_cijfers:.0f} s"
     """, 1),
    ("via_twee_namen", """
        def test_x():
            begin = time.monotonic()
            doe()
            duur = time.monotonic() - begin
            minuten = duur / 60
            assert minuten <= 2
     """, 1),
    ("from_time_import", """
        from time import perf_counter as klok
        def test_x():
            t = klok()
            doe()
            assert klok() - t < 1
     """, 1),
    ("stopwatch_van_het_pakket", """
        def test_x():
            with Stopwatch() as s:
                doe()
            assert s.seconden < 5
     """, 1),
    ("gemeten_rekentijd", """
        def test_x(res):
            assert res["seconden"].max() < 3
            assert herkomst.looptijd_seconden < 10
     """, 2),
    ("datetime_now", """
        def test_x():
            a = datetime.datetime.now()
            doe()
            assert (datetime.datetime.now() - a).total_seconds() < 3
     """, 1),
    ("unittest_en_numpy", """
        class T(unittest.TestCase):
            def test_x(self):
                t0 = time.time()
                doe()
                self.assertLess(time.time() - t0, 2)
                np.testing.assert_array_less([time.time() - t0], [2])
     """, 2),
    ("fail_na_meting", """
        def test_x():
            t0 = time.time()
            doe()
            if time.time() - t0 > 60:
                pytest.fail("te traag")
     """, 1),
    ("pytest_timeout", """
        @pytest.mark.timeout(30)
        def test_x():
            doe()
     """, 1),
    ("wachten_zonder_boodschap", """
        def test_x(klaar):
            assert klaar.wait(timeout=600)
     """, 1),
    # toegestaan: wachten op een gebeurtenis en dan de gebeurtenis toetsen, werk begrenzen, tijden weglaten
    ("wachten_met_ruime_grens", """
        def test_x(pad):
            einde = time.time() + 600
            while not pad.exists() and time.time() < einde:
                time.sleep(0.1)
            assert pad.exists(), "het bestand kwam er niet"
     """, 0),
    ("wachten_met_boodschap", """
        def test_x(klaar):
            assert klaar.wait(timeout=600), "de berekening meldde niets"
     """, 0),
    ("rekentijd_weglaten", """
        def test_x(a, b, herkomst):
            pd.testing.assert_frame_equal(a.drop(columns="seconden"), b.drop(columns="seconden"))
            assert "looptijd_seconden" in herkomst
            assert len(a) <= 100
     """, 0),
    ("naam_in_een_andere_functie", """
        def test_a():
            duur = time.time()
        def test_b(p):
            duur = p["duur"]
            assert duur == 3
     """, 0),
]


@pytest.mark.parametrize("bron,aantal", [g[1:] for g in GEPLANT], ids=[g[0] for g in GEPLANT])
def test_de_regel_vangt_een_geplante_tijdtoets(bron, aantal):
    fouten = tijdtoetsen(textwrap.dedent(bron))
    assert len(fouten) == aantal, fouten
