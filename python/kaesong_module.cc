// kaesong._core: the C++ side of the `kaesong` Python package (python/kaesong/__init__.py turns
// its results into pandas DataFrames). Exceptions: a bad scenario is kaesong.ScenarioError, a bad
// game file kaesong.GameFileError (both ValueError subclasses carrying the command line's
// "FILE:LINE:COL: error: ..." text and the diagnostics), other bad input ValueError.
#include "python/python_module.h"

#include "sim/engine/sweep_plan.h"
#include "sim/io/nfg.h"
#include "sim/io/scenario.h"
#include "sim/io/stochastic_game_file.h"

#include <pybind11/stl.h>

namespace kaesong::python {
namespace {

// Never destroyed: the interpreter may be gone by the time static destructors run.
py::object& ScenarioErrorStorage() {
  static auto* type = new py::object();
  return *type;
}
py::object& GameFileErrorStorage() {
  static auto* type = new py::object();
  return *type;
}

// Raises `type(what)` with a `diagnostics` attribute: (source, line, column, message) tuples.
void Raise(const py::object& type, const char* what, py::list diagnostics) {
  py::object error = type(what);
  error.attr("diagnostics") = std::move(diagnostics);
  PyErr_SetObject(type.ptr(), error.ptr());
}

// (source, line, column, message) for each diagnostic.
py::list DiagnosticTuples(const io::InputError& e) {
  py::list diagnostics;
  for (const io::Diagnostic& d : e.diagnostics()) {
    diagnostics.append(py::make_tuple(d.where.source, d.where.line, d.where.column, d.message));
  }
  return diagnostics;
}

void TranslateExceptions(std::exception_ptr failure) {
  try {
    if (failure) std::rethrow_exception(failure);
  } catch (const io::ScenarioError& e) {
    Raise(ScenarioErrorType(), e.what(), DiagnosticTuples(e));
  } catch (const io::InputError& e) {  // a .nfg or stochastic game file
    Raise(GameFileErrorType(), e.what(), DiagnosticTuples(e));
  } catch (const engine::SweepSpecError& e) {
    PyErr_SetString(PyExc_ValueError, e.what());
  }
}

}  // namespace

py::object ScenarioErrorType() { return ScenarioErrorStorage(); }
py::object GameFileErrorType() { return GameFileErrorStorage(); }

}  // namespace kaesong::python

PYBIND11_MODULE(_core, m) {
  using namespace kaesong::python;
  m.doc() = "C++ core of the kaesong package; use the functions of `kaesong` instead.";
  ScenarioErrorStorage() = py::reinterpret_steal<py::object>(PyErr_NewExceptionWithDoc(
      "kaesong.ScenarioError",
      "A scenario file or override is invalid. str() is every problem, one per line, as the "
      "command line prints them (FILE:LINE:COL: error: MESSAGE); .diagnostics holds them as "
      "(source, line, column, message) tuples.",
      PyExc_ValueError, nullptr));
  GameFileErrorStorage() = py::reinterpret_steal<py::object>(PyErr_NewExceptionWithDoc(
      "kaesong.GameFileError",
      "A game file (.nfg or stochastic .toml) cannot be read. str() is the command line's "
      "message (FILE:LINE:COL: error: MESSAGE); .diagnostics holds (file, line, column, "
      "message) tuples.",
      PyExc_ValueError, nullptr));
  m.attr("ScenarioError") = ScenarioErrorType();
  m.attr("GameFileError") = GameFileErrorType();
  py::register_exception_translator(&TranslateExceptions);
  BindScenarios(m);
  BindGames(m);
}
