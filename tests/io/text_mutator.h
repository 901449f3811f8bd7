// Seeded random edits of valid input files, for robustness tests of the readers: each call makes
// 1-4 edits (overwrite with any byte or with a byte from `alphabet`, insert, delete a run,
// truncate, duplicate a run). The same seed gives the same mutants on every platform.
#pragma once

#include <cstdint>
#include <random>
#include <string>

namespace kaesong::testing {

class TextMutator {
 public:
  TextMutator(std::uint64_t seed, std::string alphabet)
      : rng_(seed), alphabet_(std::move(alphabet)) {}

  std::string Mutate(std::string text) {
    const std::size_t edits = 1 + Below(4);
    for (std::size_t e = 0; e < edits && !text.empty(); ++e) {
      const std::size_t at = Below(text.size());
      switch (Below(6)) {
        case 0: text[at] = static_cast<char>(rng_() & 0xff); break;
        case 1: text[at] = alphabet_[Below(alphabet_.size())]; break;
        case 2: text.insert(at, 1, alphabet_[Below(alphabet_.size())]); break;
        case 3: text.erase(at, 1 + Below(8)); break;
        case 4: text.resize(at); break;
        case 5: text.insert(at, text.substr(Below(text.size()), 1 + Below(16))); break;
      }
    }
    return text;
  }

  // Uniform in [0, n), n >= 1.
  std::size_t Below(std::size_t n) { return static_cast<std::size_t>(rng_() % n); }

 private:
  std::mt19937_64 rng_;
  std::string alphabet_;
};

}  // namespace kaesong::testing
