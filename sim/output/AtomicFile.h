#pragma once
#include <filesystem>
#include <fstream>
#include <functional>
#include <ostream>

namespace xpusim {

/// An output file that appears complete or not at all. Everything is written to a temporary
/// file `<target>.tmp.<pid>` in the target's directory (created if missing); commit() flushes
/// and closes it, checks for write errors, and renames it over the target. Destroying an
/// AtomicFile without commit() deletes the temporary file and leaves any existing target
/// untouched. Errors (cannot create the directory or file, disk full) throw std::runtime_error
/// naming the path and the system's reason.
class AtomicFile {
 public:
  /// Creates the target's directory if needed and opens the temporary file.
  explicit AtomicFile(std::filesystem::path target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  /// The stream to write the contents to (the temporary file). Throws std::logic_error after
  /// commit().
  std::ostream& stream();
  /// Flushes, closes and renames the temporary file over the target. Call once.
  void commit();

  /// The file that commit() creates or replaces.
  const std::filesystem::path& target() const { return target_; }
  /// The temporary file being written.
  const std::filesystem::path& temporary() const { return temporary_; }
  /// Whether commit() succeeded.
  bool committed() const { return committed_; }

 private:
  std::filesystem::path target_;
  std::filesystem::path temporary_;
  std::ofstream out_;
  bool committed_ = false;
};

/// Writes `target` atomically with the contents produced by `write`. If `write` throws, the
/// target is unchanged, no temporary file remains, and the exception propagates.
void writeFileAtomically(const std::filesystem::path& target,
                         const std::function<void(std::ostream&)>& write);

}  // namespace xpusim
