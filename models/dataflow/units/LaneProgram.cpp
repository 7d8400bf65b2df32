#include "models/dataflow/units/LaneProgram.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace xpusim::dataflow {

double applyOp(Op op, double a, double b, double c) {
  switch (op) {
    case Op::kPass:
    case Op::kFft:
    case Op::kScan:
    case Op::kOnlineSoftmax:
      return a;
    case Op::kAdd:
      return a + b;
    case Op::kSub:
      return a - b;
    case Op::kMul:
    case Op::kMac:
      return a * b;
    case Op::kDiv:
      return a / b;
    case Op::kMax:
      return std::max(a, b);
    case Op::kFma:
      return a * b + c;
    case Op::kExp:
      return std::exp(a);
    case Op::kSubExp:
      return std::exp(a - b);
  }
  return a;
}

std::uint32_t laneOperandCount(Op op) {
  switch (op) {
    case Op::kPass:
      return 1;
    case Op::kAdd:
    case Op::kSub:
    case Op::kMul:
    case Op::kMax:
      return 2;
    case Op::kFma:
      return 3;
    default:
      return 0;
  }
}

namespace {

const char* const kSourceNames[] = {"in0", "in1", "in2", "prev"};

/// "fma(in0,in1,#3)" -> one stage.
StageOp parseStage(std::string s, std::size_t index) {
  s.erase(std::remove_if(s.begin(), s.end(), [](unsigned char ch) { return std::isspace(ch); }),
          s.end());
  const std::string where = fmt::format("stage {} '{}'", index + 1, s);
  const std::size_t open = s.find('(');
  if (open == std::string::npos || s.back() != ')')
    throw std::invalid_argument(where + ": expected op(operand, ...)");
  const std::string name = s.substr(0, open);
  const auto& names = opNames();
  const auto it = std::find(names.begin(), names.end(), name);
  StageOp st;
  if (it != names.end()) st.op = static_cast<Op>(it - names.begin());
  if (it == names.end() || laneOperandCount(st.op) == 0)
    throw std::invalid_argument(where + ": op must be pass, add, sub, mul, max or fma");
  std::vector<std::string> args;
  const std::string list = s.substr(open + 1, s.size() - open - 2);
  for (std::size_t a = 0, e; a <= list.size(); a = e + 1) {
    e = std::min(list.find(',', a), list.size());
    args.push_back(list.substr(a, e - a));
  }
  if (args.size() != laneOperandCount(st.op))
    throw std::invalid_argument(fmt::format("{}: {} takes {} operands, got {}", where, name,
                                            laneOperandCount(st.op), args.size()));
  bool haveConstant = false;
  for (std::size_t k = 0; k < args.size(); ++k) {
    const std::string& a = args[k];
    const auto src = std::find(std::begin(kSourceNames), std::end(kSourceNames), a);
    if (src != std::end(kSourceNames)) {
      st.operands[k] = static_cast<OperandSource>(src - std::begin(kSourceNames));
      if (st.operands[k] == OperandSource::kPrevious && index == 0)
        throw std::invalid_argument(where + ": stage 1 has no previous stage");
      continue;
    }
    std::int32_t value = 0;
    std::size_t used = 0;
    try {
      if (a.size() < 2 || a[0] != '#') throw std::invalid_argument(a);
      value = std::stoi(a.substr(1), &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used + 1 != a.size())
      throw std::invalid_argument(fmt::format(
          "{}: operand '{}' must be in0, in1, in2, prev or #integer (32-bit)", where, a));
    if (haveConstant && value != st.constant)
      throw std::invalid_argument(where + ": a stage has one constant");
    haveConstant = true;
    st.constant = value;
    st.operands[k] = OperandSource::kConstant;
  }
  return st;
}

}  // namespace

LaneProgram::LaneProgram(std::vector<StageOp> stages) : stages_(std::move(stages)) {}

LaneProgram LaneProgram::parse(const std::string& text) {
  std::vector<StageOp> stages;
  for (std::size_t a = 0, e; a <= text.size(); a = e + 1) {
    e = std::min(text.find(';', a), text.size());
    stages.push_back(parseStage(text.substr(a, e - a), stages.size()));
  }
  LaneProgram program(std::move(stages));
  if (program.inputs() == 0)
    throw std::invalid_argument("a lane program must read at least one input (in0..in2)");
  return program;
}

std::string LaneProgram::text() const {
  std::string out;
  for (const StageOp& st : stages_) {
    if (!out.empty()) out += ";";
    out += opNames()[static_cast<std::size_t>(st.op)] + "(";
    for (std::uint32_t k = 0; k < laneOperandCount(st.op); ++k) {
      if (k) out += ",";
      const OperandSource s = st.operands[k];
      out += s == OperandSource::kConstant ? fmt::format("#{}", st.constant)
                                           : kSourceNames[static_cast<int>(s)];
    }
    out += ")";
  }
  return out;
}

std::uint32_t LaneProgram::inputs() const {
  std::uint32_t n = 0;
  for (const StageOp& st : stages_)
    for (std::uint32_t k = 0; k < laneOperandCount(st.op); ++k)
      if (st.operands[k] <= OperandSource::kInput2)
        n = std::max(n, static_cast<std::uint32_t>(st.operands[k]) + 1);
  return n;
}

double LaneProgram::evaluate(const double* in) const {
  double previous = 0;
  for (const StageOp& st : stages_) {
    double v[3] = {0, 0, 0};
    for (std::uint32_t k = 0; k < laneOperandCount(st.op); ++k) {
      const OperandSource s = st.operands[k];
      v[k] = s == OperandSource::kPrevious   ? previous
             : s == OperandSource::kConstant ? static_cast<double>(st.constant)
                                             : in[static_cast<int>(s)];
    }
    previous = applyOp(st.op, v[0], v[1], v[2]);
  }
  return previous;
}

std::uint64_t LaneProgram::flops() const {
  std::uint64_t f = 0;
  for (const StageOp& st : stages_) f += st.op == Op::kFma ? 2 : st.op == Op::kPass ? 0 : 1;
  return f;
}

}  // namespace xpusim::dataflow
