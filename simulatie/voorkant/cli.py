"""De opdracht `jongeren`: runs, vergelijkingen, kalibratie en gevoeligheidsanalyse vanaf de opdrachtregel.

Fouten in de invoer geven één Nederlandse alinea en afsluitcode 2, zonder traceback, en er wordt dan
niets in de uitvoermap geschreven: alle invoer (scenario's, parameters, opties, de uitvoermap zelf) wordt
gecontroleerd vóór het rekenen.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import os
import re
import shutil
import signal
import socket
import threading
import subprocess
import sys
from pathlib import Path

import numpy as np

from simulatie.experimenten.uitvoering import DASK_HULP, controleer_dask, kies_uitvoerder
from simulatie.experimenten.woordenschat import PRIORS
from simulatie.gedeeld import codes as c
from simulatie.gedeeld.fouten import InvoerFout
from simulatie.gedeeld.grenzen import (MAX_GEVALLEN, MAX_ITERATIES, MAX_JAREN, MAX_KALIBRATIESCHAAL, MAX_N,
                                       MAX_RUIS_TREKKINGEN, MAX_SCHAAL, MAX_SEED, MAX_WERKERS, PADREGELS, te_lang_pad)
from simulatie.gedeeld.opmaak import getal, kort, mln, nl
from simulatie.gedeeld.uitvoer import Stopwatch, atomair, herkomst, schrijf_json, slot, uitvoermap, uitvoerpad
from simulatie.gedeeld.versie import __version__
from simulatie.invoer.parameters import laad_parameters
from simulatie.invoer.scenario import controleer_zelfde_looptijd, laad_scenario

# Het model, de experimenten en de rapportage (numba, Mesa, SALib, matplotlib) worden pas in de opdracht zelf
# geïmporteerd. Niet om --help te versnellen, maar voor de werkers: Mesa zet multiprocessing op 'spawn', en een
# gespawnd proces importeert de hoofdmodule (deze CLI) opnieuw. Alles bovenaan maakte elke werker zwaarder: de
# hoofdtaak (vergelijk nulalternatief wet) kostte zo meetbaar meer rekentijd (gepaard gemeten met farm-bench).

# De grenzen van de opties staan in simulatie/gedeeld/grenzen.py.


class _Parser(argparse.ArgumentParser):
    """argparse met Nederlandse foutmeldingen en afsluitcode 2."""

    def error(self, message: str):  # noqa: D102
        vertaald = (message.replace("the following arguments are required", "deze argumenten ontbreken")
                    .replace("unrecognized arguments", "onbekende argumenten")
                    .replace("invalid choice", "ongeldige keuze").replace("choose from", "kies uit")
                    .replace("argument ", "optie ").replace("expected one argument", "verwacht één waarde"))
        vertaald = re.sub(r"\S{61,}", lambda m: kort(m.group()), vertaald)  # een waarde van honderden tekens
        self.exit(2, f"Fout in de opdracht '{self.prog}': {vertaald}.\nZie '{self.prog} --help'.\n")


def _geheel(naam: str, minimum: int, maximum: int | None = None, waarom: str = "", opmaak=getal):
    """Een argparse-type voor een geheel getal van `minimum` tot en met `maximum`; de melding geeft het bereik in
    Nederlandse notatie (`opmaak`; een poort of jaartal zonder punten) en toont een reuzengetal ingekort."""
    bereik = (f"{naam} >= {opmaak(minimum)}" if maximum is None
              else f"{naam} van {opmaak(minimum)} tot en met {opmaak(maximum)}{waarom}")

    def lees(tekst: str) -> int:
        cijfers = tekst.strip().lstrip("+-")
        if cijfers.isdigit() and len(cijfers) > 30:  # int() weigert er meer dan 4.300; groot is het al lang
            soort = "te klein" if tekst.strip().startswith("-") else "te groot"
            raise argparse.ArgumentTypeError(f"{kort(tekst)} is {soort} (toegestaan: {bereik})")
        try:
            waarde = int(tekst)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{kort(tekst)}' is geen geheel getal (toegestaan: {bereik})") from None
        if waarde < minimum:
            raise argparse.ArgumentTypeError(f"{kort(tekst)} is te klein (toegestaan: {bereik})")
        if maximum is not None and waarde > maximum:
            raise argparse.ArgumentTypeError(f"{kort(tekst)} is te groot (toegestaan: {bereik})")
        return waarde
    return lees


def _map(tekst: str) -> Path:
    if not tekst.strip():
        raise argparse.ArgumentTypeError("een lege naam is geen map (toegestaan: een nieuwe of lege map, "
                                         "bijvoorbeeld resultaten/mijn_run)")
    waarom = te_lang_pad(tekst)
    if waarom:  # vóór elke toegang tot het bestandssysteem: anders een OSError 'File name too long'
        raise argparse.ArgumentTypeError(f"'{kort(tekst)}' is te lang voor een map: {waarom} (toegestaan: "
                                         f"{PADREGELS})")
    return Path(tekst)


_JAREN = _geheel("jaren", 1, MAX_JAREN)
_SCHAAL = _geheel("schaal", 1, MAX_SCHAAL, f"; bij {getal(MAX_SCHAAL)} telt het land nog ruim 900 rijen")
_SEED = _geheel("seed", 0, MAX_SEED)
_WERKERS = _geheel("werkers", 1, MAX_WERKERS)


def _fractie(naam: str):
    def lees(tekst: str) -> float:
        try:
            waarde = float(tekst.replace(",", "."))
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{kort(tekst)}' is geen getal (toegestaan: {naam} tussen 0 en "
                                             f"0,2)") from None
        if not 0 <= waarde <= 0.2:
            raise argparse.ArgumentTypeError(f"{waarde} ligt buiten het bereik (toegestaan: {naam} tussen 0 en 0,2)")
        return waarde
    return lees


def _gemeenschappelijk(p: argparse.ArgumentParser, uit: str) -> None:
    p.add_argument("--jaren", type=_JAREN, default=None,
                   help=f"aantal jaren te simuleren, 1 tot en met {MAX_JAREN} "
                        "(standaard: looptijd.jaren uit het scenario)")
    p.add_argument("--seed", type=_SEED, default=0,
                   help=f"zaad voor het toeval, 0 tot en met {getal(MAX_SEED)} (standaard 0)")
    p.add_argument("--schaal", type=_SCHAAL, default=1,
                   help=f"hoeveel jongeren één rij is, 1 tot en met {getal(MAX_SCHAAL)} (1 = volledige populatie, "
                        "standaard)")
    p.add_argument("--uit", type=_map, default=None,
                   help=f"uitvoermap (standaard {uit}); moet nieuw of leeg zijn, tenzij --overschrijf")
    p.add_argument("--overschrijf", action="store_true",
                   help="vervang de bestanden van een vorige run in de uitvoermap (andere bestanden blijven staan)")


def maak_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="jongeren", description=(
        "Simulatie en MKBA van de wet Van school naar duurzaam werk. "
        "Scenario's zijn TOML-bestanden in scenario's/ (of een naam daaruit)."))
    sub = parser.add_subparsers(dest="opdracht", required=True, parser_class=_Parser, metavar="OPDRACHT")

    run = sub.add_parser("run", help="één scenario simuleren", description="Simuleer één scenario.")
    run.add_argument("scenario", help="scenariobestand of naam uit scenario's/")
    _gemeenschappelijk(run, "resultaten/<scenario>")
    run.set_defaults(functie=_run)

    verg = sub.add_parser("vergelijk", help="scenario's vergelijken met het nulalternatief, met MKBA",
                          description="Vergelijk een of meer alternatieven met het nulalternatief (zelfde seed: "
                                      "gemeenschappelijke toevalsgetallen) en maak de MKBA.")
    verg.add_argument("nulalternatief", help="het nulalternatief (scenariobestand of naam)")
    verg.add_argument("alternatieven", nargs="+", help="een of meer projectalternatieven")
    _gemeenschappelijk(verg, "resultaten/vergelijking")
    verg.add_argument("--prijsjaar", type=_geheel("prijsjaar", 2000, opmaak=str), default=None,
                      help="prijspeil van de MKBA (standaard uit prijzen.yaml: 2026)")
    verg.add_argument("--discontovoet", type=_fractie("discontovoet"), default=None,
                      help="reële discontovoet (standaard 0,0225 uit prijzen.yaml)")
    verg.add_argument("--zonder-levensloop", action="store_true",
                      help="zonder de levensloop na het 27e jaar (de voortzetting tot de AOW-leeftijd); de "
                           "uitloop tot 27 blijft")
    verg.add_argument("--zonder-break-even", action="store_true",
                      help="sla de extra run zonder effect over (sneller; geen break-even-effect)")
    verg.add_argument("--zonder-jaarbalans", action="store_true",
                      help="sla de runs met één beleidsjaar minder over (sneller; geen jaarlijkse balans van het "
                           "structurele beleid)")
    verg.add_argument("--ruis-trekkingen", type=_geheel("ruis-trekkingen", 0, MAX_RUIS_TREKKINGEN), default=8,
                      help="zoveel andere populaties voor het interval van de populatieruis (standaard 8; 0: geen; "
                           f"hoogstens {getal(MAX_RUIS_TREKKINGEN)})")
    verg.add_argument("--werkers", type=_WERKERS, default=None,
                      help=f"aantal parallelle processen, 1 tot en met {MAX_WERKERS} (standaard: alle kernen)")
    verg.add_argument("--dask", default=None, metavar="ADRES|lokaal", help=DASK_HULP)
    verg.set_defaults(functie=_vergelijk)

    gev = sub.add_parser("gevoeligheid", help="gevoeligheids- en onzekerheidsanalyse (Sobol, Morris, PSA)",
                         description="Varieer de onzekere parameters (met een verdeling) en analyseer de "
                                     "uitkomsten van ALTERNATIEF tegen het nulalternatief. Hervat vanzelf als "
                                     "dezelfde opdracht opnieuw draait.")
    gev.add_argument("alternatief", help="het projectalternatief (scenariobestand of naam)")
    gev.add_argument("--nul", default="nulalternatief", help="het nulalternatief (standaard: nulalternatief)")
    gev.add_argument("--methode", choices=("sobol", "morris", "psa"), required=True)
    gev.add_argument("--n", type=_geheel("n", 2, MAX_N), required=True,
                     help=f"steekproefgrootte, 2 tot en met {getal(MAX_N)} (Sobol: macht van 2; gevallen = n x "
                          f"(parameters + 2), hoogstens {getal(MAX_GEVALLEN)})")
    gev.add_argument("--schaal", type=_SCHAAL, default=50,
                     help=f"jongeren per rij, 1 tot en met {getal(MAX_SCHAAL)} (standaard 50)")
    gev.add_argument("--jaren", type=_JAREN, default=10,
                     help=f"horizon in jaren, 1 tot en met {MAX_JAREN} (standaard 10)")
    gev.add_argument("--seed", type=_SEED, default=0,
                     help=f"zaad van de analyse, 0 tot en met {getal(MAX_SEED)} (standaard 0)")
    gev.add_argument("--dask", default=None, metavar="ADRES|lokaal", help=DASK_HULP)
    gev.add_argument("--werkers", type=_WERKERS, default=None,
                     help=f"aantal processen, 1 tot en met {MAX_WERKERS} (standaard: alle kernen)")
    gev.add_argument("--parameters", default=None,
                     help="komma-gescheiden namen of patronen van onzekere parameters (standaard: de vaste set)")
    gev.add_argument("--priors", choices=PRIORS, default="bewijs",
                     help="verdelingen van de effecten: uit het bewijs (standaard; bewijs.yaml), overal de "
                          "sceptische regel, of de aangenomen bandbreedtes van beleid.yaml")
    gev.add_argument("--opnieuw", action="store_true",
                     help="gooi de opgeslagen gevallen en resultaten van een eerdere analyse in de uitvoermap weg")
    gev.add_argument("--uit", type=_map, default=None,
                     help="uitvoermap (standaard resultaten/gevoeligheid_<methode>); "
                          "nieuw, leeg of van dezelfde analyse")
    gev.set_defaults(functie=_gevoeligheid)

    ver = sub.add_parser("verken", help="de verkenner: hefbomen verschuiven en de vergelijking zien, in de browser",
                         description="Start een lokale webpagina (Solara) om een scenario te kiezen of zijn hefbomen "
                                     "te veranderen en het tegen het nulalternatief te zien. Werkt zonder internet.")
    ver.add_argument("--poort", type=_geheel("poort", 1024, 65535, opmaak=str), default=8765,
                     help="poort, 1024 tot en met 65535 (standaard 8765)")
    ver.add_argument("--schaal", type=_SCHAAL, default=50,
                     help=f"jongeren per rij op de pagina, 1 tot en met {getal(MAX_SCHAAL)} (standaard 50: binnen "
                          "seconden)")
    ver.set_defaults(functie=_verken)

    kal = sub.add_parser("kalibreer", help="de overgangsparameters fitten op de gepubliceerde cijfers",
                         description="Fit de vrije parameters op kalibratie/doelen.csv en schrijf "
                                     "kalibratie/gekalibreerd.yaml (die het model standaard gebruikt) met een "
                                     "fitrapport. Een afgebroken kalibratie hervat vanzelf.")
    kal.add_argument("--schaal", type=_geheel("schaal", 1, MAX_KALIBRATIESCHAAL,
                                               "; grover laat doelgroepen van de fit leeg"), default=5,
                     help=f"jongeren per rij, 1 tot en met {MAX_KALIBRATIESCHAAL} (standaard 5)")
    kal.add_argument("--seed", type=_SEED, default=0,
                     help=f"zaad van de fit, 0 tot en met {getal(MAX_SEED)} (standaard 0)")
    kal.add_argument("--max-iteraties", type=_geheel("max-iteraties", 1, MAX_ITERATIES), default=20,
                     help=f"hoogstens zoveel evaluaties van de doelfunctie, 1 tot en met {getal(MAX_ITERATIES)} "
                          "(standaard 20)")
    kal.add_argument("--werkers", type=_WERKERS, default=None,
                     help=f"processen, 1 tot en met {MAX_WERKERS} (standaard: alle kernen)")
    kal.add_argument("--dask", default=None, metavar="ADRES|lokaal", help=DASK_HULP)
    kal.add_argument("--zonder-volle-schaal", action="store_true",
                     help="sla de controle van de gefitte waarden op schaal 1 over")
    kal.add_argument("--opnieuw", action="store_true", help="begin opnieuw in plaats van te hervatten")
    kal.add_argument("--uit", type=_map, default=None, help="map voor het rapport (standaard kalibratie/)")
    kal.set_defaults(functie=_kalibreer)
    return parser


class _Beeindigd(KeyboardInterrupt):
    """SIGTERM (een batchplanner, een time-out van CI, kill): net als Ctrl-C, zodat de opdracht opruimt."""


def _bij_sigterm(nummer, frame) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # één keer: een tweede SIGTERM onderbreekt het opruimen niet
    raise _Beeindigd


def main(argv: list[str] | None = None) -> int:
    parser = maak_parser()
    args = parser.parse_args(argv)
    hoofddraad = threading.current_thread() is threading.main_thread()
    vorige = signal.signal(signal.SIGTERM, _bij_sigterm) if hoofddraad else None
    try:
        return args.functie(args) or 0
    except InvoerFout as fout:
        print(f"Fout: {fout.tekst()}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as onderbreking:
        melding = getattr(args, "onderbroken", None)  # een opdracht die onderweg bewaart, zegt zelf wat er staat
        print(melding() if melding else "Onderbroken; er is niets naar de uitvoermap geschreven.", file=sys.stderr)
        return 128 + signal.SIGTERM if isinstance(onderbreking, _Beeindigd) else 130
    finally:
        if hoofddraad:
            signal.signal(signal.SIGTERM, vorige if vorige is not None else signal.SIG_DFL)


# ------------------------------------------------------------------------------------ opdrachten

def _run(args) -> int:
    from simulatie.rapportage.figuren import bewaar, toestanden_over_tijd
    from simulatie.kern.model import JongerenModel

    scenario = laad_scenario(args.scenario)
    parameters = laad_parameters()
    jaren = args.jaren or scenario.looptijd.jaren
    doel = args.uit or Path("resultaten") / scenario.naam
    klok = Stopwatch()
    with uitvoermap(doel, overschrijf=args.overschrijf, opdracht="run") as map_:
        print(f"Scenario '{scenario.naam}': {jaren} jaar vanaf {scenario.looptijd.start}, "
              f"schaal {args.schaal}, seed {args.seed}.", flush=True)
        model = JongerenModel(scenario, seed=args.seed, schaal=args.schaal, parameters=parameters)
        print(f"Populatie gebouwd: {getal(len(model.populatie))} rijen "
              f"({getal(len(model.populatie) * args.schaal)} jongeren).", flush=True)
        model.run_for(12 * jaren, voortgang=True)
        cijfers = model.maandcijfers()
        cijfers.to_parquet(map_ / "maandcijfers.parquet", index=False)
        bewaar(toestanden_over_tijd(cijfers, f"{scenario.naam}: jongeren naar toestand"), map_ / "toestanden")
        schrijf_json(map_ / "herkomst.json", herkomst(
            opdracht="run", scenario=scenario.als_dict(), scenariobestand=scenario.bestand, seed=args.seed,
            schaal=args.schaal, jaren=jaren, looptijd_seconden=round(klok.seconden, 2),
            parameters=model.parameters.als_dict(), parameterbronnen=list(model.parameters.herkomst),
            versie_model=__version__))
    print(_samenvatting(cijfers, jaren))
    print(f"Klaar in {nl(klok.seconden)} s. Geschreven naar {doel}/: maandcijfers.parquet, herkomst.json, "
          f"toestanden.png/.svg")
    return 0


def _vergelijk(args) -> int:
    from simulatie.rapportage.rapport import schrijf_vergelijking
    from simulatie.experimenten.vergelijking import populatieruis, vergelijk

    if args.ruis_trekkingen == 1:
        raise InvoerFout("Met één trekking is er geen spreiding te meten.", veld="--ruis-trekkingen",
                         toegestaan="0 (geen interval) of 2 of meer")
    scenarios = [laad_scenario(s) for s in (args.nulalternatief, *args.alternatieven)]
    controleer_zelfde_looptijd(scenarios[0], scenarios[1:], jaren_vast=args.jaren is not None)
    parameters = laad_parameters()
    if args.prijsjaar is not None:
        parameters.prijsindex(args.prijsjaar)  # onbekend prijsjaar: fout vóór het rekenen
    jaren = args.jaren or scenarios[0].looptijd.jaren
    doel = args.uit or Path("resultaten") / "vergelijking"
    controleer_dask(args.dask)  # een fout adres: melding vóór er iets geschreven is
    klok = Stopwatch()
    # zonder --dask kiest vergelijk zelf (zoveel processen als er runs zijn, hooguit --werkers)
    uitvoerder = kies_uitvoerder(args.dask, args.werkers) if args.dask else None
    with uitvoermap(doel, overschrijf=args.overschrijf, opdracht="vergelijk") as map_:
        print(f"Vergelijking met '{scenarios[0].naam}': {', '.join(s.naam for s in scenarios[1:])}; "
              f"{jaren} jaar, schaal {args.schaal}, seed {args.seed}.", flush=True)
        try:
            v = vergelijk(*scenarios, jaren=jaren, seed=args.seed, schaal=args.schaal, parameters=parameters,
                          break_even=not args.zonder_break_even, structureel=not args.zonder_jaarbalans,
                          werkers=args.werkers, uitvoerder=uitvoerder)
            ruis = None
            if args.ruis_trekkingen >= 2:
                print(f"Populatieruis: dezelfde vergelijking op {args.ruis_trekkingen} andere populaties...",
                      flush=True)
                ruis = populatieruis(v, args.ruis_trekkingen, werkers=args.werkers, uitvoerder=uitvoerder,
                                     prijsjaar=args.prijsjaar, discontovoet=args.discontovoet,
                                     levensloop=not args.zonder_levensloop)
        finally:
            if uitvoerder is not None:
                uitvoerder.sluit()
        resultaat = v.mkba(prijsjaar=args.prijsjaar, discontovoet=args.discontovoet,
                           levensloop=not args.zonder_levensloop)
        effecten, figuren = schrijf_vergelijking(map_, v, resultaat, ruis)
        schrijf_json(map_ / "herkomst.json", herkomst(
            opdracht="vergelijk", scenarios=[s.als_dict() for s in scenarios],
            scenariobestanden=[s.bestand for s in scenarios], seed=args.seed, schaal=args.schaal, jaren=jaren,
            prijsjaar=resultaat.prijsjaar, discontovoet=resultaat.discontovoet, levensloop=resultaat.levensloop,
            looptijd_seconden=round(klok.seconden, 2), parameters=v.parameters.als_dict(),
            parameterbronnen=list(v.parameters.herkomst), figuren=figuren))
    print(_vergelijkingstabel(effecten, resultaat, scenarios[0].naam, ruis))
    print(f"Klaar in {nl(klok.seconden)} s. Geschreven naar {doel}/: effecten.csv, regio.csv, doelgroepen.csv, "
          f"groepen.csv, mkba.csv, mkba.md, kasritme.csv, kasboek.parquet{', ruis.csv' if ruis is not None else ''}, "
          f"figuren en herkomst.json.")
    return 0


def _gevoeligheid(args) -> int:
    from simulatie.experimenten.gevoeligheid import (analyseer, onderbroken_melding, opgeslagen_gevallen,
                                                     rangorde_zeker, top_drivers)

    alt, nul = laad_scenario(args.alternatief), laad_scenario(args.nul)
    patronen = tuple(x.strip() for x in args.parameters.split(",") if x.strip()) if args.parameters else None
    doel = uitvoerpad(args.uit or Path("resultaten") / f"gevoeligheid_{args.methode}")
    controleer_dask(args.dask)  # een fout adres: melding vóór er iets geschreven is
    args.onderbroken = lambda: onderbroken_melding(doel)
    klok = Stopwatch()
    print(f"Gevoeligheid ({args.methode}, n = {args.n}) van '{alt.naam}' tegen '{nul.naam}': schaal {args.schaal}, "
          f"{args.jaren} jaar, seed {args.seed}.", flush=True)
    with slot(doel):
        nieuw = not doel.exists()
        try:
            t = analyseer(args.methode, alt, nul, args.n, doel, schaal=args.schaal, jaren=args.jaren, seed=args.seed,
                          dask=args.dask, werkers=args.werkers, patronen=patronen, opnieuw=args.opnieuw,
                          priors=args.priors)
            with atomair(doel / "herkomst.json") as tijdelijk:
                schrijf_json(tijdelijk, herkomst(
                    opdracht="gevoeligheid", methode=args.methode, n=args.n, alternatief=alt.als_dict(),
                    nul=nul.als_dict(), seed=args.seed, schaal=args.schaal, jaren=args.jaren,
                    parameters=patronen or "standaard", priors=args.priors, looptijd_seconden=round(klok.seconden, 2)))
        except BaseException:
            if nieuw and opgeslagen_gevallen(doel) == 0:  # niets bewaard dat een hervatting zou gebruiken
                shutil.rmtree(doel, ignore_errors=True)
            raise
    if args.methode == "sobol":
        top = top_drivers(t["sobol"]).merge(t["sobol_rangorde"], on=["uitkomst", "parameter", "ST"])
        print("Belangrijkste drijvers van de NCW voor de maatschappij (totale Sobol-index ± 95%-interval; "
              "rang met 95%-interval uit de gepaarde bootstrap):")
        for _, r in top.iterrows():
            rang = f"{r.rang_laag}" if r.rang_laag == r.rang_hoog else f"{r.rang_laag}-{r.rang_hoog}"
            print(f"  {r.rang}. {r.parameter:<48} ST = {nl(r.ST, 3)} ± {nl(r.ST_conf, 3)}   rang {rang:<5} "
                  f"kans in top 5: {r.kans_top5:.0%}")
        zeker = rangorde_zeker(t["sobol_rangorde"])
        if zeker["volgorde"]:
            print("  De top 5 en hun volgorde zijn zeker (elk met >= 95% boven de volgende).")
        elif zeker["top"]:
            print("  De top 5 als groep is zeker; binnen de top 5 is de volgorde niet overal zeker "
                  "(zie rang en sobol_rangorde.csv). Een grotere --n maakt haar zekerder.")
        else:
            print("  Let op: de top 5 is nog niet zeker; een grotere --n maakt de rangorde zekerder.")
    elif args.methode == "morris":
        m = t["morris"]
        top = m[m.uitkomst == "ncw_maatschappij"].nlargest(5, "mu_star")
        print("Belangrijkste drijvers (Morris mu*, NCW maatschappij, miljoen euro):")
        for i, (_, r) in enumerate(top.iterrows()):
            print(f"  {i + 1}. {r.parameter:<48} mu* = {mln(r.mu_star)}")
    else:
        s = t["psa_samenvatting"].set_index("uitkomst")
        r = s.loc["ncw_maatschappij"]
        print(f"NCW maatschappij: gemiddeld {mln(r.gemiddelde)} mln (90%: {mln(r.p5)} tot "
              f"{mln(r.p95)}); kans op NCW > 0: {r.kans_positief:.0%}.")
        for u in ("ncw_rijk_ocw", "ncw_rijk_szw", "ncw_rijk_financien", "ncw_uwv", "ncw_gemeenten", "ncw_jongeren"):
            print(f"  kans op voordeel voor {u.removeprefix('ncw_')}: {s.loc[u, 'kans_positief']:.0%}")
        print(f"  aandeel populatieruis in de spreiding: {r.aandeel_populatieruis:.0%}"
              + ("" if r.aandeel_populatieruis < 0.1 else " (meer dan 10%: kies een kleinere --schaal)"))
        print("Grootste invloed (tornado): " + ", ".join(t["tornado"].parameter.head(5)))
        e = t["evpi"]
        if e.evppi.notna().any():
            groepen = e[e.parameter.str.startswith("(groep)")].sort_values("evppi", ascending=False)
            print(f"Waarde van volledige informatie (EVPI): {mln(e.evpi.iloc[0])} mln; per groep (EVPPI): "
                  + ", ".join(f"{g.groep} {mln(g.evppi)}" for g in groepen.itertuples()) + " (evpi.csv).")
            for proef, v in t["evsi"].groupby("proef", sort=False):
                print(f"Een proef '{proef}' is waard (EVSI, evsi.csv): "
                      + ", ".join(f"{r.deelnemers_per_arm} per arm {mln(r.evsi)} mln (kost {mln(r.kosten_proef)})"
                                  for r in v.itertuples()))
        else:
            print("Te weinig trekkingen voor de waarde van informatie en PRIM (minstens 50; evpi.csv heeft NaN).")
    print(f"Klaar in {nl(klok.seconden)} s. Geschreven naar {doel}/.")
    return 0


_POORTFOUTEN = {errno.EADDRINUSE: "is al in gebruik", errno.EACCES: "mag dit proces niet gebruiken (geen rechten)",
                errno.EADDRNOTAVAIL: "is op 127.0.0.1 niet beschikbaar"}


def _controleer_poort(poort: int) -> None:
    """Bind de poort zelf, vóór de verkenner zegt waar hij draait: kan de server hem niet binden (een ander proces
    luistert erop of heeft hem alleen gebonden, geen rechten), dan een Nederlandse fout met code 2 in plaats van
    de aankondiging gevolgd door 'address already in use' van de server."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # zoals de server: een poort in TIME_WAIT is vrij
        try:
            s.bind(("127.0.0.1", poort))
        except OSError as fout:
            reden = _POORTFOUTEN.get(fout.errno, f"kan niet worden gebruikt ({fout.strerror or fout})")
            raise InvoerFout(f"Poort {poort} {reden}.", veld="--poort",
                             toegestaan="een vrije poort van 1024 tot en met 65535") from None


