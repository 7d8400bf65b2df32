#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/config/ConfigNode.h"

namespace xpusim::llm {

/// One weight matrix of a decoder layer: y[cols] = x[rows] * W[rows x cols].
struct WeightMatrix {
  std::string name;
  std::uint64_t rows = 0;  ///< input features (reduction length)
  std::uint64_t cols = 0;  ///< output features
  std::uint64_t elements() const { return rows * cols; }
};

/// The shape of a decoder-only transformer, read from a generic YAML file (workloads/llm/):
///   name, family (opt | llama), layers, hidden, ffn, heads, kv_heads (default heads), vocab.
/// OPT layers: qkv (h x 3h), out (h x h), fc1 (h x ffn), fc2 (ffn x h), ReLU MLP.
/// LLaMA layers: qkv (h x (h + 2 kv_heads * head_dim)), out (h x h), gate_up (h x 2 ffn),
/// down (ffn x h), SwiGLU MLP. Plus the LM head (h x vocab) once per token.
struct ModelShape {
  std::string name, family;
  std::uint64_t layers = 0, hidden = 0, ffn = 0, heads = 0, kvHeads = 0, vocab = 0;

  /// Reads a shape file; a missing or bad key is an InputError at its file:line:column.
  static ModelShape readFile(const std::filesystem::path& file);
  static ModelShape fromNode(const ConfigNode& node);
  /// The matrices of one layer, in execution order.
  std::vector<WeightMatrix> layerMatrices() const;
  WeightMatrix lmHead() const { return {"lm_head", hidden, vocab}; }
  std::uint64_t headDim() const { return hidden / heads; }
  /// Width of the K (and V) cache per token and layer, in elements.
  std::uint64_t kvWidth() const { return kvHeads * headDim(); }
  /// Weight elements read per decoded token.
  std::uint64_t weightsPerToken() const;
};

}  // namespace xpusim::llm
