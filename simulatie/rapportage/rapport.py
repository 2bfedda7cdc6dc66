"""Het MKBA-rapport (mkba.md) en de figuren van een vergelijking, in het Nederlands."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, PercentFormatter

from simulatie.rapportage.figuren import A4_BREED, bewaar, duizendtallen, tegelkaart
from simulatie.economie.mkba import (LEVENSLOOP, MAATSCHAPPIJ, NIET_GEWAARDEERD, PARTIJEN, PARTIJNAMEN, POSTEN,
                                     Resultaat, waarde_startkwalificatie)
from simulatie.gedeeld.opmaak import getal, mln, nl, tabel_md
from simulatie.gedeeld import codes as c
from simulatie.invoer.bewijs import priortabel
from simulatie.kern.beleid import gebruikte_effecten


def postnaam(post: str) -> str:
    kaal = post.removeprefix(LEVENSLOOP)
    return ("Levensloop na vertrek: " if post.startswith(LEVENSLOOP) else "") + POSTEN[kaal][2]


def overzicht_tabel(resultaat: Resultaat, scenario: str) -> pd.DataFrame:
    """Kosten en baten per post en partij zoals mkba.md en de verkenner ze tonen: posten zonder verschil weg, de
    posten bij hun Nederlandse naam, een saldo, en elk bedrag als tekst in miljoen euro (Nederlandse notatie)."""
    o = resultaat.overzicht(scenario)
    o = o.loc[(o.abs() > 1e-9).any(axis=1)]  # posten zonder verschil weglaten
    o.index = [postnaam(p) for p in o.index]
    o.loc["Saldo"] = o.sum()
    o = o.map(nl)
    o.index.name = "post (mln euro)"
    return o


# Gepubliceerde waarderingen van een voorkomen vsv'er of een extra startkwalificatie, met waarom het model anders
# uitkomt.
GEPUBLICEERDE_WAARDERINGEN = [
    ("CPB (2018) Waarde van een startkwalificatie op de arbeidsmarkt", "geen bedrag",
     "aandelen met werk en uitkering negen jaar later (49/26% zonder SK, 70/13% met SK, 80/8% mbo-3)",
     "het model gebruikt deze aandelen als niveau op 27 jaar; het CPB waardeert ze niet in euro's en noemt ze "
     "beschrijvend, niet causaal"),
    ("Europees overzicht, Nederlandse studie (Štremfel & Vidmar 2018, tabel 3)",
     "ca. 247.000 euro per voorkomen vsv'er "
     "(afgeleid: 3,7 mld voor 15.000 vsv'ers)", "besparing over vijf jaar: 38% extra belasting, 12% minder "
     "uitkeringen, 1,4% criminaliteit, 0,5% gezondheid",
     "alleen overheidsbaten, prijsjaar en discontovoet onbekend; het model telt ook het nettoloon van de jongere en "
     "trekt verdringing af, en kent geen criminaliteit en gezondheid"),
    ("Wilkens & Cuelenaere (2009), Goed beleid loont, TPEdigitaal 3(3)", "geen bedrag per persoon gevonden",
     "MKBA van de daling van 48.800 naar 35.000 vsv'ers: baten vooral lonen en belastinginkomsten, gezondheid en "
     "criminaliteit klein", "zelfde opbouw als het model (loon en belasting domineren); het bedrag per vsv'er staat in "
     "de resultatensectie, die niet in te zien was"),
    ("Eurofound (via Sociale Vraagstukken)", "4,714 mld euro per jaar voor alle vsv'ers zonder baan",
     "uitkeringen, publieke dienstverlening en gederfde belasting, per jaar",
     "een jaarbedrag voor de hele groep, geen waarde per voorkomen vsv'er; geen productie of nettoloon"),
    ("Brunello & De Paola (2014), IZA Journal of Labor Policy", "33.000 (Ierland) tot 157.000 euro (Estland) per "
     "vsv'er, levenslang", "fiscale en sociale kosten van een vroege schoolverlater per land",
     "geen Nederlands cijfer; andere lonen, belastingdruk en uitkeringen"),
    ("Europese Commissie (via Štremfel & Vidmar 2018)", "100.000 tot 200.000 euro, tot 1,1 miljoen per vsv'er",
     "levenslange kosten", "breed en niet naar land; vergelijk de baten per voorkomen vsv'er hierboven"),
    ("Noorda & Co (2014) De prijs van jeugdwerkloosheid (Amsterdam Nieuw-West)", "38.411 euro per plaatsing in werk "
     "(publieke kosten); 45.600-81.700 euro voor de maatschappij", "bespaarde uitkering, zorg en uitvoering na "
     "plaatsing van een werkloze jongere",
     "een plaatsing is geen extra startkwalificatie: kortere duur, en alleen publieke baten"),
    ("LPBL voor Curio West-Brabant (2021)", "2,80 euro per geïnvesteerde euro", "mbo-onderwijs voor risicogroepen: "
     "uitkeringen, (jeugd)zorg, politie en justitie", "geen bedrag per jongere; andere verhouding dan een NCW"),
    ("CPB Discussion Paper 224 (2012), via NOS", "27 miljoen euro netto voor 2.000 minder vsv'ers per jaar; "
     "afgeleid 58.500 euro bruto per voorkomen vsv'er (prijzen 2012)",
     "intensieve coaching voor alle mbo-2-studenten, baten min kosten",
     "zie de jaarbalans hierboven: dezelfde rekenwijze met de voorkomen vsv'ers en kosten van het model"),
    ("CPB (2011), Onderwijsbeleid in Nederland. De kwantificering van effecten (Van Elk, Lanser & Van "
     "Veldhuizen), par. 4.2.4 Schooluitval", "bedrag niet gevonden in het leesbare deel",
     "productiviteits- en participatie-effect van minder uitval", "vergelijking volgt als de tabel beschikbaar is"),
    ("In 't Veld e.a. (2006), Kosten en baten van voortijdig schoolverlaten (RebelGroup voor OCW)",
     "bedrag per vsv'er niet gevonden in het leesbare deel", "lonen, minder criminaliteit en uitkeringen; "
     "effecten uit expertoordelen", "vergelijking volgt als de tabel beschikbaar is"),
    ("Ecorys (2013), MKBA verlenging kwalificatieplicht (Van Zutphen & Van der Aa)",
     "bedrag per extra SK niet gevonden in het leesbare deel", "baten van een langere kwalificatieplicht",
     "vergelijking volgt als de tabel beschikbaar is"),
]


def waardering_markdown(p, resultaat: Resultaat) -> list[str]:
    """De waarde van één extra startkwalificatie en van één voorkomen vsv'er volgens het model, naast gepubliceerde
    waarderingen."""
    w = waarde_startkwalificatie(p)
    aandeel = p["prijzen.levensloop.causaal_aandeel_sk"]
    regels = ["## Waarde van een startkwalificatie en van een voorkomen vsv'er", "",
              "Het verschil in de levensloop tussen een jongere met en zonder SK vanaf 27 jaar tot de AOW-leeftijd "
              "(beide op het gemiddelde van hun groep), contant gemaakt naar 27 jaar "
              f"({nl(100 * resultaat.discontovoet, 2)}% reëel, prijspeil {resultaat.prijsjaar}), in duizend euro. "
              "Het verschil is beschrijvend; de MKBA telt een ander niveau bij vertrek dat het beleid veroorzaakt "
              f"voor het causale deel ({nl(aandeel, 2)}, `prijzen.levensloop.causaal_aandeel_sk`):", "",
              "| partij | beschrijvend verschil (duizend euro) | causaal deel (duizend euro) |", "|---|---|---|"]
    regels += [f"| {PARTIJNAMEN[k]} | {nl(v / 1e3, 0)} | {nl(aandeel * v / 1e3, 0)} |"
               for k, v in w.items() if abs(v) > 1 or k == MAATSCHAPPIJ]
    regels += ["", "De jaren tot 27 in het model gebruiken de kansen op werk naar SK zoals ze gemeten zijn: daar telt "
               "het hele verschil.", ""]
    regels += _jaarbalans(resultaat)
    regels += ["", "Gepubliceerde waarderingen, en waarom het model anders uitkomt:", "",
               "| bron | waarde | wat | verschil met het model |", "|---|---|---|---|"]
    regels += [f"| {a} | {b} | {c_} | {d} |" for a, b, c_, d in GEPUBLICEERDE_WAARDERINGEN]
    return regels + [""]


def _jaarbalans(resultaat: Resultaat) -> list[str]:
    """Per alternatief: de jaarlijkse balans van het structurele beleid en de waarde per voorkomen vsv'er, naast
    de rekenwijze van CPB Discussion Paper 224 (voorkomen vsv'ers maal 58.500 euro van 2012, min de kosten)."""
    k = resultaat.kengetallen
    regels = ["### Per beleidsjaar en per voorkomen vsv'er", "",
              "Per beleidsjaar: de NCW gedeeld door de contante waarde van één euro per beleidsjaar (de annuïteit): "
              "wat een jaar van het structurele beleid gemiddeld oplevert, gemeten aan het begin van dat jaar, met "
              "alle gevolgen tot de AOW-leeftijd. Zo rapporteert het CPB een structurele maatregel. De CPB-rekenwijze "
              "neemt de voorkomen vsv'ers en de programmakosten van het model en waardeert een voorkomen vsv'er zoals "
              "het CPB bij Discussion Paper 224 (afgeleid: 58.500 euro van 2012, omgerekend naar het prijsjaar); het "
              "CPB kwam zo op 27 miljoen euro netto per jaar (prijzen 2012).", "",
              "| scenario | beleidsjaren | NCW per beleidsjaar (mln) | kosten per beleidsjaar (mln) | baten per "
              "beleidsjaar (mln) | voorkomen vsv'ers per beleidsjaar | baten per voorkomen vsv'er (duizend euro) | "
              "CPB-waarde per voorkomen vsv'er (duizend euro) | netto per beleidsjaar, CPB-rekenwijze (mln) |",
              "|---|---|---|---|---|---|---|---|---|"]
    for r in k.itertuples():
        regels.append(f"| {r.scenario} | {r.beleidsjaren} | {mln(r.ncw_per_beleidsjaar)} | "
                      f"{mln(r.kosten_per_beleidsjaar)} | {mln(r.baten_per_beleidsjaar)} | "
                      f"{getal(r.voorkomen_vsv_per_beleidsjaar)} | {getal(r.baten_per_voorkomen_vsv / 1e3)} | "
                      f"{getal(r.cpb224_baat_per_voorkomen_vsv / 1e3)} | "
                      f"{mln(r.netto_per_beleidsjaar_cpb_rekenwijze)} |")
    regels += ["", "De baten per voorkomen vsv'er zijn alle baten van het alternatief gedeeld door de voorkomen "
               "vsv'ers: bij begeleiding die ook werk of terugkeer bevordert een bovengrens voor één vsv'er.", "",
               "Van de CPB-rekenwijze naar de NCW van het model, per beleidsjaar (mln euro; de regels tellen op):", ""]
    for r in k.itertuples():
        waardering = r.voorkomen_vsv_per_beleidsjaar * (r.baten_per_voorkomen_vsv - r.cpb224_baat_per_voorkomen_vsv)
        overig = r.programmakosten_per_beleidsjaar - r.kosten_per_beleidsjaar
        regels += [f"- **{r.scenario}**: CPB-rekenwijze {mln(r.netto_per_beleidsjaar_cpb_rekenwijze)}; "
                   f"het model waardeert een voorkomen vsv'er op {getal(r.baten_per_voorkomen_vsv / 1e3)} in plaats "
                   f"van {getal(r.cpb224_baat_per_voorkomen_vsv / 1e3)} duizend euro (alle baten, ook van werk en "
                   f"terugkeer, en de SK voor het causale deel): {mln(waardering)}; kosten buiten het programma "
                   f"(een langer verblijf op school): {mln(overig)}; samen de NCW per beleidsjaar "
                   f"{mln(r.ncw_per_beleidsjaar)}."]
    if "structureel_ncw_per_jaar" in k and k.structureel_ncw_per_jaar.notna().any():
        regels += ["", "De jaarlijkse balans van het structurele beleid: de tweede helft van de beleidsjaren apart (N "
                   "jaar beleid tegen de eerste helft, met dezelfde jongeren), per jaar zoals hierboven. Zonder de "
                   "aanloop van de eerste jaren is dat wat een jaar van een wet die al jaren loopt kost, tegen de "
                   "waarde die het over de hele levensloop schept. Onder schaal 20 op schaal 20 berekend; het is een "
                   "verschil van twee runs met dezelfde jongeren, maar met populatieruis (kolom schaal).", "",
                   "| scenario | beleidsjaren | schaal | kosten per jaar (mln) | baten per jaar (mln) | netto per "
                   "jaar (mln) | waarvan programma (mln) | voorkomen vsv'ers per jaar |",
                   "|---|---|---|---|---|---|---|---|"]
        for r in k[k.structureel_ncw_per_jaar.notna()].itertuples():
            regels.append(f"| {r.scenario} | {int(r.structureel_vanaf)} t/m {int(r.structureel_tot)} | "
                          f"{int(r.structureel_schaal)} | {mln(r.structureel_kosten_per_jaar)} | "
                          f"{mln(r.structureel_baten_per_jaar)} | {mln(r.structureel_ncw_per_jaar)} | "
                          f"{mln(r.structureel_programmakosten_per_jaar)} | "
                          f"{getal(r.structureel_voorkomen_vsv_per_jaar)} |")
    coaching = [r for r in k.itertuples() if r.coachingdeelnemers_per_beleidsjaar > 0]
    if coaching:
        regels += ["", "Het CPB telde de voorkomen vsv'ers niet in een model maar als deelnemers maal het verschil in "
                   "uitval na een jaar in het experiment op ROC Rijn IJssel (17% tegen 10%). Dat experiment begon "
                   "bij een hogere uitval dan het model voor dezelfde studenten heeft; met de telling van het CPB en "
                   "zijn waarde per vsv'er:", ""]
        for r in coaching:
            regels.append(
                f"- **{r.scenario}**: {getal(r.coachingdeelnemers_per_beleidsjaar)} deelnemers per beleidsjaar; "
                f"voorkomen vsv'ers volgens het model {getal(r.voorkomen_vsv_per_beleidsjaar)} "
                f"({nl(100 * r.voorkomen_vsv_per_beleidsjaar / r.coachingdeelnemers_per_beleidsjaar, 1)} per 100 "
                f"deelnemers), volgens de telling van het CPB {getal(r.voorkomen_vsv_cpb_telling_per_beleidsjaar)}; "
                f"netto per beleidsjaar met die telling {mln(r.netto_per_beleidsjaar_cpb_telling)} "
                f"(CPB: {mln(r.cpb224_netto_per_jaar)}, 27 mln euro van 2012 in prijzen van het prijsjaar).")
    return regels


def kasritme_markdown(kasritme: pd.DataFrame) -> list[str]:
    """Het kasritme: per partij en jaar de kasstroom (verschil met het nulalternatief, niet contant, miljoen euro)."""
    regels = ["## Kasritme", "", "Per begroting en jaar het verschil met het nulalternatief in miljoen euro van het "
              "prijsjaar, niet contant gemaakt (positief: meer inkomsten of minder uitgaven). De jaren na de horizon "
              "zijn de levensloop van wie het model verliet. Alle jaren staan in `kasritme.csv`.", ""]
    for scenario, t in kasritme.groupby("scenario", sort=False):
        t = t.set_index("jaar").drop(columns="scenario")
        t = t.loc[:, (t.abs() > 1).any()]
        jaren = ([j for j in t.index if j <= t.index.min() + 9]
                 + [j for j in t.index if j > t.index.min() + 9 and j % 10 == 0])
        regels += [f"### {scenario}", "", tabel_md(t.loc[jaren], opmaak=mln), ""]
    return regels


def bewijs_markdown(p, resultaat: Resultaat, scenarios: dict) -> list[str]:
    """Wat zegt het bewijs: per effect van begeleiding de waarde waarmee het model rekent, de aangenomen
    bandbreedte en de verdeling uit de studies (bewijs.yaml), en per alternatief het break-even-effect (alle
    effecten maal de break-even-schaal) naast het 90%-interval uit het bewijs."""
    t = priortabel(p)
    kort = lambda naam: naam.removeprefix("beleid.effect.")  # noqa: E731

    def band(r) -> str:
        nul = f"; kans op 0: {nl(100 * r.p_nul, 0)}%" if r.p_nul > 0 else ""
        return f"{nl(r.gemiddelde, 2)} ({nl(r.p5, 2)}-{nl(r.p95, 2)}{nul})"

    regels = ["## Wat zegt het bewijs", "",
              "Per effect van begeleiding: de waarde waarmee deze MKBA rekent, de aangenomen bandbreedte uit "
              "`beleid.yaml` en de verdeling die uit de studies volgt (`simulatie/invoer/parameters/bewijs.yaml`, "
              "met per parameter de regel en de studies; de sceptische regel legt massa op nul waar Nederlandse "
              "proeven niets vonden). Gemiddelde met het 5e-95e percentiel. `jongeren gevoeligheid ALT --methode "
              "psa --priors bewijs|sceptisch|aanname` geeft de NCW, de kans op NCW > 0 en de waarde van informatie "
              "onder elke set, met het break-even-effect per parameter (`break_even_effecten.csv`).", "",
              "| effect | waarde | aanname | bewijs (regel) | bewijs, sceptisch |", "|---|---|---|---|---|"]
    for naam, g in t.groupby("parameter", sort=False):
        r = {x.priors: x for x in g.itertuples()}
        regels.append(f"| `{kort(naam)}` | {nl(r['bewijs'].waarde, 2)} | {band(r['aanname'])} | "
                      f"{band(r['bewijs'])} ({r['bewijs'].regel}) | {band(r['sceptisch'])} |")
    k = resultaat.kengetallen
    met_break_even = k[np.isfinite(k.break_even_effectschaal.astype(float))]
    if len(met_break_even):
        bewijs = t[t.priors == "bewijs"].set_index("parameter")
        regels += ["", "Break-even-effect per alternatief: alle effecten maal de break-even-schaal (zoals in de "
                   "kengetallen), per effect naast het 90%-interval uit het bewijs:", ""]
        for r in met_break_even.itertuples():
            delen = [f"`{kort(n)}` {nl(r.break_even_effectschaal * b.waarde, 2)} (bewijs {nl(b.p5, 2)}-"
                     f"{nl(b.p95, 2)})" for n, b in bewijs.iterrows()
                     if n in gebruikte_effecten(scenarios[r.scenario]) and not n.endswith("doorstroompunt_wet")]
            regels.append(f"- **{r.scenario}** (schaal {nl(r.break_even_effectschaal, 2)}): " + "; ".join(delen))
    return regels + [""]


def _jaar(u) -> str:
    """De laatste maand van een run (het einde van de uitloop), als JJJJ-MM."""
    jaar, maand = c.jaar_maand(int(u.maanden[-1]))
    return f"tot en met {jaar:04d}-{maand:02d}"


def mkba_markdown(resultaat: Resultaat, vergelijking, ruis: pd.DataFrame | None = None) -> str:
    """Het rapport in de vorm van het overzichtstabel uit de leidraad, per alternatief."""
    nul = vergelijking.nul
    r = resultaat
    regels = [
        "# Maatschappelijke kosten-batenanalyse: Van school naar duurzaam werk",
        "",
        f"Nulalternatief: **{nul.naam}** ({nul.scenario.beschrijving}). Horizon {nul.jaren} jaar vanaf "
        f"{nul.scenario.looptijd.start}, waarvan {nul.beleidsjaren} jaar met beleid; schaal {nul.schaal} "
        f"(1 = de volledige populatie), seed {nul.seed}.",
        "Na de horizon loopt het model door zonder nieuwe cohorten en zonder beleid (de **uitloop**), tot iedereen "
        f"die er nog is 27 jaar is geworden ({_jaar(nul)}): wat het beleid na de horizon nog doet, is gesimuleerd, "
        "niet aangenomen. Lopende begeleiding stopt met het beleid (het jaarbudget houdt op).",
        f"Bedragen in miljoen euro, prijspeil {r.prijsjaar}, contant gemaakt met een reële discontovoet van "
        f"{nl(100 * r.discontovoet, 2)}% naar januari {nul.scenario.looptijd.startmaand[0]}. "
        + ("De levensloop na vertrek uit het model (op 27 jaar, tot de AOW-leeftijd) staat op aparte regels; de "
           "kengetallen geven de netto contante waarde binnen de horizon, in de uitloop en in de levensloop "
           "naast elkaar." if r.levensloop else "Zonder de levensloop na het 27e jaar."),
        "Positief is een baat voor de partij, negatief een kost. Overdrachten (loon, belasting, uitkeringen, "
        "bekostiging) vallen voor de maatschappij tegen elkaar weg maar niet per partij. Scholen en gemeenten "
        "die begeleiding uitvoeren met rijksgeld zijn doorgeefluik: hun uitgaven staan bij het Rijk.",
        "",
        "## Kengetallen",
        "",
    ]
    k = r.kengetallen.set_index("scenario")
    tabel = pd.DataFrame({
        "NCW binnen de horizon (mln)": k.ncw_horizon.map(mln),
        "NCW uitloop (mln)": k.ncw_uitloop.map(mln),
        "NCW levensloop na 27 (mln)": k.ncw_levensloop.map(mln) if r.levensloop else "niet berekend",
        "NCW totaal (mln)": k.ncw_maatschappij.map(mln),
        "kosten (mln)": k.kosten.map(mln),
        "baten (mln)": k.baten.map(mln),
        "B/K": k.baten_kosten_verhouding.map(lambda x: f"{x:.2f}".replace(".", ",") if np.isfinite(x) else "n.v.t."),
        "terugverdienjaar": k.terugverdienjaar.map(lambda x: "niet binnen de horizon" if x is None or pd.isna(x)
                                                   else str(int(x))),
        "voorkomen vsv'ers": k.voorkomen_vsv.map(getal),
        "kosten per voorkomen vsv'er": k.kosten_per_voorkomen_vsv.map(getal),
        "kosten per extra jongere in duurzaam werk": k.kosten_per_extra_duurzaam_werk.map(getal),
        "break-even effect": k.break_even_effectschaal.map(
            lambda x: "n.v.t." if not np.isfinite(x) else f"{x:.0%} van het aangenomen effect".replace(".", ",")),
    })
    if ruis is not None:  # het 95%-interval van de populatieruis naast de kengetallen die ervan afhangen
        def interval(uitkomst: str, fmt) -> pd.Series:
            t = ruis[ruis.uitkomst == uitkomst].set_index("scenario").reindex(k.index)
            return t.laag.map(fmt) + " tot " + t.hoog.map(fmt)

        tabel.insert(1, "95%-interval horizon", interval("ncw_horizon", mln))
        if r.levensloop:
            tabel.insert(tabel.columns.get_loc("NCW totaal (mln)") + 1, "95%-interval totaal",
                         interval("ncw_maatschappij", mln))
        tabel.insert(tabel.columns.get_loc("voorkomen vsv'ers") + 1, "95%-interval voorkomen vsv'ers",
                     interval("voorkomen_vsv", getal))
    tabel.index.name = "scenario"
    regels += [tabel_md(tabel), "",
               "*Break-even effect*: bij welk deel van de aangenomen begeleidingseffecten de netto contante "
               "waarde nul is (lineair tussen een run zonder effect en de run met effect). Onder 100%: het "
               "effect mag zo veel kleiner zijn; boven 100%: het effect moet zo veel groter zijn.", ""]
    if ruis is not None:
        t = ruis.iloc[0]
        regels += [f"*95%-interval*: de populatieruis (de toevalligheid van de synthetische populatie), uit "
                   f"{int(t.trekkingen)} andere populaties op schaal {int(t.ruisschaal)}, omgerekend naar schaal "
                   f"{int(t.schaal)} (`ruis.csv`). Het zegt hoe zeker het model zijn eigen uitkomst kent, niet hoe "
                   "zeker de aannames zijn: daarvoor `jongeren gevoeligheid ALT --methode psa` (intervallen, kans op "
                   "NCW > 0, waarde van informatie).", ""]
    for alt in vergelijking.alternatieven:
        regels += [f"## {alt.naam}: {alt.scenario.beschrijving}", "", tabel_md(overzicht_tabel(r, alt.naam)), "",
                   f"![Kosten en baten per partij over de tijd](mkba_per_partij_{alt.naam}.png)", ""]
    regels += waardering_markdown(vergelijking.parameters, r)
    regels += kasritme_markdown(vergelijking.kasritme(r))
    regels += ["## Niet in euro's uitgedrukte effecten", "",
               "| effect | richting | toelichting |", "|---|---|---|"]
    regels += [f"| {e} | {r_} | {t} |" for e, r_, t in NIET_GEWAARDEERD]
    regels += [""] + bewijs_markdown(vergelijking.parameters, r,
                                     {a.naam: a.scenario for a in vergelijking.alternatieven})
    regels += ["## Aannames die er het meest toe doen", "",
               "Alle waarden staan met bron en bandbreedte in `simulatie/invoer/parameters/*.yaml`; de "
               "gevoeligheidsanalyse (`jongeren gevoeligheid`) laat zien welke de uitkomst het sterkst sturen.", "",
               "| parameter | waarde | bron | bandbreedte |", "|---|---|---|---|"]
    for _, a in r.aannames.iterrows():
        band = f"{a.laag:g} - {a.hoog:g}" if np.isfinite(a.laag) else "vast"
        regels.append(f"| `{a.naam}` | {a.waarde:g} | {a.bron} | {band} |")
    return "\n".join(regels) + "\n"


def figuur_per_partij(resultaat: Resultaat, scenario: str) -> Figure:
    """Wie betaalt wanneer, wie wint wanneer: verschil met het nulalternatief per jaar en partij."""
    d = resultaat.per_jaar[(resultaat.per_jaar.scenario == scenario)]
    tabel = d[d.partij != MAATSCHAPPIJ].pivot_table(index="jaar", columns="partij", values="verschil") / 1e6
    tabel = tabel.reindex(columns=[p for p in PARTIJEN if p in tabel.columns])
    tabel = tabel.loc[:, (tabel.abs() > 1e-9).any()]
    maatschappij = d[d.partij == MAATSCHAPPIJ].set_index("jaar").contant.cumsum() / 1e6
    fig = Figure(figsize=(A4_BREED[0], 4.2), layout="constrained")
    ax = fig.add_subplot()
    jaren = tabel.index.to_numpy()
    onder_pos, onder_neg = np.zeros(len(jaren)), np.zeros(len(jaren))
    kleuren = dict(zip(PARTIJEN, ["#4477AA", "#66CCEE", "#225555", "#99DDFF", "#228833", "#CCBB44", "#EE6677",
                                  "#AA3377", "#BBBBBB", "#777777"]))
    for partij in tabel.columns:
        w = tabel[partij].to_numpy()
        onder = np.where(w >= 0, onder_pos, onder_neg)
        ax.bar(jaren, w, bottom=onder, label=PARTIJNAMEN[partij], color=kleuren[partij], width=0.8)
        onder_pos += np.where(w >= 0, w, 0)
        onder_neg += np.where(w < 0, w, 0)
    ax.plot(maatschappij.index, maatschappij.to_numpy(), color="black", marker="o", ms=3,
            label="Maatschappij, cumulatief contant")
    ax.axhline(0, color="black", lw=0.6)
    if resultaat.levensloop:  # de horizon op volle breedte, de uitloop en de levensloop daarna op een kwart
        grens = resultaat.laatste_jaar + 1
        ax.set_xscale("function", functions=(lambda j: _samengedrukt(j, grens, 0.25),
                                             lambda x: _samengedrukt(x, grens, 4.0)))
        ax.axvline(grens - 0.5, color="grey", lw=0.6, ls=":")
    ax.set_ylabel("miljoen euro per jaar (verschil met nul)")
    ax.set_title(f"{scenario}: kosten (-) en baten (+) per partij", loc="left")
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize=7)
    return fig