def _verken(args) -> int:
    _controleer_poort(args.poort)
    omgeving = {**os.environ, "JONGEREN_VERKEN_SCHAAL": str(args.schaal),
                # geen verbinding naar buiten: geen telemetrie, geen CDN (solara-assets levert de bestanden)
                "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False", "SOLARA_ASSETS_PROXY": "True",
                # een Engelse waarschuwing over cookies op http://127.0.0.1 zegt de gebruiker niets
                "PYTHONWARNINGS": "ignore::UserWarning:solara.server.starlette"}
    print(f"De verkenner draait op http://127.0.0.1:{args.poort}/ (schaal {args.schaal}); stoppen met Ctrl-C.",
          flush=True)
    opdracht = [sys.executable, "-m", "solara", "run", "simulatie.voorkant.verkenner", "--port", str(args.poort),
                "--host", "127.0.0.1", "--no-open", "--production", "--no-check-version", "--log-level", "warning"]
    if hasattr(os, "execve"):  # de server wordt dit proces: stoppen (Ctrl-C, kill) stopt hem, geen wees
        os.execve(sys.executable, opdracht, omgeving)
    return subprocess.call(opdracht, env=omgeving)


def _kalibreer(args) -> int:
    from simulatie.rapportage.figuren import bewaar
    from simulatie.experimenten.kalibratie import (MAP, figuur_fit, fit_tabel, identificatie, kalibreer, populatietabel,
                                      rapport_markdown, schrijf_gekalibreerd, toetsen)
    from simulatie.kern.model import JongerenModel

    doel = uitvoerpad(args.uit or MAP)
    controleer_dask(args.dask)  # een fout adres: melding vóór er iets geschreven is
    klok = Stopwatch()
    # het slot vóór het rekenen: een tweede kalibratie in deze map stopt meteen. kalibratie/ bevat ook de doelen:
    # alleen de eigen bestanden van een vorige kalibratie gaan weg, en de uitvoer van een andere opdracht weigert zij
    with uitvoermap(doel, overschrijf=True, opdracht="kalibreer", naast_invoer=True, vervangt=("kalibreer",)) as map_:
        voortgang = doel / ".voortgang.jsonl"  # één regel per gerekend punt: volgen met tail -f, hervatten
        if voortgang.is_dir():  # ook niet met --opnieuw: een map van iemand anders gaat niet weg
            raise InvoerFout("Op de plaats van het voortgangsbestand staat een map.", bestand=voortgang,
                             toegestaan="een gewoon bestand dat de kalibratie zelf schreef; haal de map weg of kies "
                                        "een andere --uit")
        if args.opnieuw:
            voortgang.unlink(missing_ok=True)
        print(f"Kalibratie op schaal {args.schaal}, seed {args.seed}; voortgang in {voortgang} "
              f"(afbreken mag: dezelfde opdracht hervat).", flush=True)
        r = kalibreer(seed=args.seed, schaal=args.schaal, max_evaluaties=args.max_iteraties,
                      voortgangsbestand=voortgang, werkers=args.werkers, dask=args.dask)
        k, x = r["kalibratie"], r["x"]
        print("Fit klaar; controle op volle schaal en identificatie...", flush=True)
        fit = fit_tabel(k, x, volledige_schaal=not args.zonder_volle_schaal)
        ident = identificatie(k, x)
        toets = toetsen(k.parameters(x), seed=args.seed, schaal=args.schaal)
        populatie = populatietabel(JongerenModel("nulalternatief", seed=args.seed, schaal=1,
                                                 parameters=k.parameters(x)))
        fit.to_csv(map_ / "fit.csv", index=False)
        ident.to_csv(map_ / "identificatie.csv", index=False)
        toets.to_csv(map_ / "toetsen_uitkomst.csv", index=False)
        bewaar(figuur_fit(fit), map_ / "fit")
        info = {"datum": dt.date.today().isoformat(), "seed": args.seed, "schaal": args.schaal, "runs": len(k.runs),
                "seconden": klok.seconden, "doelfunctie": r["doelfunctie"], "prior": r["prior"], "status": r["status"]}
        (map_ / "rapport.md").write_text(rapport_markdown(fit, ident, toets, info, populatie), encoding="utf-8")
        populatie.to_csv(map_ / "populatie.csv", index=False)
        schrijf_gekalibreerd(map_ / "gekalibreerd.yaml", k, x, r["doelfunctie"], args.seed, args.schaal)
    binnen = int(fit.binnen_tolerantie.sum())
    print(f"{binnen} van de {len(fit)} doelen binnen de tolerantie (doelfunctie {nl(r['doelfunctie'], 2)}).")
    for rij in fit[~fit.binnen_tolerantie].itertuples():
        print(f"  buiten: {rij.doel}/{rij.groep}: model {rij.modelwaarde:.4g}, doel {rij.doelwaarde:.4g} "
              f"(tolerantie {rij.tolerantie:.3g})")
    print(f"Klaar in {nl(klok.seconden / 60)} minuten. Geschreven naar {doel}/: gekalibreerd.yaml, fit.csv, "
          f"rapport.md, fit.png/.svg, identificatie.csv, toetsen_uitkomst.csv.")
    return 0


