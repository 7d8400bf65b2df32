#pragma once
#include <vector>

#include "models/traffic/MemoryTrace.h"
#include "sim/core/Component.h"
#include "sim/stats/Distribution.h"
#include "sim/stats/TimeAverage.h"

namespace xpusim {

/// Replays a memory trace into any memory port. A record is issued no earlier than its cycle
/// stamp (player clock), in trace order, at most `issue_width` per cycle and `max_outstanding`
/// in flight; back-pressure from the memory delays it and is counted. The run is done when the
/// last response has come back (drain), and `finish_ticks` is that time.
class TracePlayer : public Component, public Clocked {
 public:
  static ComponentInfo describe();
  explicit TracePlayer(BuildContext& ctx);

  void bind() override;
  void start() override;
  bool tick() override;
  void finish(bool drained) override;
  void summarize(SummaryLines& lines) const override;

 protected:
  /// For players that make their own records (generators): reads only the replay parameters
  /// (replayParams()); the subclass fills records_ in its constructor.
  struct GeneratedRecords {};
  TracePlayer(BuildContext& ctx, GeneratedRecords);
  /// clock, issue_width and max_outstanding: how records are replayed.
  static std::vector<ParamSpec> replayParams();
  /// The statistics every player registers.
  static std::vector<StatSpec> replayStats();
  Tick period() const { return period_; }

  std::vector<TraceRecord> records_;

 private:
  void receiveResponses();
  Cycle stalledCycles(Tick until) const;

  std::size_t next_ = 0;
  Tick period_;
  std::uint64_t issueWidth_;
  std::uint64_t maxOutstanding_;
  ClockHandle clock_;
  MemoryInitiatorPort port_;
  WakeTimer timer_;
  std::uint64_t outstanding_ = 0;
  bool blocked_ = false;
  Tick blockedSince_ = 0;

  std::uint64_t requests_ = 0;
  std::uint64_t reads_ = 0;
  std::uint64_t writes_ = 0;
  std::uint64_t bytesRead_ = 0;
  std::uint64_t bytesWritten_ = 0;
  std::uint64_t stallCycles_ = 0;
  std::uint64_t finishTicks_ = 0;
  Distribution readLatency_;
  Distribution writeLatency_;
  TimeAverage outstandingAverage_;
};

}  // namespace xpusim
