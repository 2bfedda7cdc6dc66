"""De notebooks draaien van boven naar beneden op testschaal, zonder fouten, en bewaren hun figuren."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

MAP = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = sorted(MAP.glob("*.ipynb"))


def test_alle_vier_notebooks_bestaan_en_zijn_gestript():
    assert [p.name for p in NOTEBOOKS] == ["01_scenario_vergelijken.ipynb", "02_vragen_van_de_kamer.ipynb",
                                          "03_onzekerheid.ipynb", "04_regio_en_budget.ipynb"]
    for pad in NOTEBOOKS:
        nb = nbformat.read(pad, as_version=4)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), f"{pad.name} heeft uitvoer"
        assert nb.cells[0].cell_type == "markdown" and "Aannames" in "".join(c.source for c in nb.cells
                                                                              if c.cell_type == "markdown")


@pytest.mark.parametrize("pad", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_draait_op_testschaal(pad, tmp_path, monkeypatch):
    uit = tmp_path / "uit"
    for naam, waarde in {"JONGEREN_SCHAAL": "1000", "JONGEREN_JAREN": "2", "JONGEREN_N": "3",
                         "JONGEREN_UIT": str(uit)}.items():
        monkeypatch.setenv(naam, waarde)
    nb = nbformat.read(pad, as_version=4)
    # de tijdgrens per cel vangt alleen een notebook dat blijft hangen; hoe snel het is, meet benchmarks/ (een
    # gedeelde CI-machine maakt een tijdtoets onbetrouwbaar)
    NotebookClient(nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(MAP)}}).execute()
    figuren = list(uit.glob("*.png"))
    assert figuren and all(f.with_suffix(".svg").exists() for f in figuren)
