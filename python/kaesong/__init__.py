"""kaesong: the negotiation simulator and its equilibrium solvers, from Python.

The functions call the same C++ library functions as the ``kaesong`` command line, so a run or
a sweep gives the same numbers, bit for bit, as the CSVs of ``kaesong run --out`` and
``kaesong sweep --out``, and a solve the same equilibria as ``kaesong solve``. Results come back
as pandas DataFrames with the CSV column names (see ``SUMMARY_COLUMNS`` and ``ROUNDS_COLUMNS``).

    import kaesong
    s = kaesong.load_scenario("scenarios/kaesong_2013.toml", sets={"seoul.discount": 0.99})
    print(kaesong.run(s, replications=2000).summary[["agree_prob", "mean_m"]])
    grid = kaesong.sweep(s, vary={"pyongyang.blame_weight": (0, 300, 31)})
    eqs = kaesong.solve([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])   # matching pennies

Runs, sweeps and solves release the GIL; Ctrl-C stops a sweep between points and raises
KeyboardInterrupt. Bad scenarios raise ScenarioError, unreadable game files GameFileError (both
are ValueError, with the command line's ``FILE:LINE:COL: error: ...`` messages), other bad
arguments ValueError, and a solver that does not certify its answer SolverError. Maximum
likelihood estimation (``kaesong fit``) is not available here yet.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import numbers
import os
import tomllib
import warnings as _warnings
from typing import Any, Iterable, Mapping, NamedTuple, Sequence

import numpy as np
import pandas as pd

from . import _core
from ._core import GameFileError, ScenarioError

__all__ = [
    "Equilibria",
    "Equilibrium",
    "GameFileError",
    "NfgLabels",
    "ROUNDS_COLUMNS",
    "ResultWarning",
    "RunResult",
    "SUMMARY_COLUMNS",
    "SUMMARY_DTYPES",
    "Scenario",
    "ScenarioError",
    "SolverError",
    "StochasticGame",
    "StochasticSolution",
    "load_scenario",
    "read_nfg",
    "read_stochastic_game",
    "run",
    "solve",
    "solve_stochastic",
    "sweep",
]

#: Columns of summary.csv (and of RunResult.summary), in order; a run with hidden information
#: (solution.concept = "pbe") adds agree_prob_1..agree_prob_K (float64).
SUMMARY_COLUMNS: tuple[str, ...] = tuple(_core.summary_columns())
#: Columns of rounds.csv (and of RunResult.rounds), in order; a run with hidden information adds
#: type (int64), belief_mean and belief_1..belief_K.
ROUNDS_COLUMNS: tuple[str, ...] = tuple(_core.rounds_columns())
#: dtypes of the summary columns. pd.read_csv infers a column's type from its text, so a CSV
#: whose doubles all print as whole numbers reads as int64; the module keeps the C++ types.
SUMMARY_DTYPES: dict[str, str] = {
    column: "object" if column in ("scenario", "solver_status")
    else "int64" if column in ("replications", "solver_iterations") else "float64"
    for column in SUMMARY_COLUMNS}
#: Columns of ``kaesong solve GAME.toml --format csv`` (and of StochasticSolution.frame).
MARKOV_COLUMNS: tuple[str, ...] = (
    "period", "state", "player", "action", "probability", "value", "action_value")


class SolverError(RuntimeError):
    """A solver stopped without a certified answer (the command line's exit code 1).

    ``str()`` is the solver's report; ``.result`` holds what it returned (an Equilibria list or a
    StochasticSolution), including the last iterate.
    """

    def __init__(self, message: str, result: Any):
        super().__init__(message)
        self.result = result


# --- scenarios ---------------------------------------------------------------------------------

def _value_text(key: str, value: Any) -> str:
    """A Python value as the text of a --set value (booleans and dates as TOML writes them)."""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        return repr(float(value))  # shortest text that reads back to the same double
    if isinstance(value, (datetime.date, str)):
        return value.isoformat() if isinstance(value, datetime.date) else value
    raise TypeError(f"{key}: expected a number, bool, date or str, got {type(value).__name__}")


def _set_flags(sets: Mapping[str, Any] | Iterable[str] | None) -> list[str]:
    """--set texts "KEY=VALUE" from a mapping or from such strings."""
    if sets is None:
        return []
    if isinstance(sets, str):
        raise TypeError("sets must be a mapping of key to value or a list of 'KEY=VALUE' strings")
    if isinstance(sets, Mapping):
        return [f"{key}={_value_text(key, value)}" for key, value in sets.items()]
    return [str(flag) for flag in sets]


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in table.items():
        if isinstance(value, Mapping):
            out.update(_flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


class Scenario:
    """A scenario file, loaded, resolved (``base`` chains, overrides) and validated.

    Made by load_scenario() or Scenario.with_sets(); pass it to run() and sweep(). Immutable.
    """

    __slots__ = ("_core", "path", "sets")

    def __init__(self, core: Any, path: str, sets: tuple[str, ...]):
        self._core = core
        self.path = path
        self.sets = sets  # the --set texts applied, in order

    @property
    def name(self) -> str:
        """scenario.name (the file's stem unless the file sets it); the CSVs' scenario column."""
        return self._core.name

    def with_sets(self, sets: Mapping[str, Any] | Iterable[str]) -> "Scenario":
        """This scenario with further overrides applied (same forms as load_scenario's sets)."""
        flags = _set_flags(sets)
        core = self._core.with_overrides(_core.parse_set_flags(flags)) if flags else self._core
        return Scenario(core, self.path, self.sets + tuple(flags))

    def to_toml(self) -> str:
        """Every key as scenario-file text, as ``kaesong check`` prints it."""
        header = f"Resolved scenario (kaesong check): every key explicit.\nSource: {self.path}"
        for flag in self.sets:
            header += f"\nOverride: --set {flag}"
        return self._core.resolved_toml(header)

    def resolved(self) -> dict[str, Any]:
        """Every key with its resolved value, as ``kaesong check`` prints them.

        Keys are dotted as for ``sets`` (``"seoul.discount"``, ``"deal.m.min"``); dates are
        datetime.date, "none" stays the string "none", lists of tables stay lists of dicts.
        """
        return _flatten(tomllib.loads(self._core.resolved_toml("")))

    def position_of(self, key: str) -> tuple[str, int, int]:
        """(file, line, column) where ``key`` was last set (line 0: left at its default)."""
        return tuple(self._core.position_of(key))

    def __repr__(self) -> str:
        sets = f", sets={list(self.sets)!r}" if self.sets else ""
        return f"kaesong.Scenario({self.path!r}{sets})"


def load_scenario(path: str | os.PathLike,
                  sets: Mapping[str, Any] | Iterable[str] | None = None) -> Scenario:
    """Load and validate a scenario file, as ``kaesong check PATH --set KEY=VALUE...`` does.

    ``sets`` overrides keys after the file: a mapping such as ``{"seoul.discount": 0.99,
    "solution.concept": "spe"}`` or a list of ``"KEY=VALUE"`` strings. Raises ScenarioError with
    every problem found, in the command line's words (``FILE:LINE:COL: error: ...``, overrides
    named ``--set KEY=VALUE``).
    """
    flags = _set_flags(sets)
    path = os.fspath(path)
    core = _core.load_scenario(path, _core.parse_set_flags(flags))
    return Scenario(core, path, tuple(flags))


def _scenario(scenario_or_path: Scenario | str | os.PathLike, sets) -> Scenario:
    if isinstance(scenario_or_path, Scenario):
        return scenario_or_path.with_sets(sets) if sets else scenario_or_path
    return load_scenario(scenario_or_path, sets)


def _simulation(scenario: Scenario, replications: int | None, seed: int | None) -> Any:
    """The C++ scenario with --replications / --seed applied as the command line applies them."""
    if replications is None and seed is None:
        return scenario._core
    if replications is not None and not isinstance(replications, numbers.Integral):
        raise TypeError(f"replications must be an integer, got {type(replications).__name__}")
    if seed is not None and not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed must be an integer, got {type(seed).__name__}")
    overrides = _core.simulation_overrides(
        None if replications is None else str(int(replications)),
        None if seed is None else str(int(seed)))
    return scenario._core.with_overrides(overrides)


# --- runs and sweeps ---------------------------------------------------------------------------

_ONE_ROW = pd.RangeIndex(1)


def _dtypes(columns) -> dict[str, str]:
    """dtypes of a run's summary columns: SUMMARY_DTYPES, and float64 for the per-type columns
    (agree_prob_1..agree_prob_K) of a run with hidden information."""
    return {column: SUMMARY_DTYPES.get(column, "float64") for column in columns}


def _summary_values(name: str, cells: str, columns=SUMMARY_COLUMNS) -> list:
    """summary.csv's row as Python values: the C++ writer's text (shortest round-trip numbers,
    so float() gives back every double exactly), typed by SUMMARY_DTYPES."""
    texts = [name, *next(csv.reader([cells]))]
    return [float(text) if dtype == "float64" else int(text) if dtype == "int64" else text
            for text, dtype in zip(texts, _dtypes(columns).values(), strict=True)]


def _summary_frame(values: list, columns=SUMMARY_COLUMNS) -> pd.DataFrame:
    """The one-row summary DataFrame in SUMMARY_DTYPES, built from views of one float array:
    the cheapest way pandas offers (a run of the default scenario takes ~3 ms, this ~0.2 ms)."""
    dtypes = _dtypes(columns)
    floats = np.array([v for v, dtype in zip(values, dtypes.values())
                       if dtype == "float64"])
    columns, k = {}, 0
    for value, (column, dtype) in zip(values, dtypes.items()):
        if dtype == "float64":
            columns[column] = floats[k:k + 1]
            k += 1
        else:
            columns[column] = np.array([value], dtype=dtype)
    return pd.DataFrame(columns, index=_ONE_ROW, copy=False)


class ResultWarning(UserWarning):
    """A result that may not mean what it seems, e.g. set by the cap deal.m.max rather than by
    the model: the warnings ``kaesong run`` prints on stderr."""


class RunResult:
    """The outcome of run(): ``.summary`` (summary.csv as a one-row DataFrame) and ``.rounds``
    (rounds.csv as a DataFrame), both built on first access; ``.warnings`` the messages
    ``kaesong run`` prints on stderr (each also issued as a ResultWarning)."""

    __slots__ = ("scenario", "_core", "_name", "_recorded", "_summary", "_rounds")

    @property
    def warnings(self) -> list[str]:
        """Results set by an arbitrary bound, a capped QRE quadrature, an A_P* not found."""
        return list(self._core.warnings)

    def __init__(self, scenario: Scenario, core: Any, name: str, recorded: bool):
        self.scenario = scenario
        self._core = core
        self._name = name
        self._recorded = recorded
        self._summary = None
        self._rounds = None

    @property
    def summary(self) -> pd.DataFrame:
        """summary.csv's row: the same columns and values (dtypes: SUMMARY_DTYPES)."""
        if self._summary is None:
            row = self.summary_dict()
            self._summary = _summary_frame(list(row.values()), list(row.keys()))
        return self._summary

    @property
    def rounds(self) -> pd.DataFrame | None:
        """rounds.csv: one row per replication and round (None when run with rounds=False).

        Dates are ISO strings, booleans bool, counts int64 and every other number float64.
        """
        if self._rounds is None and self._recorded:
            columns = dict(self._core.rounds_columns())
            n = self._core.round_count
            frame = {"scenario": np.full(n, self._name, dtype=object)}
            frame.update(columns)
            self._rounds = pd.DataFrame(frame, columns=list(self._core.rounds_column_names()))
        return self._rounds

    def summary_dict(self) -> dict[str, Any]:
        """summary.csv's row as a dict, column -> value: cheaper than .summary when collecting
        many runs into one DataFrame (``pd.DataFrame([r.summary_dict() for r in results])``)."""
        columns = list(self._core.summary_column_names())
        values = _summary_values(self._name, self._core.summary_cells(), columns)
        return dict(zip(columns, values))

    def __repr__(self) -> str:
        s = self.summary.iloc[0]
        return (f"<kaesong.RunResult {self._name}: {s['replications']} replications, "
                f"agree_prob {s['agree_prob']:.4g}>")


def run(scenario_or_path: Scenario | str | os.PathLike, replications: int | None = None,
        seed: int | None = None, sets: Mapping[str, Any] | Iterable[str] | None = None,
        rounds: bool = True) -> RunResult:
    """Solve a scenario's equilibrium and simulate its rounds, as ``kaesong run --out`` does.

    ``replications`` and ``seed`` default to the scenario's ``simulation.replications`` and
    ``simulation.seed`` (like ``--replications`` and ``--seed``); ``sets`` as in load_scenario.
    With ``rounds=False`` no round records are kept (faster; ``.rounds`` is None). Returns a
    RunResult whose ``.summary`` and ``.rounds`` hold the values of summary.csv and rounds.csv
    read with ``pd.read_csv(..., float_precision="round_trip")``, in fixed dtypes (a CSV column
    whose numbers all print as whole numbers reads as int64; here it stays float64). Releases the
    GIL while it runs; Ctrl-C stops it between chunks of replications (after the equilibrium
    solve, which is not interrupted) and raises KeyboardInterrupt.
    """
    scenario = _scenario(scenario_or_path, sets)
    core_scenario = _simulation(scenario, replications, seed)
    result = RunResult(scenario, _core.run(core_scenario, bool(rounds)), core_scenario.name,
                       bool(rounds))
    for message in result.warnings:
        _warnings.warn(message, ResultWarning, stacklevel=2)
    return result


def _vary_spec(key: str, spec: Any) -> str:
    """One --vary text from a tuple (lo, hi, n[, "log"]), a list of values, or CLI text."""
    if isinstance(spec, str):
        return f"{key}={spec}"
    if isinstance(spec, tuple):
        if len(spec) not in (3, 4) or (len(spec) == 4 and spec[3] != "log"):
            raise ValueError(f"vary[{key!r}]: a range is (lo, hi, n) or (lo, hi, n, 'log'), "
                             f"got {spec!r}")
        lo, hi, n = spec[:3]
        if not isinstance(n, numbers.Integral):
            raise ValueError(f"vary[{key!r}]: n must be a whole number, got {n!r}")
        text = f"{_value_text(key, lo)}:{_value_text(key, hi)}:{int(n)}"
        return f"{key}={text}:log" if len(spec) == 4 else f"{key}={text}"
    if isinstance(spec, (Sequence, np.ndarray)):
        values = [_value_text(key, v.item() if isinstance(v, np.generic) else v) for v in spec]
        if not values:
            raise ValueError(f"vary[{key!r}]: no values")
        return f"{key}={','.join(values)}"
    raise ValueError(f"vary[{key!r}]: expected (lo, hi, n), a list of values or 'lo:hi:n' text, "
                     f"got {type(spec).__name__}")


def sweep(scenario_or_path: Scenario | str | os.PathLike,
          vary: Mapping[str, Any] | Iterable[str],
          sample: str | tuple[str, int] | None = None, threads: int | None = None,
          sets: Mapping[str, Any] | Iterable[str] | None = None,
          replications: int | None = None, seed: int | None = None) -> pd.DataFrame:
    """Run a scenario at every point of a parameter grid, as ``kaesong sweep --out`` does.

    ``vary`` maps each key to a range ``(lo, hi, n)`` (``(lo, hi, n, "log")`` for log spacing), a
    list of values, or the command line's text (``"0:300:31"``, ``"qre,spe"``); the first key
    varies slowest. A list of ``"KEY=SPEC"`` strings is taken as --vary flags. ``sample``:
    ``"random:N"``, ``"lhs:N"`` or ``("lhs", N)`` points instead of the grid. ``threads``: worker
    threads, None or 0 for all cores (the command line's default). Every point uses the same
    seed. Returns one row per point (``point``, the varied keys, then the summary columns): the
    CSV the command line writes, read with ``float_precision="round_trip"``, the summary
    columns in SUMMARY_DTYPES.
    Releases the GIL; Ctrl-C stops it between points and raises KeyboardInterrupt.
    """
    scenario = _scenario(scenario_or_path, sets)
    if isinstance(vary, Mapping):
        specs = [_vary_spec(key, spec) for key, spec in vary.items()]
    elif isinstance(vary, str):
        specs = [vary]
    else:
        specs = [str(spec) for spec in vary]
    if not specs:
        raise ValueError("vary: give at least one key to vary")
    if sample is None:
        sample_text = ""
    elif isinstance(sample, tuple) and len(sample) == 2:
        sample_text = f"{sample[0]}:{sample[1]}"
    else:
        sample_text = str(sample)
    if threads is None:
        threads = 0
    if not isinstance(threads, numbers.Integral) or not 0 <= threads <= 4096:
        raise ValueError(f"threads must be a whole number in 0..4096 (0: all cores), got {threads!r}")
    core_scenario = _simulation(scenario, replications, seed)
    text = _core.sweep(core_scenario, specs, sample_text, int(threads))
    frame = pd.read_csv(io.StringIO(text), float_precision="round_trip")
    return frame.astype({column: dtype for column, dtype in SUMMARY_DTYPES.items()
                         if column in frame.columns and column != "scenario"})


# --- bimatrix games ----------------------------------------------------------------------------

class NfgLabels(NamedTuple):
    """Names in a game file: its title, the two players, and each player's strategy labels."""
    title: str
    players: tuple[str, str]
    rows: list[str]
    cols: list[str]


@dataclasses.dataclass(frozen=True)
class Equilibrium:
    """A Nash equilibrium with its certificate.

    ``row`` and ``col`` are the two players' mixed strategies (numpy arrays summing to 1),
    ``max_regret`` the largest gain either player gets by deviating (payoff units; the
    certificate), ``payoffs`` the expected payoffs (row player's, column player's).
    """
    row: np.ndarray
    col: np.ndarray
    max_regret: float
    payoffs: tuple[float, float]


class Equilibria(list):
    """The list of equilibria solve() returns, in the command line's order, with the solver's
    report: ``.status`` ("success", ...), ``.message``, ``.report`` (one line), ``.degenerate``
    (the game was found degenerate), ``.iterations``, ``.seconds`` (the C++ solve's wall time)
    and, for method "logit" with branch=True, ``.branch`` (a DataFrame: lambda, then the row
    and column probabilities)."""

    status: str
    message: str
    report: str
    degenerate: bool
    iterations: int
    seconds: float
    branch: pd.DataFrame | None


def _payoff_matrix(value: Any, name: str) -> np.ndarray:
    """A finite float64 matrix, or ValueError saying what is wrong with ``value``."""
    if isinstance(value, np.ndarray) and value.dtype == np.float64:
        array = value
    else:
        try:
            array = np.asarray(value)
        except (ValueError, TypeError) as e:
            raise ValueError(f"{name} must be a rectangular 2-dimensional array of numbers: {e}") \
                from None
        if array.dtype.kind == "O":
            try:
                array = array.astype(np.float64)
            except (ValueError, TypeError):
                raise ValueError(f"{name} must hold numbers only, got non-numeric entries") \
                    from None
        elif array.dtype.kind not in "iuf":
            raise ValueError(f"{name} must hold real numbers, got an array of dtype {array.dtype}")
        array = array.astype(np.float64, copy=False)
    if array.ndim != 2:
        raise ValueError(f"{name} must be a 2-dimensional array (rows x columns), got shape "
                         f"{array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} has no strategies (shape {array.shape})")
    finite = np.isfinite(array)
    if not finite.all():
        i, j = map(int, np.argwhere(~finite)[0])
        raise ValueError(f"{name}[{i}, {j}] is {array[i, j]}: payoffs must be finite numbers")
    return array


def _bimatrix(a: Any, b: Any) -> Any:
    a = _payoff_matrix(a, "A")
    b = _payoff_matrix(b, "B")
    if a.shape != b.shape:
        raise ValueError(f"A has shape {a.shape} but B has shape {b.shape}: both payoff "
                         "matrices must have the same shape")
    return _core.make_bimatrix(a, b)


def read_nfg(path: str | os.PathLike) -> tuple[np.ndarray, np.ndarray, NfgLabels]:
    """Read a Gambit strategic-form file (payoff or outcome version) of a two-player game.

    Returns ``(A, B, labels)``: the row and column players' payoff matrices and the names in the
    file. Raises GameFileError with ``kaesong solve``'s message for a malformed file, ValueError
    for a game with other than two players.
    """
    _, (a, b, title, players, rows, cols) = _core.read_nfg(os.fspath(path))
    return a, b, NfgLabels(title, tuple(players), list(rows), list(cols))


_METHODS = ("vertex", "enum", "pure", "lh", "logit")


def solve(A: Any, B: Any = None, method: str = "enum", *, label: int | None = None,
          all_labels: bool = False, max_regret: float = 1e-9, branch: bool = False) -> Equilibria:
    """Nash equilibria of a two-player game, as ``kaesong solve`` computes them.

    ``A`` and ``B`` are the row and column players' payoff matrices (anything numpy turns into a
    2-dimensional array of real numbers; float64 arrays are read in place, without a copy, in C
    or Fortran order), or ``A`` is the path of a Gambit .nfg file and ``B`` is left out
    (``solve("game.nfg", "lh")`` takes the second argument as the method).
    ``method``: "enum" (support enumeration: every extreme equilibrium), "vertex" (the same by
    vertex enumeration of the best-response polytopes, the command line's default and much
    faster on large games), "pure" (pure equilibria), "lh" (Lemke-Howson; ``label=K`` follows one path, ``all_labels=True`` every
    path, neither races all labels) or "logit" (limit of the logit QRE principal branch;
    ``branch=True`` also keeps the traced points). ``max_regret`` is the certification tolerance
    relative to the payoff range (the command line's --max-regret).

    Returns an Equilibria list of Equilibrium (``.row``, ``.col``, ``.max_regret``,
    ``.payoffs``). Raises ValueError for malformed payoffs or options, and SolverError when the
    solver fails or an equilibrium is not certified (the command line's exit code 1).
    """
    if isinstance(A, (str, os.PathLike)):
        if isinstance(B, str) and method == "enum":  # solve("game.nfg", "lh")
            B, method = None, B
        if B is not None:
            raise ValueError("give either a game file or the payoff matrices A and B, not both")
        game, _ = _core.read_nfg(os.fspath(A))
    else:
        if B is None:
            raise ValueError("B, the column player's payoffs, is missing")
        game = _bimatrix(A, B)
    if method not in _METHODS:
        raise ValueError(f"method must be one of {', '.join(_METHODS)}, got {method!r}")
    if not 0.0 < max_regret < 1.0:
        raise ValueError(f"max_regret must be in (0, 1), got {max_regret!r}")
    if (label is not None or all_labels) and method != "lh":
        raise ValueError("label and all_labels apply to method 'lh' only")
    if label is not None and all_labels:
        raise ValueError("label and all_labels exclude each other")
    if branch and method != "logit":
        raise ValueError("branch applies to method 'logit' only")
    rows, cols = game.shape
    if label is not None and not (isinstance(label, numbers.Integral) and
                                  1 <= label <= rows + cols):
        raise ValueError(f"label must be in 1..{rows + cols} for this {rows}x{cols} game, "
                         f"got {label!r}")
    out = _core.solve(game, method, int(label or 0), bool(all_labels), float(max_regret),
                      bool(branch))
    result = Equilibria(Equilibrium(row, col, regret, (row_payoff, col_payoff))
                        for row, col, regret, row_payoff, col_payoff in out["equilibria"])
    result.status = out["status"]
    result.message = out["message"]
    result.report = out["report"]
    result.degenerate = out["degenerate"]
    result.iterations = out["iterations"]
    result.seconds = out["seconds"]
    result.branch = None
    if branch:
        columns = (["lambda"] + [f"row_{i + 1}" for i in range(rows)] +
                   [f"col_{j + 1}" for j in range(cols)])
        result.branch = pd.DataFrame(
            [np.concatenate(([lam], row, col)) for lam, row, col in out["branch"]],
            columns=columns)
    if result.status != "success":
        raise SolverError(result.report, result)
    if out["uncertified"] > 0:
        n = out["uncertified"]
        raise SolverError(f"{n} equilibri{'um' if n == 1 else 'a'} with max regret above "
                          f"{out['regret_limit']:.3g}", result)
    return result


# --- stochastic games --------------------------------------------------------------------------

class StochasticGame:
    """A two-player discounted stochastic game read from a game file (read_stochastic_game)."""

    __slots__ = ("_core", "path")

    def __init__(self, core: Any, path: str):
        self._core = core
        self.path = path

    title = property(lambda self: self._core.title, doc="The file's title.")
    horizon = property(lambda self: self._core.horizon, doc="Number of periods; 0: infinite.")
    players = property(lambda self: tuple(self._core.players), doc="The two players' names.")
    discount = property(lambda self: tuple(self._core.discount), doc="(delta_1, delta_2).")
    states = property(lambda self: list(self._core.states), doc="State names, in order.")

    def __repr__(self) -> str:
        return f"kaesong.StochasticGame({self.path!r}: {len(self.states)} states)"


def read_stochastic_game(path: str | os.PathLike) -> StochasticGame:
    """Read a stochastic game file (TOML; schema in sim/io/stochastic_game_file.h).

    Raises GameFileError with every problem, as ``kaesong solve GAME.toml`` reports them.
    """
    path = os.fspath(path)
    return StochasticGame(_core.read_stochastic_game(path), path)


@dataclasses.dataclass
class StochasticSolution:
    """A Markov perfect equilibrium (or the solver's last iterate) with its report.

    ``values``: each player's value per state (numpy arrays); ``strategies``: per state, the
    (row player's, column player's) mixed strategies (stationary; with a finite horizon those of
    period 1); ``frame``: ``kaesong solve --format csv``'s table at full precision
    (MARKOV_COLUMNS); ``max_gain``: the certificate (largest one-shot deviation gain) against
    ``tolerance``; ``report``: the command line's report line.
    """
    method: str
    status: str
    message: str
    report: str
    iterations: int
    residual: float
    seconds: float
    max_gain: float
    tolerance: float
    values: tuple[np.ndarray, np.ndarray]
    strategies: list[tuple[np.ndarray, np.ndarray]]
    frame: pd.DataFrame

    @property
    def ok(self) -> bool:
        """True for a certified equilibrium."""
        return self.status == "success"


_SELECTIONS = ("lemke_howson", "first_support_enumeration", "payoff_dominant", "logit_limit")


def solve_stochastic(path_or_game: str | os.PathLike | StochasticGame, method: str | None = None,
                     *, selection: str | None = None, max_iterations: int | None = None,
                     time_limit: float | None = None, tolerance: float | None = None,
                     all_periods: bool = False) -> StochasticSolution:
    """A Markov perfect equilibrium of a stochastic game, as ``kaesong solve GAME.toml`` does.

    ``method``: "qre" (logit Markov QRE polished to an exact MPE; the default with an infinite
    horizon) or "vi" (value iteration over stage games, backward induction with a finite
    horizon; the default then). ``selection`` (vi only): "lemke_howson" (default),
    "first_support_enumeration", "payoff_dominant" or "logit_limit". ``max_iterations`` (vi
    rounds or qre path steps), ``time_limit`` (seconds, 0: none) and ``tolerance`` (relative to
    the payoff range) default to the solvers' own. ``all_periods``: with a finite horizon, put
    every period in ``.frame``. Raises ValueError for options the game rules out and SolverError
    when no certified equilibrium was found (the command line's exit code 1).
    """
    game = (path_or_game if isinstance(path_or_game, StochasticGame)
            else read_stochastic_game(path_or_game))
    if method is None:
        method = _core.default_markov_method(game._core)
    if method not in ("vi", "qre"):
        raise ValueError(f"method must be 'vi' or 'qre' for a stochastic game, got {method!r}")
    if selection is not None and selection not in _SELECTIONS:
        raise ValueError(f"selection must be one of {', '.join(_SELECTIONS)}, got {selection!r}")
    if selection is not None and method != "vi":
        raise ValueError("selection applies to method 'vi' only")
    if method == "qre" and game.horizon > 0:
        raise ValueError(f"method 'qre' needs an infinite horizon, but this game has horizon "
                         f"{game.horizon} (use method 'vi': backward induction)")
    if all_periods and game.horizon == 0:
        raise ValueError("all_periods applies to finite-horizon games only")
    if max_iterations is not None:
        if game.horizon > 0:
            raise ValueError("max_iterations does not apply to a finite-horizon game")
        if not isinstance(max_iterations, numbers.Integral) or max_iterations < 1:
            raise ValueError(f"max_iterations must be a whole number >= 1, got {max_iterations!r}")
    if time_limit is not None and not time_limit >= 0:
        raise ValueError(f"time_limit must be >= 0 seconds (0: no limit), got {time_limit!r}")
    if tolerance is not None and not 0 < tolerance < 1:
        raise ValueError(f"tolerance must be in (0, 1), got {tolerance!r}")
    out = _core.solve_stochastic(game._core, method, selection,
                                 None if max_iterations is None else int(max_iterations),
                                 None if time_limit is None else float(time_limit),
                                 None if tolerance is None else float(tolerance),
                                 bool(all_periods))
    solution = StochasticSolution(
        method=out["method"], status=out["status"], message=out["message"], report=out["report"],
        iterations=out["iterations"], residual=out["residual"], seconds=out["seconds"],
        max_gain=out["max_gain"], tolerance=out["tolerance"], values=tuple(out["values"]),
        strategies=[tuple(s) for s in out["strategies"]],
        frame=pd.DataFrame(out["rows"], columns=list(MARKOV_COLUMNS)))
    if not solution.ok:
        raise SolverError(solution.report, solution)
    return solution
