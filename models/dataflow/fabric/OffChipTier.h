#pragma once
#include <cstdint>
#include <vector>

#include "models/dataflow/graph/ProgramGraph.h"
#include "sim/core/Clock.h"
#include "sim/core/MemoryPort.h"

namespace xpusim::dataflow {

/// Receives the responses to the requests it put on an OffChipTier.
class TierClient {
 public:
  virtual ~TierClient() = default;
  virtual void onResponse(const MemResponse& response) = 0;
};

/// The socket's portal to one off-chip memory tier (HBM or DDR): one memory initiator port,
/// shared by every AGU and DMA engine that uses the tier. Requests are forwarded in arrival
/// order as fast as the memory's port accepts them; responses are routed back to their client
/// by id. Any memory model (ideal_memory now, the DRAM model later) can sit behind the port.
class OffChipTier : public Clocked {
 public:
  explicit OffChipTier(Tier tier) : tier_(tier) {}
  void attach(ClockDomain& clock, EventQueue& queue);
  MemoryInitiatorPort& port() { return port_; }
  ClockHandle handle() const { return handle_; }
  Tier tier() const { return tier_; }

  /// Registers a client that keeps at most `outstanding` requests in flight; returns its id.
  std::uint32_t addClient(TierClient& client, std::uint32_t outstanding);
  bool used() const { return !clients_.empty(); }
  /// Queues a request of client `client` (within its outstanding limit).
  void request(std::uint32_t client, std::uint64_t sequence, Addr addr, std::uint32_t bytes,
               MemOp op);
  bool tick() override;

  std::uint64_t readBytes = 0;
  std::uint64_t writeBytes = 0;

 private:
  static constexpr unsigned kClientShift = 40;
  Tier tier_;
  EventQueue* queue_ = nullptr;
  ClockHandle handle_;
  MemoryInitiatorPort port_;
  std::vector<TierClient*> clients_;
  std::vector<MemRequest> ring_;  // requests waiting for the port
  std::size_t head_ = 0;
  std::size_t count_ = 0;
};

}  // namespace xpusim::dataflow
