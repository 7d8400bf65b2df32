#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "models/dataflow/graph/ProgramGraph.h"

namespace xpusim::dataflow {

/// The value of a stateless op on its operands in0..in2 (ProgramGraph.h's Op; kOnlineSoftmax
/// keeps a running max and is evaluated by ComputeUnit). The arithmetic of every PCU stage.
double applyOp(Op op, double a, double b, double c);

/// Where a stage operand comes from.
enum class OperandSource : std::uint8_t {
  kInput0,
  kInput1,
  kInput2,
  kPrevious,  ///< the previous stage's result (0 in stage 1)
  kConstant,  ///< the stage's constant
};

/// One stage of a lane program: an op over three selected operands.
struct StageOp {
  Op op = Op::kPass;
  std::array<OperandSource, 3> operands{OperandSource::kInput0, OperandSource::kInput1,
                                        OperandSource::kInput2};
  std::int32_t constant = 0;
};

/// What one SIMD lane of a PCU computes per firing: a short program over the pipeline's stages,
/// each stage one op (pass, add, sub, mul, max, fma) on operands selected from the firing's
/// inputs, the previous stage's result or the stage's constant. Stages the program leaves
/// unmapped pass the result on (they still cost their cycle of latency).
class LaneProgram {
 public:
  LaneProgram() = default;
  explicit LaneProgram(std::vector<StageOp> stages);

  /// Parses "fma(in0,in1,in2); add(prev,#-3)": stages separated by ';', ops pass/add/sub/mul/
  /// max/fma with 1/2/2/2/2/3 operands in0..in2, prev or #constant (one distinct constant per
  /// stage). Throws std::invalid_argument saying what was expected.
  static LaneProgram parse(const std::string& text);
  /// The text parse() reads back.
  std::string text() const;

  const std::vector<StageOp>& stages() const { return stages_; }
  bool empty() const { return stages_.empty(); }
  /// Inputs a firing consumes: 1 + the highest input referenced (tokens of every input below
  /// it are consumed too).
  std::uint32_t inputs() const;
  /// The result of one firing on input values in[0..inputs()-1].
  double evaluate(const double* in) const;
  /// Floating-point operations per firing (fma 2, pass 0, other ops 1).
  std::uint64_t flops() const;

 private:
  std::vector<StageOp> stages_;
};

/// Operands op takes (pass 1, fma 3, else 2); 0 for ops a lane program cannot use.
std::uint32_t laneOperandCount(Op op);

}  // namespace xpusim::dataflow
