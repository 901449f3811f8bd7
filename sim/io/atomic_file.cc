#include "sim/io/atomic_file.h"

#include <fmt/format.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace kaesong::io {
namespace {

std::string Reason(int error) { return std::strerror(error != 0 ? error : EIO); }

// Creates a new, empty, uniquely named file beside `target` (mode 0666 less the umask, as the
// target would get) and returns its path.
std::filesystem::path CreateTemporary(const std::filesystem::path& target) {
  static std::atomic<unsigned> counter{0};
  const std::filesystem::path directory = target.parent_path();
  for (int attempt = 0; attempt < 100; ++attempt) {
    const std::filesystem::path candidate =
        directory / fmt::format(".{}.tmp.{}.{}", target.filename().string(), getpid(),
                                counter.fetch_add(1));
    const int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
      ::close(fd);
      return candidate;
    }
    if (errno != EEXIST) throw FileWriteError(target, Reason(errno));
  }
  throw FileWriteError(target, Reason(EEXIST));
}

// Flushes the file's data to the device (the rename must not overtake it).
void SyncFile(const std::filesystem::path& path, const std::filesystem::path& target) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw FileWriteError(target, Reason(errno));
  const int rc = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (rc != 0) throw FileWriteError(target, Reason(error));
}

}  // namespace

FileWriteError::FileWriteError(const std::filesystem::path& path, const std::string& reason)
    : std::runtime_error(fmt::format("cannot write '{}': {}", path.string(), reason)) {}

AtomicFile::AtomicFile(std::filesystem::path target)
    : target_(std::move(target)), temporary_(CreateTemporary(target_)) {
  errno = 0;
  out_.open(temporary_, std::ios::binary | std::ios::trunc);
  if (!out_) {
    const int error = errno;
    Discard();
    throw FileWriteError(target_, Reason(error));
  }
}

AtomicFile::~AtomicFile() {
  if (!committed_) Discard();
}

void AtomicFile::Commit() {
  errno = 0;
  out_.flush();
  out_.close();
  if (!out_) {
    const int error = errno;
    Discard();
    throw FileWriteError(target_, Reason(error));
  }
  try {
    SyncFile(temporary_, target_);
  } catch (...) {
    Discard();
    throw;
  }
  if (std::rename(temporary_.c_str(), target_.c_str()) != 0) {
    const int error = errno;
    Discard();
    throw FileWriteError(target_, Reason(error));
  }
  committed_ = true;
}

void AtomicFile::Discard() noexcept {
  if (out_.is_open()) out_.close();
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
}

void WriteFileAtomically(const std::filesystem::path& target,
                         const std::function<void(std::ostream&)>& write) {
  AtomicFile file(target);
  write(file.stream());
  file.Commit();
}

}  // namespace kaesong::io
