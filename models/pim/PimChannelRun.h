#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "models/memory/dram/DramController.h"
#include "models/pim/PimPhase.h"

namespace xpusim {

class PimUnitTrace;

/// One channel of a PIM device running its share of a kernel: its controller (the one host
/// traffic and refresh go through, so every timing edge applies) and the phases it runs in
/// order, each starting at the cycle the last data of the previous one has moved.
///
/// Event-driven: serve(now) feeds the current phase, serves the controller and returns the next
/// cycle worth serving (the controller's, or the start of the next phase); once the last phase
/// has issued everything it returns the cycle its last data moves (end()), then kNever. Cycles
/// are DRAM clock cycles (tCK).
class PimChannelRun {
 public:
  /// `spec`: the DRAM the controller enforces (PIM runs pass the MAC spacing the units pace
  /// themselves to); `steps`: distinct steps of the phases, for per-step figures; `trace`: the
  /// units' Perfetto tracks, or nullptr.
  PimChannelRun(std::uint32_t channel, const DramSpec& spec, const DramPolicy& policy,
                std::uint32_t steps, PimUnitTrace* trace);

  void add(std::unique_ptr<PimPhase> phase) { phases_.push_back(std::move(phase)); }

  Cycle serve(Cycle now);
  /// Serves every cycle worth serving from cycle 0 to the end without the event queue (for a
  /// reference run that shares no time with the simulation).
  void runAlone();

  bool done() const { return phase_ == phases_.size(); }
  /// Cycle the last data of the finished phases moved (0 before any).
  Cycle end() const { return end_; }
  const DramChannelStats& stats() const { return ctrl_.stats(); }
  /// Cycles the phases of step `s` took on this channel, summed over its repetitions.
  Cycle stepCycles(std::uint32_t s) const { return stepCycles_[s]; }

 private:
  /// Takes the controller's completions; returns true if the current phase is complete.
  bool collect();

  std::uint32_t channel_;
  DramController ctrl_;
  PimUnitTrace* trace_;
  std::vector<std::unique_ptr<PimPhase>> phases_;
  std::size_t phase_ = 0;
  Cycle phaseStart_ = 0, phaseEnd_ = 0, end_ = 0;
  bool more_ = true;             // the current phase has commands left to queue
  std::uint64_t completed_ = 0;  // completions of the current phase
  Cycle ctrlNext_ = DramController::kNever;
  std::vector<DramCompletion> completions_;
  std::vector<Cycle> stepCycles_;
};

}  // namespace xpusim
