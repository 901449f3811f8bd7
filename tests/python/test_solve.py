"""kaesong.solve and kaesong.read_nfg against `kaesong solve --format csv` at test time: the
textbook games of tests/data/games with every method, and 100 seeded random games; and the
errors bad payoff arrays and bad game files raise."""

import math
from pathlib import Path

import numpy as np
import pytest

import kaesong
from conftest import DATA, SOURCE_DIR, cli

DECIMALS = 17
GAMES = sorted(p.relative_to(SOURCE_DIR).as_posix() for p in (DATA / "games").glob("*.nfg")
               if p.name != "three_player.nfg")
METHODS = [("pure", {}, []), ("enum", {}, []), ("vertex", {}, []), ("lh", {}, []),
           ("lh", {"all_labels": True}, ["--all-labels"]), ("lh", {"label": 1}, ["--label", 1]),
           ("logit", {}, [])]


def fixed(value: float) -> str:
    """The command line's fixed notation (FormatFixed): never "-0.000"."""
    text = f"{value:.{DECIMALS}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def as_csv_rows(equilibria) -> list[str]:
    rows = []
    for index, eq in enumerate(equilibria, start=1):
        cells = [str(index), *map(fixed, eq.row), *map(fixed, eq.col), f"{eq.max_regret:.3e}",
                 *map(fixed, eq.payoffs)]
        rows.append(",".join(cells))
    return rows


def cli_rows(path, flags) -> list[str]:
    """The CLI's CSV rows without the component column that vertex and enum add (components are
    not part of the Python results)."""
    out = cli("solve", path, "--format", "csv", "--decimals", DECIMALS, *flags).stdout
    lines = out.splitlines()
    if lines and lines[0].endswith(",component"):
        return [line.rsplit(",", 1)[0] for line in lines[1:]]
    return lines[1:]


@pytest.mark.parametrize("method, options, flags", METHODS,
                         ids=[" ".join([m, *map(str, f)]) for m, _, f in METHODS])
@pytest.mark.parametrize("game", GAMES)
def test_textbook_games_match_cli(game, method, options, flags):
    expected = cli_rows(game, ["--method", method, *flags])
    from_file = kaesong.solve(game, method=method, **options)
    a, b, _ = kaesong.read_nfg(game)
    from_arrays = kaesong.solve(a, b, method, **options)
    assert as_csv_rows(from_file) == expected
    assert as_csv_rows(from_arrays) == expected
    for eq in from_arrays:
        assert math.isclose(eq.row.sum(), 1.0) and math.isclose(eq.col.sum(), 1.0)


@pytest.mark.parametrize("seed", range(100))
def test_random_games_match_cli(seed, tmp_path):
    rng = np.random.default_rng(seed)
    rows, cols = (int(n) for n in rng.integers(2, 7, size=2))
    path = tmp_path / "game.nfg"
    path.write_text(cli("generate", "--rows", rows, "--cols", cols, "--seed", seed).stdout)
    a, b, labels = kaesong.read_nfg(path)
    assert a.shape == b.shape == (rows, cols)
    assert len(labels.rows) == rows and len(labels.cols) == cols
    for method, flags in [("enum", []), ("lh", ["--all-labels"])]:
        options = {"all_labels": True} if flags else {}
        assert as_csv_rows(kaesong.solve(a, b, method, **options)) == \
            cli_rows(path, ["--method", method, *flags]), f"seed {seed}, {method}"


def test_arrays_in_any_layout_give_the_same_equilibria():
    a, b, _ = kaesong.read_nfg("tests/data/games/von_stengel_1999_6x6.nfg")
    expected = as_csv_rows(kaesong.solve(a, b))
    assert as_csv_rows(kaesong.solve(np.ascontiguousarray(a), np.asfortranarray(b))) == expected
    assert as_csv_rows(kaesong.solve(a.tolist(), b.tolist())) == expected
    padded = np.zeros((12, 12))
    padded[::2, ::2] = a
    assert as_csv_rows(kaesong.solve(padded[::2, ::2], b)) == expected
    assert as_csv_rows(kaesong.solve(a[::-1, :][::-1, :], b.T.T)) == expected
    reversed_rows = as_csv_rows(kaesong.solve(a[::-1], b[::-1]))  # negative strides
    assert reversed_rows == as_csv_rows(kaesong.solve(a[::-1].copy(), b[::-1].copy()))
    if np.all(a == a.round()):
        assert as_csv_rows(kaesong.solve(a.astype(np.int64), b)) == expected


