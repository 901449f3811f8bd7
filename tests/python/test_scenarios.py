"""kaesong.load_scenario: the resolved keys of `kaesong check`, and the command line's exact
messages for every bad scenario in tests/data/bad_scenarios."""

import tomllib
from pathlib import Path

import pytest

import kaesong
from kaesong import _flatten as flatten  # dotted keys of nested tables
from conftest import DATA, SCENARIOS, SOURCE_DIR, cli

BAD = sorted(p.relative_to(SOURCE_DIR).as_posix()
             for p in (DATA / "bad_scenarios").glob("*.toml.stderr"))


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_resolved_is_what_check_prints(scenario):
    printed = cli("check", scenario, "--set", "seoul.discount=0.97").stdout
    loaded = kaesong.load_scenario(scenario, sets={"seoul.discount": 0.97})
    assert loaded.resolved() == flatten(tomllib.loads(printed))
    assert loaded.to_toml() == printed
    assert loaded.resolved()["seoul.discount"] == 0.97


@pytest.mark.parametrize("expected", BAD)
def test_bad_scenario_raises_the_cli_message(expected):
    scenario = expected.removesuffix(".stderr")
    message = Path(expected).read_text().rstrip("\n")
    assert cli("check", scenario, check=False).stderr.rstrip("\n") == message
    with pytest.raises(kaesong.ScenarioError) as error:
        kaesong.load_scenario(scenario)
    assert str(error.value) == message
    assert isinstance(error.value, ValueError)
    assert len(error.value.diagnostics) == len(message.splitlines())


@pytest.mark.parametrize("sets, expected", [
    ({"pyongyang.discount": 1.2}, "set_out_of_range.stderr"),
    ({"pyongyang.discont": 0.99}, "set_unknown_key.stderr"),
    (["seoul.discount"], "set_without_value.stderr"),
])
def test_bad_sets_raise_the_cli_message(sets, expected):
    message = (DATA / "bad_scenarios" / expected).read_text().rstrip("\n")
    with pytest.raises(kaesong.ScenarioError) as error:
        kaesong.load_scenario("scenarios/kaesong_2013_complete.toml", sets=sets)
    assert str(error.value) == message


def test_bad_replications_and_seed_are_named_like_the_flags():
    result = cli("run", "scenarios/kaesong_2013_complete.toml", "--replications", -1, check=False)
    with pytest.raises(kaesong.ScenarioError) as error:
        kaesong.run("scenarios/kaesong_2013_complete.toml", replications=-1)
    assert str(error.value) == result.stderr.rstrip("\n")


def test_sets_take_python_values():
    loaded = kaesong.load_scenario("scenarios/kaesong_2013_complete.toml", sets={
        "durability.seoul_may_shut": True, "protocol.rounds": 9, "solution.concept": "spe",
        "seoul.discount": 0.95})
    resolved = loaded.resolved()
    assert resolved["durability.seoul_may_shut"] is True
    assert resolved["protocol.rounds"] == 9
    assert resolved["solution.concept"] == "spe"
    assert loaded.with_sets({"seoul.discount": 0.9}).resolved()["seoul.discount"] == 0.9