def _samengedrukt(jaar, grens: float, factor: float):
    """Tijdas: tot `grens` gewoon, daarna `factor` zo breed (en met 1/factor terug)."""
    jaar = np.asarray(jaar, dtype=float)
    return np.where(jaar <= grens, jaar, grens + (jaar - grens) * factor)


def figuur_effecten(effecten: pd.DataFrame, nul: str) -> Figure:
    """Verschil met het nulalternatief per jaar: nieuwe vsv'ers, jongeren in (duurzaam) werk, buiten beeld."""
    e = effecten[(effecten.scenario != nul) & (effecten.jaar != "totaal")].copy()
    e["jaar"] = e.jaar.astype(int)
    panelen = [("nieuwe_vsv", "Nieuwe vsv'ers per jaar"), ("werk", "Jongeren aan het werk (gem.)"),
               ("duurzaam_werk", "In duurzaam werk (≥ 12 mnd)"), ("buiten_beeld", "Thuis en buiten beeld (gem.)")]
    fig = Figure(figsize=(A4_BREED[0], 4.6), layout="constrained")
    assen = fig.subplots(2, 2, sharex=True)
    for ax, (indicator, titel) in zip(assen.flat, panelen):
        t = e[e.indicator == indicator].pivot_table(index="jaar", columns="scenario", values="verschil_met_nul")
        for kolom in t.columns:
            ax.plot(t.index, t[kolom].to_numpy(), marker="o", ms=2.5, label=kolom)
        ax.axhline(0, color="black", lw=0.6)
        ax.set_title(titel, loc="left", fontsize=9)
        ax.yaxis.set_major_formatter(FuncFormatter(duizendtallen))
        ax.tick_params(labelsize=7)
    assen[0, 0].legend(frameon=False, fontsize=7)
    fig.suptitle(f"Verschil met {nul}", fontsize=10)
    return fig


