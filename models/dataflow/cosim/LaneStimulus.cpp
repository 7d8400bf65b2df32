#include "models/dataflow/cosim/LaneStimulus.h"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

#include <fmt/format.h>

namespace xpusim::dataflow {

StallPattern StallPattern::parse(const std::string& text, std::uint64_t seed) {
  StallPattern p;
  p.text_ = text;
  p.seed_ = seed;
  if (text == "none") return p;
  if (text.rfind("random:", 0) == 0) {
    const std::string pct = text.substr(7);
    if (pct.empty() || pct.size() > 3 ||
        !std::all_of(pct.begin(), pct.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        std::stoul(pct) > 99)
      throw std::invalid_argument("random:PCT takes a percentage 0 to 99 (100 never ready)");
    p.stallPercent_ = static_cast<std::uint32_t>(std::stoul(pct));
    return p;
  }
  if (text.find('r') == std::string::npos || text.find_first_not_of("rs") != std::string::npos)
    throw std::invalid_argument(
        "expected none, random:PCT or a pattern of r (ready) and s "
        "(stall) cycles with at least one r, e.g. rrs");
  p.periodic_ = text;
  return p;
}

bool StallPattern::ready(Cycle cycle) const {
  if (!periodic_.empty()) return periodic_[cycle % periodic_.size()] == 'r';
  if (stallPercent_ == 0) return true;
  // A hash of (seed, cycle): the same answer whoever asks, in any order.
  std::uint64_t x = seed_ ^ (cycle * 0x9e3779b97f4a7c15ULL);
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x % 100 >= stallPercent_;
}

void LaneCase::fill(const std::string& kind, std::uint32_t maxGap, std::uint64_t seed) {
  Random random(seed, "cosim.pcu.values");
  values.assign(kLaneInputs, std::vector<std::int32_t>(tokens));
  gaps.assign(kLaneInputs, std::vector<std::uint32_t>(tokens));
  for (std::uint32_t k = 0; k < kLaneInputs; ++k)
    for (std::uint64_t i = 0; i < tokens; ++i) {
      values[k][i] =
          kind == "ramp"
              ? static_cast<std::int32_t>(32 * k + i)
              : static_cast<std::int32_t>(random.below(2 * kLaneValueBound + 1)) - kLaneValueBound;
      gaps[k][i] = maxGap ? static_cast<std::uint32_t>(random.below(maxGap + 1)) : 0;
    }
}

std::string LaneCase::validate() const {
  if (stages < 1 || stages > kLaneMaxStages)
    return fmt::format("--stages {}: the lane has 1 to {} stages", stages, kLaneMaxStages);
  if (program.stages().size() > stages)
    return fmt::format("--program has {} stages, more than --stages {}", program.stages().size(),
                       stages);
  if (ii < 1 || ii > kLaneMaxIi) return fmt::format("--ii {}: 1 to {}", ii, kLaneMaxIi);
  if (inputDepth < 1 || inputDepth > kLaneMaxDepth)
    return fmt::format("--input-depth {}: 1 to {}", inputDepth, kLaneMaxDepth);
  if (outputDepth < 1 || outputDepth > kLaneMaxDepth)
    return fmt::format("--output-depth {}: 1 to {}", outputDepth, kLaneMaxDepth);
  if (tokens < 1) return "--tokens must be >= 1";
  return {};
}

LaneProgram randomLaneProgram(std::uint32_t stages, std::uint32_t inputs, Random& random) {
  constexpr double kLimit = 2147483647.0;
  const Op ops[] = {Op::kPass, Op::kAdd, Op::kSub, Op::kMul, Op::kMax, Op::kFma};
  std::vector<StageOp> program;
  double previousBound = 0;
  for (std::uint32_t s = 0; s < stages; ++s) {
    StageOp st;
    st.constant =
        static_cast<std::int32_t>(random.below(2 * kLaneValueBound + 1)) - kLaneValueBound;
    double bound[3];
    for (;;) {
      st.op = ops[random.below(6)];
      for (std::uint32_t k = 0; k < 3; ++k) {
        // Stage 1 reads every input (input k as operand k for k < inputs); later stages chain
        // the previous result (operand a) with the previous result, the constant or an input.
        const std::uint64_t pick = random.below(s == 0 ? inputs + 1 : 3);
        if (s == 0)
          st.operands[k] = k < inputs       ? static_cast<OperandSource>(k)
                           : pick == inputs ? OperandSource::kConstant
                                            : static_cast<OperandSource>(pick);
        else
          st.operands[k] = k == 0 || pick == 0 ? OperandSource::kPrevious
                           : pick == 1         ? OperandSource::kConstant
                                               : static_cast<OperandSource>(random.below(inputs));
        bound[k] = st.operands[k] == OperandSource::kPrevious ? previousBound : kLaneValueBound;
      }
      const double b = st.op == Op::kPass  ? bound[0]
                       : st.op == Op::kMax ? std::max(bound[0], bound[1])
                       : st.op == Op::kMul ? bound[0] * bound[1]
                       : st.op == Op::kFma ? bound[0] * bound[1] + bound[2]
                                           : bound[0] + bound[1];
      if (b <= kLimit) {
        previousBound = b;
        break;
      }
    }
    program.push_back(st);
  }
  return LaneProgram(std::move(program));
}

}  // namespace xpusim::dataflow
