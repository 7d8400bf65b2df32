#include "models/pim/BankUnitStream.h"

#include <algorithm>
#include <utility>

#include "models/memory/dram/DramTimingCore.h"
#include "models/memory/dram/TimingTable.h"
#include "sim/config/ConfigLoader.h"
#include "sim/config/ParamReader.h"

namespace xpusim {

namespace {

/// An INT8 element-wise result as the device's 8-bit lanes give it (PimFunctional's eltwise).
std::int8_t saturate(std::int32_t v) {
  return static_cast<std::int8_t>(std::clamp(v, -128, 127));
}

/// The unit's architectural state: global-buffer entries and the lane accumulators.
struct BankUnitState {
  std::vector<BankColumn> buffer;
  std::vector<std::int32_t> lanes;

  void mac(const BankColumn& w, const BankColumn& x) {
    for (std::size_t k = 0; k < kBankUnitElements; ++k)
      lanes[k % lanes.size()] += std::int32_t{w[k]} * x[k];
  }
  std::int32_t readOut() {
    std::int32_t sum = 0;
    for (std::int32_t& l : lanes) sum += std::exchange(l, 0);
    return sum;
  }
};

}  // namespace

BankUnitDevice BankUnitDevice::load(const std::filesystem::path& preset) {
  const ConfigNode root = ConfigLoader::loadFile(preset);
  const ConfigNode* components = root.find("components");
  if (components && components->isMap())
    for (const ConfigNode::Entry& e : components->entries) {
      const ConfigNode* type = e.value.find("type");
      if (!type || type->scalar != "pim_device") continue;
      std::vector<ParamSpec> params = DramSpec::params();
      const std::vector<ParamSpec> unit = PimUnitSpec::params();
      params.insert(params.end(), unit.begin(), unit.end());
      ParamReader reader(e.value, e.key, params, {"type", "layout", "refresh"});
      BankUnitDevice d;
      d.dram = DramSpec::read(reader);
      d.unit = PimUnitSpec::read(reader, d.dram);
      return d;
    }
  throw InputError({root.where}, "expected a component of type pim_device under components:");
}

DramTiming BankUnitDevice::int8Timing() const {
  DramTiming t = dram.timing;
  t.tCCDMAC = unit.macSpacing(dram, 1);
  return t;
}

std::vector<std::string> bankUnitPortNames() {
  return {"cmd", "rd_mac", "gb_out"};
}

cosim::Stream bankUnitStream(const BankUnitDevice& device,
                             const std::vector<BankUnitCommand>& commands,
                             const DramTiming& timing) {
  DramTimingCore core(device.dram.org, buildTimingTable(timing), timing.tFAW);
  BankUnitState unit;
  unit.buffer.assign(device.unit.operandBufferBytes / device.dram.org.burstBytes(), BankColumn{});
  unit.lanes.assign(device.unit.lanes, 0);

  cosim::Stream s;
  s.ports = bankUnitPortNames();
  auto& out = s.records;
  Cycle next = 0;  // one command per cycle
  for (const BankUnitCommand& c : commands) {
    const DramCommand cmd = bankUnitTimedAs(c.op);
    DramAddress a;
    a.row = c.row;
    a.column = c.column;
    const Cycle at = std::max(next, core.earliest(cmd, a));
    core.issue(cmd, a, at);
    next = at + 1;
    out.push_back({at, kBankUnitCommandPort, static_cast<std::uint16_t>(c.op),
                   std::int64_t{c.row} << 16 | c.column});
    BankColumn& entry = unit.buffer[c.column % unit.buffer.size()];
    switch (c.op) {
      case BankUnitOp::kMacAbk:
      case BankUnitOp::kMacSbk:
        unit.mac(c.data, entry);
        break;
      case BankUnitOp::kWrGb:
      case BankUnitOp::kCopyBkGb:
        entry = c.data;
        break;
      case BankUnitOp::kRdMac:
        out.push_back({at + timing.CL + timing.nBL, kBankUnitMacPort, 0, unit.readOut()});
        break;
      case BankUnitOp::kCopyGbBk:
        for (std::size_t k = 0; k < kBankUnitElements; ++k)
          out.push_back({at, kBankUnitGbOutPort, static_cast<std::uint16_t>(k), entry[k]});
        break;
      case BankUnitOp::kEwAdd:
      case BankUnitOp::kEwMul:
        for (std::size_t k = 0; k < kBankUnitElements; ++k)
          entry[k] =
              saturate(c.op == BankUnitOp::kEwAdd ? c.data[k] + entry[k] : c.data[k] * entry[k]);
        break;
      default:
        break;
    }
  }
  std::stable_sort(out.begin(), out.end());
  return s;
}

}  // namespace xpusim
