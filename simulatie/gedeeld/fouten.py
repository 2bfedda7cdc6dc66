"""Fouten in de invoer van de gebruiker: één Nederlandse alinea met bestand, veld en wat mag."""

from __future__ import annotations

from pathlib import Path

from simulatie.gedeeld.opmaak import kort


class InvoerFout(ValueError):
    """Ongeldige invoer (scenariobestand, parameter, optie). De CLI toont de tekst en stopt met code 2."""

    def __init__(self, melding: str, *, bestand: str | Path | None = None, veld: str | None = None,
                 toegestaan: str | None = None):
        self.melding = melding
        # een pad of veldnaam van honderden tekens (een tikfout, een aanval) overspoelt de melding niet
        self.bestand = kort(str(bestand), 200) if bestand is not None else None
        self.veld = kort(veld, 80) if veld is not None else None
        self.toegestaan = toegestaan
        super().__init__(self.tekst())

    def tekst(self) -> str:
        delen = []
        if self.bestand:
            delen.append(f"In '{self.bestand}'")
        if self.veld:
            delen.append(f"{'bij' if delen else 'Bij'} veld '{self.veld}'")
        kop = (" ".join(delen) + ": ") if delen else ""
        tekst = kop + self.melding
        if self.toegestaan:
            tekst += f" Toegestaan: {self.toegestaan}."
        return tekst
