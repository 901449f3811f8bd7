// Shared pieces of the kaesong._core extension: the exception types the Python layer exposes
// (ScenarioError, GameFileError), and running long C++ work off the interpreter's lock while the
// calling thread still answers Ctrl-C. Each python_*.cc file binds one part of the library.
#pragma once

#include <pybind11/pybind11.h>

#include <atomic>
#include <chrono>
#include <exception>
#include <future>
#include <optional>
#include <stdexcept>
#include <utility>

namespace kaesong::python {

namespace py = pybind11;

// Thrown by work that saw its stop flag; never reaches Python.
class Interrupted : public std::runtime_error {
 public:
  Interrupted() : std::runtime_error("interrupted") {}
};

// How often the calling thread checks for signals while work runs.
inline constexpr std::chrono::milliseconds kSignalPollInterval{20};

// Runs `work()` on a helper thread with the GIL released. Every kSignalPollInterval the calling
// thread takes the GIL and runs Python's signal handlers (PyErr_CheckSignals); when one raises
// (KeyboardInterrupt on Ctrl-C) it sets `*stop`, waits for `work` to return (work checks the flag
// between its steps and may throw, e.g. Interrupted), and raises that Python exception. Otherwise
// returns work's result or rethrows its exception.
template <class Work>
auto CallInterruptibly(Work work, std::atomic<bool>* stop) -> decltype(work()) {
  using Result = decltype(work());
  std::optional<py::error_already_set> interrupt;
  std::future<Result> future;
  {
    py::gil_scoped_release release;
    future = std::async(std::launch::async, std::move(work));
    while (future.wait_for(kSignalPollInterval) != std::future_status::ready) {
      py::gil_scoped_acquire acquire;
      if (PyErr_CheckSignals() != 0) {
        interrupt.emplace();  // takes the pending exception
        stop->store(true);
        break;
      }
    }
    future.wait();
  }
  if (interrupt) {
    try {
      future.get();
    } catch (...) {
      // The work's own end (Interrupted, or a failure) is superseded by the interrupt.
    }
    throw *interrupt;
  }
  return future.get();
}

// The Python exception types, created by the module (kaesong_module.cc).
py::object ScenarioErrorType();
py::object GameFileErrorType();

void BindScenarios(py::module_& m);
void BindGames(py::module_& m);

}  // namespace kaesong::python
