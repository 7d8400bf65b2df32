#pragma once
#include <cstdint>
#include <deque>
#include <queue>
#include <string>
#include <vector>

#include "models/flash/array/FlashArray.h"
#include "models/flash/compute/BitwiseSensing.h"
#include "models/flash/ssd/HostInterface.h"
#include "models/flash/ssd/PageFtl.h"
#include "models/flash/ssd/SsdTrace.h"
#include "sim/core/Event.h"
#include "sim/stats/Distribution.h"

namespace xpusim::flash {

/// Latency and traffic of an SSD trace replay; latencies in ps.
struct SsdStats {
  std::uint64_t reads = 0, writes = 0, bitwise = 0;
  std::uint64_t bytesRead = 0, bytesWritten = 0;  ///< host bytes (bitwise: result pages read)
  Distribution readLatency, writeLatency;         ///< arrival -> completion at the host, ps
  Distribution bitwiseLatency;     ///< bitwise: arrival -> result page at the host, ps
  Distribution readDeviceLatency;  ///< first flash op submitted -> last done, ps
  Distribution writeDeviceLatency;
  Tick lastCompletion = 0;
};

/// The SSD front end: replays host requests (open loop: each at its arrival time, at most
/// `queueDepth` outstanding, later ones wait in order), splits them into page operations
/// through the FTL and runs them on the flash array. A read completes when its last page is out
/// of the flash and its data has crossed the host link; a write first crosses the host link
/// (no write cache), then programs its pages. A bulk bitwise request (SsdKind) over K operand
/// pages, K = its size in pages starting at a page boundary, is one multi-word-line sensing
/// (BitwiseSensing::senseTime(K)) on the plane holding its first logical page, the operands on
/// K word lines of that block (AND) or the same word line of K blocks (OR); its result page
/// goes out over the channel and the host link. `host_latency` is added once per request.
class SsdFrontEnd : public FlashArray::Listener {
 public:
  /// Throws InputError (at `source`:line) for a bitwise request that is not whole pages or
  /// exceeds the sensing's operand limits.
  SsdFrontEnd(EventQueue& queue, FlashArray& array, PageFtl& ftl, HostInterface& host,
              const BitwiseSensing& sensing, std::vector<SsdRequest> requests,
              std::uint64_t queueDepth, const std::string& source);
  /// Schedules the first arrival.
  void start();
  bool done() const { return completed_ == requests_.size(); }
  const SsdStats& stats() const { return stats_; }
  void flashOpDone(FlashOp& op) override;

 private:
  struct Pending {
    std::uint32_t request = 0;
    std::uint32_t opsLeft = 0;
    Tick deviceStart = 0;
  };
  enum class Action : std::uint8_t { kSubmitFlash, kComplete };
  struct Timed {
    Tick at;
    std::uint32_t slot;
    Action action;
    bool operator>(const Timed& o) const { return at != o.at ? at > o.at : slot > o.slot; }
  };
  void onArrival();
  void onTimed();
  void admit(std::uint32_t request);
  void submitFlash(std::uint32_t slot);
  void finishRequest(std::uint32_t slot);
  void at(Tick t, std::uint32_t slot, Action a);
  std::uint64_t bytesOf(const SsdRequest& r) const {
    return r.sectors * SsdTraceReader::kSectorBytes;
  }
  /// Bytes over the host link: the data, or a bitwise request's result page.
  std::uint64_t hostBytes(const SsdRequest& r) const {
    return r.bitwise() ? array_.geometry().pageBytes : bytesOf(r);
  }
  void checkBitwise(const SsdRequest& r, const std::string& source) const;
  FlashOp& newOp(std::uint32_t slot);

  EventQueue& queue_;
  FlashArray& array_;
  PageFtl& ftl_;
  HostInterface& host_;
  const BitwiseSensing& sensing_;
  std::vector<SsdRequest> requests_;
  std::uint64_t queueDepth_;
  std::size_t next_ = 0;
  std::uint64_t outstanding_ = 0;
  std::size_t completed_ = 0;
  std::vector<Pending> slots_;
  std::vector<std::uint32_t> freeSlots_;
  std::deque<FlashOp> ops_;  // stable addresses: the array holds pointers
  std::vector<std::uint32_t> freeOps_;
  std::priority_queue<Timed, std::vector<Timed>, std::greater<>> timed_;
  SsdStats stats_;
  MemberEvent<SsdFrontEnd, &SsdFrontEnd::onArrival> arrivalEvent_{this};
  MemberEvent<SsdFrontEnd, &SsdFrontEnd::onTimed> timedEvent_{this};
};

}  // namespace xpusim::flash
