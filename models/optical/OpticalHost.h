#pragma once
#include <cstdint>
#include <string>

#include "models/optical/FrameStage.h"
#include "models/optical/HostModels.h"
#include "models/optical/OpticalJob.h"

namespace xpusim::optical {

/// Told when the host has finished with a pass (its outputs arrived and its after-work ran).
class PassListener {
 public:
  virtual ~PassListener() = default;
  virtual void passCompleted(std::uint64_t pass) = 0;
};

/// The host side of a job, two threads on one roofline CPU. Submit: for every pass, the
/// before-work (e.g. a forward pass; in a training job only after the previous pass
/// completed), then per frame the encoding work (read the float32 input, write n/8 packed
/// bytes) and a hand-off to the link. Receive: takes frames from the link; when the last frame
/// of a pass arrives it runs the pass's after-work and then reports the pass completed.
class OpticalHost : public Clocked {
 public:
  OpticalHost(ClockDomain& clock, EventQueue& queue, Channel<FrameToken>& toLink,
              Channel<FrameToken>& fromLink, const OpticalJob& job, unsigned framesPerVector,
              const HostRoofline& roofline, PassListener& listener, Timeline* timeline,
              const std::string& process);

  /// Starts the job at the current tick.
  void start() { self_.wake(); }
  bool tick() override;

  bool done() const { return passesDone_ == job_.passes(); }
  std::uint64_t passesDone() const { return passesDone_; }
  std::uint64_t framesSent() const { return nextFrame_; }
  std::uint64_t totalFrames() const { return totalFrames_; }
  /// Tick the last pass completed.
  Tick finishedAt() const { return finishedAt_; }
  /// Ticks of host work: before-work + encoding + after-work.
  const std::uint64_t& busy() const { return busy_; }
  Tick encodeTime() const { return encode_; }

 private:
  void receive(Tick now);
  void submit(Tick now);
  void busyFor(Timeline::LaneId lane, const char* what, Tick start, Tick end);

  EventQueue& queue_;
  Channel<FrameToken>& toLink_;
  Channel<FrameToken>& fromLink_;
  const OpticalJob& job_;
  unsigned framesPerVector_;
  HostRoofline roofline_;
  PassListener& listener_;
  ClockHandle self_;
  WakeTimer timer_;
  Timeline* timeline_;
  Timeline::LaneId submitLane_ = 0, receiveLane_ = 0;
  Tick encode_;
  std::uint64_t totalFrames_;

  // Submit thread.
  bool submitBusy_ = false;
  bool encoding_ = false;  // the busy period is a frame's encoding (else before-work)
  bool beforeDone_ = false;
  Tick submitDoneAt_ = 0;
  std::uint64_t pass_ = 0;
  std::uint64_t frameInPass_ = 0;
  std::uint64_t nextFrame_ = 0;
  // Receive thread.
  bool afterBusy_ = false;
  Tick afterDoneAt_ = 0;
  std::uint64_t afterPass_ = 0;
  std::uint64_t passesDone_ = 0;
  Tick finishedAt_ = 0;
  std::uint64_t busy_ = 0;
};

}  // namespace xpusim::optical
