// "Did you mean" for misspelt scenario keys: the closest valid key by optimal-string-alignment
// (Damerau-Levenshtein with adjacent transpositions) distance, or a key in another section with
// the same last component (e.g. "pyongyang.pi" -> "seoul.pi").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kaesong::io {

// Edits (insertions, deletions, substitutions, adjacent transpositions) turning a into b.
int EditDistance(std::string_view a, std::string_view b);

// The suggestion for `unknown` among `candidates` (dotted keys), or nullopt when nothing is close:
// the first candidate at the smallest distance if that distance is at most 2 (at most 1 for keys
// of four characters or fewer); otherwise the first candidate whose last component equals the
// unknown key's last component.
std::optional<std::string> SuggestKey(std::string_view unknown,
                                      const std::vector<std::string>& candidates);

}  // namespace kaesong::io
