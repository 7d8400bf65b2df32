#pragma once
#include <memory>
#include <queue>
#include <vector>

#include "models/memory/dram/AddressMapper.h"
#include "models/memory/dram/CommandTrace.h"
#include "models/memory/dram/DramController.h"
#include "sim/core/Component.h"

namespace xpusim {

/// A DRAM device with one controller per channel, at the granularity of DRAM commands.
///
/// Host requests arrive on the target ports (port0..), are split into burst-sized transactions
/// (burst = bus_width / 8 x burst_length bytes), mapped to channel / pseudo-channel / rank /
/// bank group / bank / row / column by the address mapping, and queued in their channel's
/// controller. A request completes when the last data beat of its last transaction has moved:
/// a read issued at cycle t is done at t + CL + nBL, a write at t + CWL + nBL. The response
/// leaves on that clock edge. Clocked by tCK; it sleeps until the next cycle at which a
/// command can become legal, a refresh falls due, or a request arrives.
///
/// Statistics per channel (`<path>.ch<N>.<name>`) and in total (`<path>.<name>`); read
/// latency counts memory cycles from the request's arrival to its last data beat, over
/// completed requests only. "cycles" is the cycle of the last completion (drain). Under --trace
/// every command is a slice on its bank's (or, for all-bank commands, its rank's) timeline lane.
class Dram : public Component, public Clocked {
 public:
  static ComponentInfo describe();
  explicit Dram(BuildContext& ctx);
  ~Dram() override;

  bool tick() override;
  void finish(bool drained) override;
  void summarize(SummaryLines& lines) const override;
  MemoryTargetPort* memoryTarget(std::string_view port) override;

  const DramSpec& spec() const { return spec_; }

 private:
  /// A host request in flight: its transactions complete independently.
  struct Pending {
    MemRequest request;
    std::uint32_t port = 0;
    std::uint32_t remaining = 0;
    std::uint32_t channel = 0;  // channel of its first transaction (for statistics)
    Cycle arrival = 0;
    Cycle done = 0;
  };
  struct Due {
    Cycle done;
    std::uint64_t sequence;
    std::uint32_t owner;
    bool operator>(const Due& o) const {
      return done > o.done || (done == o.done && sequence > o.sequence);
    }
  };
  bool accept(std::uint32_t port, Cycle now, Cycle serveAt);
  /// Hands the controllers' completions to their requests; finished ones become due.
  void complete();
  /// Sends the responses due by `now`; false if the response channel is full.
  bool respond(Cycle now);
  void registerStats(const std::string& prefix, DramChannelStats& s);
  void computeDerived(DramChannelStats& s, double peak);

  DramSpec spec_;
  DramPolicy policy_;
  AddressMapper mapper_;
  Tick period_;
  ClockHandle clock_;
  WakeTimer timer_;
  std::vector<std::unique_ptr<MemoryTargetPort>> ports_;
  std::unique_ptr<CommandTrace> trace_;
  std::filesystem::path traceFile_;
  std::vector<std::unique_ptr<CommandTimeline>> timelines_;  // per channel, under --trace
  std::vector<DramController> channels_;
  std::vector<Cycle> wake_;        // per channel: next cycle worth serving
  std::vector<bool> portBlocked_;  // per port: head request waits for a queue slot
  std::vector<Pending> pending_;
  std::vector<std::uint32_t> freePending_;
  std::vector<DramCompletion> completions_;
  std::priority_queue<Due, std::vector<Due>, std::greater<>> due_;
  std::uint64_t sequence_ = 0;
  std::uint32_t rotate_ = 0;
  std::uint64_t inFlight_ = 0;
  std::vector<std::uint32_t> needReads_, needWrites_;  // accept() scratch, per channel
  std::vector<DramAddress> pieces_;  // accept() scratch: the bursts of a multi-burst request

  DramChannelStats total_;
};

}  // namespace xpusim
