"""Jongeren van school naar duurzaam werk: agent-based model en MKBA van de wet Van school naar duurzaam werk."""

from simulatie.experimenten.vergelijking import Vergelijking, vergelijk
from simulatie.gedeeld.fouten import InvoerFout
from simulatie.gedeeld.versie import __version__
from simulatie.invoer.parameters import laad_parameters
from simulatie.invoer.scenario import Scenario, laad_scenario
from simulatie.kern.model import JongerenModel

__all__ = ["JongerenModel", "laad_scenario", "laad_parameters", "Scenario", "InvoerFout", "vergelijk",
           "Vergelijking", "__version__"]
