#include "rtl/cosim/WaveOptions.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <CLI/CLI.hpp>
#include <charconv>

namespace xpusim::rtl {

namespace {

/// "FROM:TO" (cycles, FROM <= TO) into `w`; false when malformed.
bool parseCycleWindow(const std::string& text, WaveWindow& w) {
  const auto colon = text.find(':');
  if (colon == std::string::npos) return false;
  const char* s = text.data();
  const auto a = std::from_chars(s, s + colon, w.from);
  const auto b = std::from_chars(s + colon + 1, s + text.size(), w.to);
  return a.ec == std::errc() && a.ptr == s + colon && b.ec == std::errc() &&
         b.ptr == s + text.size() && w.from <= w.to;
}

}  // namespace

void WaveOptions::add(CLI::App& cmd, bool fst) {
  auto* vcd = cmd.add_option("--vcd", vcd_, "write the RTL's waveform as VCD");
  fstOffered_ = fst;
  if (fst) cmd.add_option("--fst", fst_, "write the RTL's waveform as FST")->excludes(vcd);
  cmd.add_option("--window", window_, "cycles dumped to the waveform: FROM:TO");
}

std::optional<WaveWindow> WaveOptions::window(std::ostream& err) const {
  WaveWindow w;
  if (vcd_) w.file = *vcd_;
  if (fst_) {
    w.file = *fst_;
    w.format = WaveFormat::kFst;
  }
  if (!window_) return w;
  if (w.file.empty()) {
    fmt::print(err, "error: --window needs --vcd{} (the waveform it limits)\n",
               fstOffered_ ? " or --fst" : "");
    return std::nullopt;
  }
  if (!parseCycleWindow(*window_, w)) {
    fmt::print(err, "error: --window '{}': expected FROM:TO cycles with FROM <= TO\n", *window_);
    return std::nullopt;
  }
  return w;
}

}  // namespace xpusim::rtl
