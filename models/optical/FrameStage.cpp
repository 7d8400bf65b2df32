#include "models/optical/FrameStage.h"

#include <nlohmann/json.hpp>

namespace xpusim::optical {

FrameStage::FrameStage(std::string name, ClockDomain& clock, EventQueue& queue,
                       Channel<FrameToken>& input, Channel<FrameToken>& output, Timeline* timeline,
                       const std::string& process, const std::string& lane)
    : name_(std::move(name)),
      queue_(queue),
      input_(input),
      output_(output),
      self_(clock.add(*this)),
      timer_(queue, self_),
      timeline_(timeline) {
  input_.bindReceiver(self_);
  output_.bindSender(self_);
  if (timeline_) lane_ = timeline_->lane(process, lane);
}

bool FrameStage::tick() {
  const Tick now = queue_.now();
  for (;;) {
    if (holding_) {
      if (now < doneAt_) return false;       // the timer wakes us at doneAt_
      if (!output_.canSend()) return false;  // a returning credit wakes us
      blocked_ += now - doneAt_;
      output_.send(current_);
      holding_ = false;
      ++frames_;
    }
    if (!input_.canReceive()) return false;  // an arrival wakes us
    current_ = input_.receive();
    holding_ = true;
    doneAt_ = now + service_;
    busy_ += service_;
    if (timeline_)
      timeline_->slice(lane_, "frame", now, doneAt_,
                       nlohmann::json{{"frame", current_.frame}, {"pass", current_.pass}});
    if (doneAt_ > now) timer_.at(doneAt_);
  }
}

}  // namespace xpusim::optical
