#include "models/optical/OpticalHost.h"

namespace xpusim::optical {

OpticalHost::OpticalHost(ClockDomain& clock, EventQueue& queue, Channel<FrameToken>& toLink,
                         Channel<FrameToken>& fromLink, const OpticalJob& job,
                         unsigned framesPerVector, const HostRoofline& roofline,
                         PassListener& listener, Timeline* timeline, const std::string& process)
    : queue_(queue),
      toLink_(toLink),
      fromLink_(fromLink),
      job_(job),
      framesPerVector_(framesPerVector),
      roofline_(roofline),
      listener_(listener),
      self_(clock.add(*this)),
      timer_(queue, self_),
      timeline_(timeline),
      totalFrames_(job.shape().vectors * framesPerVector) {
  const double n = static_cast<double>(job.shape().inputs);
  encode_ = roofline_.time(HostWork{n, 4 * n + n / 8});
  toLink_.bindSender(self_);
  fromLink_.bindReceiver(self_);
  if (timeline_) {
    submitLane_ = timeline_->lane(process, "host submit");
    receiveLane_ = timeline_->lane(process, "host receive");
  }
}

void OpticalHost::busyFor(Timeline::LaneId lane, const char* what, Tick start, Tick end) {
  busy_ += end - start;
  if (end > start) {
    if (timeline_) timeline_->slice(lane, what, start, end);
    timer_.at(end);
  }
}

bool OpticalHost::tick() {
  const Tick now = queue_.now();
  receive(now);
  submit(now);
  return false;
}

void OpticalHost::receive(Tick now) {
  for (;;) {
    if (afterBusy_) {
      if (now < afterDoneAt_) return;
      afterBusy_ = false;
      listener_.passCompleted(afterPass_);
      ++passesDone_;
      finishedAt_ = now;
    }
    if (!fromLink_.canReceive()) return;
    const FrameToken token = fromLink_.receive();
    if (!token.lastOfPass) continue;
    afterBusy_ = true;
    afterPass_ = token.pass;
    afterDoneAt_ = now + roofline_.time(job_.afterPass(token.pass));
    busyFor(receiveLane_, "after pass", now, afterDoneAt_);
  }
}

void OpticalHost::submit(Tick now) {
  for (;;) {
    if (submitBusy_) {
      if (now < submitDoneAt_) return;
      if (encoding_) {
        if (!toLink_.canSend()) return;  // a returning credit wakes us
        const std::uint64_t framesInPass = job_.vectorsIn(pass_) * framesPerVector_;
        toLink_.send(FrameToken{nextFrame_, pass_, frameInPass_ + 1 == framesInPass});
        ++nextFrame_;
        if (++frameInPass_ == framesInPass) {
          ++pass_;
          frameInPass_ = 0;
          beforeDone_ = false;
        }
      }
      submitBusy_ = false;
    }
    if (nextFrame_ == totalFrames_) return;
    submitBusy_ = true;
    if (!beforeDone_) {
      if (job_.dependentPasses() && passesDone_ < pass_) {
        submitBusy_ = false;
        return;  // the receive thread completes the previous pass and wakes us
      }
      encoding_ = false;
      beforeDone_ = true;
      submitDoneAt_ = now + roofline_.time(job_.beforePass(pass_));
      busyFor(submitLane_, "before pass", now, submitDoneAt_);
    } else {
      encoding_ = true;
      submitDoneAt_ = now + encode_;
      busyFor(submitLane_, "encode", now, submitDoneAt_);
    }
  }
}

}  // namespace xpusim::optical
