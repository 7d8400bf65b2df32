#pragma once
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "models/flash/array/FlashGeometry.h"
#include "models/flash/array/FlashOp.h"
#include "models/flash/array/OnfiTiming.h"
#include "sim/core/Event.h"
#include "sim/core/EventQueue.h"
#include "sim/trace/Timeline.h"

namespace xpusim::flash {

/// Time and traffic of one channel, in ps and bytes.
struct ChannelStats {
  Tick commandTicks = 0, dataInTicks = 0, dataOutTicks = 0;
  std::uint64_t bytesIn = 0, bytesOut = 0;
  Tick busyTicks() const { return commandTicks + dataInTicks + dataOutTicks; }
};

/// Totals over the whole array, in ps.
struct ArrayTotals {
  Tick arrayTicks = 0;                     ///< plane/die array busy (tR, tPROG, tBERS, sensings)
  Tick eccTicks = 0;                       ///< on-die ECC decode on the compute cores
  Tick computeTicks = 0;                   ///< MACs on the compute cores
  std::uint64_t ops[5] = {0, 0, 0, 0, 0};  ///< completed ops by FlashOpKind
};

/// A NAND flash array at the granularity of command phases, event-driven (no clock).
///
/// Execution units are dies (one command at a time, multi-plane commands gathering queued ops
/// of the same kind on distinct planes) or, with `independentPlanes`, planes (asynchronous
/// multi-plane, as Cambricon-LLM's planes). An op goes: wait for its unit -> bus window for
/// command/address (+ data-in) -> array time (bus free) -> [compute core: ECC + MACs] -> bus
/// window for data-out -> done. The channel bus is booked only for those windows, commands
/// (with their data-in) first, then data-out, each in arrival order. Cache operations let the next
/// read sense while the previous page leaves through the cache register, and the next program load
/// its data while the previous one programs. Each die has one compute core shared by its planes.
/// With `readSlice` > 0 (Cambricon-LLM READ_SLICE) data-out goes in windows of at most that many
/// bytes, each with its own preamble, re-queued behind other requests.
class FlashArray {
 public:
  /// Told when an op has finished (its last phase ended at `op.completed`).
  class Listener {
   public:
    virtual ~Listener() = default;
    virtual void flashOpDone(FlashOp& op) = 0;
  };

  FlashArray(EventQueue& queue, const FlashGeometry& geometry, const OnfiTiming& timing,
             bool independentPlanes, bool multiPlane, std::uint64_t readSlice, Timeline* timeline,
             std::string name, Listener& listener);
  ~FlashArray();
  FlashArray(const FlashArray&) = delete;
  FlashArray& operator=(const FlashArray&) = delete;

  /// Queues `op` at its unit now; `op` must stay alive until flashOpDone.
  void submit(FlashOp& op);
  const FlashGeometry& geometry() const { return geometry_; }
  const OnfiTiming& timing() const { return timing_; }
  const std::vector<ChannelStats>& channels() const { return channelStats_; }
  const ArrayTotals& totals() const { return totals_; }
  /// Array busy time of each die (all its planes' sensing/programming, overlapping or not).
  const std::vector<Tick>& dieArrayTicks() const { return dieArrayTicks_; }
  /// Ops submitted and not yet done.
  std::uint64_t inFlight() const { return inFlight_; }

 private:
  struct Unit;
  struct Bus;
  friend struct Unit;
  friend struct Bus;
  Unit& unitOf(const FlashOp& op);
  void tryLoad(Unit& u);
  void startArray(Unit& u);
  void arrayDone(Unit& u);
  void moveToRegister(Unit& u);
  void drainReady(Unit& u);
  void requestBus(Unit& u, bool dataOut);
  void grantBus(Bus& b);
  void busDone(Bus& b);
  void complete(FlashOp& op);
  Tick arrayTime(const FlashOp& op) const;

  EventQueue& queue_;
  FlashGeometry geometry_;
  OnfiTiming timing_;
  bool independentPlanes_;
  bool multiPlane_;
  std::uint64_t readSlice_;  // data-out bytes per bus window; 0 = whole pages
  Timeline* timeline_;
  std::string name_;
  Listener& listener_;
  std::vector<std::unique_ptr<Unit>> units_;
  std::vector<std::unique_ptr<Bus>> buses_;
  std::vector<Tick> coreFreeAt_;  // per die
  std::vector<Tick> dieArrayTicks_;
  std::vector<ChannelStats> channelStats_;
  ArrayTotals totals_;
  std::uint64_t inFlight_ = 0;
};

}  // namespace xpusim::flash
