#include "models/flash/ssd/HostInterface.h"

#include <algorithm>

namespace xpusim::flash {

std::vector<ParamSpec> HostInterface::params() {
  return {
      Param::uint("pcie_generation", "", "PCIe generation of the host link (1..5)").def("3"),
      Param::uint("pcie_lanes", "lanes", "PCIe lanes of the host link").def("4"),
      Param::time("host_latency", "fixed protocol time per request (doorbell, completion)")
          .def("0ns"),
  };
}

HostInterface HostInterface::read(ParamReader& p) {
  HostInterface h;
  const std::uint64_t gen = p.uint("pcie_generation");
  static const std::uint64_t kRate[6] = {0, 2500, 5000, 8000, 16000, 32000};
  if (gen < 1 || gen > 5) throw p.error("pcie_generation", "must be 1..5");
  h.megaTransfers_ = kRate[gen];
  h.encNum_ = gen <= 2 ? 8 : 128;
  h.encDen_ = gen <= 2 ? 10 : 130;
  h.lanes_ = p.uint("pcie_lanes");
  if (h.lanes_ == 0 || h.lanes_ > 32 || (h.lanes_ & (h.lanes_ - 1)))
    throw p.error("pcie_lanes", "must be 1, 2, 4, 8, 16 or 32");
  h.latency_ = p.time("host_latency");
  return h;
}

Tick HostInterface::wireTime(std::uint64_t bytes) const {
  // bits on the wire = bytes * 8 * den / num; at MT/s per lane: ps = bits * 1e6 / (MT * lanes).
  __extension__ const unsigned __int128 num =
      static_cast<unsigned __int128>(bytes) * 8 * encDen_ * 1000000;
  const std::uint64_t den = encNum_ * megaTransfers_ * lanes_;
  return static_cast<Tick>((num + den - 1) / den);
}

Tick HostInterface::book(std::uint64_t bytes, Tick ready, bool toHost) {
  Tick& busy = busyUntil_[toHost ? 1 : 0];
  const Tick start = std::max(ready, busy);
  busy = start + wireTime(bytes);
  return busy;
}

double HostInterface::bandwidth() const {
  return static_cast<double>(megaTransfers_) * 1e6 * static_cast<double>(lanes_) *
         static_cast<double>(encNum_) / static_cast<double>(encDen_) / 8.0;
}

}  // namespace xpusim::flash
