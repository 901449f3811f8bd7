// Bindings of scenario loading, runs and sweeps: the same library calls as `kaesong check`, `run`
// and `sweep` (sim/io/scenario_run.h), so results are the same bits as the command line's CSVs.
// Runs and sweeps release the GIL and stop on Ctrl-C (a sweep between points, a run between
// chunks of replications once its equilibrium is solved).
#include "python/python_module.h"

#include "sim/engine/run.h"
#include "sim/engine/sweep_runner.h"
#include "sim/io/csv.h"
#include "sim/io/scenario.h"
#include "sim/io/scenario_dates.h"
#include "sim/io/scenario_run.h"
#include "sim/io/scenario_writer.h"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

namespace kaesong::python {
namespace {

using OverrideTuple = std::tuple<std::string, std::string, std::string>;  // key, value, origin

std::vector<io::Override> ToOverrides(const std::vector<OverrideTuple>& tuples) {
  std::vector<io::Override> overrides;
  overrides.reserve(tuples.size());
  for (const auto& [key, value, origin] : tuples) overrides.push_back({key, value, origin});
  return overrides;
}

std::vector<OverrideTuple> ToTuples(const std::vector<io::Override>& overrides) {
  std::vector<OverrideTuple> tuples;
  for (const io::Override& o : overrides) tuples.emplace_back(o.key, o.value, o.origin);
  return tuples;
}

template <class T, class Field>
py::array_t<T> Column(const std::vector<engine::RoundRecord>& rounds, Field field) {
  py::array_t<T> column(static_cast<py::ssize_t>(rounds.size()));
  T* out = column.mutable_data();
  for (const engine::RoundRecord& r : rounds) *out++ = static_cast<T>(field(r));
  return column;
}

// rounds.csv's columns (after `scenario`, which the Python layer fills) as (name, array) pairs;
// text columns (date, proposer) are lists of str. Numbers are the records' doubles themselves,
// which WriteRoundsCsv prints in round-trip form.
py::list RoundsColumns(const engine::RunResult& result) {
  const std::vector<engine::RoundRecord>& rounds = result.rounds;
  using R = engine::RoundRecord;
  py::list dates, proposers;
  std::map<model::Day, py::str> date_text;
  const py::str seoul("seoul"), pyongyang("pyongyang"), both("both");
  for (const R& r : rounds) {
    auto it = date_text.find(r.date);
    if (it == date_text.end()) it = date_text.emplace(r.date, py::str(io::IsoDate(r.date))).first;
    dates.append(it->second);
    proposers.append(r.simultaneous ? both : r.proposer == model::Proposer::kSeoul ? seoul : pyongyang);
  }
  py::list columns;
  const auto add = [&](const char* name, py::object values) {
    columns.append(py::make_tuple(name, std::move(values)));
  };
  add("replication", Column<std::int64_t>(rounds, [](const R& r) { return r.replication; }));
  add("round", Column<std::int64_t>(rounds, [](const R& r) { return r.round; }));
  add("date", dates);
  add("proposer", proposers);
  add("offer_m", Column<double>(rounds, [](const R& r) { return r.offer_m; }));
  add("offer_g", Column<double>(rounds, [](const R& r) { return r.offer_g; }));
  add("offer_beta", Column<double>(rounds, [](const R& r) { return r.offer_beta; }));
  add("accepted", Column<bool>(rounds, [](const R& r) { return r.accepted; }));
  add("opted_out", Column<bool>(rounds, [](const R& r) { return r.opted_out; }));
  add("breakdown", Column<bool>(rounds, [](const R& r) { return r.breakdown; }));
  add("drill", Column<bool>(rounds, [](const R& r) { return r.drill; }));
  add("seoul_option_active", Column<bool>(rounds, [](const R& r) { return r.seoul_option_active; }));
  add("pyongyang_option_active",
      Column<bool>(rounds, [](const R& r) { return r.pyongyang_option_active; }));
  add("value_seoul", Column<double>(rounds, [](const R& r) { return r.value_seoul; }));
  add("value_pyongyang", Column<double>(rounds, [](const R& r) { return r.value_pyongyang; }));
  const engine::BeliefColumns& b = result.beliefs;
  std::vector<std::string> belief_names;
  if (b.types > 0) {
    add("type", Column<std::int64_t>(rounds, [](const R& r) { return r.type; }));
    add("belief_mean", Column<double>(rounds, [&](const R& r) {
          return b.mean[static_cast<std::size_t>(r.belief_state)];
        }));
    for (int k = 0; k < b.types; ++k) {
      belief_names.push_back("belief_" + std::to_string(k + 1));
      columns.append(py::make_tuple(belief_names.back(), Column<double>(rounds, [&](const R& r) {
        return b.posterior[static_cast<std::size_t>(r.belief_state) * b.types + k];
      })));
    }
  }
  // The file's columns are the reference: a column added there must be added here.
  const std::vector<std::string> names = io::RoundsCsvColumns(b.types);
  bool same = names.size() == columns.size() + 1;
  for (std::size_t c = 0; same && c < columns.size(); ++c) {
    same = names[c + 1] == columns[c].cast<py::tuple>()[0].cast<std::string>();
  }
  if (!same) throw std::logic_error("the rounds columns bound differ from rounds.csv's");
  return columns;
}

// Rows of a sweep kept in memory, in point order.
class StringSink : public engine::RowSink {
 public:
  explicit StringSink(long long end) : end_(end) {}
  long long next_point() const override { return next_; }
  long long end_point() const override { return end_; }
  void Write(const std::string& rows, long long row_count) override {
    text_ += rows;
    next_ += row_count;
  }
  std::string& text() { return text_; }

