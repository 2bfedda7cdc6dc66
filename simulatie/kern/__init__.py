"""De kern: de populatie en één maand van het model (kandidaten, regio's, effecten, overgangen, waarneming)."""
