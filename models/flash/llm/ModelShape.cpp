#include "models/flash/llm/ModelShape.h"

#include <fmt/format.h>

#include "sim/config/ConfigLoader.h"
#include "sim/config/Units.h"

namespace xpusim::llm {

namespace {
std::uint64_t positive(const ConfigNode& node, const std::string& key) {
  const ConfigNode* v = node.find(key);
  if (!v || !v->isScalar())
    throw InputError(v ? v->where : node.where,
                     fmt::format("model shape: expected '{}: <positive integer>'", key));
  std::uint64_t n = 0;
  try {
    n = units::parseUnsigned(v->scalar);
  } catch (const std::exception&) {
    n = 0;
  }
  if (n == 0)
    throw InputError(v->where, fmt::format("model shape: '{}' must be a positive integer, got '{}'",
                                           key, v->scalar));
  return n;
}
}  // namespace

ModelShape ModelShape::readFile(const std::filesystem::path& file) {
  return fromNode(ConfigLoader::loadFile(file));
}

ModelShape ModelShape::fromNode(const ConfigNode& node) {
  if (!node.isMap()) throw InputError(node.where, "model shape: expected a map");
  ModelShape m;
  const ConfigNode* name = node.find("name");
  m.name = name && name->isScalar() ? name->scalar : "model";
  const ConfigNode* family = node.find("family");
  if (!family || !family->isScalar() || (family->scalar != "opt" && family->scalar != "llama"))
    throw InputError(family ? family->where : node.where,
                     "model shape: expected 'family: opt' or 'family: llama'");
  m.family = family->scalar;
  m.layers = positive(node, "layers");
  m.hidden = positive(node, "hidden");
  m.ffn = positive(node, "ffn");
  m.heads = positive(node, "heads");
  m.kvHeads = node.find("kv_heads") ? positive(node, "kv_heads") : m.heads;
  m.vocab = positive(node, "vocab");
  if (m.hidden % m.heads != 0)
    throw InputError(node.find("heads")->where, "model shape: heads must divide hidden");
  if (m.heads % m.kvHeads != 0)
    throw InputError(node.find("kv_heads")->where, "model shape: kv_heads must divide heads");
  return m;
}

std::vector<WeightMatrix> ModelShape::layerMatrices() const {
  if (family == "opt")
    return {{"qkv", hidden, 3 * hidden},
            {"out", hidden, hidden},
            {"fc1", hidden, ffn},
            {"fc2", ffn, hidden}};
  return {{"qkv", hidden, hidden + 2 * kvWidth()},
          {"out", hidden, hidden},
          {"gate_up", hidden, 2 * ffn},
          {"down", ffn, hidden}};
}

std::uint64_t ModelShape::weightsPerToken() const {
  std::uint64_t perLayer = 0;
  for (const WeightMatrix& w : layerMatrices()) perLayer += w.elements();
  return layers * perLayer + lmHead().elements();
}

}  // namespace xpusim::llm
