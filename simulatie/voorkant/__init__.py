"""De voorkant: de opdrachtregel (jongeren), de verkenner (Solara) en de hulp voor notebooks."""
