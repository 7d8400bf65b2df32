#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "models/memory/dram/DramCommand.h"
#include "sim/config/InputError.h"

namespace xpusim {

/// Element type of a kernel's operands: FP16 (2 B) or INT8 (1 B, int32 accumulation).
enum class PimDataType { kFp16, kInt8 };
inline std::uint32_t elementBytes(PimDataType t) {
  return t == PimDataType::kFp16 ? 2 : 1;
}

/// Activation function a GEMV's outputs go through in the units (AiM AF: LUT look-up).
enum class PimActivation { kNone, kRelu, kGelu, kSigmoid, kTanh };

/// One step of a PIM kernel. GEMV: `count` independent products y = W x with W of `rows` x
/// `cols` (attention heads are count > 1). Element-wise: c = a op b (ReLU: c = max(a, 0)) over
/// `elements` values.
struct PimStep {
  enum class Kind { kGemv, kEltwise };
  enum class Op { kAdd, kMul, kRelu };
  Kind kind = Kind::kGemv;
  std::string name;
  std::uint64_t rows = 0, cols = 0, count = 1;
  std::uint64_t elements = 0;
  Op op = Op::kAdd;
  PimDataType dtype = PimDataType::kFp16;
  PimActivation activation = PimActivation::kNone;  ///< GEMV only
  std::uint64_t macs() const { return kind == Kind::kGemv ? count * rows * cols : 0; }
  /// Arithmetic operations (a MAC is 2).
  std::uint64_t flops() const { return kind == Kind::kGemv ? 2 * macs() : elements; }
};

/// One instruction of an AiM-style trace (`AiM MAC_ABK <opsize> <channel_mask> <row>` ...),
/// unrolled by the device into `opsize` DRAM-level PIM commands per selected channel.
struct PimTraceOp {
  DramCommand cmd = DramCommand::kMacAb;
  std::string opcode;
  std::uint32_t opsize = 1;
  std::uint64_t channelMask = 0;
  std::uint32_t bank = 0;  ///< single-bank instructions
  std::uint32_t row = 0;
  SourceLocation where;
};

/// A kernel: its steps (run one after the other) and how often the whole sequence repeats
/// (`repeat`: decoder layers of a decode step), or an instruction trace.
struct PimKernel {
  std::string name;
  std::vector<PimStep> steps;
  std::vector<PimTraceOp> trace;
  std::uint64_t repeat = 1;

  /// Reads a kernel YAML (`kernel: gemv | eltwise | gpt_decode | aim_trace`); errors are
  /// InputErrors at the offending key.
  static PimKernel load(const std::filesystem::path& file);
  /// Reads an AiM-style trace; errors name file:line:column and what was expected.
  static std::vector<PimTraceOp> loadTrace(const std::filesystem::path& file);
};

}  // namespace xpusim
