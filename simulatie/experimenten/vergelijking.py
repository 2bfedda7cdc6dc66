"""Scenario's vergelijken met het nulalternatief, met gemeenschappelijke toevalsgetallen.

`vergelijk(nul, alternatief, ...)` draait elk scenario met hetzelfde zaad op dezelfde populatie; omdat
alle trekkingen per jongere en per maand vastliggen, is een verschil het effect van het beleid en geen
ruis. Het resultaat bundelt per scenario de maandcijfers, de begeleiding per regio en het kasboek
voor de MKBA, als pandas DataFrames.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats
from tqdm.auto import tqdm

from simulatie.economie import groepen
from simulatie.economie.mkba import (MAATSCHAPPIJ, PARTIJEN, PARTIJNAMEN, Effectrun, Resultaat, bereken,
                                     break_even_schaal, kasboek, structureel_jaar)
from simulatie.experimenten.uitvoering import Uitvoerder, kies_uitvoerder
from simulatie.experimenten.woordenschat import EFFECTSCHAAL, RUIS_UITKOMSTEN, effectuitkomsten, ncw_uitkomsten
from simulatie.gedeeld.fouten import InvoerFout
from simulatie.gedeeld.uitvoer import Stopwatch
from simulatie.invoer.parameters import Parameters, laad_parameters
from simulatie.invoer.scenario import Scenario, controleer_zelfde_looptijd, laad_scenario
from simulatie.kern.beleid import fte_kosten
from simulatie.kern.model import JongerenModel
from simulatie.kern.regio import regionamen
from simulatie.kern.uitkomst import BEGELEIDING_INDICATOREN, STAND_INDICATOREN, STROOM_INDICATOREN, Uitkomst
from simulatie.kern.opwarming import zorg_voor

# Uitkomst en de indicatoren wonen in kern/uitkomst.py; hier opnieuw te importeren voor wie ze hier zocht.
__all__ = ["Uitkomst", "Vergelijking", "simuleer", "vergelijk", "draai_model", "gelezen_parameters", "populatieruis",
           "STROOM_INDICATOREN", "STAND_INDICATOREN", "BEGELEIDING_INDICATOREN"]


def simuleer(scenario: Scenario | str | Path, *, jaren: int | None = None, seed: int = 0, schaal: int = 1,
             parameters: Parameters | None = None, voortgang: bool = False, uitsplitsing: bool = False,
             uitloop: bool = True) -> Uitkomst:
    """Draai één scenario en geef zijn uitkomst (zonder het model zelf: dat is groot): `jaren` jaar (standaard
    looptijd.jaren) met het beleid van looptijd.beleid_jaren, en dan de uitloop tot iedereen 27 is (`uitloop`;
    de MKBA vraagt haar). Met `uitsplitsing` ook de tellingen per regio en groep (MKBA per regio en groep)."""
    scenario = scenario if isinstance(scenario, Scenario) else laad_scenario(scenario)
    jaren = jaren or scenario.looptijd.jaren
    klok = Stopwatch()
    model = draai_model(scenario, jaren=jaren, seed=seed, schaal=schaal, parameters=parameters, voortgang=voortgang,
                        uitsplitsing=uitsplitsing, uitloop=uitloop)
    return Uitkomst.van(model, jaren, klok.seconden)


def draai_model(scenario: Scenario, *, jaren: int, seed: int, schaal: int, parameters: Parameters | None,
                voortgang: bool = False, uitsplitsing: bool = False, uitloop: bool = True) -> JongerenModel:
    """Bouw het model, simuleer `jaren` jaar en (met `uitloop`) de uitloop; geeft het model."""
    model = JongerenModel(scenario, seed=seed, schaal=schaal, parameters=parameters, uitsplitsing=uitsplitsing,
                          beleidsjaren=scenario.looptijd.beleidsjaren(jaren))
    model.run_for(12 * jaren, voortgang=voortgang)
    if uitloop:
        model.loop_uit(voortgang=voortgang)
    return model


def gelezen_parameters(scenario: Scenario, *, jaren: int, seed: int, schaal: int, parameters: Parameters) -> set[str]:
    """De namen van de parameters die een run van dit scenario leest (een proefrun met deze waarden; de uitloop
    leest niets anders dan het einde van het beleid, dus dat alleen)."""
    gevolgd, gelezen = parameters.registrerend()
    model = draai_model(scenario, jaren=jaren, seed=seed, schaal=schaal, parameters=gevolgd, uitloop=False)
    model.beeindig_beleid()
    return gelezen


@dataclass
class Vergelijking:
    """Het nulalternatief en de projectalternatieven, met dezelfde seed en schaal."""

    nul: Uitkomst
    alternatieven: list[Uitkomst]
    parameters: Parameters
    # voor het break-even-effect: per alternatief runs met andere effect_schaal (schaal -> uitkomst, of uitkomst en
    # een eigen nulalternatief op een grovere schaal)
    effectruns: dict[str, dict[float, Effectrun]] = field(default_factory=dict)
    # voor de jaarlijkse balans van het structurele beleid: per alternatief (N beleidsjaren, minder beleidsjaren)
    structureel: dict[str, tuple[Uitkomst, Uitkomst]] = field(default_factory=dict)
    _ncw_per_deel: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def uitkomsten(self) -> list[Uitkomst]:
        return [self.nul, *self.alternatieven]

    def effecten(self) -> pd.DataFrame:
        """Per scenario, jaar (en 'totaal') en indicator: waarde en verschil met het nulalternatief, over de
        horizon (de uitloop telt in de MKBA, niet in deze tabel)."""
        tabellen = []
        nul = self.nul.horizon().jaarcijfers()
        for u in self.uitkomsten:
            t = u.horizon().jaarcijfers()
            df = pd.DataFrame({"waarde": t, "verschil_met_nul": t.sub(nul, fill_value=0.0)}).reset_index()
            df.insert(0, "scenario", u.naam)
            tabellen.append(df)
        return pd.concat(tabellen, ignore_index=True)[["scenario", "jaar", "indicator", "waarde", "verschil_met_nul"]]

    def kasboek(self, prijsjaar: int | None = None, levensloop: bool = True) -> pd.DataFrame:
        """Het kasboek per maand, post en partij van elk scenario (euro van het prijsjaar, niet contant)."""
        return pd.concat([kasboek(u, self.parameters, prijsjaar, levensloop).assign(scenario=u.naam)
                          for u in self.uitkomsten], ignore_index=True)

    def mkba(self, prijsjaar: int | None = None, discontovoet: float | None = None,
             levensloop: bool = True) -> Resultaat:
        """De MKBA: per alternatief de contante waarde per post en partij, en de kengetallen; met `levensloop`
        (standaard) ook de voortzetting van wie het model verlaat tot de AOW-leeftijd. Met de runs voor het
        structurele jaar (vergelijk(..., structureel=True)) staat het laatste beleidsjaar apart in de kengetallen
        (mkba.structureel_jaar)."""
        r = bereken(self.nul, self.alternatieven, self.parameters, self.effectruns, prijsjaar=prijsjaar,
                    discontovoet=discontovoet, levensloop=levensloop)
        if not self.structureel:
            return r
        jaar = structureel_jaar(self.structureel, self.parameters, prijsjaar=prijsjaar, discontovoet=discontovoet,
                                levensloop=levensloop)
        return replace(r, kengetallen=r.kengetallen.merge(jaar, on="scenario", how="left"))

    def regio(self, **mkba) -> pd.DataFrame:
        """Per scenario en regio: budget, coaches, gekwalificeerd/bediend/wachtend, de hoofdeffecten en de NCW
        (`mkba`: levensloop, prijsjaar, discontovoet zoals in `mkba()`)."""
        namen = regionamen()
        rijen = []
        for u in (x.horizon() for x in self.uitkomsten):
            # coaches in prijzen van het startjaar, zoals het beleid ze betaalt
            fte = fte_kosten(self.parameters, u.scenario.looptijd.startmaand[0])
            m = u.maandcijfers
            per_regio = m[(m.regio > 0) & (m.schooltype == "alle")]
            jaren = u.jaren
            vsv = per_regio[per_regio.indicator == "nieuwe_vsv"].groupby("regio").waarde.sum() / jaren
            werk = per_regio[(per_regio.indicator == "aantal")
                             & (per_regio.toestand == "werk")].groupby("regio").waarde.mean()
            duurzaam = per_regio[per_regio.indicator == "duurzaam_werk"].groupby("regio").waarde.mean()
            buiten = per_regio[per_regio.indicator == "buiten_beeld"].groupby("regio").waarde.mean()
            budget = u.budget.groupby("regio").budget.mean() * 12
            b = u.begeleiding[u.begeleiding.hefboom != "levenscoaching"]
            begel = (b.groupby(["datum", "regio"])[list(BEGELEIDING_INDICATOREN)].sum().groupby("regio").mean()
                     if len(b) else pd.DataFrame(columns=list(BEGELEIDING_INDICATOREN)))
            uitgaven = b.groupby("regio").uitgaven.sum() / jaren if len(b) else pd.Series(dtype=float)
            for r in range(1, len(namen) + 1):
                g = float(begel["gekwalificeerd"].get(r, 0.0)) if len(begel) else 0.0
                s = float(begel["bediend"].get(r, 0.0)) if len(begel) else 0.0
                rijen.append({
                    "scenario": u.naam, "regio": r, "naam": namen[r - 1],
                    "budget_per_jaar": float(budget.get(r, 0.0)),
                    "coaches_fte": float(budget.get(r, 0.0)) / fte,
                    "uitgaven_per_jaar": float(uitgaven.get(r, 0.0)),
                    "gekwalificeerd": g, "bediend": s, "wachtend": g - s,
                    "dekking": s / g if g > 0 else np.nan,
                    "nieuwe_vsv_per_jaar": float(vsv.get(r, 0.0)), "werk": float(werk.get(r, 0.0)),
                    "duurzaam_werk": float(duurzaam.get(r, 0.0)), "buiten_beeld": float(buiten.get(r, 0.0)),
                })
        df = pd.DataFrame(rijen)
        nul = df[df.scenario == self.nul.naam].set_index("regio")
        for kolom in ("nieuwe_vsv_per_jaar", "werk", "duurzaam_werk", "buiten_beeld", "budget_per_jaar"):
            df[f"{kolom}_verschil"] = df[kolom].to_numpy() - nul.loc[df.regio, kolom].to_numpy()
        # kosteneffectiviteit per regio: extra budget per jaar per voorkomen vsv'er en per extra jongere in
        # duurzaam werk (niet contant; de MKBA geeft de contante landelijke waarden)
        voorkomen = -df.nieuwe_vsv_per_jaar_verschil
        df["kosten_per_voorkomen_vsv"] = np.where(voorkomen > 0, df.budget_per_jaar_verschil
                                                  / voorkomen.where(voorkomen > 0), np.nan)
        extra = df.duurzaam_werk_verschil
        df["kosten_per_extra_duurzaam_werk"] = np.where(extra > 0, df.budget_per_jaar_verschil * self.nul.jaren
                                                        / extra.where(extra > 0), np.nan)
        # netto contante waarde per regio en per partij (verschil met het nulalternatief; 0 voor het nulalternatief)
        if self._uitgesplitst():
            ncw = self.ncw_per_deel("regio", **mkba)
            df = df.merge(ncw.rename(columns={"deel": "regio"}).assign(regio=lambda d: d.regio + 1),
                          on=["scenario", "regio"], how="left")
            kolommen = [k for k in df.columns if k.startswith("ncw_")]
            df[kolommen] = df[kolommen].fillna(0.0)
        return df

    def _uitgesplitst(self) -> bool:
        return all(u.uitgesplitst for u in self.uitkomsten)

    def ncw_per_deel(self, deel: str, levensloop: bool = True, prijsjaar: int | None = None,
                     discontovoet: float | None = None) -> pd.DataFrame:
        """Per alternatief en regio ('regio') of groep ('groep', codes.groepcode): de netto contante waarde voor de
        maatschappij en per partij (kolommen ncw_...). Tellen op tot de landelijke MKBA (getest). Onthouden: regio's
        en groepen vragen dezelfde tabel."""
        sleutel = (deel, levensloop, prijsjaar, discontovoet)
        if sleutel not in self._ncw_per_deel:
            self._ncw_per_deel[sleutel] = pd.concat(
                [groepen.ncw_per_deel(self.nul, alt, self.parameters, deel, levensloop, prijsjaar, discontovoet)
                 .rename_axis("deel").reset_index().assign(scenario=alt.naam) for alt in self.alternatieven],
                ignore_index=True)
        return self._ncw_per_deel[sleutel]

    def groepen(self, **mkba) -> pd.DataFrame:
        """Effecten en netto contante waarde per groep: naar schooltype, niet-westerse migratieachtergrond,
        multiproblematiek en regio (kansengelijkheid, groepen.py). Per alternatief het verschil met het
        nulalternatief; de groepen van één indeling tellen op tot het land. `mkba`: levensloop, prijsjaar,
        discontovoet zoals in `mkba()`."""
        def ncw(alt, deel):
            f = self.ncw_per_deel(deel, **mkba)
            return f[f.scenario == alt.naam].drop(columns=["deel", "scenario"]).reset_index(drop=True)

        return groepen.per_alternatief({alt.naam: groepen.groepstabel(self.nul, alt, self.parameters,
                                                      {d: ncw(alt, d) for d in ("groep", "regio")})
                                for alt in self.alternatieven})

    def kasritme(self, resultaat=None) -> pd.DataFrame:
        """Per alternatief, partij en jaar de kasstromen (verschil met het nulalternatief, niet contant, in euro van
        het prijsjaar): wat een lezer van de Rijksbegroting per begroting ziet."""
        r = resultaat if resultaat is not None else self.mkba()
        t = r.per_jaar.pivot_table(index=["scenario", "jaar"], columns="partij", values="verschil", aggfunc="sum")
        t = t.reindex(columns=[q for q in PARTIJEN + (MAATSCHAPPIJ,) if q in t.columns])
        t = t.rename(columns=PARTIJNAMEN).reset_index()
        t.columns.name = None
        return t

    def doelgroepen(self) -> pd.DataFrame:
        """Hoeveel jongeren in aanmerking komen (gemiddeld per maand) en hoeveel het budget dekt,
        per scenario, hefboom, regio en doelgroep (schooltype)."""
        delen = []
        for u in self.uitkomsten:
            b = u.begeleiding
            if not len(b):
                continue
            maanden = b.datum.nunique()
            g = b.groupby(["hefboom", "regio", "doelgroep"])[list(BEGELEIDING_INDICATOREN)].sum() / maanden
            g = g.reset_index()
            g.insert(0, "scenario", u.naam)
            delen.append(g)
        df = pd.concat(delen, ignore_index=True) if delen else pd.DataFrame()
        if len(df):
            df["dekking"] = np.where(df.gekwalificeerd > 0, df.bediend / df.gekwalificeerd.where(df.gekwalificeerd > 0),
                                     np.nan)
        return df


def vergelijk(nul: Scenario | str | Path, *alternatieven: Scenario | str | Path, jaren: int | None = None,
              seed: int = 0, schaal: int = 1, parameters: Parameters | None = None,
              voortgang: bool = True, break_even: bool = False, structureel: bool = False,
              werkers: int | None = None, uitvoerder: Uitvoerder | None = None) -> Vergelijking:
    """Draai het nulalternatief en elk alternatief met hetzelfde zaad (gemeenschappelijke toevalsgetallen).

    Met `break_even` draait elk alternatief ook zonder effect van de begeleiding (effect_schaal 0) en
    daarna bij de lineair geschatte effectschaal waar de netto contante waarde nul is; de MKBA
    interpoleert tussen die runs (zie mkba.break_even).
    Met `structureel` draait elk alternatief met N > 1 beleidsjaren ook met de helft minder, voor de jaarlijkse
    balans van het structurele beleid (mkba.structureel_jaar); onder STRUCTUREEL_SCHAAL allebei op die schaal.
    De runs gaan over `uitvoerder` (uitvoering.py; standaard parallel over `werkers` processen, alle kernen);
    het resultaat is gelijk aan dat van één proces, want elke run hangt alleen af van scenario, parameters en
    zaad."""
    parameters = parameters if parameters is not None else laad_parameters()
    scenarios = [s if isinstance(s, Scenario) else laad_scenario(s) for s in (nul, *alternatieven)]
    namen = [s.naam for s in scenarios]
    if len(set(namen)) != len(namen):
        raise InvoerFout("Twee scenario's hebben dezelfde naam.", veld="naam",
                         toegestaan="scenario's met verschillende namen (het veld 'naam' in elk bestand)")
    controleer_zelfde_looptijd(scenarios[0], scenarios[1:], jaren_vast=jaren is not None)  # maand voor maand
    jaren = jaren or scenarios[0].looptijd.jaren
    u = uitvoerder if uitvoerder is not None else kies_uitvoerder(None, werkers)
    try:
        v = _vergelijk(scenarios, jaren, seed, schaal, parameters, voortgang, break_even, u)
        if structureel:
            v.structureel = _structureel(v, scenarios[1:], jaren, seed, schaal, parameters, voortgang, u)
        return v
    finally:
        if uitvoerder is None:
            u.sluit()


# Onder deze schaal (fijner, zoals schaal 1) rekent het break-even-effect de run zonder effect op deze schaal, tegen
# een nulalternatief op dezelfde schaal en met hetzelfde zaad. Zonder effect is het verschil vooral de kosten van
# het programma, met weinig populatieruis; zo kost het break-even-effect op schaal 1 geen twee volle runs. De tweede
# ronde bij het nulpunt vervalt dan (die zou op de grove schaal de ruis van de run zelf meten).
BREAK_EVEN_SCHAAL = 20


# De jaarlijkse balans van het structurele beleid draait minstens op deze schaal: twee extra runs op schaal 20
# kosten samen ongeveer een tiende van één run op schaal 1.
STRUCTUREEL_SCHAAL = 20


def _structureel(v: Vergelijking, alternatieven: list[Scenario], jaren: int, seed: int, schaal: int,
                 parameters: Parameters, voortgang: bool, u: Uitvoerder) -> dict[str, tuple[Uitkomst, Uitkomst]]:
    """Per alternatief met meer dan één beleidsjaar: (N beleidsjaren, N - N // 2 beleidsjaren), op dezelfde schaal.
    De tweede helft van het beleid: daar is de aanloop voorbij, en een verschil over meer jaren heeft per jaar
    minder populatieruis dan één jaar (gemeten: benchmarks/README.md)."""
    grof = max(schaal, STRUCTUREEL_SCHAAL)
    met_jaren = [s for s in alternatieven if s.looptijd.beleidsjaren(jaren) > 1]
    korter = [s.model_copy(update={"looptijd": s.looptijd.model_copy(
        update={"beleid_jaren": s.looptijd.beleidsjaren(jaren) - s.looptijd.beleidsjaren(jaren) // 2})})
        for s in met_jaren]
    runs = korter + (met_jaren if grof > schaal else [])
    uitkomsten = _draai_alle(runs, jaren, seed, grof, parameters, voortgang, u)
    eigen = {a.naam: a for a in v.alternatieven}
    volledig = uitkomsten[len(korter):] if grof > schaal else [eigen[s.naam] for s in met_jaren]
    return {s.naam: (n, k) for s, n, k in zip(met_jaren, volledig, uitkomsten[:len(korter)])}


def _vergelijk(scenarios: list[Scenario], jaren: int, seed: int, schaal: int, parameters: Parameters,
               voortgang: bool, break_even: bool, u: Uitvoerder) -> Vergelijking:
    # de eigen runs met uitsplitsing (MKBA per regio en groep), de runs voor het break-even-effect zonder
    n = len(scenarios)
    grof = max(schaal, BREAK_EVEN_SCHAAL)
    zonder_effect = [EFFECTSCHAAL.op(s, 0.0) for s in scenarios[1:]] if break_even else []
    if grof > schaal and zonder_effect:  # het nulalternatief erbij op de grove schaal
        zonder_effect = [scenarios[0]] + zonder_effect
    runs = scenarios + zonder_effect
    schalen = [schaal] * n + [grof] * len(zonder_effect)
    uitkomsten = _draai_alle(runs, jaren, seed, schalen, parameters, voortgang, u, uitsplitsing=n)
    if grof > schaal and zonder_effect:
        grove_nul = uitkomsten[n]
        effectruns: dict[str, dict[float, Effectrun]] = {
            s.naam: {0.0: (x, grove_nul)} for s, x in zip(scenarios[1:], uitkomsten[n + 1:])}
        return Vergelijking(uitkomsten[0], uitkomsten[1:n], parameters, effectruns)
    effectruns = {s.naam: {0.0: x} for s, x in zip(scenarios[1:], uitkomsten[n:])}
    v = Vergelijking(uitkomsten[0], uitkomsten[1:n], parameters, effectruns)
    if break_even:  # tweede ronde: een run dicht bij het nulpunt, voor een nauwkeurige interpolatie
        schattingen = break_even_schaal(v.nul, v.alternatieven, v.parameters, v.effectruns)
        # niet opnieuw waar al een run ligt: zonder effect en op de effectschaal van het scenario zelf
        extra = [EFFECTSCHAAL.op(s, schattingen[s.naam]) for s in scenarios[1:]
                 if np.isfinite(schattingen[s.naam]) and 0 < schattingen[s.naam] <= 5
                 and schattingen[s.naam] != s.effect_schaal]
        for s, uitkomst in zip(extra, _draai_alle(extra, jaren, seed, schaal, parameters, voortgang, u)):
            effectruns[s.naam][s.effect_schaal] = uitkomst
    return v


def _draai_alle(runs: list[Scenario], jaren: int, seed: int, schaal: int | list[int], parameters: Parameters,
                voortgang: bool, uitvoerder: Uitvoerder, uitsplitsing: int = 0) -> list[Uitkomst]:
    """Alle runs op de uitvoerder, in de volgorde van `runs`; de eerste `uitsplitsing` met tellingen per regio
    en groep. `schaal`: één voor alle runs, of een per run."""
    schalen = list(schaal) if isinstance(schaal, list) else [schaal] * len(runs)
    if uitvoerder.werkers > 1 and len(runs) > 1 and schalen[0] <= 2:
        # grote populaties: één keer opwarmen, de processen lezen het van schijf
        zorg_voor(runs[0], zaad=seed, schaal=schalen[0], parameters=parameters)
    run = partial(_simuleer, jaren=jaren, seed=seed, parameters=parameters)
    taken = [(s, i < uitsplitsing, k) for i, (s, k) in enumerate(zip(runs, schalen))]
    balk = tqdm(total=len(taken), desc="scenario's", unit="run", disable=None if voortgang else True)
    uitkomsten: dict[int, Uitkomst] = {}
    for i, u in uitvoerder.stroom(run, taken):
        uitkomsten[i] = u
        balk.update(1)
    balk.close()
    return [uitkomsten[i] for i in range(len(taken))]


def _simuleer(taak: tuple[Scenario, bool, int], **instellingen) -> Uitkomst:
    """Eén run van een taak (scenario, met uitsplitsing, schaal): de taak van _draai_alle voor een uitvoerder."""
    scenario, uitsplitsing, schaal = taak
    return simuleer(scenario, uitsplitsing=uitsplitsing, schaal=schaal, **instellingen)


def populatieruis(v: Vergelijking, trekkingen: int = 8, ruisschaal: int | None = None, werkers: int | None = None,
                  voortgang: bool = False, uitvoerder: Uitvoerder | None = None, *, prijsjaar: int | None = None,
                  discontovoet: float | None = None, levensloop: bool = True) -> pd.DataFrame:
    """Hoeveel de uitkomsten van vergelijking `v` van de synthetische populatie afhangen.

    Dezelfde vergelijking met `trekkingen` andere zaden (seed + 1, seed + 2, ...) op `ruisschaal` (standaard de
    schaal van `v`, minstens 20: goedkoop); de standaardafwijking over die trekkingen, omgerekend naar de schaal van
    `v` met de wortel van schaal / ruisschaal (de ruis in een som over N / schaal rijen van gewicht schaal groeit
    met de wortel van de schaal; getest). Per alternatief en uitkomst: de waarde van `v`, de standaardafwijking
    en het 95%-interval (waarde ± t sd, met t het 97,5%-kwantiel van Student's t met trekkingen - 1 vrijheidsgraden:
    de standaardafwijking is geschat uit zo weinig trekkingen). Prijsjaar, discontovoet en levensloop zoals in de
    MKBA van `v` (mkba.bereken). De runs gaan over `uitvoerder` (standaard: `werkers` processen)."""
    mkba_opties = {"prijsjaar": prijsjaar, "discontovoet": discontovoet, "levensloop": levensloop}
    nul = v.nul
    ruisschaal = ruisschaal or max(nul.schaal, 20)
    p = v.parameters
    scenarios = [nul.scenario] + [a.scenario for a in v.alternatieven]
    waarden: dict[str, list[dict]] = {a.naam: [] for a in v.alternatieven}
    u = uitvoerder if uitvoerder is not None else kies_uitvoerder(None, werkers)
    try:
        for k in range(1, trekkingen + 1):
            uitkomsten = _draai_alle(scenarios, nul.jaren, nul.seed + k, ruisschaal, p, voortgang, u)
            for alt in uitkomsten[1:]:
                waarden[alt.naam].append({**ncw_uitkomsten(uitkomsten[0], alt, p, **mkba_opties),
                                          **effectuitkomsten(uitkomsten[0], alt, p)})
    finally:
        if uitvoerder is None:
            u.sluit()
    factor = np.sqrt(nul.schaal / ruisschaal)
    eigen = {a.naam: {**ncw_uitkomsten(nul, a, p, **mkba_opties), **effectuitkomsten(nul, a, p)}
             for a in v.alternatieven}
    kwantiel = float(stats.t.ppf(0.975, trekkingen - 1))
    rijen = []
    for naam, trekking in waarden.items():
        for u in RUIS_UITKOMSTEN:
            sd = float(np.std([w[u] for w in trekking], ddof=1)) * factor
            rijen.append({"scenario": naam, "uitkomst": u, "waarde": eigen[naam][u], "sd_populatieruis": sd,
                          "laag": eigen[naam][u] - kwantiel * sd, "hoog": eigen[naam][u] + kwantiel * sd,
                          "t_kwantiel": kwantiel,
                          "trekkingen": trekkingen, "ruisschaal": ruisschaal, "schaal": nul.schaal})
    return pd.DataFrame(rijen)
