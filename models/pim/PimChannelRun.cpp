#include "models/pim/PimChannelRun.h"

#include <algorithm>

#include "models/pim/PimUnitTrace.h"

namespace xpusim {

PimChannelRun::PimChannelRun(std::uint32_t channel, const DramSpec& spec, const DramPolicy& policy,
                             std::uint32_t steps, PimUnitTrace* trace)
    : channel_(channel), ctrl_(channel, spec, policy, nullptr), trace_(trace) {
  stepCycles_.assign(steps, 0);
}

bool PimChannelRun::collect() {
  for (const DramCompletion& d : completions_) {
    phaseEnd_ = std::max(phaseEnd_, d.done);
    ++completed_;
    if (trace_ && pimOwnerKind(d.owner) == PimOwnerKind::kMac)
      trace_->mac(channel_, pimOwnerRank(d.owner), d);
  }
  completions_.clear();
  return !more_ && completed_ == phases_[phase_]->commands();
}

Cycle PimChannelRun::serve(Cycle now) {
  constexpr Cycle kNever = DramController::kNever;
  // After the last phase the controller is still served up to the end (a refresh falling due
  // before the last data moved), not beyond.
  if (done()) {
    if (ctrlNext_ <= now && now <= end_) ctrlNext_ = ctrl_.serve(now, completions_);
    completions_.clear();
    return now < end_ ? std::max(now + 1, std::min(ctrlNext_, end_)) : kNever;
  }
  for (;;) {
    const bool running = now >= phaseStart_;
    if (running && more_) more_ = phases_[phase_]->feed(ctrl_, now);
    ctrlNext_ = ctrl_.serve(now, completions_);
    if (!collect() || !running) break;
    // The phase is complete: the next one starts when its last data has moved.
    const PimPhase& p = *phases_[phase_];
    stepCycles_[p.step()] += phaseEnd_ - phaseStart_;
    end_ = phaseEnd_;
    if (trace_) trace_->flush(channel_);
    ++phase_;
    phaseStart_ = phaseEnd_;
    more_ = true;
    completed_ = 0;
    if (done()) return now < end_ ? std::max(now + 1, std::min(ctrlNext_, end_)) : kNever;
    if (phaseStart_ > now) break;
  }
  if (now < phaseStart_) return std::max(now + 1, std::min(ctrlNext_, phaseStart_));
  return ctrlNext_ == kNever ? now + 1 : std::max(ctrlNext_, now + 1);
}

void PimChannelRun::runAlone() {
  for (Cycle now = 0; now != DramController::kNever;) now = serve(now);
}

}  // namespace xpusim
