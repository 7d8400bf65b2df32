#include "rtl/cosim/ResultCheck.h"

#include <algorithm>
#include <vector>

namespace xpusim::rtl {

namespace {

std::vector<cosim::StreamRecord> recordsOf(const cosim::Stream& s,
                                           std::initializer_list<std::uint16_t> ports) {
  std::vector<cosim::StreamRecord> out;
  for (const auto& r : s.records)
    if (std::find(ports.begin(), ports.end(), r.port) != ports.end()) out.push_back(r);
  return out;
}

}  // namespace

std::uint64_t countRecords(const cosim::Stream& s, std::initializer_list<std::uint16_t> ports) {
  return static_cast<std::uint64_t>(std::count_if(
      s.records.begin(), s.records.end(),
      [&](const auto& r) { return std::find(ports.begin(), ports.end(), r.port) != ports.end(); }));
}

std::uint64_t resultMismatches(const cosim::Stream& model, const cosim::Stream& rtl,
                               std::initializer_list<std::uint16_t> ports) {
  const auto m = recordsOf(model, ports), r = recordsOf(rtl, ports);
  std::uint64_t mismatches = 0;
  for (std::size_t i = 0; i < r.size(); ++i)
    mismatches += i >= m.size() || m[i].port != r[i].port || m[i].lane != r[i].lane ||
                  m[i].value != r[i].value;
  return mismatches;
}

}  // namespace xpusim::rtl
