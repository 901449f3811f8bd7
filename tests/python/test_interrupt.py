"""Ctrl-C during a sweep or a run: KeyboardInterrupt between points or chunks of replications,
soon, and the interpreter (and the module) usable afterwards; checked in-process (the interrupt Python's own signal handling
simulates) and with a real SIGINT sent to a child interpreter."""

import _thread
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

import kaesong
from conftest import SOURCE_DIR

LONG_SWEEP = {"pyongyang.blame_weight": (0, 300, 2000)}  # ~10 s on 2 cores at 1,000 replications


def test_interrupted_sweep_raises_keyboard_interrupt_and_leaves_the_module_usable():
    timer = threading.Timer(0.3, _thread.interrupt_main)
    start = time.monotonic()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        kaesong.sweep("scenarios/kaesong_2013_complete.toml", vary=LONG_SWEEP, threads=2)
    elapsed = time.monotonic() - start
    timer.join()
    assert elapsed < 3.0, f"the sweep took {elapsed:.2f} s to stop"
    frame = kaesong.sweep("scenarios/kaesong_2013_complete.toml", vary={"seoul.discount": (0.9, 0.99, 3)},
                          replications=20)
    assert len(frame) == 3
    summary = kaesong.run("scenarios/kaesong_2013_complete.toml", replications=20).summary
    assert summary.shape == (1, len(kaesong.SUMMARY_COLUMNS))


def test_interrupted_run_stops_between_replications():
    # The equilibrium solve is not interrupted, so the run may stop only after it: compare with
    # the time of a solve (one replication), measured under the same load, plus half a second;
    # the 10^7 replications themselves take far longer (about 20 times a solve).
    start = time.monotonic()
    kaesong.run("scenarios/kaesong_2013_complete.toml", replications=1, rounds=False)
    solve = time.monotonic() - start
    timer = threading.Timer(0.1, _thread.interrupt_main)
    start = time.monotonic()
    timer.start()
    with pytest.raises(KeyboardInterrupt):  # the most replications a scenario allows
        kaesong.run("scenarios/kaesong_2013_complete.toml", replications=10_000_000, rounds=False)
    elapsed = time.monotonic() - start
    timer.join()
    assert elapsed < max(solve, 0.1) + 0.5, \
        f"the run took {elapsed:.2f} s to stop (a solve takes {solve:.2f} s)"
    summary = kaesong.run("scenarios/kaesong_2013_complete.toml", replications=20).summary
    assert summary.shape == (1, len(kaesong.SUMMARY_COLUMNS))


CHILD = f"""
import sys, time
sys.path[:0] = {sys.path!r}
import kaesong
print("ready", flush=True)
try:
    kaesong.sweep("scenarios/kaesong_2013_complete.toml", vary={LONG_SWEEP!r}, threads=2)
    print("not interrupted", flush=True)
except KeyboardInterrupt:
    print("interrupted", flush=True)
summary = kaesong.run("scenarios/kaesong_2013_complete.toml", replications=20).summary
print("usable", int(summary["replications"].iloc[0]), flush=True)
"""


def test_sigint_to_a_child_interpreter():
    child = subprocess.Popen([sys.executable, "-c", CHILD], cwd=SOURCE_DIR, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env={**os.environ})
    assert child.stdout.readline().strip() == "ready"
    time.sleep(0.5)
    sent = time.monotonic()
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    assert out.split("\n")[:2] == ["interrupted", "usable 20"], (out, err)
    assert time.monotonic() - sent < 5.0
