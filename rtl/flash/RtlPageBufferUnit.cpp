#include "rtl/flash/RtlPageBufferUnit.h"

#include <Vpage_buffer_unit.h>
#include <fmt/format.h>

#include <stdexcept>

#include "rtl/cosim/ResultCheck.h"
#include "rtl/flash/PageBufferRtlDriver.h"
#include "sim/core/Simulation.h"

namespace xpusim::rtl {

namespace {
using Op = PageBufferCosimCase::Op;
}  // namespace

ComponentInfo RtlPageBufferUnit::describe() {
  ComponentInfo info;
  info.type = "rtl_page_buffer_unit";
  info.summary =
      "Verilated flash page-buffer compute-unit RTL (multi-word-line bitwise, int8 MAC) running "
      "seeded commands back to back, one RTL cycle per clock edge";
  info.params = {
      Param::clock("clock",
                   "page-buffer clock; one RTL cycle per edge (assumed; a 16 KiB page in 20 us "
                   "needs >= 205.7 MHz)")
          .def("250MHz"),
      Param::choice("op", {"and", "or", "mac"}, "bitwise AND / OR over sensed pages, or int8 MAC")
          .def("and"),
      Param::bytes("page_bytes", "operand or weight page, a multiple of 4 B up to 262140 B")
          .def("512B"),
      Param::uint("operands", "pages", "and/or: sensed operand pages per command, 1 to 255")
          .def("1"),
      Param::uint("blocks", "blocks",
                  "and/or: blocks the operands span in contiguous groups (0: 1 for and, one per "
                  "operand for or)")
          .def("0"),
      Param::flag("invert", "and/or: inverse read (NAND / NOR)").def("false"),
      Param::bytes("row_bytes", "mac: input-vector (row) bytes, a multiple of 4 B up to 64 B")
          .def("64B"),
      Param::real("rber", "errors/bit", "mac: raw bit-error rate of the sensed weight page")
          .def("0"),
      Param::uint("commands", "commands", "commands run back to back").def("1"),
  };
  info.stats = {
      {"cycles", "cycles", "cycles of the commands (the last command's done + 1)"},
      {"commands", "commands", "commands the unit finished"},
      {"results", "values", "result words (bitwise) or row sums (MAC) written"},
      {"mismatches", "values", "results differing from the model's"},
  };
  return info;
}

RtlPageBufferUnit::RtlPageBufferUnit(BuildContext& ctx) : RtlComponent(ctx) {
  useClock(params().clock("clock"));
  const std::string op = params().choice("op");
  case_.op = op == "and" ? Op::kAnd : op == "or" ? Op::kOr : Op::kMac;
  case_.pageBytes = params().bytes("page_bytes");
  case_.operands = params().uint("operands");
  case_.blocks = params().uint("blocks");
  case_.invert = params().flag("invert");
  case_.rowBytes = params().bytes("row_bytes");
  case_.rber = params().real("rber");
  case_.commands = params().uint("commands");
  if (const std::string bad = pageBufferCaseError(case_); !bad.empty()) throw caseError(bad, "op");
  // The data is drawn here, not in start(), so operands the sensing cannot combine are a
  // configuration error (the model's stream is what the RTL must reproduce).
  Random random = sim().random(*this);
  PageBufferCosimResult eccTally;  // what the on-die ECC did (not reported by the component)
  commands_ = pageBufferCommands(case_, random, eccTally);
  try {
    model_ = pageBufferModelStream(case_, commands_);
  } catch (const std::invalid_argument& e) {
    throw params().error(params().uint("blocks") ? "blocks" : "operands", e.what());
  }
  stat("commands", done_);
  stat("results", results_);
  stat("mismatches", mismatches_);
}

RtlPageBufferUnit::~RtlPageBufferUnit() = default;

void RtlPageBufferUnit::start() {
  run(std::make_unique<PageBufferRtlDriver<Vpage_buffer_unit>>(commands_));
}

void RtlPageBufferUnit::finish(bool drained) {
  if (!driver()) return;
  const cosim::Stream& rtl = driver()->stream();
  done_ = countRecords(rtl, {flash::kPbDone});
  checkRan(drained, done_ == commands_.size(),
           fmt::format("{} of {} commands finished", done_, commands_.size()));
  results_ = countRecords(rtl, {flash::kPbResult});
  mismatches_ = resultMismatches(model_, rtl, {flash::kPbResult});
}

void RtlPageBufferUnit::summarize(SummaryLines& lines) const {
  lines.emplace_back(path(), fmt::format("{} RTL cycles, {} commands, {} results, {} mismatches",
                                         cycles_, done_, results_, mismatches_));
}

XPUSIM_REGISTER_COMPONENT(RtlPageBufferUnit)

}  // namespace xpusim::rtl
