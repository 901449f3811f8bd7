// Running and sweeping a loaded scenario the way `kaesong run` and `kaesong sweep` do: the
// simulation overrides their --replications and --seed flags add, the run options a scenario
// implies, the sweep plan built from --vary and --sample texts (checked against the scenario
// before anything runs) and the evaluator that turns one sweep point into its summary cells.
// The command line and the Python module both call these, so their results are the same bits.
#pragma once

#include "sim/engine/run.h"
#include "sim/engine/sweep_plan.h"
#include "sim/engine/sweep_runner.h"
#include "sim/io/scenario.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kaesong::io {

// Overrides of simulation.replications and simulation.seed, in that order, each only when given;
// origins read "--replications N" and "--seed S".
std::vector<Override> SimulationOverrides(const std::optional<std::string>& replications,
                                          const std::optional<std::string>& seed);

// Replications and seed from the scenario's simulation table.
engine::RunOptions ScenarioRunOptions(const model::Parameters& params, bool record_rounds);

// The overrides that set point `values` of the plan (origins "--vary KEY=VALUE").
std::vector<Override> PointOverrides(const engine::SweepPlan& plan,
                                     const std::vector<std::string>& values);

// The plan of `--vary SPEC...` (first varies slowest) and `--sample random:N|lhs:N` (empty: the
// grid), seeded by the scenario's simulation.seed. Throws engine::SweepSpecError for a malformed
// spec.
engine::SweepPlan MakeScenarioSweepPlan(const Scenario& scenario,
                                        const std::vector<std::string>& vary,
                                        const std::string& sample);

// Applies every axis key with, per axis, its extreme or listed values to the scenario once, so
// that a bad axis is reported before any point runs. Throws ScenarioError.
void CheckSweepAxes(const Scenario& scenario, const engine::SweepPlan& plan);

// Refuses (engine::MemoryLimitError) a sweep one of whose points would need more than
// `point_limit` bytes for its equilibrium (memory_budget.h; 0: no limit), before any point runs.
// Memory grows with every size key (grids, rounds, types, belief points), so the points checked
// are the corners of the axes: each range axis at its two ends, each list axis at every value
// (the first 4,096 combinations). Corners that are not valid scenarios are skipped (the point
// itself reports them).
void CheckSweepMemory(const Scenario& scenario, const engine::SweepPlan& plan,
                      std::uint64_t point_limit);

// Runs one point (the scenario with the point's overrides, no round records) and returns its
// summary cells (SummaryCsvCells). Keeps references to `scenario` and `plan`, which must outlive
// it; safe to call from several threads at once. A point past `point_limit` bytes (0: none)
// throws engine::MemoryLimitError.
engine::PointEvaluator ScenarioPointEvaluator(const Scenario& scenario,
                                              const engine::SweepPlan& plan,
                                              std::uint64_t point_limit = 0);

// The sweep header after the varied keys: the summary columns without "scenario".
std::string SweepSummaryHeaderTail();

}  // namespace kaesong::io
