#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "models/dataflow/units/LaneProgram.h"
#include "sim/core/Random.h"
#include "sim/core/Tick.h"

namespace xpusim::dataflow {

/// The RTL lane's size (rtl/dataflow/pcu_lane.sv): stages, FIFO depth, initiation interval.
inline constexpr std::uint32_t kLaneMaxStages = 8;
inline constexpr std::uint32_t kLaneMaxDepth = 8;
inline constexpr std::uint32_t kLaneMaxIi = 15;
inline constexpr std::uint32_t kLaneInputs = 3;

/// When the lane's consumer is ready: always, a repeating pattern of ready ('r') and stalled
/// ('s') cycles, or stalled on a seeded PCT percent of cycles.
class StallPattern {
 public:
  /// "none", "rrs" (periodic, at least one r) or "random:PCT" (0-99): a consumer that is ready
  /// again eventually; throws std::invalid_argument.
  static StallPattern parse(const std::string& text, std::uint64_t seed);
  /// out_ready at `cycle` (a function of the cycle only).
  bool ready(Cycle cycle) const;
  const std::string& text() const { return text_; }

 private:
  std::string text_ = "none";
  std::string periodic_;
  std::uint32_t stallPercent_ = 0;
  std::uint64_t seed_ = 0;
};

/// One co-simulation case of a PCU lane: the configuration (stages, II, program, FIFO depths)
/// and the testbench around it (input values, gaps before each input token is offered, the
/// consumer's stall pattern). Shared by the model's stream and the RTL driver.
struct LaneCase {
  std::uint32_t stages = 3;
  std::uint32_t ii = 1;
  LaneProgram program;
  std::uint64_t tokens = 32;
  std::uint32_t inputDepth = 8;                   ///< input FIFO capacity, tokens
  std::uint32_t outputDepth = 8;                  ///< output FIFO capacity, tokens
  std::vector<std::vector<std::int32_t>> values;  ///< [input][token]
  std::vector<std::vector<std::uint32_t>> gaps;   ///< [input][token] idle cycles before offer
  StallPattern stall;

  /// Values `ramp` (input k, token i: 32 k + i, the DAM pcu_test generators) or `random`
  /// (seeded, |v| <= kLaneValueBound), gaps drawn in [0, maxGap].
  void fill(const std::string& values, std::uint32_t maxGap, std::uint64_t seed);
  /// Empty, or what is wrong with the configuration for the RTL lane.
  std::string validate() const;
};

/// Bound of random input values; random programs keep every stage's result within 2^31 - 1.
inline constexpr std::int32_t kLaneValueBound = 100;

/// A random program of `stages` stages over `inputs` inputs whose intermediate values stay
/// within the lane's 32-bit signed datapath for inputs bounded by kLaneValueBound.
LaneProgram randomLaneProgram(std::uint32_t stages, std::uint32_t inputs, Random& random);

/// The testbench's offer of one input: token `next` is presented (valid) from cycle `from` on
/// until accepted; the token after it `gap` idle cycles after the acceptance.
struct InputOffer {
  std::uint64_t next = 0;
  Cycle from = 0;

  /// Starts offering token 0 of input k of `c`.
  void begin(const LaneCase& c, std::uint32_t k) { from = c.gaps[k].empty() ? 0 : c.gaps[k][0]; }
  bool offering(const LaneCase& c, Cycle cycle) const { return next < c.tokens && cycle >= from; }
  /// Token `next` was accepted at `cycle`.
  void accepted(const LaneCase& c, std::uint32_t k, Cycle cycle) {
    ++next;
    from = cycle + 1 + (next < c.tokens ? c.gaps[k][next] : 0);
  }
};

}  // namespace xpusim::dataflow
