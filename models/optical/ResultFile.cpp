#include "models/optical/ResultFile.h"

#include <fmt/format.h>

#include <bit>
#include <stdexcept>

namespace xpusim::optical {

ResultFile::ResultFile(const std::filesystem::path& path, std::uint64_t rows, std::uint64_t width)
    : file_(std::make_unique<AtomicFile>(path)),
      npy_(path.extension() == ".npy"),
      rows_(rows),
      width_(width) {
  static_assert(std::endian::native == std::endian::little, "npy output assumes little-endian");
  if (!npy_) return;
  std::string header =
      fmt::format("{{'descr': '<f8', 'fortran_order': False, 'shape': ({}, {}), }}", rows, width);
  // Magic (6) + version (2) + length (2) + header + '\n' is padded to a multiple of 64.
  header.append(63 - (10 + header.size()) % 64, ' ');
  header.push_back('\n');
  std::ostream& out = file_->stream();
  out.write("\x93NUMPY\x01\x00", 8);
  const auto length = static_cast<std::uint16_t>(header.size());
  out.put(static_cast<char>(length & 0xff));
  out.put(static_cast<char>(length >> 8));
  out << header;
}

void ResultFile::append(const std::vector<double>& values) {
  std::ostream& out = file_->stream();
  if (npy_) {
    out.write(reinterpret_cast<const char*>(values.data()),
              static_cast<std::streamsize>(values.size() * sizeof(double)));
  } else {
    fmt::memory_buffer line;
    for (std::size_t i = 0; i < values.size(); ++i) {
      fmt::format_to(std::back_inserter(line), "{}{}", values[i],
                     (i + 1) % width_ == 0 ? "\n" : ",");
    }
    out.write(line.data(), static_cast<std::streamsize>(line.size()));
  }
  written_ += values.size() / width_;
}

void ResultFile::commit() {
  if (written_ != rows_)
    throw std::logic_error(
        fmt::format("{}: {} of {} rows written", file_->target().string(), written_, rows_));
  file_->commit();
}

}  // namespace xpusim::optical
