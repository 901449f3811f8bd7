"""kaesong.solve_stochastic against `kaesong solve GAME.toml --format csv` at test time, and the
command line's messages for bad stochastic game files."""

import io
from pathlib import Path

import pandas as pd
import pytest

import kaesong
from conftest import DATA, SOURCE_DIR, cli

DECIMALS = 12
GAMES = sorted(p.relative_to(SOURCE_DIR).as_posix()
               for p in (DATA / "stochastic").glob("*.toml") if p.name != "random_vi_cycle.toml")


def fixed(value: float) -> str:
    text = f"{value:.{DECIMALS}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def as_cli_csv(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in ("probability", "value", "action_value"):
        out[column] = out[column].map(fixed)
    return out.astype(str)


@pytest.mark.parametrize("options, flags", [({}, []), ({"method": "vi"}, ["--method", "vi"]),
                                            ({"method": "vi", "selection": "payoff_dominant"},
                                             ["--method", "vi", "--selection", "payoff_dominant"])])
@pytest.mark.parametrize("game", GAMES)
def test_stochastic_games_match_cli(game, options, flags):
    loaded = kaesong.read_stochastic_game(game)
    if loaded.horizon > 0 and options.get("method") is None:
        flags, options = ["--all-periods"], {"all_periods": True}
    result = cli("solve", game, "--format", "csv", "--decimals", DECIMALS, *flags, check=False)
    try:
        solution = kaesong.solve_stochastic(loaded, **options)
    except kaesong.SolverError as error:
        assert result.returncode == 1
        solution = error.result
    else:
        assert result.returncode == 0, result.stderr
    expected = pd.read_csv(io.StringIO(result.stdout), dtype=str,
                           keep_default_na=False)
    pd.testing.assert_frame_equal(as_cli_csv(solution.frame), expected)


def test_value_iteration_cycle_is_a_solver_error():
    with pytest.raises(kaesong.SolverError) as error:
        kaesong.solve_stochastic("tests/data/stochastic/random_vi_cycle.toml", method="vi")
    assert not error.value.result.ok
    assert cli("solve", "tests/data/stochastic/random_vi_cycle.toml", "--method", "vi",
               check=False).returncode == 1


def test_options_the_game_rules_out_raise_value_error():
    with pytest.raises(ValueError, match="needs an infinite horizon"):
        kaesong.solve_stochastic("tests/data/stochastic/finite_prisoners_dilemma.toml",
                                 method="qre")
    with pytest.raises(ValueError, match="selection applies to method 'vi' only"):
        kaesong.solve_stochastic("tests/data/stochastic/rubinstein.toml",
                                 selection="lemke_howson")
    with pytest.raises(ValueError, match="tolerance must be in"):
        kaesong.solve_stochastic("tests/data/stochastic/rubinstein.toml", tolerance=2)


@pytest.mark.parametrize("expected", sorted((DATA / "stochastic" / "bad").glob("*.stderr")),
                         ids=lambda p: p.stem)
def test_bad_game_files_raise_the_cli_message(expected):
    game = expected.relative_to(SOURCE_DIR).with_suffix(".toml").as_posix()
    message = Path(expected).read_text().rstrip("\n")
    assert cli("solve", game, check=False).stderr.rstrip("\n") == message
    with pytest.raises(kaesong.GameFileError) as error:
        kaesong.read_stochastic_game(game)
    assert str(error.value) == message
