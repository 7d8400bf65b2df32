#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "models/dataflow/cosim/LaneStimulus.h"
#include "sim/cosim/StreamRecord.h"

namespace xpusim::dataflow {

/// Port indices of a PCU lane's canonical co-simulation stream.
enum LanePort : std::uint16_t {
  kLaneInPort,      ///< lane k: a token of input k accepted (valid and ready)
  kLaneResultPort,  ///< lane 0: a result written into the output FIFO
  kLaneOutPort,     ///< lane 0: a result taken by the consumer (valid and ready)
};

/// The ports' names, in LanePort order.
std::vector<std::string> lanePortNames();

/// The model's canonical stream of case `c`, cycle 0 = the first clock edge: the dataflow
/// model's own units on its own engine, one ComputeUnit (PcuTiming::of a `stages`-stage, II
/// `ii` node; its value the lane program's stages) between channels of capacity `inputDepth`
/// / `outputDepth` with latency and credit latency of one cycle, fed by testbench sources that
/// offer input k's tokens after their gaps and drained by a consumer following the stall
/// pattern. `delayFrom` (test-only perturbation) delays every record at or after that cycle by
/// one. Throws std::logic_error if the case does not finish (it always should).
cosim::Stream modelLaneStream(const LaneCase& c,
                              Cycle delayFrom = std::numeric_limits<Cycle>::max());

}  // namespace xpusim::dataflow
