// The OPU input encoder: turns a stream of signed fixed-point samples into the binary DMD row
// words of models/optical (InputEncoder + DmdLayout), one netlist for every run-time
// configuration (cfg_*, static during a run).
//
// Encoding of a sample x (raw DW-bit two's complement; the fixed-point scale cancels out):
//   threshold (cfg_bitplane = 0): one plane, pixel = x > cfg_threshold;
//   bit-plane (cfg_bitplane = 1): with M = cfg_max_abs (max |x| of the batch) and
//     L = 2^P - 1 (P = cfg_precision), q = round(|x| * L / M) (half away from zero, = floor((2
//     |x| L + M) / (2 M)), a restoring divider), q = L when |x| > M, q = 0 when M = 0. Planes
//     0..P-1 hold the bits of q MSB first for x >= 0; signed (cfg_signed) adds planes P..2P-1
//     for x < 0; unsigned clips x < 0 to 0.
// DMD layout: a frame is cfg_height rows of cfg_width mirrors (bit c of out_word = mirror c;
// bits >= cfg_width are 0). Pixel i of a vector sits at row cfg_row0 + i / cfg_cols, column
// cfg_col0 + i % cfg_cols; every other mirror is padding (cfg_pad).
//
// Cycle law (one buffer, no overlap; models/optical/EncoderStream.h): a vector of
// n = cfg_features samples is B = ceil(n / LANES) input beats (one per cycle while in_valid;
// a vector starts on a fresh beat, lanes past n are ignored), then planes x cfg_height row
// words (plane-major, rows in order, one per cycle while out_ready); then the next vector.
module input_encoder #(
    parameter int LANES = 4,  // samples per input beat
    parameter int DW = 16,  // sample width
    parameter int PMAX = 8,  // largest precision (bits per magnitude)
    parameter int WMAX = 64,  // largest DMD row width (mirrors per row word)
    parameter int MAXPIX = 1024,  // largest vector (pixel buffer entries)
    parameter int IW = 16,  // width of counts and indices
    localparam int CW = $clog2(WMAX + 1),
    localparam int PW = $clog2(PMAX + 1),
    localparam int AW = $clog2(MAXPIX)
) (
    input logic clk,
    input logic rst_n,
    // Configuration, static during a run.
    input logic cfg_bitplane,
    input logic cfg_signed,
    input logic [PW-1:0] cfg_precision,  // 1..PMAX
    input logic signed [DW-1:0] cfg_threshold,
    input logic [DW-1:0] cfg_max_abs,
    input logic [IW-1:0] cfg_features,  // 1..MAXPIX
    input logic [CW-1:0] cfg_width,  // 1..WMAX
    input logic [CW-1:0] cfg_col0,
    input logic [CW-1:0] cfg_cols,  // >= 1, cfg_col0 + cfg_cols <= cfg_width
    input logic [IW-1:0] cfg_height,  // >= cfg_row0 + ceil(n / cfg_cols)
    input logic [IW-1:0] cfg_row0,
    input logic cfg_pad,
    // Sample stream: LANES samples per beat, lane 0 in the low bits.
    input logic in_valid,
    output logic in_ready,
    input logic [LANES*DW-1:0] in_data,
    // DMD row words.
    output logic out_valid,
    input logic out_ready,
    output logic [WMAX-1:0] out_word,
    output logic [PW:0] out_plane,
    output logic [IW-1:0] out_row
);
  localparam int NW = DW + PMAX + 2;  // dividend width: 2 |x| L + M

  logic loading;  // 1: accepting samples, 0: writing row words
  logic [IW:0] in_idx, row_base;
  logic [IW-1:0] row;
  logic [PW:0] plane;
  logic [PMAX:0] pix[MAXPIX];  // {negative, q} per pixel of the vector

  assign in_ready = loading;
  assign out_valid = !loading;
  assign out_plane = plane;
  assign out_row = row;

  // Quantiser, one per lane.
  logic [PMAX-1:0] levels;
  logic [PMAX:0] coded[LANES];
  assign levels = PMAX'((1 << cfg_precision) - 1);
  always_comb begin
    for (int l = 0; l < LANES; l++) begin
      logic signed [DW-1:0] x;
      logic [DW-1:0] mag;
      logic [NW-1:0] rem, shifted;
      logic [PMAX-1:0] q;
      x = in_data[l*DW+:DW];
      mag = x[DW-1] ? DW'(-x) : DW'(x);
      rem = NW'(2 * mag * levels) + NW'(cfg_max_abs);
      q = '0;
      for (int b = PMAX - 1; b >= 0; b--) begin
        shifted = NW'({cfg_max_abs, 1'b0}) << b;
        if (rem >= shifted) begin
          rem = rem - shifted;
          q[b] = 1'b1;
        end
      end
      if (cfg_max_abs == '0) q = '0;
      else if (mag > cfg_max_abs) q = levels;
      if (x[DW-1] && !cfg_signed) q = '0;
      if (!cfg_bitplane) coded[l] = {1'b0, {(PMAX - 1) {1'b0}}, x > cfg_threshold};
      else coded[l] = {x[DW-1], q};
    end
  end

  // Row word of (plane, row): plane p < P selects bit P-1-p of q for x >= 0, p >= P bit
  // 2P-1-p for x < 0.
  logic [PW:0] precision;
  logic [PW-1:0] bit_sel;
  logic plane_neg;
  assign precision = cfg_bitplane ? {1'b0, cfg_precision} : (PW + 1)'(1);
  assign plane_neg = plane >= precision;
  assign bit_sel = PW'((plane_neg ? {precision[PW-1:0], 1'b0} : precision) - plane - (PW + 1)'(1));
  always_comb begin
    for (int c = 0; c < WMAX; c++) begin
      logic [IW:0] idx;
      logic active;
      idx = row_base + (IW + 1)'(c) - (IW + 1)'(cfg_col0);
      active = CW'(c) >= cfg_col0 && CW'(c) < cfg_col0 + cfg_cols && row >= cfg_row0 &&
          idx < {1'b0, cfg_features};
      if (CW'(c) >= cfg_width) out_word[c] = 1'b0;
      else if (!active) out_word[c] = cfg_pad;
      else out_word[c] = pix[idx[AW-1:0]][PMAX] == plane_neg && pix[idx[AW-1:0]][bit_sel];
    end
  end

  logic [PW:0] last_plane;
  assign last_plane = (cfg_bitplane && cfg_signed ? {precision[PW-1:0], 1'b0} : precision) -
      (PW + 1)'(1);

  always_ff @(posedge clk) begin
    if (loading && in_valid)
      for (int l = 0; l < LANES; l++)
        if (in_idx + (IW + 1)'(l) < {1'b0, cfg_features}) pix[in_idx[AW-1:0]+AW'(l)] <= coded[l];
  end

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      loading <= 1'b1;
      in_idx <= '0;
      row_base <= '0;
      row <= '0;
      plane <= '0;
    end else if (loading) begin
      if (in_valid) begin
        if (in_idx + (IW + 1)'(LANES) >= {1'b0, cfg_features}) begin
          in_idx <= '0;
          loading <= 1'b0;
        end else begin
          in_idx <= in_idx + (IW + 1)'(LANES);
        end
      end
    end else if (out_ready) begin
      if (row == cfg_height - 1) begin
        row <= '0;
        row_base <= '0;
        plane <= plane == last_plane ? '0 : plane + 1;
        loading <= plane == last_plane;
      end else begin
        row <= row + 1;
        if (row >= cfg_row0) row_base <= row_base + (IW + 1)'(cfg_cols);
      end
    end
  end
endmodule
