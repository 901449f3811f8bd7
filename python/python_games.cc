// Bindings of the equilibrium solvers: .nfg files, bimatrix games from numpy arrays (mapped by
// Eigen without a copy, then copied once into the Bimatrix the solvers take), stochastic game
// files, and the same method dispatch as `kaesong solve` (sim/solver/solve_bimatrix.h,
// sim/solver/solve_markov.h). Solves release the GIL.
#include "python/python_module.h"

#include "sim/io/markov_format.h"
#include "sim/io/nfg.h"
#include "sim/io/stochastic_game_file.h"
#include "sim/solver/solve_bimatrix.h"
#include "sim/solver/solve_markov.h"

#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <fmt/format.h>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>

namespace kaesong::python {
namespace {

using StridedMap =
    Eigen::Map<const Eigen::MatrixXd, 0, Eigen::Stride<Eigen::Dynamic, Eigen::Dynamic>>;

// A float64 matrix as an Eigen matrix; `name` names it in messages.
Eigen::MatrixXd ToMatrix(const py::array_t<double>& array, const char* name) {
  if (array.ndim() != 2) {
    throw std::invalid_argument(
        fmt::format("{} must be a 2-dimensional array, got {} dimensions", name, array.ndim()));
  }
  const py::ssize_t item = static_cast<py::ssize_t>(sizeof(double));
  const py::ssize_t row_stride = array.strides(0), col_stride = array.strides(1);
  if (row_stride > 0 && col_stride > 0 && row_stride % item == 0 && col_stride % item == 0) {
    // Eigen reads numpy's memory in place, whatever the order (C, Fortran or a strided view).
    const StridedMap map(array.data(), array.shape(0), array.shape(1),
                         Eigen::Stride<Eigen::Dynamic, Eigen::Dynamic>(col_stride / item,
                                                                       row_stride / item));
    return map;
  }
  const auto fortran = py::array_t<double, py::array::f_style | py::array::forcecast>::ensure(array);
  return Eigen::Map<const Eigen::MatrixXd>(fortran.data(), fortran.shape(0), fortran.shape(1));
}

py::tuple EquilibriumTuple(const Equilibrium& eq) {
  return py::make_tuple(eq.profile.row, eq.profile.col, eq.max_regret, eq.row_payoff,
                        eq.col_payoff);
}

// What the Python layer builds its result from.
py::dict SolutionDict(const Bimatrix& game, const BimatrixSolution& solution, double max_regret,
                      double seconds) {
  const SolveResult& result = solution.result;
  py::list equilibria, branch;
  for (const Equilibrium& eq : result.equilibria) equilibria.append(EquilibriumTuple(eq));
  for (const QrePoint& point : solution.branch) {
    branch.append(py::make_tuple(point.lambda, point.profile.row, point.profile.col));
  }
  py::dict out;
  out["status"] = std::string(ToString(result.status));
  out["message"] = result.message;
  out["report"] = result.Report();
  out["degenerate"] = result.degenerate;
  out["iterations"] = result.iterations;
  out["equilibria"] = equilibria;
  out["branch"] = branch;
  out["uncertified"] = CountUncertified(game, result, max_regret);
  out["regret_limit"] = max_regret * PayoffScale(game);
  out["seconds"] = seconds;
  return out;
}

py::dict Solve(const Bimatrix& game, const std::string& method, int label, bool all_labels,
               double max_regret, bool branch) {
  const std::optional<BimatrixMethod> parsed = ParseBimatrixMethod(method);
  if (!parsed) {
    throw std::invalid_argument(
        fmt::format("method must be 'pure', 'enum', 'lh' or 'logit', got '{}'", method));
  }
  BimatrixSolveOptions options;
  options.method = *parsed;
  options.label = label;
  options.all_labels = all_labels;
  options.max_regret = max_regret;
  options.record_branch = branch;
  BimatrixSolution solution;
  double seconds = 0.0;
  {
    py::gil_scoped_release release;
    const auto start = std::chrono::steady_clock::now();
    solution = SolveBimatrix(game, options);
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  return SolutionDict(game, solution, max_regret, seconds);
}

py::tuple GameTuple(const Bimatrix& game) {
  return py::make_tuple(game.a, game.b, game.title,
                        py::make_tuple(game.player_names[0], game.player_names[1]),
                        game.row_labels, game.col_labels);
}

py::dict MarkovDict(const StochasticGame& game, const MarkovSolution& solved, bool all_periods) {
  const MarkovResult& result = solved.result;
  py::list rows;  // period, state, player, action, probability, value, action_value
  for (const MarkovPeriod& period : MarkovPeriods(game, result, all_periods)) {
    for (Eigen::Index s = 0; s < game.num_states(); ++s) {
      const StochasticState& state = game.states[static_cast<std::size_t>(s)];
      for (int player = 0; player < 2; ++player) {
        const MixedProfile& profile = period.strategies[static_cast<std::size_t>(s)];
        const Eigen::VectorXd& mix = player == 0 ? profile.row : profile.col;
        for (Eigen::Index a = 0; a < state.actions(player); ++a) {
          rows.append(py::make_tuple(
              period.period, state.name, game.player_names[static_cast<std::size_t>(player)],
              state.action_labels[static_cast<std::size_t>(player)][static_cast<std::size_t>(a)],
              mix[a], period.values[static_cast<std::size_t>(player)][s],
              period.action_values[static_cast<std::size_t>(s)][static_cast<std::size_t>(player)][a]));
        }
      }
    }
  }
  py::list strategies;
  for (const MixedProfile& profile : result.strategies) {
    strategies.append(py::make_tuple(profile.row, profile.col));
  }
  py::dict out;
  out["method"] = solved.name;
  out["status"] = std::string(ToString(result.status));
  out["message"] = result.message;
  out["report"] = fmt::format("{}: {}", solved.name, result.Report());
  out["iterations"] = result.iterations;
  out["residual"] = result.residual;
  out["seconds"] = result.seconds;
  out["lambda"] = result.lambda;
  out["max_gain"] = result.certificate.Max();
  out["tolerance"] = result.tolerance;
  out["values"] = py::make_tuple(result.values[0], result.values[1]);
  out["strategies"] = strategies;
  out["rows"] = rows;
  return out;
}

}  // namespace

void BindGames(py::module_& m) {
  py::class_<Bimatrix>(m, "Bimatrix", "A two-player strategic-form game (C++ side).")
      .def_property_readonly("shape", [](const Bimatrix& g) {
        return py::make_tuple(g.rows(), g.cols());
      });
  m.def(
      "make_bimatrix",
      [](const py::array_t<double>& a, const py::array_t<double>& b) {
        return MakeBimatrix(ToMatrix(a, "A"), ToMatrix(b, "B"));
      },
      py::arg("a"), py::arg("b"), "A game from two float64 payoff matrices.");
  m.def(
      "read_nfg",
      [](const std::string& path) {
        Bimatrix game;
        {
          py::gil_scoped_release release;
          game = ToBimatrix(ReadNfgFile(path));
        }
        return py::make_tuple(game, GameTuple(game));
      },
      py::arg("path"), "Reads a Gambit .nfg file: (game, (A, B, title, players, rows, cols)).");
  m.def("solve", &Solve, py::arg("game"), py::arg("method"), py::arg("label"),
        py::arg("all_labels"), py::arg("max_regret"), py::arg("branch"),
        "Solves as kaesong solve GAME.nfg does (GIL released).");

  py::class_<StochasticGame>(m, "StochasticGame", "A two-player stochastic game (C++ side).")
      .def_property_readonly("title", [](const StochasticGame& g) { return g.title; })
      .def_property_readonly("horizon", [](const StochasticGame& g) { return g.horizon; })
      .def_property_readonly("players", [](const StochasticGame& g) { return g.player_names; })
      .def_property_readonly("discount", [](const StochasticGame& g) { return g.discount; })
      .def_property_readonly("states", [](const StochasticGame& g) {
        std::vector<std::string> names;
        for (const StochasticState& s : g.states) names.push_back(s.name);
        return names;
      });
  m.def(
      "read_stochastic_game",
      [](const std::string& path) {
        py::gil_scoped_release release;
        return ReadStochasticGameFile(path);
      },
      py::arg("path"), "Reads a stochastic game file (.toml).");
  m.def("default_markov_method", [](const StochasticGame& game) {
    return DefaultMarkovMethod(game) == MarkovMethod::kQre ? "qre" : "vi";
  });
  m.def(
      "solve_stochastic",
      [](const StochasticGame& game, const std::string& method,
         const std::optional<std::string>& selection, std::optional<long long> max_iterations,
         std::optional<double> time_limit, std::optional<double> tolerance, bool all_periods) {
        MarkovSolveOptions options;
        options.method = method == "qre" ? MarkovMethod::kQre : MarkovMethod::kValueIteration;
        if (selection) {
          options.selection = ParseStageSelection(*selection);
          if (!options.selection) {
            throw std::invalid_argument(fmt::format(
                "selection must be 'lemke_howson', 'first_support_enumeration', "
                "'payoff_dominant' or 'logit_limit', got '{}'",
                *selection));
          }
        }
        options.max_iterations = max_iterations;
        options.time_limit = time_limit;
        options.tolerance = tolerance;
        MarkovSolution solved;
        {
          py::gil_scoped_release release;
          solved = SolveMarkov(game, options);
        }
        return MarkovDict(game, solved, all_periods);
      },
      py::arg("game"), py::arg("method"), py::arg("selection"), py::arg("max_iterations"),
      py::arg("time_limit"), py::arg("tolerance"), py::arg("all_periods"),
      "Solves as kaesong solve GAME.toml does (GIL released).");
}

}  // namespace kaesong::python
