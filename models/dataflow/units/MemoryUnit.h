#pragma once
#include "models/dataflow/RduArch.h"
#include "models/dataflow/graph/ProgramGraph.h"
#include "models/dataflow/units/Unit.h"

namespace xpusim::dataflow {

/// A pattern memory unit holding one memory node: an N-buffered banked scratchpad. Tokens are
/// written into tile buffers; a tile becomes readable once complete and is read `reuse` times
/// before its buffer is free again, so writing runs up to N - 1 tiles ahead of reading. Reads
/// and writes proceed concurrently, each taking `accessCycles` per token: ceil(width / banks
/// reachable) for a linear read with word stride s over B banks (B / gcd(s, B) banks reachable:
/// the rest are bank conflicts), ceil(width / addresses per cycle) for a gather. Data reach
/// the output `pmu_latency` cycles after the read.
class MemoryUnit : public Unit {
 public:
  MemoryUnit(std::string name, Placement::Site site, const NodeSpec& node, std::uint32_t width,
             const RduArch& arch);
  void start(Tick period);
  bool tick() override;
  /// Cycles reads lost to bank conflicts.
  std::uint64_t conflictCycles() const { return conflictCycles_; }
  static std::uint64_t accessCycles(std::uint32_t width, bool gather, std::uint64_t stride,
                                    const RduArch& arch);

 private:
  std::uint64_t tile_;
  std::uint64_t reuse_;
  std::uint64_t buffers_;
  std::uint64_t tiles_;
  std::uint64_t accessCycles_;
  std::uint64_t idealCycles_;
  std::uint64_t latencyCycles_;
  std::vector<Token> data_;
  std::uint64_t writeTile_ = 0, writePos_ = 0;
  std::uint64_t readTile_ = 0, readPos_ = 0;
  Tick accessTicks_ = 0, latencyTicks_ = 0;
  Tick nextRead_ = 0, nextWrite_ = 0;
  PipelineQueue pipeline_;
  std::uint64_t conflictCycles_ = 0;
};

}  // namespace xpusim::dataflow
