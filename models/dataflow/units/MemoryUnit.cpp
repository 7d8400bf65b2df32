#include "models/dataflow/units/MemoryUnit.h"

#include <algorithm>
#include <numeric>

namespace xpusim::dataflow {

std::uint64_t MemoryUnit::accessCycles(std::uint32_t width, bool gather, std::uint64_t stride,
                                       const RduArch& arch) {
  const std::uint64_t ports =
      gather ? arch.pmuAddresses : arch.pmuBanks / std::gcd<std::uint64_t>(stride, arch.pmuBanks);
  return (width + ports - 1) / ports;
}

MemoryUnit::MemoryUnit(std::string name, Placement::Site site, const NodeSpec& node,
                       std::uint32_t width, const RduArch& arch)
    : Unit(std::move(name), UnitKind::kPmu, site, node.firings),
      tile_(node.tile),
      reuse_(node.reuse),
      buffers_(node.buffers),
      tiles_(node.inTokens[0] / node.tile),
      accessCycles_(accessCycles(width, node.gather, node.stride, arch)),
      idealCycles_(accessCycles(width, false, 1, arch)),
      latencyCycles_(arch.pmuLatency),
      data_(node.tile * node.buffers) {}

void MemoryUnit::start(Tick period) {
  accessTicks_ = accessCycles_ * period;
  latencyTicks_ = latencyCycles_ * period;
  pipeline_.reset(latencyCycles_ / accessCycles_ + 1);
}

bool MemoryUnit::tick() {
  const Tick t = now();
  bool progress = false;
  if (!pipeline_.empty() && pipeline_.frontReady() <= t && outputsFree()) {
    sendAll(pipeline_.front());
    pipeline_.pop();
    progress = true;
  }
  bool wrote = false;
  if (writeTile_ < tiles_ && t >= nextWrite_ && writeTile_ - readTile_ < buffers_ &&
      inputs_[0].ready()) {
    data_[(writeTile_ % buffers_) * tile_ + writePos_] = inputs_[0].take();
    if (++writePos_ == tile_) {
      writePos_ = 0;
      ++writeTile_;
    }
    nextWrite_ = t + idealCycles_ * period();
    wrote = progress = true;
  }
  if (fired_ < firings()) {
    if (t < nextRead_) {
      setState(UnitState::kBusy);
    } else if (pipeline_.full()) {
      setState(UnitState::kBlocked);
    } else if (readTile_ >= writeTile_) {
      setState(wrote ? UnitState::kBusy : UnitState::kStarved);
    } else {
      pipeline_.push(t + latencyTicks_, data_[(readTile_ % buffers_) * tile_ + readPos_ % tile_]);
      if (++readPos_ == tile_ * reuse_) {
        readPos_ = 0;
        ++readTile_;
      }
      ++fired_;
      conflictCycles_ += accessCycles_ - idealCycles_;
      nextRead_ = t + accessTicks_;
      setState(UnitState::kBusy);
      progress = true;
    }
  } else if (pipeline_.empty()) {
    complete();
    return false;
  } else {
    setState(pipeline_.frontReady() <= t && !progress ? UnitState::kBlocked : UnitState::kBusy);
  }
  if (progress) return true;
  if (!pipeline_.empty() && pipeline_.frontReady() > t) wakeAt(pipeline_.frontReady());
  if (fired_ < firings() && nextRead_ > t) wakeAt(nextRead_);
  if (writeTile_ < tiles_ && nextWrite_ > t) wakeAt(nextWrite_);
  if (const Tick f = outputFreeAt()) wakeAt(f);
  return false;
}

}  // namespace xpusim::dataflow
