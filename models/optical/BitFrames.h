#pragma once
#include <cstdint>
#include <vector>

namespace xpusim::optical {

/// A batch of binary DMD frames of `bits` pixels each (mirror on = 1), packed 64 per word.
/// Pixel i of a frame drives row i of the random matrix.
class BitFrames {
 public:
  explicit BitFrames(std::uint64_t bits = 0) : bits_(bits), wordsPerFrame_((bits + 63) / 64) {}

  /// Appends an all-dark frame and returns its index.
  std::size_t add() {
    words_.resize(words_.size() + wordsPerFrame_, 0);
    return count() - 1;
  }
  void set(std::size_t frame, std::uint64_t pixel) {
    words_[frame * wordsPerFrame_ + pixel / 64] |= std::uint64_t{1} << (pixel % 64);
  }
  bool get(std::size_t frame, std::uint64_t pixel) const {
    return (words_[frame * wordsPerFrame_ + pixel / 64] >> (pixel % 64)) & 1;
  }
  void clear() { words_.clear(); }

  std::uint64_t bits() const { return bits_; }
  std::size_t count() const { return wordsPerFrame_ ? words_.size() / wordsPerFrame_ : 0; }
  std::size_t wordsPerFrame() const { return wordsPerFrame_; }
  const std::uint64_t* frame(std::size_t f) const { return words_.data() + f * wordsPerFrame_; }
  /// Pixels switched on in frame `f`.
  std::uint64_t ones(std::size_t f) const {
    std::uint64_t n = 0;
    for (std::size_t w = 0; w < wordsPerFrame_; ++w) n += __builtin_popcountll(frame(f)[w]);
    return n;
  }

 private:
  std::uint64_t bits_;
  std::size_t wordsPerFrame_;
  std::vector<std::uint64_t> words_;
};

}  // namespace xpusim::optical
