// Shared by the fuzz targets: a property check that aborts (libFuzzer records the input as a
// crash), and a reader that turns fuzz bytes into choices and strings. Every target is a
// function annals::fuzz::<name>(data, size); fuzz_<name>.cpp ends with the libFuzzer entry point
// when built for libFuzzer (ANNALS_LIBFUZZER), and replay_test.cpp runs the same functions
// over the seed corpora and tests/fuzz/regressions/ in CTest, without libFuzzer (as
// fmtlib/fmt:test/fuzzing/main.cc replays saved inputs).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#define ANNALS_FUZZ_CHECK(cond, what)                                                   \
  do {                                                                                  \
    if (!(cond)) {                                                                      \
      std::fprintf(stderr, "%s:%d: fuzz property failed: %s (%s)\n", __FILE__, __LINE__, \
                   #cond, std::string(what).c_str());                                   \
      std::abort();                                                                     \
    }                                                                                   \
  } while (0)

namespace annals::fuzz {

/// Fuzz bytes read front to back as small integers and length-prefixed strings; reads past
/// the end give zeros and empty strings, so every input is a valid script.
class Bytes {
 public:
  Bytes(const std::uint8_t* data, std::size_t size) : p_(data), n_(size) {}
  bool empty() const { return i_ >= n_; }
  std::uint8_t byte() { return i_ < n_ ? p_[i_++] : 0; }
  /// An integer in [0, bound) (bound > 0).
  unsigned pick(unsigned bound) { return byte() % bound; }
  /// A string of up to 255 bytes: the length byte, then the bytes.
  std::string str() {
    std::size_t len = byte();
    if (len > n_ - std::min(i_, n_)) len = n_ - std::min(i_, n_);
    std::string s(reinterpret_cast<const char*>(p_ + i_), len);
    i_ += len;
    return s;
  }

 private:
  const std::uint8_t* p_;
  std::size_t n_;
  std::size_t i_ = 0;
};

int extract(const std::uint8_t* data, std::size_t size);
int timeml(const std::uint8_t* data, std::size_t size);
int graph_json(const std::uint8_t* data, std::size_t size);
int render(const std::uint8_t* data, std::size_t size);
int rules(const std::uint8_t* data, std::size_t size);

}  // namespace annals::fuzz

#ifdef ANNALS_LIBFUZZER
#define ANNALS_FUZZ_ENTRY(fn)                                                          \
  extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) { \
    return fn(data, size);                                                             \
  }
#else
#define ANNALS_FUZZ_ENTRY(fn)
#endif
