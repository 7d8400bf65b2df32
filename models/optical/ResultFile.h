#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "sim/output/AtomicFile.h"

namespace xpusim::optical {

/// A matrix of results (rows x width real numbers) streamed row by row to `.npy` (NumPy
/// format 1.0, little-endian float64, C order) or `.csv` (one row per line, shortest
/// round-trip decimals). The file appears atomically at commit(), complete or not at all.
class ResultFile {
 public:
  ResultFile(const std::filesystem::path& path, std::uint64_t rows, std::uint64_t width);
  /// Appends whole rows (values.size() must be a multiple of the width).
  void append(const std::vector<double>& values);
  /// Checks every row was written and publishes the file.
  void commit();

 private:
  std::unique_ptr<AtomicFile> file_;
  bool npy_;
  std::uint64_t rows_, width_, written_ = 0;
};

}  // namespace xpusim::optical
