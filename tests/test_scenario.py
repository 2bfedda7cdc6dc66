"""Scenariobestanden: alle meegeleverde bestanden zijn geldig; gegenereerde foute bestanden geven een
Nederlandse fout met bestand, veld en wat is toegestaan."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulatie import InvoerFout, laad_scenario
from simulatie.invoer.scenario import DOELGROEPEN, Scenario, beschikbare_scenarios

MAP = Path(__file__).resolve().parent.parent / "scenario's"


def _waarde(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_waarde(x) for x in v) + "]"
    return repr(v)


def naar_toml(data: dict) -> str:
    """Een kleine TOML-schrijver voor scenario's (twee niveaus tabellen)."""
    regels, tabellen = [], []
    for k, v in data.items():
        if isinstance(v, dict):
            tabellen.append((k, v))
        elif v is not None:
            regels.append(f"{k} = {_waarde(v)}")
    for naam, tabel in tabellen:
        regels.append(f"\n[{naam}]")
        sub = []
        for k, v in tabel.items():
            if isinstance(v, dict):
                sub.append((k, v))
            elif v is not None:
                regels.append(f'"{k}" = {_waarde(v)}' if not k.isidentifier() else f"{k} = {_waarde(v)}")
        for k, v in sub:
            regels.append(f"\n[{naam}.{k}]")
            regels += [f'"{a}" = {_waarde(b)}' for a, b in v.items()]
    return "\n".join(regels) + "\n"


def test_alle_meegeleverde_scenarios_zijn_geldig_en_beschreven():
    namen = beschikbare_scenarios()
    assert {"nulalternatief", "wet", "wet_nazorg_6", "wet_nazorg_24", "wet_plus_vmbo", "wet_plus_pro_vso",
            "wet_plus_bbl2_mbo34", "wet_budget_half", "wet_budget_dubbel", "wet_sleutel_per_vsv",
            "wet_sleutel_risicomodel", "wet_sleutel_tabel", "wet_levenscoaching_1a",
            "wet_levenscoaching_1b"} <= set(namen)
    for naam in namen:
        s = laad_scenario(naam)
        assert s.naam == naam
        tekst = (MAP / f"{naam}.toml").read_text(encoding="utf-8")
        assert tekst.startswith("#"), f"{naam}.toml begint niet met een toelichting"


def test_basis_en_overschrijven():
    s = laad_scenario("wet_nazorg_24")
    wet = laad_scenario("wet")
    assert s.nazorg.maanden_na_uitstroom == 24
    assert s.nazorg.tijdens_opleiding == wet.nazorg.tijdens_opleiding
    assert s.budget == wet.budget
    assert laad_scenario("wet_plus_vmbo_extra_budget").nazorg.na_uitstroom == ("entree", "mbo2_bol", "vmbo")


def test_standaarden_betekenen_geen_beleid():
    s = Scenario(naam="leeg")
    assert s.nazorg.tijdens_opleiding == () and s.nazorg.na_uitstroom == ()
    assert s.budget.regionaal_programma == 0 and s.levenscoaching.variant == "geen"
    assert not s.gemeente.preventieve_begeleiding and s.doorstroompunt.leeftijdsgrens == 23


GELDIG = laad_scenario("wet").als_dict()
VELDEN = {sectie: list(v) for sectie, v in GELDIG.items() if isinstance(v, dict)}
naam_st = st.text(alphabet=string.ascii_lowercase + "_", min_size=3, max_size=12)


