// One AiM-style (GDDR6-AiM) processing unit of a DRAM bank: a command interface, the
// channel's global-buffer slice the unit reads, a 16-lane INT8 MAC datapath with int32 lane
// accumulators, the result read-out path (RD_MAC) and saturating INT8 element-wise ops.
//
// Commands (cmd_op), one accepted per cycle by a valid/ready handshake; cmd_ready is low until
// every timing edge of the command is met (the edges of models/memory/dram/TimingTable.cpp for
// one bank, one rank: the controller's legality check). The bank array is outside the unit:
// the column the bank reads for a command arrives on cmd_data.
//   0 ACT       all-bank activate (ACT16) of cmd_row        timing class ACTab
//   1 PRE       precharge all (PREA)                         PREA
//   2 MAC_ABK   acc[l] += w[l] x[l] + w[l+16] x[l+16]         MACab  (w = cmd_data, x = gb[col])
//   3 MAC_SBK   the same, single-bank command                MACsb
//   4 WR_GB     gb[col] = cmd_data                           WR_GB
//   5 RD_MAC    result = sum of acc, acc = 0; out CL+nBL later RD_MAC
//   6 COPY_BKGB gb[col] = cmd_data (bank column -> buffer)   RD
//   7 COPY_GBBK gb_valid/gb_data = gb[col] (buffer -> bank)  WR
//   8 EWADD     gb[col][e] = sat8(cmd_data[e] + gb[col][e])  MACab (a column op)
//   9 EWMUL     gb[col][e] = sat8(cmd_data[e] * gb[col][e])  MACab
// Elements e are int8, e at bits 8e+7:8e; lane l owns elements l and l + LANES. A command that
// addresses a closed bank or another row, an ACT to an open bank or an unknown opcode sets the
// sticky `err`. Timing parameters are cycles of the command clock (cfg_*, held during a run).
module aim_bank_unit #(
    parameter int LANES = 16,  // 16-bit lanes, two int8 elements each: a 32 B column
    parameter int COL_BITS = 6,  // columns (bursts) per row; gb entries = 2^COL_BITS
    parameter int ROW_BITS = 14,
    parameter int T_BITS = 8,  // width of a timing parameter
    parameter int RESULT_DEPTH = 32  // RD_MAC results in flight ((CL + nBL) / nBL)
) (
    input logic clk,
    input logic rst_n,

    input  logic [T_BITS-1:0] cfg_trc,
    input  logic [T_BITS-1:0] cfg_tras,
    input  logic [T_BITS-1:0] cfg_trp,
    input  logic [T_BITS-1:0] cfg_trcd,
    input  logic [T_BITS-1:0] cfg_trcdwr,
    input  logic [T_BITS-1:0] cfg_trcd_mac,
    input  logic [T_BITS-1:0] cfg_tccd_mac,
    input  logic [T_BITS-1:0] cfg_tccd_s,
    input  logic [T_BITS-1:0] cfg_tccd_l,
    input  logic [T_BITS-1:0] cfg_tccd_l_wr,
    input  logic [T_BITS-1:0] cfg_trtp,
    input  logic [T_BITS-1:0] cfg_trtp_mac,
    input  logic [T_BITS-1:0] cfg_tccd_gb,
    input  logic [T_BITS-1:0] cfg_tmac_rd,
    input  logic [T_BITS-1:0] cfg_cl,
    input  logic [T_BITS-1:0] cfg_cwl,
    input  logic [T_BITS-1:0] cfg_nbl,
    input  logic [T_BITS-1:0] cfg_twr,
    input  logic [T_BITS-1:0] cfg_twtr_s,
    input  logic [T_BITS-1:0] cfg_twtr_l,
    input  logic [T_BITS-1:0] cfg_trtrs,

    input  logic                  cmd_valid,
    output logic                  cmd_ready,
    input  logic [           3:0] cmd_op,
    input  logic [  ROW_BITS-1:0] cmd_row,
    input  logic [  COL_BITS-1:0] cmd_col,
    input  logic [LANES*16-1:0]   cmd_data,

    output logic                  mac_valid,  // RD_MAC result, CL + nBL after the command
    output logic [          31:0] mac_data,
    output logic                  gb_valid,   // COPY_GBBK: the buffer entry for the bank
    output logic [LANES*16-1:0]   gb_data,
    output logic                  err
);
  localparam int ELEMS = 2 * LANES;
  localparam int GB_ENTRIES = 1 << COL_BITS;
  localparam int PTR_BITS = $clog2(RESULT_DEPTH);

  typedef enum logic [3:0] {
    OP_ACT = 4'd0,
    OP_PRE = 4'd1,
    OP_MAC_ABK = 4'd2,
    OP_MAC_SBK = 4'd3,
    OP_WR_GB = 4'd4,
    OP_RD_MAC = 4'd5,
    OP_COPY_BKGB = 4'd6,
    OP_COPY_GBBK = 4'd7,
    OP_EWADD = 4'd8,
    OP_EWMUL = 4'd9
  } op_e;

  // Timing classes: the DRAM command each opcode is timed as.
  typedef enum logic [2:0] {
    C_ACT,
    C_PRE,
    C_MACAB,
    C_MACSB,
    C_WRGB,
    C_RDMAC,
    C_RD,
    C_WR
  } class_e;
  localparam int NCLASS = 8;

  function automatic class_e class_of(logic [3:0] op);
    case (op)
      OP_ACT: return C_ACT;
      OP_PRE: return C_PRE;
      OP_MAC_SBK: return C_MACSB;
      OP_WR_GB: return C_WRGB;
      OP_RD_MAC: return C_RDMAC;
      OP_COPY_BKGB: return C_RD;
      OP_COPY_GBBK: return C_WR;
      default: return C_MACAB;  // MAC_ABK, EWADD, EWMUL (and unknown opcodes)
    endcase
  endfunction

  function automatic logic [31:0] widen(logic [T_BITS-1:0] v);
    return {{(32 - T_BITS) {1'b0}}, v};
  endfunction
  function automatic logic [31:0] max2(logic [31:0] a, logic [31:0] b);
    return a > b ? a : b;
  endfunction

  // ---- gaps between commands (cycles), from the timing parameters ----
  logic [31:0] g_rd_rd, g_wr_wr, g_wr_rd, g_rd_wr, g_wr_pre, g_sb_mac, g_gb_mac;
  always_comb begin
    g_rd_rd  = max2(max2(widen(cfg_tccd_l), widen(cfg_tccd_s)), widen(cfg_nbl));
    g_wr_wr  = max2(max2(widen(cfg_tccd_l_wr), widen(cfg_tccd_s)), widen(cfg_nbl));
    g_wr_rd  = widen(cfg_cwl) + widen(cfg_nbl) + max2(widen(cfg_twtr_l), widen(cfg_twtr_s));
    // RD -> WR turnaround CL + nBL + tRTRS - CWL; no edge when it is not positive.
    g_rd_wr  = widen(cfg_cl) + widen(cfg_nbl) + widen(cfg_trtrs) > widen(cfg_cwl) ?
        widen(cfg_cl) + widen(cfg_nbl) + widen(cfg_trtrs) - widen(cfg_cwl) : 32'd0;
    g_wr_pre = widen(cfg_cwl) + widen(cfg_nbl) + widen(cfg_twr);
    g_sb_mac = max2(widen(cfg_tccd_mac), widen(cfg_tccd_s));
    g_gb_mac = widen(cfg_cwl) + widen(cfg_nbl);
  end

  // ---- state ----
  logic [31:0] now;  // cycles since reset
  logic [31:0] ready_at[NCLASS];  // first cycle each class is legal
  logic bank_open;
  logic [ROW_BITS-1:0] open_row;
  logic [LANES*16-1:0] gb[GB_ENTRIES];
  logic signed [31:0] acc[LANES];
  logic [31:0] res_due[RESULT_DEPTH];
  logic [31:0] res_value[RESULT_DEPTH];
  logic [PTR_BITS-1:0] res_head, res_tail;
  logic [PTR_BITS:0] res_count;

  // ---- command acceptance ----
  class_e cls;
  logic fire;
  always_comb begin
    cls = class_of(cmd_op);
    cmd_ready = now >= ready_at[cls] &&
        !(cmd_op == OP_RD_MAC && res_count == (PTR_BITS + 1)'(RESULT_DEPTH));
    fire = cmd_valid && cmd_ready;
  end

  // ---- datapath (combinational on the addressed buffer entry) ----
  logic [LANES*16-1:0] x;
  logic [LANES*16-1:0] ew_result;
  logic signed [31:0] lane_sum[LANES];
  logic signed [31:0] acc_total;
  always_comb begin
    x = gb[cmd_col];
    for (int l = 0; l < LANES; ++l) begin
      lane_sum[l] = acc[l] +
          32'(signed'(cmd_data[8*l+:8]) * signed'(x[8*l+:8])) +
          32'(signed'(cmd_data[8*(l+LANES)+:8]) * signed'(x[8*(l+LANES)+:8]));
    end
    acc_total = 0;
    for (int l = 0; l < LANES; ++l) acc_total = acc_total + acc[l];
    for (int e = 0; e < ELEMS; ++e) begin
      logic signed [15:0] full;
      full = cmd_op == OP_EWMUL ? 16'(signed'(cmd_data[8*e+:8]) * signed'(x[8*e+:8])) :
          16'(signed'(cmd_data[8*e+:8])) + 16'(signed'(x[8*e+:8]));
      ew_result[8*e+:8] = full > 16'sd127 ? 8'h7f : full < -16'sd128 ? 8'h80 : full[7:0];
    end
  end

  // ---- timing: issuing a command pushes the classes it constrains ----
  logic [31:0] gap[NCLASS];
  always_comb begin
    for (int c = 0; c < NCLASS; ++c) gap[c] = 0;
    case (cls)
      C_ACT: begin
        gap[C_ACT] = widen(cfg_trc);
        gap[C_PRE] = widen(cfg_tras);
        gap[C_MACAB] = widen(cfg_trcd_mac);
        gap[C_MACSB] = widen(cfg_trcd_mac);
        gap[C_RD] = widen(cfg_trcd);
        gap[C_WR] = widen(cfg_trcdwr);
      end
      C_PRE: gap[C_ACT] = widen(cfg_trp);
      C_MACAB, C_MACSB: begin
        gap[C_MACAB] = cls == C_MACSB ? g_sb_mac : widen(cfg_tccd_mac);
        gap[C_MACSB] = cls == C_MACSB ? g_sb_mac : widen(cfg_tccd_mac);
        gap[C_PRE] = widen(cfg_trtp_mac);
        gap[C_RDMAC] = widen(cfg_tmac_rd);
      end
      C_WRGB: begin
        gap[C_WRGB] = widen(cfg_tccd_gb);
        gap[C_MACAB] = g_gb_mac;
        gap[C_MACSB] = g_gb_mac;
        gap[C_WR] = widen(cfg_nbl);
      end
      C_RDMAC: begin
        gap[C_RDMAC] = widen(cfg_nbl);
        gap[C_RD] = widen(cfg_nbl);
        gap[C_MACAB] = widen(cfg_nbl);
        gap[C_MACSB] = widen(cfg_nbl);
      end
      C_RD: begin
        gap[C_RD] = g_rd_rd;
        gap[C_PRE] = widen(cfg_trtp);
        gap[C_RDMAC] = widen(cfg_nbl);
        gap[C_WR] = g_rd_wr;
      end
      C_WR: begin
        gap[C_WR] = g_wr_wr;
        gap[C_PRE] = g_wr_pre;
        gap[C_WRGB] = widen(cfg_nbl);
        gap[C_RD] = g_wr_rd;
      end
      default: ;
    endcase
  end

  logic addressed;  // the command reads or writes the open row's columns
  always_comb begin
    addressed = cmd_op == OP_MAC_ABK || cmd_op == OP_MAC_SBK || cmd_op == OP_COPY_BKGB ||
        cmd_op == OP_COPY_GBBK || cmd_op == OP_EWADD || cmd_op == OP_EWMUL;
  end

  always_ff @(posedge clk) begin
    if (!rst_n) begin
      now <= 0;
      for (int c = 0; c < NCLASS; ++c) ready_at[c] <= 0;
      bank_open <= 0;
      open_row <= 0;
      for (int i = 0; i < GB_ENTRIES; ++i) gb[i] <= 0;
      for (int l = 0; l < LANES; ++l) acc[l] <= 0;
      res_head <= 0;
      res_tail <= 0;
      res_count <= 0;
      mac_valid <= 0;
      mac_data <= 0;
      gb_valid <= 0;
      gb_data <= 0;
      err <= 0;
    end else begin
      now <= now + 1;
      gb_valid <= 0;
      // Result read-out: the oldest RD_MAC result leaves when due.
      mac_valid <= 0;
      if (res_count != 0 && res_due[res_head] == now) begin
        mac_valid <= 1;
        mac_data <= res_value[res_head];
        res_head <= res_head + 1;
      end
      if (fire) begin
        for (int c = 0; c < NCLASS; ++c) ready_at[c] <= max2(ready_at[c], now + gap[c]);
        if (addressed && (!bank_open || open_row != cmd_row)) err <= 1;
        if (cmd_op > OP_EWMUL || (cmd_op == OP_ACT && bank_open)) err <= 1;
        case (cmd_op)
          OP_ACT: begin
            bank_open <= 1;
            open_row  <= cmd_row;
          end
          OP_PRE: bank_open <= 0;
          OP_MAC_ABK, OP_MAC_SBK: for (int l = 0; l < LANES; ++l) acc[l] <= lane_sum[l];
          OP_WR_GB, OP_COPY_BKGB: gb[cmd_col] <= cmd_data;
          OP_RD_MAC: begin
            res_due[res_tail] <= now + widen(cfg_cl) + widen(cfg_nbl);
            res_value[res_tail] <= acc_total;
            res_tail <= res_tail + 1;
            for (int l = 0; l < LANES; ++l) acc[l] <= 0;
          end
          OP_COPY_GBBK: begin
            gb_valid <= 1;
            gb_data  <= x;
          end
          OP_EWADD, OP_EWMUL: gb[cmd_col] <= ew_result;
          default: ;
        endcase
      end
      res_count <= res_count + (PTR_BITS + 1)'(fire && cmd_op == OP_RD_MAC) -
          (PTR_BITS + 1)'(res_count != 0 && res_due[res_head] == now);
    end
  end
endmodule
