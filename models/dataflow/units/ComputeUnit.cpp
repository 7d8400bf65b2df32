#include "models/dataflow/units/ComputeUnit.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace xpusim::dataflow {

namespace {
std::uint64_t ceilDiv(std::uint64_t a, std::uint64_t b) {
  return (a + b - 1) / b;
}
std::uint64_t log2u(std::uint64_t x) {
  return static_cast<std::uint64_t>(std::bit_width(x) - 1);
}
}  // namespace

PcuTiming PcuTiming::of(const NodeSpec& n, std::uint32_t width, const RduArch& arch) {
  PcuTiming t;
  const std::uint64_t lanes = arch.lanes, stages = arch.stages;
  const std::uint64_t w = std::min<std::uint64_t>(width, lanes);
  const std::uint64_t passes = ceilDiv(width, lanes);
  t.latency = n.systolic ? lanes + n.stages - 1 : n.stages;
  t.ii = n.ii * passes;
  switch (n.op) {
    case Op::kPass:
      t.flops = 0;
      break;
    case Op::kFma:
    case Op::kSubExp:
      t.flops = 2 * w;
      break;
    case Op::kMac:
      t.flops = 2 * (n.systolic ? lanes : w) * n.stages;
      break;
    case Op::kOnlineSoftmax:
      t.flops = 4 * w;
      break;
    case Op::kFft:
      t.flops = 5 * w * log2u(n.points);
      break;  // 5 N log2 N per N points
    case Op::kScan:
      t.flops = 2 * w;
      break;  // h = a h + b
    default:
      t.flops = w;
      break;
  }
  t.flops *= passes;
  if (n.op == Op::kFft || n.op == Op::kScan) {
    const std::uint64_t levels = log2u(n.points);
    const std::uint64_t crossLane = std::min(levels, log2u(lanes));
    if (arch.ssmExtension) {
      // A scan carries across vectors in one cycle; only its in-vector levels need the network.
      t.ii = ceilDiv(n.op == Op::kFft ? levels : crossLane, stages);
    } else if (n.op == Op::kFft) {
      t.ii = ceilDiv(4 * lanes * lanes, lanes * stages) + ceilDiv(levels - crossLane, stages);
    } else {
      t.ii = ceilDiv(lanes * (lanes + 1), lanes * stages);
    }
    t.latency = t.ii * stages;
  }
  if (n.reduce) {
    t.latency += log2u(lanes) + 1;
    t.flops += w - 1;
  }
  if (usesTail(n.op)) t.latency += arch.tailLatency;
  if (n.flops) t.flops = *n.flops;
  return t;
}

ComputeUnit::ComputeUnit(std::string name, Placement::Site site, const NodeSpec& node,
                         PcuTiming timing, double reduceScale, LaneProgram program)
    : Unit(std::move(name), UnitKind::kPcu, site, node.firings),
      program_(std::move(program)),
      op_(node.op),
      reduce_(node.reduce),
      reduceScale_(reduceScale),
      combineMax_(node.combineMax),
      accumulate_(node.accumulate),
      row_(node.row),
      timing_(timing) {}

void ComputeUnit::start(Tick period) {
  latencyTicks_ = timing_.latency * period;
  iiTicks_ = timing_.ii * period;
  pipeline_.reset(timing_.latency / timing_.ii + 1);
  nextFire_ = 0;
}

double ComputeUnit::evaluate() {
  double v[3] = {0, 0, 0};
  for (std::size_t i = 0; i < inputs_.size(); ++i) v[i] = inputs_[i].take().value;
  double r = 0;
  if (!program_.empty()) {
    r = program_.evaluate(v);
  } else if (op_ == Op::kOnlineSoftmax) {
    runningMax_ = inRow_ == 0 ? v[0] : std::max(runningMax_, v[0]);
    if (++inRow_ == row_) inRow_ = 0;
    r = std::exp(v[0] - runningMax_);
  } else {
    r = applyOp(op_, v[0], v[1], v[2]);
  }
  return reduce_ ? r * reduceScale_ : r;
}

bool ComputeUnit::tick() {
  const Tick t = now();
  bool progress = false;
  if (!pipeline_.empty() && pipeline_.frontReady() <= t && outputsFree()) {
    sendAll(pipeline_.front());
    pipeline_.pop();
    progress = true;
  }
  if (fired_ < firings()) {
    if (t < nextFire_) {
      setState(UnitState::kBusy);
    } else if (pipeline_.full()) {
      setState(UnitState::kBlocked);
    } else if (!inputsReady()) {
      setState(UnitState::kStarved);
    } else {
      const double r = evaluate();
      acc_ = folded_ == 0 ? r : (combineMax_ ? std::max(acc_, r) : acc_ + r);
      if (++folded_ == accumulate_) {
        pipeline_.push(t + latencyTicks_, Token{acc_});
        folded_ = 0;
      }
      ++fired_;
      flops_ += timing_.flops;
      nextFire_ = t + iiTicks_;
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
  if (fired_ < firings() && nextFire_ > t) wakeAt(nextFire_);
  if (const Tick f = outputFreeAt()) wakeAt(f);
  return false;
}

}  // namespace xpusim::dataflow
