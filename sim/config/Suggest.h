#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace xpusim {

/// Levenshtein distance between two names (insertions, deletions, substitutions).
std::size_t editDistance(std::string_view a, std::string_view b);

/// " (did you mean 'banks'?)" for the candidate nearest to `name`, or "" when none is close
/// (distance above a third of the name's length, at least 2).
std::string suggestion(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace xpusim