@st.composite
def fout_scenario(draw):
    """(data, verwacht veld, tekst die in 'toegestaan' moet staan) voor een foute variant van wet.toml."""
    data = {k: (dict(v) if isinstance(v, dict) else v) for k, v in GELDIG.items()}
    soort = draw(st.sampled_from(["onbekend_top", "onbekend_sectie", "type", "negatief", "som", "regio",
                                  "doelgroep", "toewijzing", "leeftijd"]))
    if soort == "onbekend_top":
        veld = draw(naam_st.filter(lambda x: x not in Scenario.model_fields))
        data[veld] = 1
        return data, veld, "looptijd"
    if soort == "onbekend_sectie":
        sectie = draw(st.sampled_from(sorted(VELDEN)))
        veld = draw(naam_st.filter(lambda x: x not in VELDEN[sectie]))
        data[sectie][veld] = True
        return data, f"{sectie}.{veld}", VELDEN[sectie][0]
    if soort == "type":
        sectie, veld = draw(st.sampled_from([("looptijd", "jaren"), ("budget", "regionaal_programma"),
                                             ("nazorg", "maanden_na_uitstroom"), ("doorstroompunt", "leeftijdsgrens")]))
        data[sectie][veld] = draw(st.sampled_from(["veel", [1, 2], "1e"]))
        return data, f"{sectie}.{veld}", "getal"
    if soort == "negatief":
        veld = draw(st.sampled_from(["regionaal_programma", "mbo_begeleiding", "nazorg_subsidie"]))
        data["budget"][veld] = -draw(st.floats(min_value=0.01, max_value=1e9))
        return data, f"budget.{veld}", ">= 0"
    if soort == "som":
        aandelen = draw(st.lists(st.floats(min_value=0.01, max_value=1.0), min_size=2, max_size=40))
        totaal = sum(aandelen)
        fout = draw(st.floats(min_value=0.01, max_value=0.5)) * draw(st.sampled_from([-1, 1]))
        tabel = {str(i + 1): a / totaal * (1 + fout) for i, a in enumerate(aandelen)}
        data["budget"].update(verdeelsleutel="tabel", tabel=tabel)
        return data, "budget.tabel", "samen 1"
    if soort == "regio":
        slecht = draw(st.one_of(st.integers(min_value=41, max_value=10_000).map(str), st.just("0"),
                                naam_st))
        data["budget"].update(verdeelsleutel="tabel", tabel={"1": 0.5, slecht: 0.5})
        return data, "budget.tabel", "1 tot en met 40"
    if soort == "doelgroep":
        veld = draw(st.sampled_from(["tijdens_opleiding", "na_uitstroom"]))
        groep = draw(naam_st.filter(lambda x: x not in DOELGROEPEN))
        data["nazorg"][veld] = ["entree", groep]
        return data, f"nazorg.{veld}", "mbo2_bol"
    if soort == "toewijzing":
        data["budget"]["toewijzing"] = draw(naam_st.filter(lambda x: x not in ("willekeurig",)))
        return data, "budget.toewijzing", "hoogste_risico"
    data["doorstroompunt"]["leeftijdsgrens"] = draw(st.one_of(st.integers(max_value=17), st.integers(min_value=31)))
    return data, "doorstroompunt.leeftijdsgrens", "getal"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fout_scenario())
def test_gegenereerde_foute_scenarios(tmp_path_factory, geval):
    data, veld, toegestaan = geval
    data.pop("basis", None)
    pad = tmp_path_factory.mktemp("s") / "fout.toml"
    pad.write_text(naar_toml(data), encoding="utf-8")
    with pytest.raises(InvoerFout) as fout:
        laad_scenario(pad)
    tekst = fout.value.tekst()
    assert str(pad) in tekst
    assert f"'{veld}'" in tekst, tekst
    assert "Toegestaan" in tekst and toegestaan in tekst, tekst


@pytest.mark.parametrize("basis,melding", [("bestaat_niet", "bestaat niet"), ("zelf", "kring")])
def test_foute_basis(tmp_path, basis, melding):
    pad = tmp_path / "zelf.toml"
    pad.write_text(f'naam = "zelf"\nbasis = "{basis}"\n', encoding="utf-8")
    with pytest.raises(InvoerFout) as fout:
        laad_scenario(pad)
    assert melding in fout.value.tekst() and "'basis'" in fout.value.tekst()


def test_als_toml_leest_terug_als_hetzelfde_scenario(tmp_path):
    """Wat de verkenner bewaart (scenario.als_toml) leest laad_scenario terug als hetzelfde scenario, voor elk
    meegeleverd bestand (met basis, budgettabel, lijsten en tekst met aanhalingstekens)."""
    from simulatie.invoer.scenario import als_toml, beschikbare_scenarios, laad_scenario

    namen = beschikbare_scenarios()
    assert len(namen) >= 10
    for naam in namen:
        s = laad_scenario(naam)
        pad = tmp_path / f"{naam}.toml"
        pad.write_text(als_toml(s, toelichting='bewaard door de "verkenner"\ntweede regel'), encoding="utf-8")
        terug = laad_scenario(pad).als_dict()
        verwacht = {**s.als_dict(), "basis": None}
        assert terug == verwacht, naam
