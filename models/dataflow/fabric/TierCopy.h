#pragma once
#include <cstdint>

#include "models/dataflow/fabric/OffChipTier.h"

namespace xpusim::dataflow {

/// Told when a TierCopy has moved all its bytes.
class CopyObserver {
 public:
  virtual ~CopyObserver() = default;
  virtual void copyDone() = 0;
};

/// A DMA engine moving bytes between two off-chip tiers (the SN40L model switch, DDR -> HBM):
/// reads `chunk`-byte blocks from the source tier and writes each to the destination as soon
/// as it arrives, at most `outstanding` blocks in flight. The time it takes is the model-switch
/// time: bytes over the slower tier's bandwidth, plus latencies.
class TierCopy : public Clocked, public TierClient {
 public:
  TierCopy(OffChipTier& from, OffChipTier& to, std::uint64_t chunk, std::uint32_t outstanding);
  void attach(ClockDomain& clock, CopyObserver& observer);
  /// Starts moving `bytes`.
  void begin(std::uint64_t bytes);
  bool tick() override;
  void onResponse(const MemResponse& response) override;

 private:
  std::uint32_t chunkBytes(std::uint64_t index) const;

  OffChipTier& from_;
  OffChipTier& to_;
  std::uint64_t chunk_;
  std::uint32_t outstanding_;
  std::uint32_t fromClient_;
  std::uint32_t toClient_;
  ClockHandle handle_;
  CopyObserver* observer_ = nullptr;
  std::uint64_t bytes_ = 0;
  std::uint64_t chunks_ = 0;
  std::uint64_t readsIssued_ = 0;
  std::uint64_t readsDone_ = 0;
  std::uint64_t writesIssued_ = 0;
  std::uint64_t writesDone_ = 0;
};

}  // namespace xpusim::dataflow
