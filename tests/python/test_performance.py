"""Overheads of the Python module, printed and not asserted (the machine is shared): 1,000
kaesong.run calls against one `kaesong sweep --threads 1` process doing the same 1,000 runs (of
kaesong_2013_complete under its subgame-perfect equilibrium, a few milliseconds each, so that the
per-call overhead shows), and kaesong.solve on a 10x10 game against the C++ solve time it
reports."""

import resource
import subprocess
import time
import timeit

import numpy as np
import pandas as pd

import kaesong
from conftest import cli, executable

POINTS = 1000


def test_thousand_runs_against_one_sweep_process(tmp_path):
    scenario = kaesong.load_scenario("scenarios/kaesong_2013_complete.toml",
                                     sets={"solution.concept": "spe"})
    values = np.linspace(0.0, 300.0, POINTS)
    command = [executable(), "sweep", "scenarios/kaesong_2013_complete.toml", "--set",
               "solution.concept=spe", "--vary", f"pyongyang.blame_weight=0:300:{POINTS}",
               "--threads", "1", "--out", str(tmp_path / "sweep.csv")]

    def sweep_process():
        start, children = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - children.ru_utime) + (after.ru_stime - children.ru_stime)
        return time.perf_counter() - start, cpu

    def python_loop(collect):
        start, cpu = time.perf_counter(), time.process_time()
        rows = []
        for v in values:
            result = kaesong.run(scenario, sets={"pyongyang.blame_weight": float(v)},
                                 rounds=False)
            if collect == "summary":
                result.summary
            elif collect == "table":
                rows.append(result.summary_dict())
        if collect == "table":
            pd.DataFrame(rows)
        return time.perf_counter() - start, time.process_time() - cpu

    # Interleaved, so that background load hits all of them alike (one pass: the suite's time).
    timings = {"sweep": [], "run": [], "run, one table": [], "run, .summary each": []}
    for _ in range(1):
        timings["sweep"].append(sweep_process())
        timings["run"].append(python_loop(None))
        timings["run, one table"].append(python_loop("table"))
        timings["run, .summary each"].append(python_loop("summary"))
    wall = {name: min(w for w, _ in t) for name, t in timings.items()}
    cpu = {name: min(c for _, c in t) for name, t in timings.items()}
    print(f"\n{POINTS} runs of kaesong_2013_complete (SPE, 1,000 replications each, one thread), "
          "wall and CPU time:")
    print(f"  kaesong sweep process           {wall['sweep']:.3f} s   cpu {cpu['sweep']:.3f} s")
    print("  kaesong.run loops: without touching the result; collecting summary_dict() into one")
    print("  DataFrame (the sweep's table); building each run's .summary DataFrame")
    for name in ("run", "run, one table", "run, .summary each"):
        print(f"  kaesong.{name:<22} {wall[name]:.3f} s ({100 * (wall[name] / wall['sweep'] - 1):+.1f} %)"
              f"   cpu {cpu[name]:.3f} s ({100 * (cpu[name] / cpu['sweep'] - 1):+.1f} %)")


def test_solve_overhead_on_a_10x10_game(tmp_path):
    path = tmp_path / "game.nfg"
    path.write_text(cli("generate", "--rows", 10, "--cols", 10, "--seed", 1).stdout)
    a, b, _ = kaesong.read_nfg(path)
    print("\nkaesong.solve on a 10x10 integer game (seed 1): median over calls of the wall time "
          "of one call and of the C++ solve it reports")
    for method, calls in (("pure", 2000), ("lh", 2000), ("logit", 200), ("enum", 50)):
        total, inner = [], []
        for _ in range(calls):
            start = time.perf_counter()
            eqs = kaesong.solve(a, b, method)
            total.append(time.perf_counter() - start)
            inner.append(eqs.seconds)
        overhead = np.median(np.array(total) - np.array(inner))
        print(f"  {method:<5} call {1e6 * np.median(total):9.1f} us, C++ solve "
              f"{1e6 * np.median(inner):9.1f} us, overhead {1e6 * overhead:6.1f} us")
    number = 2000
    timed = min(timeit.repeat(lambda: kaesong.solve(a, b, "pure"), number=number, repeat=5))
    print(f"  timeit, method pure: {1e6 * timed / number:.1f} us per call")
