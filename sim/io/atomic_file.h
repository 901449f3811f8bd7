// Writing an output file atomically: the content goes to a temporary file in the target's
// directory, which is renamed over the target only once it is complete and flushed to disk. A
// failed or abandoned write leaves the target as it was (absent or with its old content) and no
// temporary file behind. A target that exists and is not a regular file or a directory (a device
// such as /dev/stdout or /dev/full, a pipe) is written directly: it cannot be replaced, and
// atomicity means nothing for a stream.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <streambuf>
#include <string>
#include <vector>

namespace kaesong::io {

// what() is "cannot write 'PATH': REASON", PATH as the caller spelled it, REASON the system's
// text for the error number.
class FileWriteError : public std::runtime_error {
 public:
  FileWriteError(const std::filesystem::path& path, int error_number);
  int error_number() const { return error_number_; }
  // The target could be opened but the data could not be stored (a full disk or quota, an I/O
  // error, a file too large): a runtime failure, exit 1 under the command-line contract. Other
  // errors (no such directory, no permission, a directory in the way) make the path bad input.
  bool storage_failure() const;

 private:
  int error_number_;
};

// An output stream buffer over a file descriptor that remembers the system's error number of the
// first failed write (std::filebuf loses it), so that a full disk reads as such.
class DescriptorBuffer : public std::streambuf {
 public:
  explicit DescriptorBuffer(int fd) : fd_(fd) { setp(buffer_, buffer_ + sizeof buffer_); }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override;
  int sync() override;

 private:
  bool Drain();
  int fd_;
  int error_ = 0;
  char buffer_[1 << 16];
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
  int fd_ = -1;
  std::unique_ptr<DescriptorBuffer> buffer_;
  std::ostream out_{nullptr};
  bool committed_ = false;
  bool direct_ = false;  // a device or pipe: written in place, no temporary file
};

// Commits complete files as one output: first checks that no target is a directory (the one
// failure a rename can still meet once the files are complete), so that a failure leaves none of
// them in place, then commits each in order. Throws FileWriteError.
void CommitTogether(const std::vector<AtomicFile*>& files);

// Writes `target` atomically with `write`. An exception from `write` propagates, leaving nothing.
void WriteFileAtomically(const std::filesystem::path& target,
                         const std::function<void(std::ostream&)>& write);

}  // namespace kaesong::io