def figuur_dekking(regio: pd.DataFrame, nul: str) -> Figure:
    """Per regio: welk deel van wie in aanmerking komt, krijgt begeleiding (gemiddeld per maand)."""
    r = regio[regio.scenario != nul]
    fig = Figure(figsize=(A4_BREED[0], 7.5), layout="constrained")
    ax = fig.add_subplot()
    volgorde = r.groupby("naam").dekking.mean().sort_values().index
    y = {naam: i for i, naam in enumerate(volgorde)}
    for scenario, groep in r.groupby("scenario", sort=False):
        ax.scatter(groep.dekking, [y[n] for n in groep.naam], s=14, label=scenario)
    ax.set_yticks(range(len(volgorde)), volgorde, fontsize=6.5)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel("Dekking: begeleid / in aanmerking (gemiddeld per maand)")
    ax.set_title("Dekking van de begeleiding per RMC-regio", loc="left")
    ax.legend(frameon=False, fontsize=7)
    ax.grid(axis="x", alpha=0.3)
    return fig


def schrijf_vergelijking(map_: Path, v, resultaat: Resultaat, ruis: pd.DataFrame | None = None
                         ) -> tuple[pd.DataFrame, list[str]]:
    """Alle bestanden van een vergelijking in `map_` (zoals `jongeren vergelijk` ze schrijft, zonder herkomst.json):
    effecten, regio's, doelgroepen, groepen, MKBA, kasritme, kasboek, maandcijfers, ruis, figuren en mkba.md. Geeft
    (effecten, namen van de figuren)."""
    effecten = v.effecten()
    # regio's en groepen met dezelfde levensloop, prijsjaar en discontovoet als de landelijke MKBA
    mkba = dict(levensloop=resultaat.levensloop, prijsjaar=resultaat.prijsjaar,
                discontovoet=resultaat.discontovoet)
    regio = v.regio(**mkba)
    effecten.to_csv(map_ / "effecten.csv", index=False)
    regio.to_csv(map_ / "regio.csv", index=False)
    v.doelgroepen().to_csv(map_ / "doelgroepen.csv", index=False)
    resultaat.tabel.to_csv(map_ / "mkba.csv", index=False)
    v.groepen(**mkba).to_csv(map_ / "groepen.csv", index=False)
    v.kasritme(resultaat).to_csv(map_ / "kasritme.csv", index=False)
    resultaat.kengetallen.to_csv(map_ / "mkba_kengetallen.csv", index=False)
    v.kasboek(prijsjaar=resultaat.prijsjaar, levensloop=resultaat.levensloop).to_parquet(map_ / "kasboek.parquet",
                                                                                         index=False)
    for u in v.uitkomsten:
        u.maandcijfers.assign(scenario=u.naam).to_parquet(map_ / f"maandcijfers_{u.naam}.parquet", index=False)
    if ruis is not None:
        ruis.to_csv(map_ / "ruis.csv", index=False)
    figuren = schrijf_figuren(map_, resultaat, v, effecten, regio)
    (map_ / "mkba.md").write_text(mkba_markdown(resultaat, v, ruis), encoding="utf-8")
    return effecten, figuren


def schrijf_figuren(map_: Path, resultaat: Resultaat, vergelijking, effecten: pd.DataFrame,
                    regio: pd.DataFrame) -> list[str]:
    namen = []
    bewaar(figuur_effecten(effecten, vergelijking.nul.naam), map_ / "effecten")
    namen.append("effecten")
    if regio.dekking.notna().any():
        bewaar(figuur_dekking(regio, vergelijking.nul.naam), map_ / "regio_dekking")
        namen.append("regio_dekking")
    for alt in vergelijking.alternatieven:
        bewaar(figuur_per_partij(resultaat, alt.naam), map_ / f"mkba_per_partij_{alt.naam}")
        namen.append(f"mkba_per_partij_{alt.naam}")
        if "ncw_maatschappij" in regio:
            r = regio[regio.scenario == alt.naam]
            waarden = dict(zip(r.regio, r.ncw_maatschappij / 1e6))
            fig = tegelkaart(waarden, f"{alt.naam}: netto contante waarde per RMC-regio (maatschappij)",
                             "miljoen euro", dict(zip(r.regio, r.naam)))
            bewaar(fig, map_ / f"regio_ncw_{alt.naam}")
            namen.append(f"regio_ncw_{alt.naam}")
    return namen
