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

int Errno(int error) { return error != 0 ? error : EIO; }

// An existing target that is neither a regular file nor a directory (following links).
bool IsStream(const std::filesystem::path& target) {
  std::error_code ec;
  const std::filesystem::file_status status = std::filesystem::status(target, ec);
  return !ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status) &&
         !std::filesystem::is_directory(status);
}

// Creates a new, empty, uniquely named file beside `target` (mode 0666 less the umask, as the
// target would get) and returns its path.
std::filesystem::path CreateTemporary(const std::filesystem::path& target) {
  static std::atomic<unsigned> counter{0};
  const std::filesystem::path directory = target.parent_path();
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::filesystem::path candidate =
        directory /
        fmt::format(".{}.tmp.{}.{}", target.filename().string(), getpid(), counter.fetch_add(1));
    const int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
      ::close(fd);
      return candidate;
    }
    if (errno != EEXIST) throw FileWriteError(target, Errno(errno));
  }
  throw FileWriteError(target, EEXIST);
}

}  // namespace

FileWriteError::FileWriteError(const std::filesystem::path& path, int error_number)
    : std::runtime_error(
          fmt::format("cannot write '{}': {}", path.string(), std::strerror(error_number))),
      error_number_(error_number) {}

bool FileWriteError::storage_failure() const {
  return error_number_ == ENOSPC || error_number_ == EDQUOT || error_number_ == EIO ||
         error_number_ == EFBIG;
}

bool DescriptorBuffer::Drain() {
  const char* data = pbase();
  std::size_t left = static_cast<std::size_t>(pptr() - pbase());
  while (left > 0) {
    const ssize_t n = ::write(fd_, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (error_ == 0) error_ = Errno(errno);
      return false;
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  setp(buffer_, buffer_ + sizeof buffer_);
  return true;
}

DescriptorBuffer::int_type DescriptorBuffer::overflow(int_type c) {
  if (!Drain()) return traits_type::eof();
  if (!traits_type::eq_int_type(c, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
  }
  return traits_type::not_eof(c);
}

int DescriptorBuffer::sync() { return Drain() ? 0 : -1; }

AtomicFile::AtomicFile(std::filesystem::path target)
    : target_(std::move(target)), direct_(IsStream(target_)) {
  if (!direct_) temporary_ = CreateTemporary(target_);
  const std::filesystem::path& path = direct_ ? target_ : temporary_;
  fd_ = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC | (direct_ ? 0 : O_CREAT), 0666);
  if (fd_ < 0) {
    const int error = Errno(errno);
    Discard();
    throw FileWriteError(target_, error);
  }
  buffer_ = std::make_unique<DescriptorBuffer>(fd_);
  out_.rdbuf(buffer_.get());
}

AtomicFile::~AtomicFile() {
  if (!committed_) Discard();
}

void AtomicFile::Commit() {
  out_.flush();
  int error = buffer_->error();
  if (error == 0 && !out_) error = EIO;
  // The data must reach the device before the rename makes it visible (not for a device or pipe).
  if (error == 0 && !direct_ && ::fsync(fd_) != 0) error = Errno(errno);
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0 && error == 0) error = Errno(errno);
  if (error != 0) {
    Discard();
    throw FileWriteError(target_, error);
  }
  if (!direct_ && std::rename(temporary_.c_str(), target_.c_str()) != 0) {
    error = Errno(errno);
    Discard();
    throw FileWriteError(target_, error);
  }
  committed_ = true;
}

void AtomicFile::Discard() noexcept {
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
  if (direct_ || temporary_.empty()) return;
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
}

void CommitTogether(const std::vector<AtomicFile*>& files) {
  for (const AtomicFile* file : files) {
    if (std::filesystem::is_directory(file->target())) {
      throw FileWriteError(file->target(), EISDIR);
    }
  }
  for (AtomicFile* file : files) file->Commit();
}

void WriteFileAtomically(const std::filesystem::path& target,
                         const std::function<void(std::ostream&)>& write) {
  AtomicFile file(target);
  write(file.stream());
  file.Commit();
}

}  // namespace kaesong::io
