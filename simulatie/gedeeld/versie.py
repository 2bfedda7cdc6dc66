"""De versie van het geïnstalleerde pakket (in de herkomst van elke uitvoer en de vingerafdruk van experimenten)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("jongeren-duurzaam-werk")
except PackageNotFoundError:  # pragma: no cover - draaien vanuit een checkout zonder installatie
    __version__ = "0.0.0+onbekend"
