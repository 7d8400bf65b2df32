#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "sim/core/Tick.h"
#include "sim/output/AtomicFile.h"

namespace xpusim {

/// An opt-in timeline in Chrome trace-event JSON, readable by Perfetto and chrome://tracing:
/// {"traceEvents":[...],"displayTimeUnit":"ns","otherData":{...}}.
///
/// Tracks are lanes: one trace process (pid) per process name, one thread (tid) per (process,
/// thread) pair, labelled and sorted in creation order by metadata events. Times are ticks
/// (picoseconds) converted exactly to the format's microseconds. Events stream to a temporary
/// file as they come; finish() (or the destructor) closes the JSON and renames it over the
/// target path atomically. After `maxEvents` slices, counters and instants, further ones are
/// counted but dropped, and the file ends with a note saying how many.
class Timeline {
 public:
  /// A track of the timeline, as returned by lane().
  using LaneId = std::uint32_t;
  static constexpr std::uint64_t kDefaultMaxEvents = 5'000'000;

  /// Opens the temporary file next to `path` (creating its directory).
  explicit Timeline(std::filesystem::path path, std::uint64_t maxEvents = kDefaultMaxEvents);
  /// Finishes the file if finish() was not called; errors are reported on stderr.
  ~Timeline();
  Timeline(const Timeline&) = delete;
  Timeline& operator=(const Timeline&) = delete;

  /// The track for `thread` of `process` (e.g. "dram0", "bank3"), created on first use.
  LaneId lane(const std::string& process, const std::string& thread);
  /// A busy interval [start, end) in ticks on `lane`, with optional `args` (a JSON object).
  /// Slices on one lane must not overlap: a slice starting before the previous one ended, or
  /// ending before it starts, throws std::logic_error (a model bug).
  void slice(LaneId lane, const std::string& name, Tick start, Tick end,
             const nlohmann::json& args = nullptr);
  /// A sample of counter `name` (utilisation, occupancy...) of `process` at tick `at`. A value
  /// that is not finite throws std::logic_error.
  void counter(const std::string& process, const std::string& name, Tick at, double value);
  /// A point event on `lane` at tick `at`.
  void instant(LaneId lane, const std::string& name, Tick at);
  /// Closes the JSON and atomically replaces the target file. Further events throw
  /// std::logic_error.
  void finish();

  /// Slices, counters and instants written so far (metadata excluded).
  std::uint64_t written() const { return written_; }
  /// Events dropped because the cap was reached.
  std::uint64_t dropped() const { return dropped_; }

  /// `ticks` picoseconds as exact decimal microseconds: 1234567 -> "1.234567", 2000000 -> "2".
  static std::string micros(Tick ticks);

 private:
  struct Lane {
    std::uint32_t pid;
    std::uint32_t tid;
    Tick busyUntil;
  };

  std::uint32_t process(const std::string& name);
  /// Counts an event at `at`; false if it must be dropped.
  bool admit(Tick at);
  void checkOpen() const;
  /// Writes the JSON object in buffer_ as the next element of traceEvents.
  void emit();

  AtomicFile file_;
  std::uint64_t maxEvents_;
  std::uint64_t written_ = 0;
  std::uint64_t dropped_ = 0;
  Tick lastTick_ = 0;
  bool firstEvent_ = true;
  bool finished_ = false;
  std::map<std::string, std::uint32_t> processes_;
  std::map<std::pair<std::uint32_t, std::string>, LaneId> laneIds_;
  std::vector<Lane> lanes_;
  fmt::memory_buffer buffer_;
};

}  // namespace xpusim
