"""Kansengelijkheid: effecten en netto contante waarde per groep jongeren en per regio.

Een groep is een indeling van de populatie naar schooltype (het huidige of laatste), niet-westerse
migratieachtergrond, multiproblematiek of RMC-regio. De tellingen komen uit runs met uitsplitsing (de
waarnemer telt per codes.groepcode en per regio); de NCW per deel uit de MKBA per deel
(mkba.contante_waarde_per_deel). De groepen van één indeling tellen op tot het land (getest).

`groepstabel` geeft één tabel voor één alternatief; `psa_uitkomsten` maakt daar de uitkomsten van één geval
van een probabilistische analyse van, en `samenvatting` de intervallen over alle gevallen (groepen_psa.csv).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from simulatie.economie.mkba import PARTIJEN, contante_waarde_per_deel
from simulatie.gedeeld import codes as c
from simulatie.gedeeld.fouten import InvoerFout
from simulatie.invoer.parameters import Parameters
from simulatie.kern.populatie import samengevoegd
from simulatie.kern.regio import regionamen
from simulatie.kern.toestanden import STROMEN
from simulatie.kern.uitkomst import Uitkomst

_G = np.arange(c.NG_GROEPEN)
# indeling -> (code van elk van de NG_GROEPEN groepen in die indeling, de namen van de codes); zie codes.groepcode
KENMERKEN = {"schooltype": (_G // 4, c.SCHOOLTYPEN), "migratie": ((_G // 2) % 2, ("nee", "ja")),
             "multiproblematiek": (_G % 2, ("nee", "ja"))}
NEET = ("bijstand", "ww", "wajong", "zorg", "thuis")  # niet op school of aan het werk (zonder de zoektermijn)
# de kolommen waarvan een probabilistische analyse intervallen per groep geeft
PSA_KOLOMMEN = ("ncw_maatschappij", "nieuwe_vsv_per_jaar_verschil", "werk_verschil", "neet_verschil")


def effecten_per_groep(uitkomst: Uitkomst) -> pd.DataFrame:
    """Per groep (NG_GROEPEN rijen): jongeren, werk en neet (gemiddeld over de looptijd), nieuwe vsv'ers en
    behaalde startkwalificaties per jaar, over de horizon (zonder de uitloop)."""
    uitkomst = uitkomst.horizon()
    stand = samengevoegd(uitkomst.standen_groep, as_=1).mean(axis=0)  # (toestand, groep)
    S = uitkomst.stromen_groep.sum(axis=0)  # (stroom, groep)
    neet = [c.TOESTANDEN_UITGEBREID.index(n) for n in NEET]
    return pd.DataFrame({"jongeren": stand.sum(axis=0),
                         "werk": stand[c.TOESTANDEN_UITGEBREID.index("werk")],
                         "neet": stand[neet].sum(axis=0),
                         "nieuwe_vsv_per_jaar": S[STROMEN.index("nieuwe_vsv")] / uitkomst.jaren,
                         "startkwalificatie_behaald_per_jaar":
                             S[STROMEN.index("startkwalificatie_behaald")] / uitkomst.jaren})


def effecten_per_regio(uitkomst: Uitkomst) -> pd.DataFrame:
    """Per regio (AANTAL_REGIOS rijen): dezelfde kolommen als effecten_per_groep (neet hier: uitkering, zorg en
    thuis, inclusief wie in de zoektermijn voor de bijstand zit)."""
    uitkomst = uitkomst.horizon()
    A = uitkomst.standen.sum(axis=2).mean(axis=0)  # (toestand, regio)
    S = uitkomst.stromen.sum(axis=(0, 2))  # (stroom, regio)
    return pd.DataFrame({"jongeren": A.sum(axis=0), "werk": A[c.WERK],
                         "neet": A[[c.UITKERING, c.ZORG, c.THUIS]].sum(axis=0),
                         "nieuwe_vsv_per_jaar": S[STROMEN.index("nieuwe_vsv")] / uitkomst.jaren,
                         "startkwalificatie_behaald_per_jaar":
                             S[STROMEN.index("startkwalificatie_behaald")] / uitkomst.jaren})


def ncw_per_deel(nul: Uitkomst, alternatief: Uitkomst, p: Parameters, deel: str, levensloop: bool = True,
                 prijsjaar: int | None = None, discontovoet: float | None = None) -> pd.DataFrame:
    """Per regio ('regio') of groep ('groep', codes.groepcode), in volgorde van de code: de NCW voor de
    maatschappij en per partij (kolommen ncw_...). Tellen op tot de landelijke MKBA (getest)."""
    _, cw = contante_waarde_per_deel(nul, alternatief, p, deel, levensloop, prijsjaar, discontovoet)
    per_partij = cw.sum(axis=1)  # (deel, partij)
    df = pd.DataFrame(per_partij, columns=[f"ncw_{q}" for q in PARTIJEN])
    df.insert(0, "ncw_maatschappij", per_partij.sum(axis=1))
    return df


def groepstabel(nul: Uitkomst, alternatief: Uitkomst, p: Parameters,
                ncw: dict[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """Per indeling en groep: de effecten (kolommen ..._verschil: alternatief min nul), het aantal jongeren in
    het nulalternatief en de NCW voor de maatschappij en per partij (`ncw`: per deel de uitkomst van
    `ncw_per_deel` als die er al is). Vraagt runs met uitsplitsing."""
    if not (nul.uitgesplitst and alternatief.uitgesplitst):
        raise InvoerFout("De MKBA per groep vraagt runs met uitsplitsing (vergelijk doet dat standaard).",
                         veld="uitsplitsing", toegestaan="vergelijk(...) of simuleer(..., uitsplitsing=True)")
    delen = []
    for deel, effecten, namen in (("groep", effecten_per_groep, None), ("regio", effecten_per_regio, regionamen())):
        e0 = effecten(nul)
        tabel = pd.concat([(effecten(alternatief) - e0).drop(columns="jongeren").add_suffix("_verschil"),
                           e0[["jongeren"]], ncw[deel] if ncw else ncw_per_deel(nul, alternatief, p, deel)],
                          axis=1)
        if deel == "regio":
            delen.append(tabel.assign(indeling="regio", groep=list(namen)))
            continue
        for indeling, (code, labels) in KENMERKEN.items():
            per = tabel.groupby(code).sum()
            delen.append(per.assign(indeling=indeling, groep=[labels[k] for k in per.index]))
    df = pd.concat(delen, ignore_index=True)
    return df[["indeling", "groep"] + [k for k in df.columns if k not in ("indeling", "groep")]]


def psa_uitkomsten(tabel: pd.DataFrame) -> dict[str, float]:
    """De uitkomsten van één geval per groep, als 'groep:<indeling>=<groep>:<kolom>' (PSA_KOLOMMEN)."""
    return {f"groep:{r.indeling}={r.groep}:{k}": float(getattr(r, k)) for r in tabel.itertuples() for k in PSA_KOLOMMEN}


def samenvatting(resultaten: pd.DataFrame) -> pd.DataFrame:
    """groepen_psa.csv: per indeling, groep en uitkomst het gemiddelde, het 90%-interval en de kans op > 0 over
    de gevallen van een probabilistische analyse (kolommen 'u:groep:...' van het experiment)."""
    rijen = []
    for kolom in resultaten.columns:
        if not kolom.startswith("u:groep:"):
            continue
        _, _, rest = kolom.split(":", 2)
        groep_deel, uitkomst = rest.rsplit(":", 1)
        indeling, groep = groep_deel.split("=", 1)
        y = resultaten[kolom].to_numpy(dtype=float)
        rijen.append({"indeling": indeling, "groep": groep, "uitkomst": uitkomst, "gemiddelde": y.mean(),
                      "p5": np.percentile(y, 5), "mediaan": np.median(y), "p95": np.percentile(y, 95),
                      "kans_positief": float((y > 0).mean())})
    return pd.DataFrame(rijen)


def per_alternatief(tabellen: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """De groepstabellen van meerdere alternatieven onder elkaar, met een kolom scenario."""
    return pd.concat([t.assign(scenario=naam) for naam, t in tabellen.items()], ignore_index=True)[
        ["scenario"] + list(next(iter(tabellen.values())).columns)]
