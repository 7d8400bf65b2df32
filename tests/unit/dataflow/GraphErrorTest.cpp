// Graphs that cannot run are rejected before the run with a message naming the cause.
#include <catch2/catch.hpp>

#include "DataflowRun.h"

using namespace xpusim;
using namespace xpusim::test;

namespace {

std::string inputError(const std::string& graph) {
  try {
    runGraph("plasticine", graph);
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL("expected an InputError");
  return "";
}

const char* kChain = R"(
graphs:
  - name: big
    nodes:
      gen: {kind: stream, tokens: 65}
      work: {kind: compute, op: pass, copies: COPIES}
      out: {kind: sink}
    edges:
      - {from: gen, to: work, fanout: scatter}
      - {from: work, to: out}
)";

std::string chain(int copies) {
  std::string s = kChain;
  s.replace(s.find("COPIES"), 6, std::to_string(copies));
  return s;
}

}  // namespace

TEST_CASE("a graph needing more PCUs than the grid has is rejected naming the resource") {
  const std::string msg = inputError(chain(65));
  CHECK(msg.find("graph.yaml:3:") != std::string::npos);
  CHECK(msg.find("does not fit") != std::string::npos);
  CHECK(msg.find("needs 65 PCUs") != std::string::npos);
  CHECK(msg.find("has 64") != std::string::npos);
  CHECK(msg.find("PCUs ran out") != std::string::npos);
}

TEST_CASE("a memory node larger than a PMU is rejected naming the capacity") {
  const std::string msg = inputError(R"(
graphs:
  - name: big_tile
    nodes:
      gen: {kind: stream, tokens: 4096}
      buf: {kind: memory, buffers: 2}
      out: {kind: sink}
    edges:
      - {from: gen, to: buf, width: 16}
      - {from: buf, to: out, width: 16}
)");
  // 2 buffers x 4096 tokens x 64 B = 512 KiB > 256 KiB.
  CHECK(msg.find("PMU capacity ran out") != std::string::npos);
  CHECK(msg.find("512KiB") != std::string::npos);
}

TEST_CASE("rate mismatches, unknown keys, cycles and bad counts are located errors") {
  CHECK(inputError(R"(
graphs:
  - name: g
    nodes:
      a: {kind: stream, tokens: 8}
      b: {kind: stream, tokens: 4}
      add: {kind: compute, op: add}
      out: {kind: sink}
    edges:
      - {from: a, to: add}
      - {from: b, to: add}
      - {from: add, to: out}
)")
            .find("rate mismatch") != std::string::npos);
  CHECK(inputError(R"(
graphs:
  - name: g
    nodes:
      a: {kind: stream, tokens: 8, colour: red}
      out: {kind: sink}
    edges:
      - {from: a, to: out}
)")
            .find("graph.yaml:5:36: node 'a': unknown key 'colour'") != std::string::npos);
  CHECK(inputError(R"(
graphs:
  - name: g
    nodes:
      a: {kind: stream, tokens: 8}
      x: {kind: compute, op: add}
      y: {kind: compute, op: pass}
      out: {kind: sink}
    edges:
      - {from: a, to: x}
      - {from: y, to: x}
      - {from: x, to: y}
      - {from: x, to: out}
)")
            .find("cycle") != std::string::npos);
  CHECK(inputError(R"(
vars: {N: 10}
graphs:
  - name: g
    nodes:
      a: {kind: stream, tokens: N/3}
      out: {kind: sink}
    edges:
      - {from: a, to: out}
)")
            .find("10 / 3 is not exact") != std::string::npos);
}