def _vergelijkingstabel(effecten, resultaat, nul: str, ruis=None) -> str:
    tot = effecten[(effecten.jaar == "totaal") & (effecten.scenario != nul)]
    k = resultaat.kengetallen.set_index("scenario")
    kop = (f"{'scenario':<28}{'vsv (verschil)':>15}{'werk (gem.)':>13}{'begeleid':>10}{'wachtend':>10}{'NCW mln':>10}"
           f"{'± ruis':>9}{'B/K':>6}")
    regels = ["", "Verschil met het nulalternatief over de hele horizon (NCW: maatschappij, contant):", kop]
    for scenario, t in tot.groupby("scenario", sort=False):
        v = t.set_index("indicator")
        w = v.waarde
        bk = k.loc[scenario, "baten_kosten_verhouding"]
        uitkomst = "ncw_maatschappij" if resultaat.levensloop else "ncw_horizon"
        # de halve breedte van het interval zoals populatieruis het berekent (Student's t, niet 1,96)
        rij = ruis[(ruis.scenario == scenario) & (ruis.uitkomst == uitkomst)].iloc[0] if ruis is not None else None
        marge = float(rij.hoog - rij.waarde) if rij is not None else np.nan
        regels.append(f"{scenario:<28}{getal(v.verschil_met_nul.get('nieuwe_vsv', 0)):>15}"
                      f"{getal(v.verschil_met_nul.get('werk', 0)):>13}{getal(w.get('bediend', 0)):>10}"
                      f"{getal(w.get('wachtend', 0)):>10}{mln(k.loc[scenario, 'ncw_maatschappij']):>10}"
                      f"{'' if np.isnan(marge) else mln(marge):>9}{nl(bk, 2):>6}")
    if ruis is not None:
        regels.append("± ruis: 95%-interval van de populatieruis (ruis.csv); de onzekerheid in de aannames geeft "
                      "jongeren gevoeligheid ... --methode psa.")
    return "\n".join(regels)


def _samenvatting(cijfers, jaren: int) -> str:
    tot = cijfers[(cijfers.regio == 0) & (cijfers.schooltype == "alle")]
    aantal = tot[tot.indicator == "aantal"].pivot_table(index="datum", columns="toestand", values="waarde")
    begin, eind = aantal.iloc[0], aantal.iloc[-1]
    regels = [f"{'Toestand':<12}{'eerste maand':>16}{'laatste maand':>16}"]
    for t in c.TOESTANDEN:
        regels.append(f"{t:<12}{getal(begin[t]):>16}{getal(eind[t]):>16}")
    regels.append(f"{'totaal':<12}{getal(begin.sum()):>16}{getal(eind.sum()):>16}")
    stromen = tot[tot.indicator.isin(["nieuwe_vsv", "diploma", "baanstart"])].groupby("indicator").waarde.sum() / jaren
    regels.append(f"Per jaar gemiddeld: {getal(stromen.get('nieuwe_vsv', 0))} nieuwe vsv'ers, "
                  f"{getal(stromen.get('diploma', 0))} diploma's, {getal(stromen.get('baanstart', 0))} baanstarts.")
    return "\n".join(regels)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
