"""Experimenten: runs vergelijken, veel gevallen uitvoeren (lokaal of Dask), gevoeligheid, waarde van informatie,
scenario-ontdekking en kalibratie."""
