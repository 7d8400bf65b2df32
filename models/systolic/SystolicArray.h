#pragma once
#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "models/systolic/FoldPlan.h"
#include "models/systolic/LayerReport.h"
#include "models/systolic/Topology.h"
#include "sim/core/Component.h"

namespace xpusim::systolic {

/// An R x C systolic array of int8 MAC units (output-, weight- or input-stationary) with
/// double-buffered ifmap/filter/ofmap scratchpads, running a topology of layers lowered to
/// GEMMs. Exact at fold granularity: a fold's cycles come from its closed form (FoldTiming.h),
/// never from stepping PEs.
///
/// Timing modes (`timing:`):
///  - scalesim: SCALE-Sim v2 bit for bit. Partial folds are padded to R x C, folds run back
///    to back, a layer reports folds x L - 1 (+ stalls) cycles (the index of its last cycle),
///    utilisations and SRAM counts as SCALE-Sim computes them (the OS ofmap quirk included).
///  - physical (default): the cycle count of the pipelined array, the law the RTL of the
///    co-simulation implements. A fold of r x c active PEs streaming T elements costs
///        os:    T + r + c - 2         (MAC t of PE(r,c) at t + r + c; PE(r,c)'s output is
///               final at the end of cycle T - 1 + r + c and is captured into an output
///               register, read out while the next fold streams: the last MAC ends the fold)
///        ws/is: P + r + c + T - 2, P = r preload cycles (one stationary row per cycle; the
///               last partial sum leaves the bottom of the last column at 2r - 1 + T - 1 + c - 1)
///    with r = R and c = C unless `shrink_partial_folds` (a ragged fold then pays only for the
///    rows and columns it uses). With `shadow_preload` (ws/is) the next fold's stationary tile
///    is written into shadow registers while the current fold runs, so every fold but the
///    first costs r + c + T - 2. Folds are not otherwise overlapped. A layer costs the sum of
///    its folds; the NxNxN GEMM on an NxN array costs 3N - 2 (os) or 4N - 2 (ws, is) cycles:
///    10 for the 4x4 output-stationary 4x4x4 GEMM where SCALE-Sim reports 9.
///
/// Memory: with `mem` connected to a memory, operands are fetched in `request_size` requests.
/// Each scratchpad is split into two halves: while fold f runs from one, fold f+1's operands
/// are prefetched into the other (at most half a scratchpad ahead; a larger tile streams the
/// rest during its fold). A fold starts when its operands are in, the stationary tile has been
/// preloaded (shadow), and the ofmap half it writes has been written back; the wait is a stall,
/// charged to the operand that arrived last. Without `mem` the memory is ideal (SCALE-Sim's
/// CALC mode): no stalls.
class SystolicArray : public Component, public Clocked {
 public:
  static ComponentInfo describe();
  explicit SystolicArray(BuildContext& ctx);
  ~SystolicArray() override;

  void bind() override;
  void start() override;
  bool tick() override;
  void finish(bool drained) override;
  void summarize(SummaryLines& lines) const override;

  /// Per-layer results (valid after the run).
  const std::vector<LayerResult>& layerResults() const { return results_; }

 private:
  /// Fetch progress of one fold's operands (bytes).
  struct Pending {
    Fold fold;
    std::array<std::uint64_t, 2> need{}, threshold{}, requested{}, arrived{};
    std::array<Cycle, 2> readyAt{}, allAt{};
    std::array<bool, 2> ready{}, all{};
  };
  void runIdeal();
  /// The end of an ideal-memory run: an event at the last fold's end so simulated time
  /// reaches it; nothing is left to do.
  void onIdealDone() {}
  std::uint64_t foldCost(const Fold& f) const;
  /// Accounts a fold that starts at `start` (cycle) after `stall` cycles waiting on `blocker`.
  void record(const Fold& f, Cycle start, Cycle cost, Cycle stall, Operand blocker);
  void checkFunctional();
  void totals();
  // Memory path.
  void loadNext();
  void receive();
  void issue();
  bool tryStart();
  bool tryEnd();
  /// The array-clock cycle of tick `t` (the clock has phase 0).
  Cycle cycleOf(Tick t) const { return t / period_; }

  std::vector<Layer> topology_;
  std::unique_ptr<FoldPlan> plan_;
  ArrayShape shape_;
  Tick period_;
  bool shadowPreload_;
  bool functional_;
  bool useMemory_ = false;
  std::uint64_t requestBytes_;
  std::array<std::uint64_t, 3> offsets_{};
  EnergyCosts energy_;
  LayerReport report_;
  ClockHandle clock_;
  MemoryInitiatorPort port_;
  std::unique_ptr<WakeTimer> timer_;
  MemberEvent<SystolicArray, &SystolicArray::onIdealDone> idealDone_{this};

  std::vector<LayerResult> results_;
  std::unique_ptr<Pending> cur_, next_;
  bool running_ = false;
  Cycle prevEnd_ = 0;     ///< cycle the previous fold ended
  Cycle prevStart_ = 0;   ///< cycle the previous fold started
  Cycle layerStart_ = 0;  ///< cycle the current layer began (its first fold or that fold's stall)
  Cycle runEnd_ = 0;      ///< cycle the running fold's compute ends
  Cycle ofmapFreeAt_ = 0;
  bool ofmapBlocked_ = false;
  struct WriteGroup {
    std::uint64_t seq, unissued, outstanding;
    Addr next;
  };
  std::deque<WriteGroup> writes_;
  std::array<Addr, 3> nextAddr_{};
  std::size_t lastLayer_ = 0;
  bool done_ = false;

  std::uint64_t layers_ = 0, folds_ = 0, macs_ = 0;
  std::uint64_t totalCycles_ = 0, computeCycles_ = 0, stallCycles_ = 0;
  std::array<std::uint64_t, 3> stalls_{}, sram_{}, dram_{};
  double energyPj_ = 0;
  std::uint64_t functionalLayers_ = 0, functionalMismatches_ = 0;
};

}  // namespace xpusim::systolic
