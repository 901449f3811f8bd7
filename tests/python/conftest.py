"""Fixtures of the Python module's tests: the `kaesong` executable to compare with, run from the
source root so that file names in messages read as a user sees them (CTest sets
KAESONG_EXECUTABLE and PYTHONPATH; see tests/CMakeLists.txt)."""

import os
import subprocess
from pathlib import Path

import pandas as pd
import pytest

SOURCE_DIR = Path(__file__).resolve().parents[2]
DATA = SOURCE_DIR / "tests" / "data"
SCENARIOS = sorted(p.relative_to(SOURCE_DIR).as_posix()
                   for p in [*SOURCE_DIR.glob("scenarios/*.toml"),
                             *SOURCE_DIR.glob("scenarios/limits/*.toml")])


@pytest.fixture(autouse=True)
def _at_source_root(monkeypatch):
    monkeypatch.chdir(SOURCE_DIR)


def executable() -> str:
    exe = os.environ.get("KAESONG_EXECUTABLE", str(SOURCE_DIR / "build" / "sim" / "cli" / "kaesong"))
    if not Path(exe).exists():
        pytest.fail(f"no kaesong executable at {exe} (set KAESONG_EXECUTABLE)")
    return exe


def cli(*args, check=True) -> subprocess.CompletedProcess:
    """Runs `kaesong ARGS...` from the source root."""
    result = subprocess.run([executable(), *map(str, args)], cwd=SOURCE_DIR, text=True,
                            capture_output=True)
    if check and result.returncode != 0:
        raise AssertionError(f"kaesong {' '.join(map(str, args))} exited {result.returncode}:\n"
                             f"{result.stderr}")
    return result


def read_csv(path) -> pd.DataFrame:
    """A CLI CSV read back exactly (every double as written)."""
    return pd.read_csv(path, float_precision="round_trip")