def test_logit_branch_is_kept_on_request():
    eqs = kaesong.solve("tests/data/games/matching_pennies.nfg", method="logit", branch=True)
    assert list(eqs.branch.columns) == ["lambda", "row_1", "row_2", "col_1", "col_2"]
    assert eqs.branch["lambda"].iloc[0] == 0.0 and len(eqs.branch) > 1
    assert eqs.status == "success" and eqs.iterations > 0


@pytest.mark.parametrize("a, b, message", [
    ([[1, 2], [3, 4]], [[1, 2, 3], [4, 5, 6]], r"A has shape \(2, 2\) but B has shape \(2, 3\)"),
    ([1, 2, 3], [1, 2, 3], r"A must be a 2-dimensional array .* got shape \(3,\)"),
    (np.zeros((2, 2, 2)), np.zeros((2, 2, 2)), "A must be a 2-dimensional array"),
    (np.zeros((0, 3)), np.zeros((0, 3)), "A has no strategies"),
    ([[1, float("nan")], [0, 1]], [[1, 0], [0, 1]], r"A\[0, 1\] is nan: payoffs must be finite"),
    ([[1, 0], [0, 1]], [[1, 0], [0, float("inf")]], r"B\[1, 1\] is inf: payoffs must be finite"),
    ([["a", "b"], ["c", "d"]], [[1, 0], [0, 1]], "A must hold real numbers"),
    ([[1, 0], [0, 1]], np.array([[1, "x"], [0, 1]], dtype=object), "B must hold numbers only"),
    ([[1, 0], [0, 1j]], [[1, 0], [0, 1]], "A must hold real numbers"),
    ([[1, 0], [0]], [[1, 0], [0, 1]], "A must be a rectangular 2-dimensional array"),
])
def test_bad_payoffs_raise_value_error(a, b, message):
    with pytest.raises(ValueError, match=message):
        kaesong.solve(a, b)


def test_bad_options_raise_value_error():
    a = np.eye(2)
    with pytest.raises(ValueError, match="method must be one of"):
        kaesong.solve(a, a, method="simplex")
    with pytest.raises(ValueError, match=r"label must be in 1\.\.4"):
        kaesong.solve(a, a, method="lh", label=5)
    with pytest.raises(ValueError, match="apply to method 'lh' only"):
        kaesong.solve(a, a, method="enum", all_labels=True)
    with pytest.raises(ValueError, match="B, the column player's payoffs, is missing"):
        kaesong.solve(a)


def test_three_player_game_is_refused_like_the_cli():
    stderr = cli("solve", "tests/data/games/three_player.nfg", check=False).stderr
    with pytest.raises(ValueError) as error:
        kaesong.read_nfg("tests/data/games/three_player.nfg")
    assert stderr.rstrip("\n") == f"tests/data/games/three_player.nfg: error: {error.value}"


@pytest.mark.parametrize("expected", sorted((DATA / "bad").glob("*.nfg.stderr")),
                         ids=lambda p: p.name.removesuffix(".nfg.stderr"))
def test_bad_game_files_raise_the_cli_message(expected):
    game = expected.relative_to(SOURCE_DIR).as_posix().removesuffix(".stderr")
    message = Path(expected).read_text().rstrip("\n")
    try:
        kaesong.read_nfg(game)
    except kaesong.GameFileError as error:
        assert str(error) == message
    except ValueError as error:  # read, but not a valid two-player game
        assert f"{game}: error: {error}" == message
    else:
        pytest.fail(f"{game} was read")
