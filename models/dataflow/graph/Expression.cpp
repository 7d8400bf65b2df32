#include "models/dataflow/graph/Expression.h"

#include <cctype>
#include <limits>

#include <fmt/format.h>

namespace xpusim::dataflow {

namespace {

/// Recursive-descent evaluator over one expression text.
class Parser {
 public:
  Parser(const std::string& text, const Variables& vars, const SourceLocation& where)
      : text_(text), vars_(vars), where_(where) {}

  std::uint64_t parse() {
    const std::uint64_t v = sum();
    skipSpace();
    if (pos_ != text_.size()) fail(fmt::format("unexpected '{}'", text_[pos_]));
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw InputError(where_, fmt::format("in '{}': {} (expected an unsigned integer expression "
                                         "of numbers, vars, + - * / and parentheses)",
                                         text_, what));
  }
  void skipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool accept(char c) {
    skipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  std::uint64_t sum() {
    std::uint64_t v = product();
    for (;;) {
      if (accept('+')) {
        const std::uint64_t r = product();
        if (v > std::numeric_limits<std::uint64_t>::max() - r) fail("overflow");
        v += r;
      } else if (accept('-')) {
        const std::uint64_t r = product();
        if (r > v) fail("negative result");
        v -= r;
      } else {
        return v;
      }
    }
  }
  std::uint64_t product() {
    std::uint64_t v = atom();
    for (;;) {
      if (accept('*')) {
        const std::uint64_t r = atom();
        if (r != 0 && v > std::numeric_limits<std::uint64_t>::max() / r) fail("overflow");
        v *= r;
      } else if (accept('/')) {
        const std::uint64_t r = atom();
        if (r == 0) fail("division by zero");
        if (v % r != 0) fail(fmt::format("{} / {} is not exact", v, r));
        v /= r;
      } else {
        return v;
      }
    }
  }
  std::uint64_t atom() {
    skipSpace();
    if (accept('(')) {
      const std::uint64_t v = sum();
      if (!accept(')')) fail("missing ')'");
      return v;
    }
    if (pos_ >= text_.size()) fail("unexpected end");
    const std::size_t start = pos_;
    if (std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
      std::uint64_t v = 0;
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
        const unsigned digit = static_cast<unsigned>(text_[pos_++] - '0');
        if (v > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) fail("overflow");
        v = v * 10 + digit;
      }
      return v;
    }
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_'))
      ++pos_;
    if (pos_ == start) fail(fmt::format("unexpected '{}'", text_[pos_]));
    const std::string name = text_.substr(start, pos_ - start);
    const auto it = vars_.find(name);
    if (it == vars_.end()) fail(fmt::format("unknown variable '{}'", name));
    return it->second;
  }

  const std::string& text_;
  const Variables& vars_;
  const SourceLocation& where_;
  std::size_t pos_ = 0;
};

}  // namespace

std::uint64_t evaluate(const std::string& text, const Variables& vars,
                       const SourceLocation& where) {
  return Parser(text, vars, where).parse();
}

void parseAssignments(const std::string& text, std::vector<Definition>& defs,
                      const SourceLocation& where) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    const std::string item = text.substr(start, end - start);
    const std::size_t eq = item.find('=');
    if (eq == std::string::npos || eq == 0)
      throw InputError(where, fmt::format("'{}' is not NAME=VALUE", item));
    Definition d{item.substr(0, eq), item.substr(eq + 1), where};
    bool replaced = false;
    for (Definition& old : defs)
      if (old.name == d.name) {
        old = d;
        replaced = true;
      }
    if (!replaced) defs.push_back(d);
    start = end + 1;
  }
}

Variables evaluateAll(const std::vector<Definition>& defs) {
  Variables vars;
  for (const Definition& d : defs) vars[d.name] = evaluate(d.expression, vars, d.where);
  return vars;
}

}  // namespace xpusim::dataflow
