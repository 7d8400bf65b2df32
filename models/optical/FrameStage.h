#pragma once
#include <cstdint>
#include <string>

#include "sim/core/Channel.h"
#include "sim/core/Clock.h"
#include "sim/trace/Timeline.h"

namespace xpusim::optical {

/// One frame travelling through the OPU pipeline.
struct FrameToken {
  std::uint64_t frame = 0;  ///< frame number in the job
  std::uint64_t pass = 0;   ///< the host batch it belongs to
  bool lastOfPass = false;
};

/// A pipeline stage that serves one frame at a time for a fixed service time (ticks): it takes
/// a frame from `input` when idle, is busy for `service`, then hands the frame to `output`
/// (waiting while the output is full, which back-pressures the stages before it). It sleeps
/// between events: channel arrivals and credits wake it, and a WakeTimer ends each service.
class FrameStage : public Clocked {
 public:
  /// Joins `clock` (a fine-grained domain used only to be woken) and binds to both channels.
  FrameStage(std::string name, ClockDomain& clock, EventQueue& queue, Channel<FrameToken>& input,
             Channel<FrameToken>& output, Timeline* timeline, const std::string& process,
             const std::string& lane);

  /// Per-frame service time, ps (set before the run starts).
  void setService(Tick service) { service_ = service; }
  Tick service() const { return service_; }
  bool tick() override;

  /// Frames completed and handed on.
  std::uint64_t frames() const { return frames_; }
  /// Ticks spent serving frames.
  const std::uint64_t& busy() const { return busy_; }
  /// Ticks a finished frame waited for room downstream.
  const std::uint64_t& blocked() const { return blocked_; }
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  EventQueue& queue_;
  Channel<FrameToken>& input_;
  Channel<FrameToken>& output_;
  ClockHandle self_;
  WakeTimer timer_;
  Timeline* timeline_;
  Timeline::LaneId lane_ = 0;
  Tick service_ = 0;
  bool holding_ = false;  // a frame is in service or waiting to leave
  FrameToken current_;
  Tick doneAt_ = 0;
  std::uint64_t frames_ = 0;
  std::uint64_t busy_ = 0;
  std::uint64_t blocked_ = 0;
};

}  // namespace xpusim::optical
