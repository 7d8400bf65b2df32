// A systolic array of int8 x int8 -> int32 MAC processing elements, synthesised at
// MAX_ROWS x MAX_COLS and run as an R x C array (cfg_rows, cfg_cols) so one netlist serves
// every size: all timing comes from the PE pipeline, and the fold-end detector watches PE
// (R-1, C-1), so an R x C run takes exactly the cycles of an R x C array (PEs outside the
// active region compute values nobody reads).
//
// Dataflows (cfg_ws): output-stationary (0) and weight-stationary (1); input-stationary is the
// weight-stationary datapath with the driver swapping operand roles.
//   os: a fold is T beats on the row port (R int8, one per PE row) and the column port (C
//       int8, one per PE column), accepted together. Lane r of a row beat enters PE row r r
//       cycles later, lane c of a column beat enters PE column c c cycles later, so PE(r,c)
//       does MAC t at t + r + c. The MAC with the `last` flag writes PE(r,c)'s sum to result
//       lane c (one row per cycle per column).
//   ws: a fold is R beats on the stationary port (C int8 per beat: beat j is PE row R-1-j,
//       shifted down from the top), then T beats on the row port. Partial sums run down the
//       columns; PE(R-1,c)'s sum is result lane c.
// Partial tiles: the used rows/columns of a fold (rs_rows, rs_cols, sampled with its first
// beat) mask the result lanes; the driver pads missing operands with zeros.
// Folds do not overlap: the ports accept the next fold's first beat the cycle after its last
// MAC (PE(R-1, C-1), signalled on fold_end) even when a ragged fold's last result came earlier. All state advances only while results can leave (res_ready).
module systolic_array #(
    parameter int MAX_ROWS = 16,
    parameter int MAX_COLS = 16,
    parameter int DIM_W = 5
) (
    input logic clk,
    input logic rst_n,
    // Array configuration, static during a run.
    input logic [DIM_W-1:0] cfg_rows,
    input logic [DIM_W-1:0] cfg_cols,
    input logic cfg_ws,
    // Stationary port (ws): one PE row of weights per beat.
    input logic st_valid,
    output logic st_ready,
    input logic [MAX_COLS*8-1:0] st_data,
    // Row port: one int8 per PE row per beat; `rs_last` marks the fold's last beat.
    input logic rs_valid,
    output logic rs_ready,
    input logic [MAX_ROWS*8-1:0] rs_data,
    input logic rs_last,
    input logic [DIM_W-1:0] rs_rows,
    input logic [DIM_W-1:0] rs_cols,
    // Column port (os): one int8 per PE column per beat, accepted with the row beat.
    input logic [MAX_COLS*8-1:0] cs_data,
    // Result port: one int32 per column lane.
    output logic [MAX_COLS-1:0] res_valid,
    input logic res_ready,
    output logic [MAX_COLS*32-1:0] res_data,
    // Pulses for one cycle when a fold's last MAC (PE(R-1, C-1)) has been done.
    output logic fold_end
);
  typedef enum logic [1:0] {
    PRELOAD,
    STREAM,
    DRAIN
  } state_t;

  state_t state;
  logic [DIM_W-1:0] preloaded, used_rows, used_cols;
  logic first_beat;
  logic adv;
  assign adv = res_ready || res_valid == '0;

  assign st_ready = adv && cfg_ws && state == PRELOAD;
  assign rs_ready = adv && state == STREAM;
  logic st_fire, rs_fire;
  assign st_fire = st_valid && st_ready;
  assign rs_fire = rs_valid && rs_ready;

  // Edge skew: lane r of the row port is delayed r cycles, lane c of the column port c cycles.
  // Each lane carries {valid, first, last, value}.
  logic signed [7:0] west_a[MAX_ROWS][MAX_ROWS];
  logic west_v[MAX_ROWS][MAX_ROWS], west_f[MAX_ROWS][MAX_ROWS], west_l[MAX_ROWS][MAX_ROWS];
  logic signed [7:0] north_b[MAX_COLS][MAX_COLS];

  // PE registers.
  logic signed [7:0] a_q[MAX_ROWS][MAX_COLS], b_q[MAX_ROWS][MAX_COLS], w_q[MAX_ROWS][MAX_COLS];
  logic v_q[MAX_ROWS][MAX_COLS], f_q[MAX_ROWS][MAX_COLS], l_q[MAX_ROWS][MAX_COLS];
  logic signed [31:0] acc_q[MAX_ROWS][MAX_COLS];
  // PE inputs and the value each PE's MAC produces this cycle.
  logic signed [7:0] a_in[MAX_ROWS][MAX_COLS], b_in[MAX_ROWS][MAX_COLS];
  logic v_in[MAX_ROWS][MAX_COLS], f_in[MAX_ROWS][MAX_COLS], l_in[MAX_ROWS][MAX_COLS];
  logic signed [31:0] sum[MAX_ROWS][MAX_COLS];

  for (genvar r = 0; r < MAX_ROWS; r++) begin : g_west
    for (genvar d = 0; d < MAX_ROWS; d++) begin : g_stage
      always_ff @(posedge clk) begin
        if (adv) begin
          if (d == 0) begin
            west_a[r][d] <= rs_data[r*8+:8];
            west_v[r][d] <= rs_fire;
            west_f[r][d] <= rs_fire && first_beat;
            west_l[r][d] <= rs_fire && rs_last;
          end else begin
            west_a[r][d] <= west_a[r][d-1];
            west_v[r][d] <= west_v[r][d-1];
            west_f[r][d] <= west_f[r][d-1];
            west_l[r][d] <= west_l[r][d-1];
          end
        end
      end
    end
  end
  for (genvar c = 0; c < MAX_COLS; c++) begin : g_north
    for (genvar d = 0; d < MAX_COLS; d++) begin : g_stage
      always_ff @(posedge clk)
        if (adv) north_b[c][d] <= d == 0 ? cs_data[c*8+:8] : north_b[c][d-1];
    end
  end

  always_comb begin
    for (int r = 0; r < MAX_ROWS; r++) begin
      for (int c = 0; c < MAX_COLS; c++) begin
        if (c != 0) begin
          a_in[r][c] = a_q[r][c-1];
          v_in[r][c] = v_q[r][c-1];
          f_in[r][c] = f_q[r][c-1];
          l_in[r][c] = l_q[r][c-1];
        end else if (r == 0) begin
          a_in[r][c] = rs_data[7:0];
          v_in[r][c] = rs_fire;
          f_in[r][c] = rs_fire && first_beat;
          l_in[r][c] = rs_fire && rs_last;
        end else begin
          a_in[r][c] = west_a[r][r-1];
          v_in[r][c] = west_v[r][r-1];
          f_in[r][c] = west_f[r][r-1];
          l_in[r][c] = west_l[r][r-1];
        end
        if (r != 0) b_in[r][c] = b_q[r-1][c];
        else if (c == 0) b_in[r][c] = cs_data[7:0];
        else b_in[r][c] = north_b[c][c-1];
        if (cfg_ws)
          sum[r][c] = (r == 0 ? 32'sd0 : acc_q[r-1][c]) + 32'(a_in[r][c]) * 32'(w_q[r][c]);
        else sum[r][c] = (f_in[r][c] ? 32'sd0 : acc_q[r][c]) + 32'(a_in[r][c]) * 32'(b_in[r][c]);
      end
    end
  end

  for (genvar r = 0; r < MAX_ROWS; r++) begin : g_row
    for (genvar c = 0; c < MAX_COLS; c++) begin : g_pe
      always_ff @(posedge clk) begin
        if (adv) begin
          a_q[r][c] <= a_in[r][c];
          b_q[r][c] <= b_in[r][c];
          v_q[r][c] <= v_in[r][c];
          f_q[r][c] <= f_in[r][c];
          l_q[r][c] <= l_in[r][c];
          if (v_in[r][c]) acc_q[r][c] <= sum[r][c];
          if (st_fire) w_q[r][c] <= r == 0 ? st_data[c*8+:8] : w_q[r-1][c];
        end
      end
    end
  end

  // Result lanes: os writes lane c from the PE of column c whose last MAC is this cycle; ws
  // from the bottom active row.
  // The used rows/columns of the fold in flight (its first beat's, from the cycle it is taken).
  logic [DIM_W-1:0] cur_rows, cur_cols;
  assign cur_rows = rs_fire && first_beat ? rs_rows : used_rows;
  assign cur_cols = rs_fire && first_beat ? rs_cols : used_cols;
  logic [MAX_COLS-1:0] lane_valid;
  logic signed [31:0] lane_value[MAX_COLS];
  logic fold_done;
  always_comb begin
    for (int c = 0; c < MAX_COLS; c++) begin
      lane_valid[c] = 1'b0;
      lane_value[c] = 32'sd0;
      for (int r = 0; r < MAX_ROWS; r++) begin
        if (cfg_ws ? (r == 32'(cfg_rows) - 1 && v_in[r][c])
                   : (r < 32'(cur_rows) && l_in[r][c])) begin
          lane_valid[c] = c < 32'(cur_cols);
          lane_value[c] = sum[r][c];
        end
      end
    end
    fold_done = l_in[cfg_rows-1][cfg_cols-1];
  end

  always_ff @(posedge clk) begin
    if (!rst_n) begin
      state <= cfg_ws ? PRELOAD : STREAM;
      preloaded <= '0;
      first_beat <= 1'b1;
      used_rows <= '0;
      used_cols <= '0;
      res_valid <= '0;
      fold_end <= 1'b0;
    end else if (adv) begin
      for (int c = 0; c < MAX_COLS; c++) res_data[c*32+:32] <= lane_value[c];
      res_valid <= lane_valid;
      fold_end <= fold_done;
      if (st_fire) begin
        preloaded <= preloaded + 1'b1;
        if (preloaded + 1'b1 == cfg_rows) state <= STREAM;
      end
      if (rs_fire) begin
        first_beat <= rs_last;
        if (first_beat) begin
          used_rows <= rs_rows;
          used_cols <= rs_cols;
        end
        if (rs_last) state <= DRAIN;
      end
      if (fold_done) begin
        state <= cfg_ws ? PRELOAD : STREAM;
        preloaded <= '0;
      end
    end
  end
endmodule
