#pragma once
#include <cstdint>
#include <vector>

#include "models/memory/dram/DramSpec.h"
#include "models/pim/BankUnitCommand.h"
#include "models/pim/BankUnitStream.h"
#include "rtl/cosim/RtlHarness.h"
#include "sim/cosim/StreamRecord.h"

namespace xpusim::rtl {

/// Drives the Verilated `aim_bank_unit` (rtl/pim/aim_bank_unit.sv, either build `V`: plain or
/// traced) through a command sequence, one clock cycle per step(): it holds command i on the
/// valid/ready interface until the unit accepts it, then presents command i+1 in the next
/// cycle, and records the canonical stream at the observation points of bankUnitStream: the
/// accepted command (sampled before the edge), the RD_MAC result and the COPY_GBBK data
/// (registered outputs, sampled after the edge). Timing parameters come from `timing`.
template <class V>
class PimRtlDriver {
 public:
  PimRtlDriver(const DramTiming& t, const std::vector<BankUnitCommand>& commands,
               const WaveWindow& wave = {})
      : commands_(commands), rtl_(wave) {
    stream_.ports = bankUnitPortNames();
    V& v = top();
    v.cfg_trc = t.tRC, v.cfg_tras = t.tRAS, v.cfg_trp = t.tRP;
    v.cfg_trcd = t.tRCD, v.cfg_trcdwr = t.tRCDWR, v.cfg_trcd_mac = t.tRCDMAC;
    v.cfg_tccd_mac = t.tCCDMAC, v.cfg_tccd_s = t.tCCD_S, v.cfg_tccd_l = t.tCCD_L;
    v.cfg_tccd_l_wr = t.tCCD_L_WR, v.cfg_trtp = t.tRTP, v.cfg_trtp_mac = t.tRTPMAC;
    v.cfg_tccd_gb = t.tCCDGB, v.cfg_tmac_rd = t.tMACRD, v.cfg_cl = t.CL, v.cfg_cwl = t.CWL;
    v.cfg_nbl = t.nBL, v.cfg_twr = t.tWR, v.cfg_twtr_s = t.tWTR_S, v.cfg_twtr_l = t.tWTR_L;
    v.cfg_trtrs = t.tRTRS;
    v.cmd_valid = 0;
    rtl_.reset();
  }
  PimRtlDriver(const PimRtlDriver&) = delete;
  PimRtlDriver& operator=(const PimRtlDriver&) = delete;

  /// Every command accepted and every RD_MAC result arrived (or the RTL hung).
  bool done() const { return hung() || (next_ == commands_.size() && resultsPending_ == 0); }
  /// Runs one cycle; false once done().
  bool step() {
    if (done()) return false;
    const Cycle now = rtl_.cycle();
    V& v = top();
    v.cmd_valid = next_ < commands_.size();
    if (v.cmd_valid) present(commands_[next_]);
    rtl_.settle();
    const bool fire = v.cmd_valid && v.cmd_ready;
    if (fire) {
      const BankUnitCommand& c = commands_[next_++];
      emit(now, kBankUnitCommandPort, static_cast<std::uint16_t>(c.op),
           std::int64_t{c.row} << 16 | c.column);
      if (c.op == BankUnitOp::kRdMac) ++resultsPending_;
    }
    rtl_.rise();
    if (v.mac_valid) {
      emit(now, kBankUnitMacPort, 0, static_cast<std::int32_t>(v.mac_data));
      --resultsPending_;
    }
    if (v.gb_valid)
      for (std::uint16_t k = 0; k < kBankUnitElements; ++k)
        emit(now, kBankUnitGbOutPort, k,
             static_cast<std::int8_t>(v.gb_data[k / 4] >> (8 * (k % 4)) & 0xff));
    if (fire || v.mac_valid) rtl_.progressed();
    return !done();
  }
  /// Cycles the sequence took: the last record's cycle + 1.
  Cycle cycles() const { return stream_.records.empty() ? 0 : stream_.records.back().cycle + 1; }
  const cosim::Stream& stream() const { return stream_; }
  /// The unit flagged an illegal command (a closed bank, another row, an unknown opcode).
  bool protocolError() const { return rtl_.top().err; }
  /// No command accepted and no result for kHangCycles cycles.
  bool hung() const { return rtl_.hung(); }

 private:
  void present(const BankUnitCommand& c) {
    V& v = top();
    v.cmd_op = static_cast<std::uint8_t>(c.op);
    v.cmd_row = static_cast<std::uint16_t>(c.row);
    v.cmd_col = static_cast<std::uint8_t>(c.column);
    for (std::size_t w = 0; w < kBankUnitElements / 4; ++w) {
      std::uint32_t word = 0;
      for (std::size_t b = 0; b < 4; ++b)
        word |= std::uint32_t{static_cast<std::uint8_t>(c.data[4 * w + b])} << (8 * b);
      v.cmd_data[w] = word;
    }
  }
  void emit(Cycle at, std::uint16_t port, std::uint16_t lane, std::int64_t value) {
    stream_.records.push_back({at, port, lane, value});
  }
  V& top() { return rtl_.top(); }

  const std::vector<BankUnitCommand>& commands_;
  cosim::Stream stream_;
  RtlHarness<V> rtl_;
  std::size_t next_ = 0;
  std::uint64_t resultsPending_ = 0;
};

}  // namespace xpusim::rtl
