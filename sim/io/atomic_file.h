// Writing an output file atomically: the content goes to a temporary file in the target's
// directory, which is renamed over the target only once it is complete and flushed to disk. A
// failed or abandoned write leaves the target as it was (absent or with its old content) and no
// temporary file behind.
#pragma once

#include <filesystem>
#include <fstream>
#include <functional>
#include <ostream>
#include <stdexcept>
#include <string>

namespace kaesong::io {

// what() is "cannot write 'PATH': REASON", PATH as the caller spelled it.
class FileWriteError : public std::runtime_error {
 public:
  FileWriteError(const std::filesystem::path& path, const std::string& reason);
};

class AtomicFile {
 public:
  // Creates the temporary file beside `target`. Throws FileWriteError.
  explicit AtomicFile(std::filesystem::path target);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  // Removes the temporary file unless Commit() succeeded.
  ~AtomicFile();

  std::ostream& stream() { return out_; }
  const std::filesystem::path& target() const { return target_; }

  // Flushes, syncs and renames the temporary file to the target. Throws FileWriteError (the
  // temporary file is then removed).
  void Commit();

 private:
  void Discard() noexcept;

  std::filesystem::path target_;
  std::filesystem::path temporary_;
  std::ofstream out_;
  bool committed_ = false;
};

// Writes `target` atomically with `write`. An exception from `write` propagates, leaving nothing.
void WriteFileAtomically(const std::filesystem::path& target,
                         const std::function<void(std::ostream&)>& write);

}  // namespace kaesong::io
