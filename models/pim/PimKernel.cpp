#include "models/pim/PimKernel.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "sim/config/ConfigLoader.h"
#include "sim/config/Units.h"

namespace xpusim {

namespace {

/// Typed access to the keys of one YAML map, with errors at the key.
class Keys {
 public:
  explicit Keys(const ConfigNode& n) : n_(n) {
    if (!n.isMap()) throw InputError(n.where, "expected a map of kernel keys");
  }
  bool has(const std::string& k) const { return n_.find(k) != nullptr; }
  std::string text(const std::string& k) const {
    const ConfigNode* v = n_.find(k);
    if (!v) throw InputError(n_.where, fmt::format("missing key '{}'", k));
    if (!v->isScalar()) throw InputError(v->where, fmt::format("'{}' must be a scalar", k));
    return v->scalar;
  }
  std::uint64_t positive(const std::string& k) const {
    const std::string t = text(k);
    std::uint64_t v = 0;
    try {
      v = units::parseUnsigned(t);
    } catch (const units::UnitError&) {
      v = 0;
    }
    if (v == 0 || v > (std::uint64_t{1} << 34))
      throw InputError(n_.find(k)->where,
                       fmt::format("'{}' must be a positive integer, got '{}'", k, t));
    return v;
  }
  std::string choice(const std::string& k, const std::vector<std::string>& allowed) const {
    const std::string t = text(k);
    for (const auto& a : allowed)
      if (a == t) return t;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    throw InputError(n_.find(k)->where,
                     fmt::format("'{}' must be one of {}, got '{}'", k, list, t));
  }
  SourceLocation where(const std::string& k) const { return n_.find(k)->where; }

