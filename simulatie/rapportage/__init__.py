"""Rapportage: tabellen, Markdown en figuren uit uitkomsten; rekent zelf niets."""
