#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/config/InputError.h"

namespace xpusim::dataflow {

/// What a node of a program graph is mapped onto.
enum class NodeKind {
  kStream,   ///< a generator of `tokens` values at the grid's I/O (test harness, host stream)
  kSink,     ///< the end of a stream: consumes and (optionally) records tokens
  kCompute,  ///< one PCU: a pipeline of stages over SIMD lanes
  kMemory,   ///< one PMU: an N-buffered scratchpad tile, written once and read `reuse` times
  kLoad,     ///< one AGU reading tokens from an off-chip tier
  kStore,    ///< one AGU writing tokens to an off-chip tier
};

/// The element of an edge's tokens; ctrl tokens carry no data (control network).
enum class ElemType { kF32, kBf16, kF16, kI32, kI16, kU16, kI8, kCtrl };

/// The operation a compute node's pipeline applies per firing (to input values in edge order).
enum class Op {
  kPass,           ///< in0
  kAdd,            ///< in0 + in1
  kSub,            ///< in0 - in1
  kMul,            ///< in0 * in1
  kDiv,            ///< in0 / in1 (reciprocal in the tail stage)
  kMax,            ///< max(in0, in1)
  kFma,            ///< in0 * in1 + in2
  kMac,            ///< in0 * in1, each mapped stage a multiply-accumulate per lane
  kExp,            ///< exp(in0) (tail stage)
  kSubExp,         ///< exp(in0 - in1) (tail stage)
  kOnlineSoftmax,  ///< exp(in0 - m), m the running max of the current row (tail stage)
  kFft,            ///< in0: one vector of an FFT of `points` points (butterfly pattern)
  kScan,           ///< in0: one vector of a linear-recurrence scan (scan pattern)
};

/// Off-chip memory tiers of the socket.
enum class Tier { kHbm, kDdr };
inline constexpr int kTierCount = 2;
const char* tierName(Tier t);

/// How an edge connects the copies of its two ends. With P producer and Q consumer copies,
/// Q = g P groups consumer copies g by g behind one producer copy (broadcast or scatter), and
/// P = g Q groups producer copies g by g into one consumer copy (gather).
enum class Fanout {
  kOneToOne,   ///< equal copies: copy i feeds copy i
  kBroadcast,  ///< every token of producer i goes to each consumer of its group
  kScatter,    ///< tokens of producer i are dealt round-robin to the consumers of its group
  kGather,     ///< consumer j takes tokens round-robin from the producers of its group
};

/// A grid position (row, column).
using Position = std::pair<std::uint32_t, std::uint32_t>;

/// One node as written in the graph file, with its derived token counts (per copy).
struct NodeSpec {
  std::string name;
  NodeKind kind = NodeKind::kCompute;
  SourceLocation where;
  std::uint32_t copies = 1;
  std::vector<Position> pins;  ///< `at:` positions, one per copy (or none: automatic)

  // kStream
  std::uint64_t tokens = 0;  ///< tokens produced (stream, load) per copy
  double start = 0;          ///< value of token i is start + i * step
  double step = 1;
  std::uint64_t interval = 1;  ///< cycles between tokens
  // kSink
  bool record = false;  ///< keep every value and arrival cycle (tests)
  // kCompute
  Op op = Op::kPass;
  std::uint32_t stages = 1;            ///< pipeline stages mapped
  bool reduce = false;                 ///< cross-lane reduction tree after the stages
  std::uint64_t accumulate = 1;        ///< firings folded into one output (temporal reduction)
  bool combineMax = false;             ///< fold with max instead of +
  std::uint64_t ii = 1;                ///< initiation interval from the file (cycles)
  bool systolic = false;               ///< systolic mode: lanes x stages MAC array
  std::uint64_t points = 0;            ///< FFT / scan length (kFft, kScan)
  std::uint64_t row = 0;               ///< row length of kOnlineSoftmax
  std::optional<std::uint64_t> flops;  ///< FLOPs per firing, overriding the op's count
  // kMemory
  std::uint64_t tile = 0;   ///< tokens per tile (0: everything written is one tile)
  std::uint64_t reuse = 1;  ///< reads of every tile
  std::uint32_t buffers = 2;
  bool gather = false;       ///< random access: one address per word
  std::uint64_t stride = 1;  ///< word stride between lanes of a read
  // kLoad / kStore
  Tier tier = Tier::kHbm;

  // Derived by the reader.
  std::vector<std::size_t> inputs;      ///< edge indices, in file order
  std::vector<std::size_t> outputs;     ///< edge indices, in file order
  std::uint64_t firings = 0;            ///< per copy
  std::uint64_t outTokens = 0;          ///< per copy, on every output edge
  std::vector<std::uint64_t> inTokens;  ///< per copy, per input (same order as inputs)
};

/// One edge: a FIFO from one node to another (per copy pair, see Fanout).
struct EdgeSpec {
  std::string name;  ///< "from->to"
  std::size_t from = 0;
  std::size_t to = 0;
  SourceLocation where;
  ElemType type = ElemType::kF32;
  std::uint32_t width = 1;  ///< elements per token (1: scalar network)
  std::uint64_t depth = 0;  ///< FIFO capacity (0: the fabric's default)
  std::uint64_t reuse = 1;  ///< firings of the consumer per token (held operand)
  Fanout fanout = Fanout::kOneToOne;

  bool control() const { return type == ElemType::kCtrl; }
};

/// One configuration of the fabric: a dataflow graph run to completion.
struct GraphSpec {
  std::string name;
  SourceLocation where;
  std::uint64_t modelSwitchBytes = 0;  ///< weights moved DDR -> HBM before it runs
  std::vector<NodeSpec> nodes;
  std::vector<EdgeSpec> edges;
  std::vector<std::size_t> order;  ///< nodes in topological order
};

/// Bytes per element of `t` (ctrl: 0).
std::uint32_t elemBytes(ElemType t);
/// Whether `op` runs in the PCU's tail stage (transcendentals, reciprocal).
bool usesTail(Op op);
/// The ops' names in graph files, in Op order ("pass", "add", ..., "scan").
const std::vector<std::string>& opNames();
/// Input edges a compute node of `op` takes (fma 3; pass, exp, fft, scan, online_softmax 1;
/// else 2).
std::size_t opInputs(Op op);
/// Pipeline stages a compute node of `op` maps when the file gives no `stages` (fma 2, else 1).
std::uint32_t defaultStages(Op op);

}  // namespace xpusim::dataflow