 private:
  long long next_ = 0;
  long long end_;
  std::string text_;
};

// The sweep's CSV text, header included, exactly as `kaesong sweep --out` writes it.
std::string Sweep(const io::Scenario& scenario, const std::vector<std::string>& vary,
                  const std::string& sample, int threads) {
  const engine::SweepPlan plan = io::MakeScenarioSweepPlan(scenario, vary, sample);
  io::CheckSweepAxes(scenario, plan);
  const engine::PointEvaluator point = io::ScenarioPointEvaluator(scenario, plan);
  std::atomic<bool> stop{false};
  const engine::PointEvaluator evaluate = [&](long long p, const std::vector<std::string>& values) {
    if (stop.load(std::memory_order_relaxed)) throw Interrupted();
    return point(p, values);
  };
  StringSink sink(plan.PointCount());
  sink.text() = engine::SweepHeader(plan, io::SweepSummaryHeaderTail()) + '\n';
  CallInterruptibly([&] { engine::RunSweep(plan, evaluate, threads, sink); }, &stop);
  return std::move(sink.text());
}

}  // namespace

void BindScenarios(py::module_& m) {
  py::class_<io::Scenario>(m, "Scenario", "A loaded, validated scenario (C++ side).")
      .def_property_readonly("name", [](const io::Scenario& s) { return s.parameters.name; })
      .def_property_readonly("file", [](const io::Scenario& s) { return s.file; })
      .def(
          "with_overrides",
          [](const io::Scenario& s, const std::vector<OverrideTuple>& overrides) {
            return io::ApplyOverrides(s, ToOverrides(overrides));
          },
          "The scenario with (key, value, origin) overrides applied and validated again.")
      .def(
          "resolved_toml",
          [](const io::Scenario& s, const std::string& header) {
            return io::WriteResolvedScenario(s.parameters, header);
          },
          py::arg("header") = "", "Every key as a scenario file (what kaesong check prints).")
      .def(
          "position_of",
          [](const io::Scenario& s, const std::string& key) {
            const io::SourcePosition where = s.PositionOf(key);
            return py::make_tuple(where.source, where.line, where.column);
          },
          "(source, line, column) where a key was set.");

  py::class_<engine::RunResult>(m, "RunResult", "Rounds and summary of one run (C++ side).")
      .def_property_readonly("round_count",
                             [](const engine::RunResult& r) { return r.rounds.size(); })
      .def(
          "summary_cells",
          [](const engine::RunResult& r) { return io::RunSummaryCsvCells(r.summary); },
          "summary.csv's row after the scenario column, as the file holds it.")
      .def(
          "summary_column_names",
          [](const engine::RunResult& r) { return io::RunSummaryCsvColumns(r.summary); },
          "summary.csv's header for this run (per-type columns with hidden information).")
      .def("rounds_columns", [](const engine::RunResult& r) { return RoundsColumns(r); })
      .def(
          "rounds_column_names",
          [](const engine::RunResult& r) { return io::RoundsCsvColumns(r.beliefs.types); },
          "rounds.csv's header for this run (type and belief columns with hidden information).")
      .def_property_readonly(
          "warnings", [](const engine::RunResult& r) { return r.warnings; },
          "What `kaesong run` prints as warnings on stderr (results set by a bound, ...).");

  m.def(
      "load_scenario",
      [](const std::string& path, const std::vector<OverrideTuple>& overrides) {
        py::gil_scoped_release release;
        return io::LoadScenario(path, ToOverrides(overrides));
      },
      py::arg("path"), py::arg("overrides"), "Reads and validates a scenario file.");
  m.def(
      "simulation_overrides",
      [](std::optional<std::string> replications, std::optional<std::string> seed) {
        return ToTuples(io::SimulationOverrides(replications, seed));
      },
      "The (key, value, origin) overrides of `kaesong run --replications N --seed S`.");
  m.def(
      "parse_set_flags",
      [](const std::vector<std::string>& key_values) {
        return ToTuples(io::ParseSetFlags(key_values));
      },
      "Splits each 'KEY=VALUE' as --set does into a (key, value, origin) override.");
  m.def(
      "run",
      [](const io::Scenario& scenario, bool record_rounds) {
        std::atomic<bool> stop{false};
        engine::RunOptions options = io::ScenarioRunOptions(scenario.parameters, record_rounds);
        options.stop = &stop;
        return CallInterruptibly([&] { return engine::RunScenario(scenario.parameters, options); },
                                 &stop);
      },
      py::arg("scenario"), py::arg("record_rounds"),
      "Solves and simulates, as kaesong run does (GIL released).");
  m.def("sweep", &Sweep, py::arg("scenario"), py::arg("vary"), py::arg("sample"),
        py::arg("threads"), "The CSV text kaesong sweep --out writes (GIL released).");
  m.def("summary_columns", &io::SummaryCsvColumns);
  m.def("rounds_columns", [] { return io::RoundsCsvColumns(); });
}

}  // namespace kaesong::python
