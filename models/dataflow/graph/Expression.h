#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/config/InputError.h"

namespace xpusim::dataflow {

/// Named integer values a workload's counts may refer to (`vars:` of a graph file).
using Variables = std::map<std::string, std::uint64_t, std::less<>>;

/// Evaluates an unsigned integer expression of a workload file: literals, variable names,
/// + - * / (exact division only) and parentheses, e.g. "Q * N / 16". Anything else, a
/// negative intermediate, an inexact division or an overflow is an InputError at `where`.
std::uint64_t evaluate(const std::string& text, const Variables& vars, const SourceLocation& where);

/// One variable definition: its name and expression, and where it was written.
struct Definition {
  std::string name;
  std::string expression;
  SourceLocation where;
};

/// Adds "N=4096,Q=16" (the rdu's `vars` override) to `defs`: a name already defined gets the
/// new expression in its place, a new name is appended. Definitions are evaluated in order
/// afterwards, so variables derived from an overridden one (DEPTH: 2*N) follow it.
void parseAssignments(const std::string& text, std::vector<Definition>& defs,
                      const SourceLocation& where);
/// Evaluates `defs` in order; each may use the ones before it.
Variables evaluateAll(const std::vector<Definition>& defs);

}  // namespace xpusim::dataflow
