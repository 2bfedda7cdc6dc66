"""Grenzen aan de invoer, op één plek: hoe groot een optie, een invoerbestand of een naam mag zijn.

Ruim voor echt gebruik, maar zo dat wat erbinnen valt ook afloopt: een optie van een biljoen loopt niet tot hij
wordt afgebroken of eindigt niet in een geheugenfout, en een bestand van honderd miljoen haakjes eindigt niet in
een RecursionError. Een overschrijding is een InvoerFout die de grens noemt (afsluitcode 2, niets geschreven).
"""

from __future__ import annotations

import os
from pathlib import Path

from simulatie.gedeeld.fouten import InvoerFout
from simulatie.gedeeld.opmaak import getal, kort

# ------------------------------------------------------------------------------------ opties

MAX_JAREN = 50                # de langste horizon van een run (looptijd.jaren en --jaren)
MAX_SCHAAL = 2000             # bij schaal 2000 telt de landelijke populatie nog ruim 900 rijen
MAX_SEED = 2**32 - 1
MAX_RUIS_TREKKINGEN = 1000    # vergelijk --ruis-trekkingen: elke trekking is een hele vergelijking (schaal 20)
MAX_WERKERS = 256             # --werkers: processen op deze machine (elk enkele honderden MB)
MAX_N = 2**16                 # gevoeligheid --n (Sobol: een macht van 2, dus 65.536 is de grootste)
# gevoeligheid: de gevallen van één analyse (Sobol n x (parameters + 2), Morris n x (parameters + 1), PSA n). De
# gevalbestanden tellen zes cijfers (geval-000000 tot en met geval-999999, experiment.py).
MAX_GEVALLEN = 1_000_000
MAX_ITERATIES = 1000          # kalibreer --max-iteraties: elke evaluatie van de Jacobiaan kost ruim 30 runs
# kalibreer --schaal: grover laat doelgroepen leeg (op schaal 300 en 400 had bijvoorbeeld entree-bbl geen
# uitstromers in sommige zaden), en een doel zonder teller of noemer is niet te fitten
MAX_KALIBRATIESCHAAL = 100

# ------------------------------------------------------------------------------------ invoerbestanden

# Scenario's (TOML) en parameterbestanden (YAML): het grootste meegeleverde is ca. 37 kB
MAX_BESTAND = 1_000_000       # bytes, gecontroleerd vóór het lezen
MAX_DIEPTE = 32               # geneste lijsten en tabellen; een scenario heeft er hoogstens drie

# ------------------------------------------------------------------------------------ namen die een pad worden

MAX_NAAMDEEL = 255            # bytes (UTF-8) per map- of bestandsnaam: de grens van ext4, APFS en NTFS
MAX_PAD = 4096                # bytes voor het hele pad (PATH_MAX op Linux)
PADREGELS = (f"hoogstens {getal(MAX_NAAMDEEL)} tekens per map- of bestandsnaam en {getal(MAX_PAD)} voor het "
             f"hele pad (bytes in UTF-8)")


def te_lang_pad(tekst: str | Path) -> str | None:
    """Waarom `tekst` als pad te lang is (een Nederlandse zin), of None als de lengte past. Het absolute pad telt:
    een relatief pad komt bij de werkmap."""
    tekst = str(tekst)
    for deel in Path(tekst).parts:
        lengte = len(deel.encode("utf-8", "surrogateescape"))
        if lengte > MAX_NAAMDEEL:
            return f"een naam in het pad telt {getal(lengte)} tekens"
    lengte = len(os.path.abspath(tekst).encode("utf-8", "surrogateescape"))
    if lengte > MAX_PAD:
        return f"het pad telt {getal(lengte)} tekens"
    return None


def lees_tekst(bestand: str | Path, soort: str) -> str:
    """De tekst van een invoerbestand (`soort`: 'TOML', 'YAML'); te groot, onleesbaar of geen UTF-8: een
    InvoerFout die het bestand noemt. Er wordt hoogstens MAX_BESTAND + 1 bytes gelezen."""
    try:
        with open(bestand, "rb") as f:
            data = f.read(MAX_BESTAND + 1)
    except FileNotFoundError:
        raise InvoerFout("Het bestand bestaat niet.", bestand=bestand) from None
    except OSError as fout:
        raise InvoerFout(f"Het bestand kan niet worden gelezen ({fout.strerror or fout}).", bestand=bestand,
                         toegestaan=f"een leesbaar {soort}-bestand") from None
    if len(data) > MAX_BESTAND:
        raise InvoerFout(f"Het bestand is groter dan {getal(MAX_BESTAND)} bytes.", bestand=bestand,
                         toegestaan=f"een {soort}-bestand van hoogstens {getal(MAX_BESTAND)} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvoerFout("Het bestand is geen UTF-8-tekst.", bestand=bestand,
                         toegestaan=f"een {soort}-tekstbestand") from None


def te_diep(soort: str, bestand: str | Path | None = None) -> InvoerFout:
    """De fout voor een bestand met te diep geneste lijsten of tabellen."""
    return InvoerFout(f"Lijsten en tabellen zijn dieper dan {MAX_DIEPTE} niveaus genest.", bestand=bestand,
                      toegestaan=f"een {soort}-bestand met hoogstens {MAX_DIEPTE} niveaus van lijsten en tabellen "
                                 f"in elkaar")


def waardefout(fout: ValueError) -> str:
    """De reden bij een ValueError van tomllib of PyYAML buiten hun eigen fouten: Python weigert een geheel getal van
    meer dan 4.300 cijfers om te zetten, en een datum als 2026-02-30 bestaat niet."""
    return "een geheel getal heeft meer dan 4.300 cijfers" if "digits" in str(fout) else kort(str(fout), 80)
