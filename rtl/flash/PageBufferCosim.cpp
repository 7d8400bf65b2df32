#include "rtl/flash/PageBufferCosim.h"

#include <Vpage_buffer_unit.h>
#include <Vpage_buffer_unit_traced.h>
#include <fmt/format.h>

#include <optional>
#include <stdexcept>

#include "models/flash/compute/OutlierEcc.h"
#include "models/flash/compute/PageBufferStream.h"
#include "models/flash/compute/PageGemv.h"
#include "rtl/flash/PageBufferRtlDriver.h"
#include "sim/config/ConfigLoader.h"
#include "sim/core/Random.h"

namespace xpusim::rtl {

namespace {

using flash::PageBufferCommand;
using Op = PageBufferCosimCase::Op;

/// The device's in-flash compute parameters at their defaults, `rber` set: the sensing's
/// operand limits, and for MAC with bit errors the outlier ECC of a weight page.
struct ComputeModel {
  flash::BitwiseSensing sensing;
  std::optional<flash::OutlierEcc> ecc;
};
ComputeModel computeModel(const PageBufferCosimCase& c) {
  const ConfigNode node = ConfigLoader::loadText(fmt::format("rber: {}\n", c.rber), "cosim");
  std::vector<ParamSpec> specs = flash::BitwiseSensing::params();
  for (ParamSpec& s : flash::OutlierEcc::params()) specs.push_back(std::move(s));
  ParamReader p(node, "flash", specs, {});
  ComputeModel m{flash::BitwiseSensing::read(p), std::nullopt};
  if (c.op == Op::kMac && c.rber != 0) m.ecc.emplace(flash::OutlierEcc::read(p, c.pageBytes));
  return m;
}

std::uint8_t flipBits(std::uint8_t v, unsigned bits, double rber, Random& r, std::uint64_t& flips) {
  for (unsigned b = 0; b < bits; ++b)
    if (r.uniform() < rber) {
      v = static_cast<std::uint8_t>(v ^ (1u << b));
      ++flips;
    }
  return v;
}

/// A weight page of small values with ~1 % outliers, sensed with bit errors at `rber` and
/// repaired by the on-die ECC (when given one); tallies what the ECC did into `res`.
PageBufferCommand macCommand(const PageBufferCosimCase& c,
                             const std::optional<flash::OutlierEcc>& ecc, Random& r,
                             PageBufferCosimResult& res) {
  PageBufferCommand cmd;
  cmd.mac = true;
  cmd.vector.resize(c.rowBytes);
  for (auto& v : cmd.vector) v = static_cast<std::int8_t>(r.next());
  std::vector<std::int8_t> page(c.pageBytes);
  for (auto& v : page)
    v = static_cast<std::int8_t>(r.below(100) == 0 ? r.next() : r.between(0, 40) - 20);
  cmd.weights = page;
  if (!ecc) return cmd;
  flash::OutlierEcc::Spare spare = ecc->protect(page);
  for (auto& v : cmd.weights)
    v = static_cast<std::int8_t>(
        flipBits(static_cast<std::uint8_t>(v), 8, c.rber, r, res.flippedBits));
  for (auto& w : spare.addressWords)
    for (unsigned b = 0; b < ecc->addressWordBits(); ++b)
      w ^= std::uint64_t{flipBits(0, 1, c.rber, r, res.flippedBits)} << b;
  for (auto* copies : {&spare.copyA, &spare.copyB})
    for (auto& v : *copies) v = flipBits(v, 8, c.rber, r, res.flippedBits);
  for (auto& v : spare.threshold) v = flipBits(v, 8, c.rber, r, res.flippedBits);
  const flash::OutlierEcc::Report rep = ecc->repair(cmd.weights, spare);
  res.correctedBits += rep.correctedAddressBits + rep.correctedValueBits;
  res.failedEntries += rep.failedEntries;
  res.clipped += rep.clipped;
  const auto clean = flash::pageGemv(page, cmd.vector);
  const auto sensed = flash::pageGemv(cmd.weights, cmd.vector);
  for (std::size_t i = 0; i < clean.size(); ++i) res.rowsWrong += clean[i] != sensed[i];
  return cmd;
}

PageBufferCommand bitwiseCommand(const PageBufferCosimCase& c, Random& r) {
  PageBufferCommand cmd;
  cmd.invert = c.invert;
  const std::uint64_t blocks = c.blocks ? c.blocks : c.op == Op::kAnd ? 1 : c.operands;
  for (std::uint64_t k = 0; k < c.operands; ++k) {
    cmd.operands.emplace_back(c.pageBytes);
    for (auto& b : cmd.operands.back()) b = static_cast<std::uint8_t>(r.next());
    cmd.blocks.push_back(static_cast<std::uint32_t>(k * blocks / c.operands));
  }
  return cmd;
}

template <class V>
void runRtl(const PageBufferCosimCase& c, const std::vector<PageBufferCommand>& cmds,
            const cosim::Stream& model, PageBufferCosimResult& res) {
  const Stopwatch watch;
  PageBufferRtlDriver<V> rtl(cmds, c.wave);
  while (rtl.step()) {
  }
  res.rtlCycles = rtl.cycles();
  res.hung = rtl.hung();
  res.rtlSeconds = watch.seconds();
  res.check = cosim::compareStreams(model, rtl.stream(), c.mode,
                                    [&](Cycle at) { return reproduceCommand(c, at); });
  res.rtlStream = rtl.stream();
}

}  // namespace

const char* pageBufferOpName(Op op) {
  return op == Op::kAnd ? "and" : op == Op::kOr ? "or" : "mac";
}

std::string pageBufferCaseError(const PageBufferCosimCase& c) {
  const unsigned wb = kPageBufferWordBytes;
  if (c.pageBytes == 0 || c.pageBytes % wb != 0 || c.pageBytes / wb > kPageBufferMaxWords)
    return fmt::format("--page-bytes {}: expected a multiple of {} up to {}", c.pageBytes, wb,
                       wb * kPageBufferMaxWords);
  if (c.commands == 0) return "--commands: expected at least 1";
  if (c.op == Op::kMac) {
    if (c.operands != 1 || c.blocks != 0 || c.invert)
      return "--operands, --blocks and --invert apply to and/or: a MAC command has one weight "
             "page (use --commands for several)";
    if (c.rowBytes == 0 || c.rowBytes % wb != 0 || c.rowBytes / wb > kPageBufferMaxRowWords)
      return fmt::format("--row-bytes {}: expected a multiple of {} up to {}", c.rowBytes, wb,
                         wb * kPageBufferMaxRowWords);
    if (c.pageBytes % c.rowBytes != 0)
      return fmt::format("--page-bytes {} is not a whole number of {}-byte rows", c.pageBytes,
                         c.rowBytes);
    return "";
  }
  if (c.rber != 0) return "--rber applies to mac (the on-die ECC of weight pages)";
  if (c.operands == 0 || c.operands > kPageBufferMaxOperands)
    return fmt::format("--operands {}: expected 1 to {}", c.operands, kPageBufferMaxOperands);
  if (c.blocks > c.operands)
    return fmt::format("--blocks {}: at most one block per operand ({})", c.blocks, c.operands);
  return "";
}

std::string reproduceCommand(const PageBufferCosimCase& c, Cycle cycle) {
  const Cycle from = cycle > 20 ? cycle - 20 : 0;
  std::string opts;
  if (c.op == Op::kMac) {
    opts = fmt::format(" --row-bytes {}", c.rowBytes);
    if (c.rber > 0) opts += fmt::format(" --rber {}", c.rber);
  } else {
    opts = fmt::format(" --operands {}", c.operands);
    if (c.blocks) opts += fmt::format(" --blocks {}", c.blocks);
    if (c.invert) opts += " --invert";
  }
  if (c.commands != 1) opts += fmt::format(" --commands {}", c.commands);
  return fmt::format(
      "xpusim cosim flash --op {} --page-bytes {}{} --seed {}{} --vcd cosim.vcd "
      "--window {}:{}",
      pageBufferOpName(c.op), c.pageBytes, opts, c.seed,
      c.mode == cosim::CheckMode::kRelaxed ? " --relaxed" : "", from, cycle + 20);
}

std::vector<PageBufferCommand> pageBufferCommands(const PageBufferCosimCase& c, Random& random,
                                                  PageBufferCosimResult& res) {
  const ComputeModel m = computeModel(c);
  std::vector<PageBufferCommand> cmds;
  for (std::uint64_t n = 0; n < c.commands; ++n)
    cmds.push_back(c.op == Op::kMac ? macCommand(c, m.ecc, random, res)
                                    : bitwiseCommand(c, random));
  return cmds;
}

cosim::Stream pageBufferModelStream(const PageBufferCosimCase& c,
                                    const std::vector<PageBufferCommand>& commands) {
  const flash::PageBufferLaw law(kPageBufferWordBytes);
  return flash::pageBufferStream(commands, law, computeModel(c).sensing, c.modelDelayFrom);
}

PageBufferCosimResult runPageBufferCosim(const PageBufferCosimCase& c) {
  if (const std::string e = pageBufferCaseError(c); !e.empty()) throw std::invalid_argument(e);
  PageBufferCosimResult res;
  Random random(c.seed, "cosim.flash");
  const std::vector<PageBufferCommand> cmds = pageBufferCommands(c, random, res);

  const Stopwatch watch;
  const cosim::Stream model = pageBufferModelStream(c, cmds);
  res.modelCycles = streamCycles(model);
  res.modelSeconds = watch.seconds();
  if (c.wave.file.empty())
    runRtl<Vpage_buffer_unit>(c, cmds, model, res);
  else
    runRtl<Vpage_buffer_unit_traced>(c, cmds, model, res);
  return res;
}

}  // namespace xpusim::rtl
