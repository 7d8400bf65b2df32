#include "models/dataflow/fabric/OffChipTier.h"

#include <stdexcept>

namespace xpusim::dataflow {

void OffChipTier::attach(ClockDomain& clock, EventQueue& queue) {
  queue_ = &queue;
  handle_ = clock.add(*this);
}

std::uint32_t OffChipTier::addClient(TierClient& client, std::uint32_t outstanding) {
  clients_.push_back(&client);
  ring_.resize(ring_.size() + outstanding);
  return static_cast<std::uint32_t>(clients_.size() - 1);
}

void OffChipTier::request(std::uint32_t client, std::uint64_t sequence, Addr addr,
                          std::uint32_t bytes, MemOp op) {
  if (count_ == ring_.size()) throw std::logic_error("off-chip tier: client over its limit");
  ring_[(head_ + count_++) % ring_.size()] =
      MemRequest{addr, bytes, op, (std::uint64_t{client} << kClientShift) | sequence, 0};
  handle_.wake();
}

bool OffChipTier::tick() {
  while (count_ > 0 && port_.canSend()) {
    MemRequest& r = ring_[head_];
    r.issued = queue_->now();
    port_.send(r);
    head_ = (head_ + 1) % ring_.size();
    --count_;
  }
  while (port_.hasResponse()) {
    const MemResponse resp = port_.takeResponse();
    (resp.request.op == MemOp::kRead ? readBytes : writeBytes) += resp.request.bytes;
    clients_[resp.request.id >> kClientShift]->onResponse(resp);
  }
  return false;  // requests, responses and freed slots wake it
}

}  // namespace xpusim::dataflow
