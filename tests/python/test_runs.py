"""kaesong.run and kaesong.sweep against the CSVs `kaesong run --out` and `kaesong sweep --out`
write at test time, for every shipped scenario: same columns, dtypes and values, bit for bit."""

import pandas as pd
import pytest

import kaesong
from conftest import SCENARIOS, cli, read_csv


def assert_same(frame, csv_path):
    """Same columns and values, bit for bit (NaN where NaN); the CSV's inferred dtypes are
    converted to the module's fixed ones first, which is exact."""
    expected = read_csv(csv_path)
    assert list(frame.columns) == list(expected.columns)
    pd.testing.assert_frame_equal(frame, expected.astype(frame.dtypes.to_dict()),
                                  check_exact=True)

REPLICATIONS = 50


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_run_matches_cli(scenario, tmp_path):
    cli("run", scenario, "--replications", REPLICATIONS, "--seed", 7, "--out", tmp_path)
    result = kaesong.run(scenario, replications=REPLICATIONS, seed=7)
    assert_same(result.summary, tmp_path / "summary.csv")
    assert_same(result.rounds, tmp_path / "rounds.csv")


def test_run_with_sets_matches_cli(tmp_path):
    scenario = "scenarios/kaesong_2013_complete.toml"
    cli("run", scenario, "--set", "seoul.discount=0.95", "--set", "solution.concept=spe",
        "--out", tmp_path)
    loaded = kaesong.load_scenario(scenario, sets={"seoul.discount": 0.95})
    result = kaesong.run(loaded, sets={"solution.concept": "spe"})
    assert_same(result.summary, tmp_path / "summary.csv")
    assert_same(result.rounds, tmp_path / "rounds.csv")


def test_run_without_rounds_has_the_same_summary():
    with_rounds = kaesong.run("scenarios/kaesong_2013_complete.toml", replications=100)
    without = kaesong.run("scenarios/kaesong_2013_complete.toml", replications=100, rounds=False)
    assert without.rounds is None
    pd.testing.assert_frame_equal(with_rounds.summary, without.summary, check_exact=True)


def test_summary_columns_are_the_csv_columns():
    result = kaesong.run("scenarios/kaesong_2013_complete.toml", replications=10)
    assert tuple(result.summary.columns) == kaesong.SUMMARY_COLUMNS
    assert tuple(result.rounds.columns) == kaesong.ROUNDS_COLUMNS
    assert result.summary.dtypes.astype(str).to_dict() == kaesong.SUMMARY_DTYPES


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_sweep_matches_cli(scenario, tmp_path):
    out = tmp_path / "sweep.csv"
    cli("sweep", scenario, "--vary", "seoul.discount=0.9:0.99:3", "--replications", 20,
        "--threads", 2, "--out", out)
    frame = kaesong.sweep(scenario, vary={"seoul.discount": (0.9, 0.99, 3)}, replications=20,
                          threads=2)
    assert_same(frame, out)


@pytest.mark.parametrize("threads", [1, 2])
def test_sweep_grid_lists_and_samples_match_cli(threads, tmp_path):
    # Seoul insisting on full blame under complete information (the face cost is swept).
    scenario = "scenarios/kaesong_2013_complete.toml"
    out = tmp_path / "grid.csv"
    cli("sweep", scenario, "--set", "deal.beta=1", "--set", "solution.concept=spe", "--vary",
        "pyongyang.blame_weight=0:300:4", "--vary", "seoul.discount=0.9,0.95", "--replications",
        30, "--threads", threads, "--out", out)
    frame = kaesong.sweep(scenario, sets={"deal.beta": 1, "solution.concept": "spe"},
                          vary={"pyongyang.blame_weight": (0, 300, 4),
                                "seoul.discount": [0.9, 0.95]},
                          replications=30, threads=threads)
    assert_same(frame, out)

    out = tmp_path / "lhs.csv"
    cli("sweep", scenario, "--set", "deal.beta=1", "--vary", "seoul.discount=0.9:0.99:2", "--vary",
        "pyongyang.blame_weight=1:300:2:log", "--sample", "lhs:5", "--replications", 10,
        "--seed", 3, "--threads", threads, "--out", out)
    frame = kaesong.sweep(scenario, sets={"deal.beta": 1}, vary=["seoul.discount=0.9:0.99:2",
                                          "pyongyang.blame_weight=1:300:2:log"],
                          sample=("lhs", 5), replications=10, seed=3, threads=threads)
    assert_same(frame, out)


def test_sweep_over_words_matches_cli(tmp_path):
    out = tmp_path / "words.csv"
    cli("sweep", "scenarios/kaesong_2013_complete.toml", "--vary", "solution.concept=qre,spe",
        "--replications", 10, "--out", out)
    frame = kaesong.sweep("scenarios/kaesong_2013_complete.toml",
                          vary={"solution.concept": ["qre", "spe"]}, replications=10)
    assert_same(frame, out)


def test_bad_sweep_specs_raise_value_error():
    with pytest.raises(ValueError, match="lo .* must not exceed hi"):
        kaesong.sweep("scenarios/kaesong_2013_complete.toml", vary={"seoul.discount": (0.99, 0.9, 3)})
    with pytest.raises(kaesong.ScenarioError,
                       match=r"^--vary seoul.discount=2: error: seoul.discount must be in"):
        kaesong.sweep("scenarios/kaesong_2013_complete.toml", vary={"seoul.discount": (0.9, 2, 3)})
    with pytest.raises(ValueError, match="threads"):
        kaesong.sweep("scenarios/kaesong_2013_complete.toml", vary={"seoul.discount": (0.9, 0.99, 3)},
                      threads=-1)


def test_run_warns_as_the_cli_does():
    """A result set by the cap on hard currency: the same messages as `kaesong run`'s stderr,
    as ResultWarning and in .warnings; the shipped calibration has none."""
    args = ["--replications", 5, "--set", "solution.concept=spe", "--set", "deal.m.max=70",
            "--set", "deal.m.grid=15"]
    stderr = cli("run", "scenarios/kaesong_2013_complete.toml", *args).stderr
    expected = [line.removeprefix("kaesong: warning: ")
                for line in stderr.splitlines() if line.startswith("kaesong: warning: ")]
    assert expected
    with pytest.warns(kaesong.ResultWarning) as caught:
        result = kaesong.run("scenarios/kaesong_2013_complete.toml", replications=5,
                             sets={"solution.concept": "spe", "deal.m.max": 70,
                                   "deal.m.grid": 15})
    assert result.warnings == expected
    assert [str(w.message) for w in caught] == expected
    assert kaesong.run("scenarios/kaesong_2013_complete.toml", replications=5).warnings == []
