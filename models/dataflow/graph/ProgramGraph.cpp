#include "models/dataflow/graph/ProgramGraph.h"

namespace xpusim::dataflow {

const std::vector<std::string>& opNames() {
  static const std::vector<std::string> names{
      "pass",           "add", "sub", "mul", "div", "max", "fma", "mac", "exp", "sub_exp",
      "online_softmax", "fft", "scan"};
  return names;
}

std::size_t opInputs(Op op) {
  switch (op) {
    case Op::kPass:
    case Op::kExp:
    case Op::kFft:
    case Op::kScan:
    case Op::kOnlineSoftmax:
      return 1;
    case Op::kFma:
      return 3;
    default:
      return 2;
  }
}

std::uint32_t defaultStages(Op op) {
  return op == Op::kFma ? 2 : 1;
}

const char* tierName(Tier t) {
  return t == Tier::kHbm ? "hbm" : "ddr";
}

std::uint32_t elemBytes(ElemType t) {
  switch (t) {
    case ElemType::kF32:
    case ElemType::kI32:
      return 4;
    case ElemType::kBf16:
    case ElemType::kF16:
    case ElemType::kI16:
    case ElemType::kU16:
      return 2;
    case ElemType::kI8:
      return 1;
    case ElemType::kCtrl:
      return 0;
  }
  return 0;
}

bool usesTail(Op op) {
  return op == Op::kDiv || op == Op::kExp || op == Op::kSubExp || op == Op::kOnlineSoftmax;
}

}  // namespace xpusim::dataflow
