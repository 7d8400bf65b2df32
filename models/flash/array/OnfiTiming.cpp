#include "models/flash/array/OnfiTiming.h"

namespace xpusim::flash {

std::vector<ParamSpec> OnfiTiming::params() {
  return {
      Param::uint("channel_rate", "MT/s", "channel data rate (ONFI NV-DDR2 / Toggle), exact"),
      Param::uint("channel_width", "bits", "channel data width (8 or 16)").def("8"),
      Param::flag("mqsim_rounding",
                  "reproduce MQSim's (int)(1000 / rate) ns transfer truncation (bit-matching only)")
          .def("false"),
      Param::flag("cache_operations", "cache read / cache program through the cache register")
          .def("false"),
      Param::choice("cell_type", {"slc", "mlc", "tlc"}, "bits per cell: page types per word line"),
      Param::time("t_read_lsb", "array read time of an LSB (or SLC) page (tR)"),
      Param::time("t_read_csb", "array read time of a CSB page (TLC)").def("0ns"),
      Param::time("t_read_msb", "array read time of an MSB page (MLC, TLC)").def("0ns"),
      Param::time("t_prog_lsb", "program time of an LSB (or SLC) page (tPROG)"),
      Param::time("t_prog_csb", "program time of a CSB page (TLC)").def("0ns"),
      Param::time("t_prog_msb", "program time of an MSB page (MLC, TLC)").def("0ns"),
      Param::time("t_erase", "block erase time (tBERS)"),
      Param::time("t_cs", "ONFI tCS: chip-enable setup").def("20ns"),
      Param::time("t_wc", "ONFI tWC: write cycle (one command/address cycle)").def("25ns"),
      Param::time("t_wb", "ONFI tWB: WE high to busy").def("100ns"),
      Param::time("t_rr", "ONFI tRR: ready to data-out").def("20ns"),
      Param::time("t_adl", "ONFI tADL: address to data load").def("70ns"),
      Param::time("t_dbsy", "ONFI tDBSY: multi-plane dummy busy").def("500ns"),
      Param::time("t_rpre", "ONFI tRPRE: read preamble").def("15ns"),
      Param::time("t_dqsre", "ONFI tDQSRE: DQS access after RE").def("15ns"),
      Param::time("t_wpst", "ONFI tWPST: write postamble").def("6ns"),
      Param::time("t_wpsth", "ONFI tWPSTH: write postamble hold").def("15ns"),
      Param::time("t_rb_read", "ready/busy (status) detection after a read's array time")
          .def("20ns"),
      Param::time("t_cache_move", "data -> cache register move of a cache read (tDCBSYR)")
          .def("0ns"),
  };
}

OnfiTiming OnfiTiming::read(ParamReader& p) {
  OnfiTiming t;
  t.rate_ = p.uint("channel_rate");
  if (t.rate_ == 0) throw p.error("channel_rate", "must be at least 1 MT/s");
  t.width_ = p.uint("channel_width");
  if (t.width_ != 8 && t.width_ != 16) throw p.error("channel_width", "must be 8 or 16 bits");
  t.mqsimRounding_ = p.flag("mqsim_rounding");
  if (t.mqsimRounding_ && t.rate_ > 1000)
    throw p.error("mqsim_rounding", "MQSim's truncation gives 0 ns per transfer above 1000 MT/s");
  t.cache_ = p.flag("cache_operations");
  const std::string cell = p.choice("cell_type");
  t.levels_ = cell == "slc" ? 1 : cell == "mlc" ? 2 : 3;
  const char* readNames[3] = {"t_read_lsb", "t_read_csb", "t_read_msb"};
  const char* progNames[3] = {"t_prog_lsb", "t_prog_csb", "t_prog_msb"};
  for (int i = 0; i < 3; ++i) {
    t.tRead_[i] = p.time(readNames[i]);
    t.tProg_[i] = p.time(progNames[i]);
  }
  // Page types a cell type uses must have their times.
  const int used[3][3] = {{1, 0, 0}, {1, 0, 1}, {1, 1, 1}};
  for (int i = 0; i < 3; ++i) {
    if (!used[t.levels_ - 1][i]) continue;
    if (t.tRead_[i] == 0) throw p.error(readNames[i], "must be > 0 for cell_type " + cell);
    if (t.tProg_[i] == 0) throw p.error(progNames[i], "must be > 0 for cell_type " + cell);
  }
  t.tErase_ = p.time("t_erase");
  t.tCs_ = p.time("t_cs");
  t.tWc_ = p.time("t_wc");
  t.tWb_ = p.time("t_wb");
  t.tRr_ = p.time("t_rr");
  t.tAdl_ = p.time("t_adl");
  t.tDbsy_ = p.time("t_dbsy");
  t.tRpre_ = p.time("t_rpre");
  t.tDqsre_ = p.time("t_dqsre");
  t.tWpst_ = p.time("t_wpst");
  t.tWpsth_ = p.time("t_wpsth");
  t.tRb_ = p.time("t_rb_read");
  t.tCacheMove_ = p.time("t_cache_move");
  return t;
}

Tick OnfiTiming::readCommand(std::uint64_t planes) const {
  return tCs_ + 6 * tWc_ + tWb_ + tRr_ + (planes - 1) * (tDbsy_ + 6 * tWc_);
}

Tick OnfiTiming::programCommand(std::uint64_t planes) const {
  return tCs_ + 6 * tWc_ + tAdl_ + tWpst_ + tWpsth_ + tWb_ + (planes - 1) * (tDbsy_ + 6 * tWc_);
}

Tick OnfiTiming::eraseCommand(std::uint64_t planes) const {
  return tCs_ + 5 * tWc_ + tWb_ + (planes - 1) * (tDbsy_ + 5 * tWc_);
}

Tick OnfiTiming::transfer(std::uint64_t bytes) const {
  const std::uint64_t transfers = (bytes * 8 + width_ - 1) / width_;
  if (mqsimRounding_) return transfers * ((1000 / rate_) * kNanosecond);
  // transfers * 1e6 / rate ps, rounded up once: exact for every rate.
  __extension__ const unsigned __int128 ps = static_cast<unsigned __int128>(transfers) * 1000000;
  return static_cast<Tick>((ps + rate_ - 1) / rate_);
}

PageType OnfiTiming::pageType(std::uint64_t page) const {
  return static_cast<PageType>(levels_ == 1 ? 0 : levels_ == 2 ? (page % 2) * 2 : page % 3);
}

}  // namespace xpusim::flash
