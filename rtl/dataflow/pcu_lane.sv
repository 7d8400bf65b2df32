// One SIMD lane of a pattern compute unit (PCU, Plasticine ISCA'17): input FIFOs with
// valid/ready, a configurable stage pipeline, and an output FIFO with valid/ready back-pressure.
//
// One netlist for every run-time configuration (cfg_* held constant while running):
//   cfg_stages  S stages mapped, 1..MAX_STAGES: a firing's result leaves stage S-1 S cycles
//               after its inputs were taken;
//   cfg_ii      initiation interval, cycles between firings (1..15);
//   cfg_inputs  inputs a firing takes a token from (in0 .. in(cfg_inputs-1)), 1..3;
//   cfg_*_depth FIFO capacities, 1..MAX_DEPTH;
//   cfg_op      per stage: 0 pass a, 1 a+b, 2 a-b, 3 a*b, 4 max(a,b), 5 a*b+c (32-bit signed);
//   cfg_sel     per stage, operands a, b, c (3 bits each): 0-2 the firing's input k, 3 the
//               previous stage's result (0 in stage 0), 4 the stage's constant (cfg_const).
// A firing starts when every used input FIFO holds a token, II cycles have passed since the
// previous one and fewer than S / II + 1 results are in flight or waiting for the output FIFO
// (counting the one written this cycle). Results that find the output FIFO full wait, in
// order, in a small queue; res_valid/res_data show the result written into the output FIFO.
// FIFO timing: a token written at cycle t is visible at t + 1, a slot freed at t is writable
// at t + 1 (the dataflow channel law with L = R = 1 cycle).
module pcu_lane #(
    parameter int MAX_STAGES = 8,
    parameter int MAX_DEPTH  = 8,
    parameter int W          = 32
) (
    input  logic                    clk,
    input  logic                    rst_n,
    input  logic [             3:0] cfg_stages,
    input  logic [             3:0] cfg_ii,
    input  logic [             1:0] cfg_inputs,
    input  logic [             3:0] cfg_in_depth,
    input  logic [             3:0] cfg_out_depth,
    input  logic [MAX_STAGES*3-1:0] cfg_op,
    input  logic [MAX_STAGES*9-1:0] cfg_sel,
    input  logic [MAX_STAGES*W-1:0] cfg_const,
    input  logic [             2:0] in_valid,
    output logic [             2:0] in_ready,
    input  logic [           3*W-1:0] in_data,
    output logic                    res_valid,
    output logic [           W-1:0] res_data,
    output logic                    out_valid,
    input  logic                    out_ready,
    output logic [           W-1:0] out_data
);
  localparam int PW = $clog2(MAX_DEPTH);  // FIFO pointer bits (MAX_DEPTH a power of two)
  localparam int QD = 2 * MAX_STAGES;  // result queue slots (>= S / II + 1)
  localparam int QW = $clog2(QD);

  function automatic logic [W-1:0] operand(input logic [2:0] sel, input logic [W-1:0] x0,
                                           input logic [W-1:0] x1, input logic [W-1:0] x2,
                                           input logic [W-1:0] prev, input logic [W-1:0] k);
    case (sel)
      3'd0: return x0;
      3'd1: return x1;
      3'd2: return x2;
      3'd3: return prev;
      default: return k;
    endcase
  endfunction

  function automatic logic [W-1:0] alu(input logic [2:0] op, input logic [W-1:0] a,
                                       input logic [W-1:0] b, input logic [W-1:0] c);
    case (op)
      3'd1: return a + b;
      3'd2: return a - b;
      3'd3: return a * b;
      3'd4: return $signed(a) > $signed(b) ? a : b;
      3'd5: return a * b + c;
      default: return a;
    endcase
  endfunction

  // ---- Input FIFOs ----
  logic [W-1:0] in_mem[3][MAX_DEPTH];
  logic [PW-1:0] in_rd[3], in_wr[3];
  logic [PW:0] in_count[3];
  logic [W-1:0] head[3];
  logic inputs_ok, fire;

  always_comb begin
    inputs_ok = 1'b1;
    for (int k = 0; k < 3; k++) begin
      in_ready[k] = in_count[k] < (PW + 1)'(cfg_in_depth);
      head[k] = in_mem[k][in_rd[k]];
      if (k < int'(cfg_inputs) && in_count[k] == 0) inputs_ok = 1'b0;
    end
  end

  for (genvar k = 0; k < 3; k++) begin : g_in
    wire push = in_valid[k] && in_ready[k];
    wire pop = fire && k < int'(cfg_inputs);
    always_ff @(posedge clk) begin
      if (!rst_n) begin
        in_rd[k] <= '0;
        in_wr[k] <= '0;
        in_count[k] <= '0;
      end else begin
        if (push) begin
          in_mem[k][in_wr[k]] <= in_data[k*W+:W];
          in_wr[k] <= in_wr[k] + 1'b1;
        end
        if (pop) in_rd[k] <= in_rd[k] + 1'b1;
        in_count[k] <= in_count[k] + (PW + 1)'(push) - (PW + 1)'(pop);
      end
    end
  end

  // ---- Stage pipeline ----
  logic st_valid[MAX_STAGES];
  logic [W-1:0] st_res[MAX_STAGES];
  logic [W-1:0] st_in[MAX_STAGES][3];

  always_ff @(posedge clk) begin
    if (!rst_n) begin
      for (int s = 0; s < MAX_STAGES; s++) st_valid[s] <= 1'b0;
    end else begin
      st_valid[0] <= fire;
      for (int s = 1; s < MAX_STAGES; s++)
        st_valid[s] <= st_valid[s-1] && s < int'(cfg_stages);
    end
    for (int k = 0; k < 3; k++) st_in[0][k] <= head[k];
    st_res[0] <= alu(cfg_op[2:0], operand(cfg_sel[2:0], head[0], head[1], head[2], '0,
                                          cfg_const[W-1:0]),
                     operand(cfg_sel[5:3], head[0], head[1], head[2], '0, cfg_const[W-1:0]),
                     operand(cfg_sel[8:6], head[0], head[1], head[2], '0, cfg_const[W-1:0]));
    for (int s = 1; s < MAX_STAGES; s++) begin
      for (int k = 0; k < 3; k++) st_in[s][k] <= st_in[s-1][k];
      st_res[s] <= alu(
          cfg_op[s*3+:3],
          operand(cfg_sel[s*9+:3], st_in[s-1][0], st_in[s-1][1], st_in[s-1][2], st_res[s-1],
                  cfg_const[s*W+:W]),
          operand(cfg_sel[s*9+3+:3], st_in[s-1][0], st_in[s-1][1], st_in[s-1][2], st_res[s-1],
                  cfg_const[s*W+:W]),
          operand(cfg_sel[s*9+6+:3], st_in[s-1][0], st_in[s-1][1], st_in[s-1][2], st_res[s-1],
                  cfg_const[s*W+:W]));
    end
  end

  // ---- Result queue and output FIFO ----
  logic [W-1:0] q_mem[QD];
  logic [QW-1:0] q_rd, q_wr;
  logic [QW:0] q_count;
  logic [W-1:0] out_mem[MAX_DEPTH];
  logic [PW-1:0] out_rd, out_wr;
  logic [PW:0] out_count;
  logic exit_valid, out_room, q_push, q_pop, out_pop;
  logic [W-1:0] exit_res;
  logic [QW:0] in_flight, cap;
  logic [3:0] ii_wait, per_ii;

  always_comb begin
    exit_valid = st_valid[cfg_stages-1];
    exit_res = st_res[cfg_stages-1];
    out_room = out_count < (PW + 1)'(cfg_out_depth);
    res_valid = out_room && (q_count != 0 || exit_valid);
    res_data = q_count != 0 ? q_mem[q_rd] : exit_res;
    q_pop = res_valid && q_count != 0;
    q_push = exit_valid && !(res_valid && q_count == 0);
    in_flight = q_count;
    for (int s = 0; s < MAX_STAGES; s++) in_flight = in_flight + (QW + 1)'(st_valid[s]);
    per_ii = cfg_stages / cfg_ii;
    cap = (QW + 1)'(per_ii) + 1'b1;
    fire = inputs_ok && ii_wait == 0 && in_flight - (QW + 1)'(res_valid) < cap;
    out_valid = out_count != 0;
    out_data = out_mem[out_rd];
    out_pop = out_valid && out_ready;
  end

  always_ff @(posedge clk) begin
    if (!rst_n) begin
      q_rd <= '0;
      q_wr <= '0;
      q_count <= '0;
      out_rd <= '0;
      out_wr <= '0;
      out_count <= '0;
      ii_wait <= '0;
    end else begin
      if (q_push) begin
        q_mem[q_wr] <= exit_res;
        q_wr <= q_wr + 1'b1;
      end
      if (q_pop) q_rd <= q_rd + 1'b1;
      q_count <= q_count + (QW + 1)'(q_push) - (QW + 1)'(q_pop);
      if (res_valid) begin
        out_mem[out_wr] <= res_data;
        out_wr <= out_wr + 1'b1;
      end
      if (out_pop) out_rd <= out_rd + 1'b1;
      out_count <= out_count + (PW + 1)'(res_valid) - (PW + 1)'(out_pop);
      if (fire) ii_wait <= cfg_ii - 1'b1;
      else if (ii_wait != 0) ii_wait <= ii_wait - 1'b1;
    end
  end
endmodule
