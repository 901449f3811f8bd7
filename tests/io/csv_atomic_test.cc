// Atomic output files (sim/io/atomic_file.h), as used for the CSVs of `kaesong run`.
#include "sim/io/atomic_file.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <unistd.h>

namespace kaesong::io {
namespace {

namespace fs = std::filesystem;

std::string Read(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

int CountFiles(const fs::path& dir) {
  int n = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++n;
  return n;
}

// A fresh directory per test case (ctest runs test cases in parallel).
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name)
      : path(fs::temp_directory_path() /
             ("kaesong_atomic_test_" + name + "_" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

TEST_CASE("A committed file has the full content and no temporary file remains", "[atomic]") {
  TempDir dir("committed");
  WriteFileAtomically(dir.path / "rounds.csv", [](std::ostream& out) { out << "a,b\n1,2\n"; });
  CHECK(Read(dir.path / "rounds.csv") == "a,b\n1,2\n");
  CHECK(CountFiles(dir.path) == 1);
  // Replacing an existing file.
  WriteFileAtomically(dir.path / "rounds.csv", [](std::ostream& out) { out << "new\n"; });
  CHECK(Read(dir.path / "rounds.csv") == "new\n");
  CHECK(CountFiles(dir.path) == 1);
}

TEST_CASE("A failed write leaves the target untouched and nothing behind", "[atomic]") {
  TempDir dir("failed");
  const fs::path target = dir.path / "summary.csv";
  const auto fail_midway = [](std::ostream& out) {
    out << "half a ro";
    throw std::runtime_error("engine failed");
  };
  CHECK_THROWS_WITH(WriteFileAtomically(target, fail_midway), "engine failed");
  CHECK(!fs::exists(target));
  CHECK(CountFiles(dir.path) == 0);
  std::ofstream(target) << "old\n";
  CHECK_THROWS(WriteFileAtomically(target, fail_midway));
  CHECK(Read(target) == "old\n");
  CHECK(CountFiles(dir.path) == 1);
}

TEST_CASE("An abandoned AtomicFile is discarded", "[atomic]") {
  TempDir dir("abandoned");
  {
    AtomicFile file(dir.path / "scenario.toml");
    file.stream() << "partial";
    CHECK(CountFiles(dir.path) == 1);  // the temporary file
  }
  CHECK(CountFiles(dir.path) == 0);
}

TEST_CASE("Unwritable targets report the path and the reason", "[atomic]") {
  TempDir dir("unwritable");
  const fs::path missing = dir.path / "no" / "such" / "dir" / "rounds.csv";
  CHECK_THROWS_WITH(AtomicFile(missing),
                    "cannot write '" + missing.string() + "': No such file or directory");
  // Renaming over a directory fails at commit; the temporary file is removed.
  fs::create_directories(dir.path / "rounds.csv");
  AtomicFile file(dir.path / "rounds.csv");
  file.stream() << "x";
  CHECK_THROWS_WITH(file.Commit(), "cannot write '" + (dir.path / "rounds.csv").string() +
                                       "': Is a directory");
  CHECK(CountFiles(dir.path) == 1);
}

}  // namespace
}  // namespace kaesong::io
