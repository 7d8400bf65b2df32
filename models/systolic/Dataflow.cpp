#include "models/systolic/Dataflow.h"

#include <stdexcept>
#include <string>

namespace xpusim::systolic {

Dataflow dataflowNamed(std::string_view name) {
  if (name == "os") return Dataflow::kOutputStationary;
  if (name == "ws") return Dataflow::kWeightStationary;
  if (name == "is") return Dataflow::kInputStationary;
  throw std::invalid_argument("unknown dataflow '" + std::string(name) + "' (os, ws or is)");
}

const char* dataflowName(Dataflow d) {
  switch (d) {
    case Dataflow::kOutputStationary:
      return "os";
    case Dataflow::kWeightStationary:
      return "ws";
    case Dataflow::kInputStationary:
      return "is";
  }
  return "?";
}

FoldGrid FoldGrid::map(Dataflow d, const GemmShape& g, std::uint64_t rows, std::uint64_t cols) {
  FoldGrid f;
  f.dataflow = d;
  f.rows = rows;
  f.cols = cols;
  switch (d) {
    case Dataflow::kOutputStationary:
      f.sr = g.m, f.sc = g.n, f.t = g.k;
      break;
    case Dataflow::kWeightStationary:
      f.sr = g.k, f.sc = g.n, f.t = g.m;
      break;
    case Dataflow::kInputStationary:
      f.sr = g.k, f.sc = g.m, f.t = g.n;
      break;
  }
  f.rowFolds = (f.sr + rows - 1) / rows;
  f.colFolds = (f.sc + cols - 1) / cols;
  return f;
}

}  // namespace xpusim::systolic
