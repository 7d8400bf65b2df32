#pragma once
#include <stdexcept>
#include <string>

namespace xpusim {

/// Where a piece of user input came from: a file position (1-based line and column; 0 when
/// unknown) or a pseudo-source such as "--set".
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  /// "file:line:column", "file:line" or "file".
  std::string str() const {
    std::string s = file;
    if (line > 0) s += ":" + std::to_string(line);
    if (line > 0 && column > 0) s += ":" + std::to_string(column);
    return s;
  }
};

/// Bad user input (config, trace, workload, command line). The CLI prints what() and exits 2.
/// what() reads "file:line:column: message".
class InputError : public std::runtime_error {
 public:
  InputError(SourceLocation where, const std::string& message)
      : std::runtime_error(where.str().empty() ? message : where.str() + ": " + message),
        where_(std::move(where)),
        message_(message) {}

  const SourceLocation& where() const { return where_; }
  /// The message without the location prefix.
  const std::string& message() const { return message_; }

 private:
  SourceLocation where_;
  std::string message_;
};

}  // namespace xpusim
