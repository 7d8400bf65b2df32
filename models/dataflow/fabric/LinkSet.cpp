#include "models/dataflow/fabric/LinkSet.h"

namespace xpusim::dataflow {

namespace {
enum Direction { kEast, kWest, kSouth, kNorth };
}

Link* LinkSet::link(Network net, std::int32_t row, std::int32_t col, int direction) {
  auto& l = links_[{static_cast<int>(net), row, col, direction}];
  if (!l) {
    l = std::make_unique<Link>();
    l->cycle = cycle_;
  }
  return l.get();
}

std::vector<Link*> LinkSet::route(const Placement::Site& a, const Placement::Site& b, Network net) {
  std::vector<Link*> out;
  if (a.kind == UnitKind::kIo || b.kind == UnitKind::kIo) return out;
  std::int32_t row = a.row, col = a.col;
  for (; col != b.col; col += b.col > col ? 1 : -1)
    out.push_back(link(net, row, col, b.col > col ? kEast : kWest));
  for (; row != b.row; row += b.row > row ? 1 : -1)
    out.push_back(link(net, row, col, b.row > row ? kSouth : kNorth));
  return out;
}

}  // namespace xpusim::dataflow
