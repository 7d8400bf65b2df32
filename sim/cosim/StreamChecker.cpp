#include "sim/cosim/StreamChecker.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace xpusim::cosim {

std::string formatRecord(const Stream& s, const StreamRecord& r) {
  const std::string port =
      r.port < s.ports.size() ? s.ports[r.port] : fmt::format("port{}", r.port);
  return fmt::format("cycle {} {}[{}] = {}", r.cycle, port, r.lane, r.value);
}

namespace {

/// Side-by-side listing of records [first, last) of both streams, marking `at`.
std::string listing(const Stream& model, const Stream& rtl, std::size_t at, std::size_t context,
                    const std::vector<std::size_t>& mIdx, const std::vector<std::size_t>& rIdx) {
  std::string out = fmt::format("  {:>8}  {:<40} {}\n", "record", "model", "rtl");
  const std::size_t first = at > context ? at - context : 0;
  const std::size_t last = at + context + 1;
  for (std::size_t i = first; i < last && (i < mIdx.size() || i < rIdx.size()); ++i) {
    const std::string m = i < mIdx.size() ? formatRecord(model, model.records[mIdx[i]]) : "(end)";
    const std::string r = i < rIdx.size() ? formatRecord(rtl, rtl.records[rIdx[i]]) : "(end)";
    out += fmt::format("{} {:>8}  {:<40} {}\n", i == at ? '>' : ' ', i, m, r);
  }
  return out;
}

std::vector<std::size_t> indicesOf(const Stream& s, std::uint16_t port, bool all) {
  std::vector<std::size_t> idx;
  for (std::size_t i = 0; i < s.records.size(); ++i)
    if (all || s.records[i].port == port) idx.push_back(i);
  return idx;
}

}  // namespace

CheckResult compareStreams(const Stream& model, const Stream& rtl, CheckMode mode,
                           const std::function<std::string(Cycle)>& reproduce,
                           std::size_t context) {
  CheckResult res;
  res.modelRecords = model.records.size();
  res.rtlRecords = rtl.records.size();
  const bool exact = mode == CheckMode::kExact;
  const std::size_t ports = exact ? 1 : std::max(model.ports.size(), rtl.ports.size());
  for (std::uint16_t p = 0; p < ports && res.match; ++p) {
    const auto mIdx = indicesOf(model, p, exact), rIdx = indicesOf(rtl, p, exact);
    const std::size_t n = std::min(mIdx.size(), rIdx.size());
    std::size_t at = n;
    for (std::size_t i = 0; i < n; ++i) {
      const StreamRecord &m = model.records[mIdx[i]], &r = rtl.records[rIdx[i]];
      const bool same = exact ? m == r : m.lane == r.lane && m.value == r.value;
      if (!same) {
        at = i;
        break;
      }
      if (m.cycle != r.cycle) {
        ++res.cycleDeltas;
        res.maxCycleDelta =
            std::max(res.maxCycleDelta, m.cycle > r.cycle ? m.cycle - r.cycle : r.cycle - m.cycle);
      }
    }
    if (at == n && mIdx.size() == rIdx.size()) continue;
    res.match = false;
    // The cycle of the first difference: the earlier of the two differing records, or the
    // first record one stream has beyond the other's end.
    const Cycle cycle = at < n
                            ? std::min(model.records[mIdx[at]].cycle, rtl.records[rIdx[at]].cycle)
                        : mIdx.size() > n ? model.records[mIdx[n]].cycle
                                          : rtl.records[rIdx[n]].cycle;
    const std::string what =
        at < n ? fmt::format("model {} but rtl {}", formatRecord(model, model.records[mIdx[at]]),
                             formatRecord(rtl, rtl.records[rIdx[at]]))
               : fmt::format("one stream ends: model has {} records, rtl {}", mIdx.size(),
                             rIdx.size());
    res.diff =
        fmt::format("first difference at {}record {}: {}\n{}reproduce with a waveform:\n  {}\n",
                    exact ? "" : fmt::format("{} ", model.ports.at(p)), at, what,
                    listing(model, rtl, at, context, mIdx, rIdx), reproduce(cycle));
  }
  return res;
}

}  // namespace xpusim::cosim
