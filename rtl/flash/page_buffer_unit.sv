// Page-buffer compute unit of a NAND flash die (xpusim issue 8, item 7).
//
// Sits beside the page buffer and consumes its latches one word (WORD_BITS bits) per cycle
// over valid/ready. One command at a time (cmd_valid/cmd_ready), two datapaths:
//
//  bitwise (cmd_mac = 0): for each page word, cmd_operands words (one per sensed operand
//    latch) arrive back to back; the unit forms OR over blocks of (AND over the word lines of
//    a block), the function of a multi-word-line sensing (models/flash/compute/
//    BitwiseSensing.h). in_new_block marks an operand that starts a new block (ignored on the
//    first operand); cmd_invert gives the inverse read (NAND / NOR). The result word is
//    registered at the edge that accepts the word's last operand.
//  MAC (cmd_mac = 1): cmd_row_words words of int8 input vector first (stored), then
//    cmd_words words of int8 weights, row-major, cmd_row_words words per row. Each weight word
//    gives WORD_BITS / 8 int8 x int8 products summed into a registered dot product (stage 1);
//    stage 2 accumulates a row and writes its int32 sum (sign-extended) one cycle after the
//    row's last word.
//
// res_valid pulses for one cycle per result (results are always taken); done pulses with the
// command's last result; the unit is idle (cmd_ready) from the next cycle.
// Cycle law (models/flash/compute/PageBufferLaw.h), command accepted at cycle c:
//   bitwise  operand k of word w at c + 1 + w*K + k, result w at c + (w + 1)*K,
//            length N*K + 1;
//   MAC      vector word j at c + 1 + j, weight word i at c + 1 + V + i,
//            row r's sum at c + 1 + V + (r + 1)*V, length V + M + 2.
// WORD_BITS must be a multiple of 8 and at least 32.
module page_buffer_unit #(
    parameter int WORD_BITS  = 32,
    parameter int VEC_WORDS  = 16,  // input-vector buffer (MAC row) in words
    parameter int COUNT_BITS = 16   // page words per command: up to 2^COUNT_BITS - 1
) (
    input logic clk,
    input logic rst_n,

    input  logic                         cmd_valid,
    output logic                         cmd_ready,
    input  logic                         cmd_mac,
    input  logic                         cmd_invert,
    input  logic [                  7:0] cmd_operands,   // bitwise: operands per word, >= 1
    input  logic [       COUNT_BITS-1:0] cmd_words,      // page words, >= 1
    input  logic [$clog2(VEC_WORDS+1)-1:0] cmd_row_words,  // MAC: words per row, 1..VEC_WORDS

    input  logic                 in_valid,
    output logic                 in_ready,
    input  logic [WORD_BITS-1:0] in_data,
    input  logic                 in_new_block,

    output logic                 res_valid,
    output logic [WORD_BITS-1:0] res_data,
    output logic                 done
);
  localparam int Lanes = WORD_BITS / 8;
  localparam int RowBits = $clog2(VEC_WORDS + 1);
  localparam int IdxBits = $clog2(VEC_WORDS);

  typedef enum logic [1:0] {
    Idle,
    Bitwise,
    MacVector,
    MacPage
  } state_e;

  state_e state;
  logic mac_draining;
  logic invert;
  logic [7:0] operands, operand;
  logic [COUNT_BITS-1:0] words, word;
  logic [RowBits-1:0] row_words;
  logic [IdxBits-1:0] column;
  logic [WORD_BITS-1:0] product, sum;
  logic [WORD_BITS-1:0] vec[VEC_WORDS];
  logic signed [31:0] dot, acc;
  logic dot_valid, dot_first, dot_last;

  assign cmd_ready = state == Idle && !mac_draining;
  assign in_ready  = state == Bitwise || state == MacVector || state == MacPage;
  wire in_fire = in_valid && in_ready;

  // Bitwise: the block's running AND and the OR of the finished blocks, after this beat.
  wire first_operand = operand == 8'd0;
  wire [WORD_BITS-1:0] product_next = first_operand || in_new_block ? in_data : product & in_data;
  wire [WORD_BITS-1:0] sum_next = first_operand ? '0 : in_new_block ? sum | product : sum;

  // MAC stage 1: WORD_BITS / 8 int8 x int8 products of a weight word and its vector word.
  logic signed [31:0] lane_sum;
  logic signed [7:0] weight, activation;
  logic signed [15:0] lane_product;
  always_comb begin
    lane_sum = 32'sd0;
    for (int b = 0; b < Lanes; ++b) begin
      weight = in_data[8*b+:8];
      activation = vec[column][8*b+:8];
      lane_product = weight * activation;
      lane_sum = lane_sum + 32'(lane_product);
    end
  end
  wire signed [31:0] acc_next = (dot_first ? 32'sd0 : acc) + dot;
  wire last_column = {{(RowBits - IdxBits) {1'b0}}, column} == row_words - 1'b1;
  wire last_word = word == words - 1'b1;

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      state <= Idle;
      mac_draining <= 1'b0;
      invert <= 1'b0;
      operands <= '0;
      operand <= '0;
      words <= '0;
      word <= '0;
      row_words <= '0;
      column <= '0;
      product <= '0;
      sum <= '0;
      dot <= '0;
      acc <= '0;
      dot_valid <= 1'b0;
      dot_first <= 1'b0;
      dot_last <= 1'b0;
      res_valid <= 1'b0;
      res_data <= '0;
      done <= 1'b0;
    end else begin
      res_valid <= 1'b0;
      done <= 1'b0;
      dot_valid <= 1'b0;
      if (cmd_valid && cmd_ready) begin
        state <= cmd_mac ? MacVector : Bitwise;
        invert <= cmd_invert;
        operands <= cmd_operands;
        operand <= '0;
        words <= cmd_words;
        word <= '0;
        row_words <= cmd_row_words;
        column <= '0;
      end
      if (in_fire && state == Bitwise) begin
        product <= product_next;
        sum <= sum_next;
        if (operand == operands - 1'b1) begin
          operand <= '0;
          res_valid <= 1'b1;
          res_data <= (sum_next | product_next) ^ {WORD_BITS{invert}};
          word <= word + 1'b1;
          if (last_word) begin
            done <= 1'b1;
            state <= Idle;
          end
        end else begin
          operand <= operand + 1'b1;
        end
      end
      if (in_fire && state == MacVector) begin
        vec[column] <= in_data;
        column <= last_column ? '0 : column + 1'b1;
        if (last_column) state <= MacPage;
      end
      if (in_fire && state == MacPage) begin
        dot <= lane_sum;
        dot_valid <= 1'b1;
        dot_first <= column == '0;
        dot_last <= last_column;
        column <= last_column ? '0 : column + 1'b1;
        word <= word + 1'b1;
        if (last_word) begin
          state <= Idle;
          mac_draining <= 1'b1;
        end
      end
      // MAC stage 2: accumulate the row; write its sum after its last word.
      if (dot_valid) begin
        acc <= acc_next;
        if (dot_last) begin
          res_valid <= 1'b1;
          res_data <= WORD_BITS'(acc_next);
        end
        if (mac_draining) begin
          mac_draining <= 1'b0;
          done <= 1'b1;
        end
      end
    end
  end
endmodule
