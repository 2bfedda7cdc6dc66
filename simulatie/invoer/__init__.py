"""Invoer: de parameters (elk getal met bron en jaar) en de scenario's (de beleidshefbomen, gecontroleerd)."""