 private:
  const ConfigNode& n_;
};

PimDataType dataType(const Keys& k) {
  if (!k.has("dtype")) return PimDataType::kFp16;
  return k.choice("dtype", {"fp16", "int8"}) == "int8" ? PimDataType::kInt8 : PimDataType::kFp16;
}

/// `key`: none (absent), relu, gelu, sigmoid or tanh.
PimActivation activation(const Keys& k, const std::string& key) {
  if (!k.has(key)) return PimActivation::kNone;
  const std::string a = k.choice(key, {"none", "relu", "gelu", "sigmoid", "tanh"});
  return a == "relu"      ? PimActivation::kRelu
         : a == "gelu"    ? PimActivation::kGelu
         : a == "sigmoid" ? PimActivation::kSigmoid
         : a == "tanh"    ? PimActivation::kTanh
                          : PimActivation::kNone;
}

PimStep gemv(std::string name, std::uint64_t rows, std::uint64_t cols, std::uint64_t count,
             PimDataType t, PimActivation a = PimActivation::kNone) {
  PimStep s;
  s.name = std::move(name);
  s.rows = rows, s.cols = cols, s.count = count, s.dtype = t, s.activation = a;
  return s;
}

/// One decoder layer of a GPT decode step: QKV, attention score and context GEMVs per head,
/// output projection, FFN up (gate + up for gated families) and down.
void decodeLayer(const Keys& k, const std::filesystem::path& base, PimKernel& out) {
  const std::filesystem::path model = base / k.text("model");
  const ConfigNode m = ConfigLoader::loadFile(model);
  const Keys shape(m);
  const std::uint64_t hidden = shape.positive("hidden"), heads = shape.positive("heads");
  const std::uint64_t ffn = shape.positive("ffn");
  const std::uint64_t kvHeads = shape.has("kv_heads") ? shape.positive("kv_heads") : heads;
  if (hidden % heads != 0) throw InputError(shape.where("heads"), "heads must divide hidden");
  const std::uint64_t dh = hidden / heads;
  const bool gated =
      shape.has("family") && (shape.text("family") == "llama" || shape.text("family") == "llama2");
  const std::uint64_t context = k.positive("context");
  const PimDataType t = dataType(k);
  out.steps.push_back(gemv("qkv", hidden + 2 * kvHeads * dh, hidden, 1, t));
  out.steps.push_back(gemv("attention_score", context, dh, heads, t));
  out.steps.push_back(gemv("attention_context", dh, context, heads, t));
  out.steps.push_back(gemv("out_proj", hidden, hidden, 1, t));
  out.steps.push_back(
      gemv("ffn_up", gated ? 2 * ffn : ffn, hidden, 1, t, activation(k, "ffn_activation")));
  out.steps.push_back(gemv("ffn_down", hidden, ffn, 1, t));
  out.repeat = k.has("layers") ? k.positive("layers") : shape.positive("layers");
  out.name = shape.has("name") ? shape.text("name") + " decode step" : "decode step";
}

}  // namespace

PimKernel PimKernel::load(const std::filesystem::path& file) {
  const ConfigNode root = ConfigLoader::loadFile(file);
  const Keys k(root);
  PimKernel out;
  const std::string kind = k.choice("kernel", {"gemv", "eltwise", "gpt_decode", "aim_trace"});
  out.name = k.has("name") ? k.text("name") : kind;
  if (kind == "gemv") {
    out.steps.push_back(gemv(out.name, k.positive("rows"), k.positive("cols"),
                             k.has("count") ? k.positive("count") : 1, dataType(k),
                             activation(k, "activation")));
  } else if (kind == "eltwise") {
    PimStep s;
    s.kind = PimStep::Kind::kEltwise;
    s.name = out.name;
    const std::string op = k.choice("op", {"add", "mul", "relu"});
    s.op = op == "add" ? PimStep::Op::kAdd : op == "mul" ? PimStep::Op::kMul : PimStep::Op::kRelu;
    s.elements = k.positive("elements");
    s.dtype = dataType(k);
    out.steps.push_back(s);
  } else if (kind == "gpt_decode") {
    decodeLayer(k, file.parent_path(), out);
  } else {
    out.trace = loadTrace(file.parent_path() / k.text("trace"));
  }
  return out;
}

std::vector<PimTraceOp> PimKernel::loadTrace(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw InputError({file.string()}, "cannot open AiM trace");
  struct Form {
    const char* opcode;
    DramCommand cmd;
    bool bank;  // takes a bank argument
    bool row;   // takes a row argument
  };
  // Instruction -> the DRAM-level PIM command it unrolls into (opsize of them per channel).
  static const Form kForms[] = {
      {"MAC_ABK", DramCommand::kMacAb, false, true},
      {"MAC_SBK", DramCommand::kMacSb, true, true},
      {"EWMUL", DramCommand::kMacAb, false, true},
      {"EWADD", DramCommand::kMacAb, false, true},
      {"WR_GB", DramCommand::kWrGb, false, false},
      {"COPY_BKGB", DramCommand::kMacSb, true, true},
      {"COPY_GBBK", DramCommand::kMacSb, true, true},
      {"RD_MAC", DramCommand::kRdMac, false, false},
      {"RD_AF", DramCommand::kRdAf, false, false},
      {"AF", DramCommand::kAf, false, false},
  };
  std::vector<PimTraceOp> out;
  std::string line;
  int lineNo = 0;
  while (std::getline(in, line)) {
    ++lineNo;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::pair<std::string, int>> words;  // word, 1-based column
    for (std::size_t i = 0; i < line.size();) {
      if (line[i] == '#') break;
      if (line[i] == ' ' || line[i] == '\t') {
        ++i;
        continue;
      }
      const std::size_t j = line.find_first_of(" \t#", i);
      const std::size_t end = j == std::string::npos ? line.size() : j;
      words.emplace_back(line.substr(i, end - i), static_cast<int>(i + 1));
      i = end;
    }
    if (words.empty()) continue;
    auto at = [&](std::size_t w) { return SourceLocation{file.string(), lineNo, words[w].second}; };
    auto endCol = [&] {
      return SourceLocation{file.string(), lineNo, static_cast<int>(line.size() + 1)};
    };
    if (words[0].first != "AiM")
      throw InputError(at(0), fmt::format("expected 'AiM', got '{}'", words[0].first));
    if (words.size() < 2)
      throw InputError(endCol(), "expected an AiM opcode (MAC_ABK, WR_GB, ...)");
    const std::string& opcode = words[1].first;
    if (opcode == "SYNC" || opcode == "EOC") continue;  // barriers: the device runs in order
    const Form* form = nullptr;
    for (const Form& f : kForms)
      if (opcode == f.opcode) form = &f;
    if (!form)
      throw InputError(at(1), fmt::format("unknown AiM opcode '{}' (expected MAC_ABK, MAC_SBK, "
                                          "EWMUL, EWADD, WR_GB, COPY_BKGB, COPY_GBBK, RD_MAC, "
                                          "RD_AF, AF, SYNC, EOC)",
                                          opcode));
    std::vector<const char*> fields = {"opsize", "channel_mask"};
    if (form->bank) fields.push_back("bank");
    if (form->row) fields.push_back("row");
    if (words.size() < 2 + fields.size())
      throw InputError(endCol(),
                       fmt::format("AiM {} expects <{}> here", opcode, fields[words.size() - 2]));
    if (words.size() > 2 + fields.size())
      throw InputError(at(2 + fields.size()),
                       fmt::format("AiM {} takes {} operands; unexpected '{}'", opcode,
                                   fields.size(), words[2 + fields.size()].first));
    std::vector<std::uint64_t> v;
    for (std::size_t f = 0; f < fields.size(); ++f) {
      const std::string& w = words[2 + f].first;
      try {
        std::size_t used = 0;
        v.push_back(std::stoull(w, &used, 0));
        if (used != w.size()) throw std::invalid_argument(w);
      } catch (const std::exception&) {
        throw InputError(at(2 + f), fmt::format("expected <{}> as an integer (decimal or 0x "
                                                "hex), got '{}'",
                                                fields[f], w));
      }
    }
    PimTraceOp op;
    op.cmd = form->cmd;
    op.opcode = opcode;
    op.opsize = static_cast<std::uint32_t>(v[0]);
    op.channelMask = v[1];
    if (form->bank) op.bank = static_cast<std::uint32_t>(v[2]);
    if (form->row) op.row = static_cast<std::uint32_t>(v.back());
    op.where = at(1);
    if (op.opsize == 0 || v[0] > 4096) throw InputError(at(2), "opsize must be 1..4096");
    if (op.channelMask == 0) throw InputError(at(3), "channel_mask selects no channel");
    out.push_back(op);
  }
  return out;
}

}  // namespace xpusim
