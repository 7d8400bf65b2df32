#pragma once
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/Channel.h"
#include "sim/core/Clock.h"
#include "sim/core/Tick.h"

namespace xpusim {

enum class MemOp : std::uint8_t { kRead, kWrite };

/// One memory access: `bytes` bytes at byte address `addr`.
struct MemRequest {
  Addr addr = 0;
  std::uint32_t bytes = 0;
  MemOp op = MemOp::kRead;
  std::uint64_t id = 0;  ///< chosen by the initiator, returned in the response
  Tick issued = 0;       ///< tick the initiator sent it
};

/// The completion of a MemRequest, sent back to its initiator.
struct MemResponse {
  MemRequest request;
  Tick completed = 0;  ///< tick the memory finished it
};

/// The memory side of a point-to-point request/response connection. It owns the two channels:
/// requests (capacity = the memory's accept queue) and responses, each with `latency` ticks of
/// wire delay and credit return. Every memory-like model (SRAM, DRAM, PIM, flash) offers these.
class MemoryTargetPort {
 public:
  MemoryTargetPort(EventQueue& queue, const std::string& name, std::size_t requestDepth,
                   std::size_t responseDepth, Tick latency)
      : requests_(queue, name + ".req", requestDepth, latency, latency),
        responses_(queue, name + ".resp", responseDepth, latency, latency) {}

  /// Called by the memory: its clock is woken by arriving requests and returning credits.
  void bindTarget(ClockHandle target) {
    requests_.bindReceiver(target);
    responses_.bindSender(target);
  }
  bool connected() const { return connected_; }

  bool hasRequest() const { return requests_.canReceive(); }
  const MemRequest& peekRequest() const { return requests_.peek(); }
  MemRequest takeRequest() { return requests_.receive(); }
  bool canRespond() const { return responses_.canSend(); }
  void respond(const MemRequest& r, Tick completed) { responses_.send(MemResponse{r, completed}); }

 private:
  friend class MemoryInitiatorPort;
  Channel<MemRequest> requests_;
  Channel<MemResponse> responses_;
  bool connected_ = false;
};

/// The requester side: a view onto one target port's channels.
class MemoryInitiatorPort {
 public:
  /// Connects to `target`; `self` is woken by responses and by freed request slots.
  void connect(MemoryTargetPort& target, ClockHandle self) {
    if (target.connected_) throw std::logic_error("memory port connected twice");
    target.connected_ = true;
    target_ = &target;
    target.requests_.bindSender(self);
    target.responses_.bindReceiver(self);
  }
  bool connected() const { return target_ != nullptr; }

  bool canSend() const { return target_->requests_.canSend(); }
  void send(const MemRequest& r) { target_->requests_.send(r); }
  bool hasResponse() const { return target_->responses_.canReceive(); }
  MemResponse takeResponse() { return target_->responses_.receive(); }

 private:
  MemoryTargetPort* target_ = nullptr;
};

/// The port named `port` of a memory with several: "port0", "port1", ... and "port" for port0;
/// nullptr for any other name.
inline MemoryTargetPort* indexedTargetPort(
    std::string_view port, const std::vector<std::unique_ptr<MemoryTargetPort>>& ports) {
  if (port == "port") return ports.empty() ? nullptr : ports.front().get();
  if (port.substr(0, 4) != "port" || port.size() == 4) return nullptr;
  if (port.size() > 5 && port[4] == '0') return nullptr;  // "port01" is not a name
  std::size_t index = 0;
  for (const char c : port.substr(4)) {
    if (c < '0' || c > '9' || index > ports.size()) return nullptr;
    index = index * 10 + static_cast<std::size_t>(c - '0');
  }
  return index < ports.size() ? ports[index].get() : nullptr;
}

}  // namespace xpusim
