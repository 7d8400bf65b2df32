#include "models/dataflow/fabric/TierCopy.h"

namespace xpusim::dataflow {

TierCopy::TierCopy(OffChipTier& from, OffChipTier& to, std::uint64_t chunk,
                   std::uint32_t outstanding)
    : from_(from),
      to_(to),
      chunk_(chunk),
      outstanding_(outstanding),
      fromClient_(from.addClient(*this, outstanding)),
      toClient_(to.addClient(*this, outstanding)) {}

void TierCopy::attach(ClockDomain& clock, CopyObserver& observer) {
  handle_ = clock.add(*this);
  observer_ = &observer;
}

void TierCopy::begin(std::uint64_t bytes) {
  bytes_ = bytes;
  chunks_ = (bytes + chunk_ - 1) / chunk_;
  readsIssued_ = readsDone_ = writesIssued_ = writesDone_ = 0;
  handle_.wake();
}

std::uint32_t TierCopy::chunkBytes(std::uint64_t index) const {
  return static_cast<std::uint32_t>(index + 1 < chunks_ ? chunk_ : bytes_ - index * chunk_);
}

void TierCopy::onResponse(const MemResponse& r) {
  (r.request.op == MemOp::kRead ? readsDone_ : writesDone_) += 1;
  handle_.wake();
}

bool TierCopy::tick() {
  while (writesIssued_ < readsDone_) {
    to_.request(toClient_, writesIssued_, writesIssued_ * chunk_, chunkBytes(writesIssued_),
                MemOp::kWrite);
    ++writesIssued_;
  }
  while (readsIssued_ < chunks_ && readsIssued_ - writesDone_ < outstanding_) {
    from_.request(fromClient_, readsIssued_, readsIssued_ * chunk_, chunkBytes(readsIssued_),
                  MemOp::kRead);
    ++readsIssued_;
  }
  if (chunks_ > 0 && writesDone_ == chunks_) {
    chunks_ = 0;
    observer_->copyDone();
  }
  return false;
}

}  // namespace xpusim::dataflow
