"""De uitkomst van één run: benoemde arrays per maand, gelezen door MKBA, kalibratie, groepen en rapport.

`Uitkomst.van(model, jaren)` leest een gedraaid model één keer uit (de waarnemer, de begeleiding, wie aan het
eind nog in de populatie zit) en houdt daarna geen verwijzing naar het model: klein genoeg om tussen processen
en naar Dask-werkers te sturen. Elke array heeft een naam en een vaste vorm (zie de velden); tabellen in lang
formaat (`maandcijfers`, `begeleiding`, `budget`, `waarderingsframe`) worden pas gemaakt als iemand ze vraagt en
niet onthouden, zodat de uitkomst klein blijft.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from simulatie.gedeeld import codes as c
from simulatie.invoer.scenario import Scenario
from simulatie.kern.beleid import LEVENSCOACHING, Begeleidingscijfers
from simulatie.kern.toestanden import STROMEN
from simulatie.kern.waarneming import LEEFTIJDSBANDEN, VERTREKKER

if TYPE_CHECKING:
    from simulatie.kern.model import JongerenModel

# Indicatoren per jaar: stromen tellen op, standen zijn het jaargemiddelde.
STROOM_INDICATOREN = ("nieuwe_vsv", "diploma", "startkwalificatie_behaald", "baanstart", "baanverlies",
                      "terug_naar_school", "in_beeld_gekomen")
STAND_INDICATOREN = c.TOESTANDEN + ("buiten_beeld", "duurzaam_werk", "zonder_startkwalificatie")
BEGELEIDING_INDICATOREN = ("gekwalificeerd", "bediend", "wachtend")
UITKERINGSSOORTEN = ("bijstand", "ww", "wajong")

# de kolommen van de maandcijfers in lang formaat (zoals Waarnemer.frame)
KOLOMMEN = ["datum", "indicator", "toestand", "schooltype", "regio", "waarde"]

Array = np.ndarray


@dataclass(frozen=True, eq=False)
class Uitkomst:
    """Wat een run van één scenario oplevert. Assen: maand (de maanden van `maanden`), toestand (codes.TOESTANDEN),
    stroom (toestanden.STROMEN), schooltype, regio (0..39), leeftijdsband (waarneming.LEEFTIJDSBANDEN), sk en bbl
    (0/1), niveau bij vertrek (vertrek.NIVEAUS_BIJ_VERTREK), groep (codes.groepcode). Aantallen in jongeren."""

    scenario: Scenario
    seed: int
    schaal: int
    jaren: int                                    # de horizon: jaren met nieuwe cohorten (de uitloop komt erna)
    beleidsjaren: int                             # jaren met beleid vanaf de start (hooguit `jaren`)
    uitgelopen: bool                              # of de run de uitloop heeft (tot iedereen 27 is)
    parameters: dict[str, float] = field(repr=False)
    seconden: float
    maanden: Array = field(repr=False)            # (maand,) maandindex (codes.maandindex)
    standen: Array = field(repr=False)            # (maand, toestand, schooltype, regio)
    stromen: Array = field(repr=False)            # (maand, stroom, schooltype, regio)
    buiten_beeld: Array = field(repr=False)       # (maand, regio)
    duurzaam_werk: Array = field(repr=False)      # (maand, regio) >= 12 maanden onafgebroken aan het werk
    zonder_sk: Array = field(repr=False)          # (maand, toestand)
    leeftijdsstanden: Array = field(repr=False)   # (maand, VAKKEN_UITGEBREID, leeftijd 14..26)
    waardering: Array = field(repr=False)         # (maand, toestand, leeftijdsband, sk, bbl): wat de MKBA waardeert
    uitkeringen: Array = field(repr=False)        # (maand, soort: bijstand/WW/Wajong, leeftijdsband, sk)
    uit_27: Array = field(repr=False)             # (maand, toestand, niveau) wie 27 werd en het model verliet
    vertrekkers: Array = field(repr=False)        # per jongere die vertrok: waarneming.VERTREKKER, gesorteerd op id
    # voor de kalibratie
    vervolg: Array = field(repr=False)            # (maand, horizon 12/24, uitstroomgroep, waarneming.VERVOLGTOESTANDEN)
    mbo_stand: Array = field(repr=False)          # (maand, mbo-niveau 0-4, leerweg bol/bbl)
    mbo_vsv: Array = field(repr=False)            # (maand, mbo-niveau 0-4, leerweg bol/bbl)
    uitkering_instroom: Array = field(repr=False)  # (maand, soort)
    # begeleiding (de boekhouding van het beleid) en wat de MKBA ervan boekt, in prijzen van het startjaar
    begeleidingscijfers: Begeleidingscijfers = field(repr=False)
    programmabudget: Array = field(repr=False)     # (maand, regio)
    begeleidingsuitgaven: Array = field(repr=False)  # (maand, regio) begeleiding uit het budget (zonder levenscoaching)
    levenscoaching: Array = field(repr=False)      # (maand, regio) uitgaven aan levenscoaching
    # met uitsplitsing (anders None): dezelfde tellingen per regio en per groep (laatste as)
    waardering_regio: Array | None = field(repr=False, default=None)
    uitkeringen_regio: Array | None = field(repr=False, default=None)
    uit_27_regio: Array | None = field(repr=False, default=None)
    waardering_groep: Array | None = field(repr=False, default=None)
    uitkeringen_groep: Array | None = field(repr=False, default=None)
    uit_27_groep: Array | None = field(repr=False, default=None)
    standen_groep: Array | None = field(repr=False, default=None)    # (maand, VAKKEN_UITGEBREID, groep)
    stromen_groep: Array | None = field(repr=False, default=None)    # (maand, stroom, groep)
    begeleidingsuitgaven_groep: Array | None = field(repr=False, default=None)  # (maand, groep)
    levenscoaching_groep: Array | None = field(repr=False, default=None)        # (maand, groep)

    # ------------------------------------------------------------------------------------ bouwen
    @classmethod
    def van(cls, model: JongerenModel, jaren: int | None = None, seconden: float = 0.0) -> Uitkomst:
        """Lees een gedraaid model uit. `jaren`: de horizon (standaard de gesimuleerde maanden vóór de uitloop,
        naar boven afgerond op hele jaren)."""
        w = model.waarnemer
        b = model.begeleidingscijfers()
        maanden = np.asarray(w.maanden, dtype=np.int64)
        uitgelopen = model.uitlopend and not model.populatie.actief().any()
        if jaren is None:
            voor_uitloop = len(maanden) if model.uitloop_begin is None else model.uitloop_begin - model.startmaand
            jaren = -(-voor_uitloop // 12)
        jaren = int(jaren)
        einde = model.beleidseinde
        beleidsjaren = jaren if einde is None else min(jaren, (einde - model.startmaand) // 12)
        kosten = np.delete(b.kosten_maand, LEVENSCOACHING)
        delen: dict[str, Array | None] = {}
        if model.uitsplitsing:
            for deel, aantal in (("regio", c.AANTAL_REGIOS), ("groep", c.NG_GROEPEN)):
                kubussen = [w.kubus(**{deel: i}) for i in range(aantal)]
                delen[f"waardering_{deel}"] = np.stack([w.waardering(K) for K in kubussen], axis=-1)
                delen[f"uitkeringen_{deel}"] = np.stack([w.uitkeringen_naar_soort(K) for K in kubussen], axis=-1)
                delen[f"uit_27_{deel}"] = w.reeks(f"uit_27_{deel}")
            delen["standen_groep"] = w.reeks("groepkubus").sum(axis=(2, 3, 4))
            delen["stromen_groep"] = w.reeks("stromen_groep")
            bediend = b.bediend_groep
            assert bediend is not None, "met uitsplitsing boekt het register de begeleiding per groep"
            delen["begeleidingsuitgaven_groep"] = np.delete(bediend, LEVENSCOACHING, axis=1).transpose(0, 2, 1) @ kosten
            delen["levenscoaching_groep"] = bediend[:, LEVENSCOACHING] * b.kosten_maand[LEVENSCOACHING]
        return cls(
            scenario=model.scenario, seed=int(model.zaad), schaal=int(model.schaal), jaren=jaren,
            beleidsjaren=beleidsjaren, uitgelopen=uitgelopen,
            parameters=model.parameters.als_dict(), seconden=seconden, maanden=maanden,
            standen=w.reeks("aantallen"), stromen=w.reeks("stromen"), buiten_beeld=w.reeks("buiten_beeld"),
            duurzaam_werk=w.reeks("duurzaam"), zonder_sk=w.reeks("zonder_sk"),
            leeftijdsstanden=w.standen_naar_leeftijd(), waardering=w.waardering(),
            uitkeringen=w.uitkeringen_naar_soort(),
            uit_27=w.reeks("uit_27"),
            # één keer op id gesorteerd: de MKBA zoekt er per regio en groep dezelfde jongeren in op
            vertrekkers=(np.sort(np.concatenate(w.vertrekkers), order="id", kind="stable") if w.vertrekkers
                         else np.zeros(0, VERTREKKER)),
            vervolg=w.reeks("vervolg"), mbo_stand=w.reeks("mbo_stand"), mbo_vsv=w.reeks("mbo_vsv"),
            uitkering_instroom=w.reeks("uitkering_instroom"),
            begeleidingscijfers=b, programmabudget=b.budget,
            begeleidingsuitgaven=np.einsum("mhdr,h->mr", np.delete(b.bediend, LEVENSCOACHING, axis=1), kosten),
            levenscoaching=b.bediend[:, LEVENSCOACHING].sum(axis=1) * b.kosten_maand[LEVENSCOACHING],
            **delen,
        )

    # ------------------------------------------------------------------------------------ benoemde toegang
    @property
    def naam(self) -> str:
        return self.scenario.naam

    @property
    def uitgesplitst(self) -> bool:
        """Of de run de tellingen per regio en groep heeft (MKBA per regio en groep)."""
        return self.uit_27_regio is not None

    @property
    def horizonmaanden(self) -> int:
        """Het aantal gesimuleerde maanden vóór de uitloop (de horizon; met een eerder afgebroken run minder)."""
        return min(12 * self.jaren, len(self.maanden))

    def horizon(self) -> Uitkomst:
        """Dezelfde uitkomst, alleen de maanden van de horizon (zonder de uitloop): de basis van de tabellen per
        jaar, regio en groep. De MKBA rekent met de hele run."""
        h = self.horizonmaanden
        if h == len(self.maanden):
            return self
        b = self.begeleidingscijfers
        per_maand = {f.name: getattr(b, f.name)[:h] for f in fields(b)
                     if isinstance(getattr(b, f.name), np.ndarray) and f.name != "kosten_maand"}
        begeleiding = replace(b, maanden=list(b.maanden)[:h], **per_maand)
        per_jongere = {"vertrekkers": self.vertrekkers[self.vertrekkers["maand"] < self.maanden[h]]}
        return replace(self, begeleidingscijfers=begeleiding, **per_jongere,
                       **{f.name: getattr(self, f.name)[:h] for f in fields(self)
                          if isinstance(getattr(self, f.name), np.ndarray) and f.name not in per_jongere})

    @property
    def datums(self) -> pd.DatetimeIndex:
        return c.maanddatums(self.maanden)

    def stand(self, toestand: str) -> Array:
        """(maand, schooltype, regio): jongeren in `toestand` (codes.TOESTANDEN)."""
        return self.standen[:, c.TOESTANDEN.index(toestand)]

    def stroom(self, naam: str) -> Array:
        """(maand, schooltype, regio): de stroom `naam` (toestanden.STROMEN) per maand."""
        return self.stromen[:, STROMEN.index(naam)]

    def jaarreeksen(self) -> tuple[Array, dict[str, Array]]:
        """(kalenderjaren, per indicator een waarde per jaar): stromen opgeteld, standen het jaargemiddelde.
        NaN waar een indicator in een jaar niet bestaat (begeleiding in een jaar zonder kandidaten)."""
        jaren, per = np.unique(self.maanden // 12, return_inverse=True)

        def som(x: Array) -> Array:  # (maand, ...) -> (jaar, ...)
            uit = np.zeros((len(jaren),) + x.shape[1:])
            np.add.at(uit, per, x)
            return uit

        maanden = som(np.ones(len(per)))
        stromen = self.stromen.sum(axis=(2, 3))
        standen = self.standen.sum(axis=(2, 3))
        reeksen = {n: som(stromen[:, STROMEN.index(n)]) for n in STROOM_INDICATOREN}
        reeksen.update({n: som(standen[:, i]) / maanden for i, n in enumerate(c.TOESTANDEN)})
        reeksen["buiten_beeld"] = som(self.buiten_beeld.sum(axis=1)) / maanden
        reeksen["duurzaam_werk"] = som(self.duurzaam_werk.sum(axis=1)) / maanden
        reeksen["zonder_startkwalificatie"] = som(self.zonder_sk.sum(axis=1)) / maanden
        b = self.begeleidingscijfers
        if (b.gekwalificeerd > 0).any():
            # begeleiding uit het budget (zonder levenscoaching), gemiddeld over de maanden met kandidaten
            cap = [h for h in range(b.gekwalificeerd.shape[1]) if h != LEVENSCOACHING]
            G, B = (x[:, cap].sum(axis=(1, 2, 3)) for x in (b.gekwalificeerd, b.bediend))
            met = som((G > 0).astype(float))
            for naam, x in (("gekwalificeerd", G), ("bediend", B), ("wachtend", G - B)):
                reeksen[naam] = np.where(met > 0, som(np.where(G > 0, x, 0.0)) / np.maximum(met, 1), np.nan)
            reeksen["uitgaven_begeleiding"] = som(b.uitgaven().sum(axis=1))
        return jaren, reeksen

    def totalen(self) -> dict[str, float]:
        """Per indicator over de looptijd: stromen en uitgaven opgeteld, standen gemiddeld over de jaren."""
        _, reeksen = self.jaarreeksen()
        optellen = STROOM_INDICATOREN + ("uitgaven_begeleiding",)
        aanwezig = {n: v[np.isfinite(v)] for n, v in reeksen.items() if np.isfinite(v).any()}
        return ({n: float(v.sum()) for n, v in sorted(aanwezig.items()) if n in optellen}
                | {n: float(v.mean()) for n, v in sorted(aanwezig.items()) if n not in optellen})

    def per_jaar(self) -> pd.DataFrame:
        """Indicatoren per kalenderjaar (lang: jaar, indicator, waarde), landelijk."""
        jaren, reeksen = self.jaarreeksen()
        df = pd.concat([pd.DataFrame({"jaar": jaren, "indicator": n, "waarde": v}) for n, v in reeksen.items()],
                       ignore_index=True)
        return df[df.waarde.notna()].reset_index(drop=True)

    def jaarcijfers(self) -> pd.Series:
        """De jaarcijfers met een jaar 'totaal', als reeks op (jaar, indicator): de basis van de effecten."""
        per_jaar = self.per_jaar()
        totalen = self.totalen()
        totaal = pd.DataFrame({"jaar": "totaal", "indicator": list(totalen), "waarde": list(totalen.values())})
        return (pd.concat([per_jaar.assign(jaar=per_jaar.jaar.astype(str)), totaal], ignore_index=True)
                .set_index(["jaar", "indicator"]).waarde)

    # ------------------------------------------------------------------------------------ tabellen
    @property
    def maandcijfers(self) -> pd.DataFrame:
        """Aantallen en stromen per maand in lang formaat: datum, indicator, toestand, schooltype, regio, waarde,
        met 'alle' (of regio 0) waar over een dimensie is opgeteld (gelijk aan Waarnemer.frame)."""
        if not len(self.maanden):
            return pd.DataFrame({k: [] for k in KOLOMMEN})
        datums = self.datums
        A, S, B, D = self.standen, self.stromen, self.buiten_beeld, self.duurzaam_werk
        toestand = ("toestand", c.TOESTANDEN)
        stroom = ("indicator", STROMEN)
        schooltype = ("schooltype", c.SCHOOLTYPEN)
        regio = ("regio", np.arange(1, c.AANTAL_REGIOS + 1))
        delen = [
            _lang(datums, A.sum(axis=(2, 3)), [toestand], indicator="aantal"),
            _lang(datums, A.sum(axis=3), [toestand, schooltype], indicator="aantal"),
            _lang(datums, A.sum(axis=2), [toestand, regio], indicator="aantal"),
            _lang(datums, self.zonder_sk, [toestand], indicator="zonder_startkwalificatie"),
            _lang(datums, self.uitkeringen.sum(axis=(2, 3)), [("toestand", UITKERINGSSOORTEN)],
                  indicator="uitkering_naar_soort"),
            _lang(datums, B.sum(axis=1), [], indicator="buiten_beeld", toestand="thuis"),
            _lang(datums, B, [regio], indicator="buiten_beeld", toestand="thuis"),
            _lang(datums, D.sum(axis=1), [], indicator="duurzaam_werk", toestand="werk"),
            _lang(datums, D, [regio], indicator="duurzaam_werk", toestand="werk"),
            _lang(datums, S.sum(axis=(2, 3)), [stroom]),
            _lang(datums, S.sum(axis=3), [stroom, schooltype]),
            _lang(datums, S.sum(axis=2), [stroom, regio]),
        ]
        return pd.concat(delen, ignore_index=True)

    @property
    def begeleiding(self) -> pd.DataFrame:
        """Per maand, hefboom, doelgroep en regio: gekwalificeerd, bediend, wachtend, uitgaven."""
        return self.begeleidingscijfers.frame()

    @property
    def budget(self) -> pd.DataFrame:
        """Het programmabudget per maand en regio."""
        return self.begeleidingscijfers.budget_frame()

    @property
    def waarderingsframe(self) -> pd.DataFrame:
        """`waardering` in lang formaat: datum, toestand, leeftijdsband, startkwalificatie, bbl, aantal."""
        if not len(self.maanden):
            return pd.DataFrame()
        W = self.waardering
        idx = np.indices(W.shape).reshape(W.ndim, -1)
        return pd.DataFrame({
            "datum": self.datums[idx[0]], "toestand": np.array(c.TOESTANDEN)[idx[1]],
            "leeftijdsband": np.array(LEEFTIJDSBANDEN)[idx[2]], "startkwalificatie": idx[3].astype(bool),
            "bbl": idx[4].astype(bool), "aantal": W.reshape(-1).astype(float),
        })


def _lang(datums, waarde: Array, assen: list[tuple[str, object]], **vast) -> pd.DataFrame:
    """Een array (maand, as1, as2, ...) als lange tabel; ontbrekende dimensies zijn 'alle' of regio 0."""
    idx = np.indices(waarde.shape).reshape(waarde.ndim, -1)
    kolommen = {"datum": datums[idx[0]], "indicator": "alle", "toestand": "alle", "schooltype": "alle", "regio": 0}
    for k, (naam, labels) in enumerate(assen, start=1):
        kolommen[naam] = np.asarray(labels)[idx[k]]
    kolommen.update(vast)
    kolommen["waarde"] = waarde.reshape(-1).astype(float)
    df = pd.DataFrame({k: (v if np.ndim(v) else np.full(idx.shape[1], v)) for k, v in kolommen.items()})
    df["regio"] = df["regio"].astype(np.int16)
    return df[KOLOMMEN]


__all__ = ["Uitkomst", "STROOM_INDICATOREN", "STAND_INDICATOREN", "BEGELEIDING_INDICATOREN"]
