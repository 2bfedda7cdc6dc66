"""Jongeren van school naar duurzaam werk: agent-based model en MKBA van de wet Van school naar duurzaam werk."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("jongeren-duurzaam-werk")
except PackageNotFoundError:  # pragma: no cover - draaien vanuit een checkout zonder installatie
    __version__ = "0.0.0+onbekend"

from simulatie.fouten import InvoerFout  # noqa: E402
from simulatie.model import JongerenModel  # noqa: E402
from simulatie.parameters import laad_parameters  # noqa: E402
from simulatie.scenario import Scenario, laad_scenario  # noqa: E402
from simulatie.vergelijking import Vergelijking, vergelijk  # noqa: E402

__all__ = ["JongerenModel", "laad_scenario", "laad_parameters", "Scenario", "InvoerFout", "vergelijk",
           "Vergelijking", "__version__"]
