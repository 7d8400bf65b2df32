#include "sim/output/AtomicFile.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <system_error>

namespace xpusim {
namespace {

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path,
                       const std::string& reason) {
  throw std::runtime_error(what + " '" + path.string() + "': " + reason);
}

/// The reason of the last failed C library call, or a generic one if errno was not set.
std::string lastError() {
  return errno != 0 ? std::strerror(errno) : std::string("I/O error");
}

}  // namespace

AtomicFile::AtomicFile(std::filesystem::path target) : target_(std::move(target)) {
  if (target_.filename().empty()) fail("cannot write", target_, "not a file name");
  const std::filesystem::path directory = target_.parent_path();
  if (!directory.empty()) {
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error) fail("cannot create directory", directory, error.message());
  }
  temporary_ = target_;
  temporary_ += ".tmp." + std::to_string(::getpid());
  errno = 0;
  out_.open(temporary_, std::ios::out | std::ios::trunc | std::ios::binary);
  if (!out_) fail("cannot create file", temporary_, lastError());
}

AtomicFile::~AtomicFile() {
  if (committed_) return;
  out_.close();
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
}

std::ostream& AtomicFile::stream() {
  if (committed_) throw std::logic_error("AtomicFile '" + target_.string() + "' already committed");
  return out_;
}

void AtomicFile::commit() {
  if (committed_) throw std::logic_error("AtomicFile '" + target_.string() + "' already committed");
  if (out_) {
    errno = 0;
    out_.flush();
  }
  if (!out_) fail("cannot write", temporary_, lastError());
  out_.close();
  if (!out_) fail("cannot close", temporary_, lastError());
  std::error_code error;
  std::filesystem::rename(temporary_, target_, error);
  if (error) fail("cannot rename '" + temporary_.string() + "' to", target_, error.message());
  committed_ = true;
}

void writeFileAtomically(const std::filesystem::path& target,
                         const std::function<void(std::ostream&)>& write) {
  AtomicFile file(target);
  write(file.stream());
  file.commit();
}

}  // namespace xpusim
