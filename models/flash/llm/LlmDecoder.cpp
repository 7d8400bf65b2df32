#include "models/flash/llm/LlmDecoder.h"

#include <algorithm>
#include <cmath>

namespace xpusim::llm {

using flash::FlashOp;
using flash::FlashOpKind;

namespace {
constexpr std::uint64_t kAttentionStage = 1;
std::uint64_t ceilDiv(std::uint64_t a, std::uint64_t b) {
  return (a + b - 1) / b;
}
}  // namespace

LlmDecoder::LlmDecoder(EventQueue& queue, flash::FlashArray& array, DecodeSetup setup,
                       KvFetcher& kv, Timeline* timeline)
    : queue_(queue),
      array_(array),
      setup_(std::move(setup)),
      kv_(kv),
      timeline_(timeline),
      npu_(setup_.npuRows, setup_.npuCols),
      matrices_(setup_.shape.layerMatrices()) {
  if (timeline_) stageLane_ = timeline_->lane("npu", "decode stage");
}

void LlmDecoder::start() {
  tokenStart_ = queue_.now();
  layer_ = 0;
  stage_ = 0;
  startStage();
}

void LlmDecoder::startStage() {
  stageStart_ = queue_.now();
  if (layer_ == setup_.shape.layers) {
    stageName_ = "lm_head";
    startMatrix(setup_.shape.lmHead());
    return;
  }
  if (stage_ == 0) {
    // The layer's K and V caches stream from the NPU memory while q is computed.
    kvReady_ = false;
    const std::uint64_t bytes =
        2 * setup_.context * setup_.shape.kvWidth() * setup_.activationBytes;
    stats_.kvBytes += bytes;
    kv_.fetchKv(bytes);
  }
  if (stage_ == kAttentionStage) {
    stageName_ = "attention";
    startAttention();
    return;
  }
  const WeightMatrix& w = matrices_[stage_ < kAttentionStage ? stage_ : stage_ - 1];
  stageName_ = w.name.c_str();
  startMatrix(w);
}

void LlmDecoder::startMatrix(const WeightMatrix& w) {
  const flash::FlashGeometry& g = array_.geometry();
  const std::uint64_t pages = ceilDiv(ceilDiv(w.elements() * setup_.weightBits, 8), g.pageBytes);
  const auto npuPages =
      std::min<std::uint64_t>(pages, std::llround(setup_.plan.alpha * static_cast<double>(pages)));
  const std::uint64_t flashPages = pages - npuPages;
  const std::uint64_t npuCols = ceilDiv(w.cols * npuPages, pages);
  const std::uint64_t npuCycles = npu_.cycles(w.rows, npuCols);
  stats_.npuMacs += w.rows * npuCols;
  npuPerPage_ = npuPages ? ceilDiv(npuCycles * setup_.npuPeriod, npuPages) : 0;
  const std::uint64_t pageElements = g.pageBytes * 8 / setup_.weightBits;
  const std::uint64_t coresPerChannel = g.diesPerChannel();
  const std::uint64_t inBytes =
      ceilDiv(setup_.plan.tileH * setup_.activationBytes, coresPerChannel);
  const std::uint64_t outBytes = ceilDiv(pageElements, setup_.plan.tileH) * setup_.partialSumBytes;
  const Tick ecc = setup_.ecc ? setup_.ecc->latency() : 0;
  ops_.assign(pages, FlashOp{});
  pending_ = pages;
  npuFree_ = std::max(npuFree_, queue_.now());
  const std::uint64_t dies = g.dies();
  for (std::uint64_t i = 0; i < pages; ++i) {
    FlashOp& op = ops_[i];
    const bool inFlash = i < flashPages;
    const std::uint64_t n = inFlash ? i : i - flashPages;
    const std::uint64_t die = n % dies;  // channel first, then chip, then die
    const std::uint64_t chipDie = die / g.channels;
    const std::uint64_t slot = pageCounter_ + n / dies;
    op.addr.channel = static_cast<std::uint32_t>(die % g.channels);
    op.addr.chip = static_cast<std::uint32_t>(chipDie % g.chipsPerChannel);
    op.addr.die = static_cast<std::uint32_t>(chipDie / g.chipsPerChannel);
    op.addr.plane = inFlash || g.planesPerDie == 1 ? 0 : 1;
    op.addr.block = static_cast<std::uint32_t>((slot / g.pagesPerBlock) % g.blocksPerPlane);
    op.addr.page = static_cast<std::uint32_t>(slot % g.pagesPerBlock);
    if (inFlash) {
      op.kind = FlashOpKind::kReadCompute;
      op.busInBytes = inBytes;
      op.busOutBytes = outBytes;
      op.eccTime = ecc;
      op.computeTime = setup_.corePageTime;
    } else {
      op.kind = FlashOpKind::kRead;
      op.busOutBytes = g.pageBytes;
    }
  }
  pageCounter_ += ceilDiv(std::max(flashPages, npuPages), dies);
  stats_.flashPages += flashPages;
  stats_.npuPages += npuPages;
  if (setup_.ecc)
    stats_.eccFailedEntriesExpected += static_cast<double>(flashPages * setup_.ecc->entries()) *
                                       setup_.ecc->entryFailureProbability();
  for (FlashOp& op : ops_) array_.submit(op);
}

void LlmDecoder::flashOpDone(FlashOp& op) {
  if (op.kind == FlashOpKind::kRead) {
    // The NPU consumes raw pages in arrival order, one page's share of the GEMV each.
    npuFree_ = std::max(npuFree_, queue_.now()) + npuPerPage_;
    stats_.npuBusyTicks += npuPerPage_;
  }
  if (--pending_ == 0) queue_.schedule(stageEvent_, std::max(queue_.now(), npuFree_));
}

void LlmDecoder::startAttention() {
  if (!kvReady_) {
    waitingKv_ = true;
    kvWaitFrom_ = queue_.now();
    return;
  }
  const ModelShape& s = setup_.shape;
  // Per head: scores q.K^T (k = head_dim, n = context), then the weighted sum of V.
  const std::uint64_t cycles = s.heads * (npu_.cycles(s.headDim(), setup_.context) +
                                          npu_.cycles(setup_.context, s.headDim()));
  stats_.npuMacs += 2 * s.heads * s.headDim() * setup_.context;
  const Tick busy = cycles * setup_.npuPeriod;
  stats_.npuBusyTicks += busy;
  npuFree_ = std::max(npuFree_, queue_.now()) + busy;
  queue_.schedule(stageEvent_, npuFree_);
}

void LlmDecoder::kvArrived() {
  kvReady_ = true;
  if (!waitingKv_) return;
  waitingKv_ = false;
  stats_.kvWaitTicks += queue_.now() - kvWaitFrom_;
  startAttention();
}

void LlmDecoder::stageDone() {
  const Tick now = queue_.now();
  if (timeline_ && now > stageStart_)
    timeline_->slice(stageLane_, stageName_, stageStart_, now, nlohmann::json{{"layer", layer_}});
  if (layer_ < setup_.shape.layers) {
    if (++stage_ <= matrices_.size()) {
      startStage();
      return;
    }
    stage_ = 0;
    ++layer_;
    startStage();
    return;
  }
  ++stats_.tokens;
  stats_.decodeTicks += now - tokenStart_;
  if (done()) {
    finishEnergy();
    return;
  }
  start();
}

void LlmDecoder::finishEnergy() {
  const flash::ArrayTotals& t = array_.totals();
  std::uint64_t busBytes = 0;
  for (const flash::ChannelStats& c : array_.channels()) busBytes += c.bytesIn + c.bytesOut;
  const double sensed = static_cast<double>(t.ops[0] + t.ops[3]);
  stats_.energy = sensed * setup_.ePageRead + static_cast<double>(busBytes) * setup_.eBusByte +
                  static_cast<double>(t.ops[3]) * setup_.eCorePage +
                  static_cast<double>(stats_.npuMacs) * setup_.eNpuMac +
                  static_cast<double>(stats_.kvBytes) * setup_.eMemoryByte;
}

}  // namespace xpusim::llm
