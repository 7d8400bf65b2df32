#pragma once
#include <cstdint>
#include <vector>

#include "models/flash/array/FlashArray.h"
#include "models/flash/compute/OutlierEcc.h"
#include "models/flash/llm/ModelShape.h"
#include "models/flash/llm/NpuGemv.h"
#include "models/flash/llm/TilingPlan.h"
#include "sim/core/Event.h"
#include "sim/trace/Timeline.h"

namespace xpusim::llm {

/// Fetches a layer's KV cache from the NPU's memory; calls LlmDecoder::kvArrived when done.
class KvFetcher {
 public:
  virtual ~KvFetcher() = default;
  virtual void fetchKv(std::uint64_t bytes) = 0;
};

/// What one decode run needs besides the flash array.
struct DecodeSetup {
  ModelShape shape;
  std::uint64_t weightBits = 8;  ///< 8 (W8A8) or 4 (W4A16)
  std::uint64_t activationBytes = 1;
  std::uint64_t context = 1024;  ///< tokens already in the KV cache
  std::uint64_t tokens = 1;      ///< tokens to decode
  TilingPlan plan;
  Tick corePageTime = 0;  ///< MACs of one page on a die's compute core
  std::uint64_t partialSumBytes = 1;
  const flash::OutlierEcc* ecc = nullptr;
  std::uint64_t npuRows = 16, npuCols = 16;
  Tick npuPeriod = 1000;
  /// Energy per event, joules: page sensing, bus byte, core page, NPU MAC, KV-memory byte.
  double ePageRead = 0, eBusByte = 0, eCorePage = 0, eNpuMac = 0, eMemoryByte = 0;
};

/// Results of a decode run: times in ps, energy in J.
struct DecodeStats {
  std::uint64_t tokens = 0, flashPages = 0, npuPages = 0, npuMacs = 0, kvBytes = 0;
  Tick decodeTicks = 0, npuBusyTicks = 0, kvWaitTicks = 0;
  double eccFailedEntriesExpected = 0;
  double energy = 0;
};

/// Cambricon-LLM decode, layer by layer: each weight matrix is split by the tiling plan into
/// pages computed in flash (READ_COMPUTE on plane 0 of every die: input slice in, tR, on-die
/// ECC + MACs, partial sums out) and pages read raw to the NPU (READ_SLICE on plane 1, consumed
/// by the systolic array as they arrive). A matrix ends when its last page is done and the NPU
/// has caught up. Attention waits for q (the qkv matrix) and the layer's KV cache, fetched at
/// the start of the layer, then runs on the NPU. Stages of a layer are sequential.
class LlmDecoder : public flash::FlashArray::Listener {
 public:
  LlmDecoder(EventQueue& queue, flash::FlashArray& array, DecodeSetup setup, KvFetcher& kv,
             Timeline* timeline);
  void start();
  void kvArrived();
  bool done() const { return stats_.tokens == setup_.tokens; }
  const DecodeStats& stats() const { return stats_; }
  const DecodeSetup& setup() const { return setup_; }
  void flashOpDone(flash::FlashOp& op) override;

 private:
  void startStage();
  void startMatrix(const WeightMatrix& w);
  void startAttention();
  void stageDone();
  void finishEnergy();

  EventQueue& queue_;
  flash::FlashArray& array_;
  DecodeSetup setup_;
  KvFetcher& kv_;
  Timeline* timeline_;
  Timeline::LaneId stageLane_ = 0;
  NpuGemv npu_;
  std::vector<WeightMatrix> matrices_;
  std::vector<flash::FlashOp> ops_;
  std::uint64_t layer_ = 0, stage_ = 0, pending_ = 0, pageCounter_ = 0;
  Tick npuFree_ = 0, npuPerPage_ = 0, stageStart_ = 0, tokenStart_ = 0, kvWaitFrom_ = 0;
  bool kvReady_ = false, waitingKv_ = false;
  const char* stageName_ = "";
  DecodeStats stats_;
  MemberEvent<LlmDecoder, &LlmDecoder::stageDone> stageEvent_{this};
};

}  // namespace xpusim::llm
