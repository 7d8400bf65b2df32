#include "models/traffic/TrafficGenerator.h"

#include <cmath>

#include "sim/core/Simulation.h"

namespace xpusim {

ComponentInfo TrafficGenerator::describe() {
  ComponentInfo info = TracePlayer::describe();
  info.type = "traffic_generator";
  info.summary = "Stream or random memory requests at an injection rate, replayed into a port";
  info.params = {
      Param::choice("pattern", {"stream", "random"}, "address pattern"),
      Param::uint("requests", "requests", "number of requests"),
      Param::bytes("request_size", "bytes per request (random addresses are aligned to it)")
          .def("64B"),
      Param::real("injection_rate", "requests/cycle",
                  "requests due per player cycle (at most issue_width)")
          .def("1"),
      Param::real("read_fraction", "", "probability that a request is a read").def("1"),
      Param::bytes("base", "lowest address").def("0"),
      Param::bytes("range", "bytes the addresses span from base").def("1GiB"),
      Param::bytes("stride",
                   "stream: bytes between consecutive requests (default: "
                   "request_size)")
          .optionalValue(),
  };
  for (auto& p : replayParams()) info.params.push_back(std::move(p));
  return info;
}

TrafficGenerator::TrafficGenerator(BuildContext& ctx) : TracePlayer(ctx, GeneratedRecords{}) {
  const bool stream = params().choice("pattern") == "stream";
  const std::uint64_t count = params().uint("requests");
  const std::uint64_t size = params().bytes("request_size");
  const double rate = params().real("injection_rate");
  const double reads = params().real("read_fraction");
  const std::uint64_t base = params().bytes("base");
  const std::uint64_t range = params().bytes("range");
  const std::uint64_t stride = params().has("stride") ? params().bytes("stride") : size;
  if (size == 0 || size > UINT32_MAX) throw params().error("request_size", "must be 1B..4GiB");
  if (!(rate > 0) || rate > static_cast<double>(params().uint("issue_width")))
    throw params().error("injection_rate", "must be > 0 and at most issue_width");
  if (!(reads >= 0 && reads <= 1)) throw params().error("read_fraction", "must be in [0, 1]");
  if (range < size || range % size != 0)
    throw params().error("range", "must be a positive multiple of request_size");
  if (count > (std::uint64_t{1} << 32)) throw params().error("requests", "at most 2^32");
  Random random = sim().random(*this);
  records_.resize(count);
  const std::uint64_t slots = range / size;
  for (std::uint64_t i = 0; i < count; ++i) {
    TraceRecord& r = records_[i];
    r.cycle = static_cast<Cycle>(std::floor(static_cast<double>(i) / rate));
    r.bytes = static_cast<std::uint32_t>(size);
    r.addr = base + (stream ? (i * stride) % range : random.below(slots) * size);
    r.op = reads >= 1 || random.uniform() < reads ? MemOp::kRead : MemOp::kWrite;
  }
}

XPUSIM_REGISTER_COMPONENT(TrafficGenerator)

}  // namespace xpusim
