// Resource limits: inputs built to hurt (a 10 MB line, one event repeated through 10 MB, a
// million tokens with no sentence end, a 1 GB document, TimeML and JSON nested 100,000 deep)
// run through the annals binary in bounded CPU time and memory, with no crash (no recursion on
// input depth, no quadratic scan). The bounds are resource limits, not timings: the run gets
// an RLIMIT_CPU ten times what it needs here and a peak resident memory ceiling, so a
// quadratic path or a blow-up fails the test while a loaded machine does not. Timings are
// printed (doctest -s) and measured in bench/, not asserted.
#include <doctest/doctest.h>

#include <csignal>
#include <string>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../cli/run.h"

using annals::test::one_line;
using annals::test::run;
using annals::test::ScratchDir;
using annals::test::spawn;
using annals::test::spill;
using annals::test::wait_status;

namespace {

#if defined(__SANITIZE_ADDRESS__)
#define ANNALS_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ANNALS_SANITIZED 1
#endif
#endif
#ifdef ANNALS_SANITIZED
// ASan + UBSan in Debug runs the pipeline about 25 times slower (the 10 MB line: 216 s against
// 8.6 s): sanitizer builds run inputs a tenth the size, with looser bounds, to stay in CI time.
constexpr double kSlow = 6;
constexpr std::size_t kShrink = 10;
#else
constexpr double kSlow = 1;
constexpr std::size_t kShrink = 1;
#endif

/// CPU seconds a run may use: ten times the slowest case here (17 s, the repeated event).
constexpr rlim_t kCpuSeconds = static_cast<rlim_t>(180 * kSlow);
constexpr long kMaxRssKb = static_cast<long>(1536 * 1024 * kSlow);  // 1.5 GB, more under ASan
constexpr int kOverCpu = 128 + SIGXCPU;

void report(const char* what, const annals::test::Result& r) {
  MESSAGE(std::string(what) << ": status " << r.status << ", " << r.seconds << " s, " << r.max_rss_kb / 1024 << " MB");
  if (r.status == kOverCpu) MESSAGE(what << ": stopped after " << kCpuSeconds << " CPU seconds (quadratic or looping?)");
}

/// `unit` repeated to `bytes` after `head`, built in one allocation.
std::string repeat(std::string head, const std::string& unit, std::size_t bytes) {
  head.reserve(bytes + unit.size());
  while (head.size() < bytes) head += unit;
  return head;
}

}  // namespace

TEST_CASE("limits: a 10 MB document on one line") {
  ScratchDir d("annals_limits_line");
  std::string text = "LONDON, March 2, 2015 — ";
  const std::string sentences[] = {"The weather was mild and the streets of the old town were calm in the morning. ",
                                   "Shops opened late, and a few buses ran along the river. "};
  for (std::size_t k = 0; text.size() < (10u << 20) / kShrink; ++k) text += sentences[k % 2];  // no newline at all
  spill(d / "line.txt", text);
  auto r = run({"extract", "-o", (d / "out.json").string(), (d / "line.txt").string()}, d.path(), {}, kCpuSeconds);
  report("10 MB line", r);
  CHECK(r.status == 0);
  CHECK(r.max_rss_kb < kMaxRssKb);
}

// One actor and one event repeated through a long document: every mention merges into the
// same node. That was quadratic (each merge copied the node's mention list, and "the minister"
// looked back through every mention): 254 s for 10 MB, now 17 s and linear.
TEST_CASE("limits: a 10 MB document repeating one event") {
  ScratchDir d("annals_limits_repeat");
  spill(d / "repeat.txt", repeat("LONDON, March 2, 2015 — ", "The minister met the envoy of France in Paris on Monday. ",
                                 (10u << 20) / kShrink));
  auto r = run({"extract", "-o", (d / "out.json").string(), (d / "repeat.txt").string()}, d.path(), {}, kCpuSeconds);
  report("10 MB repeating one event", r);
  CHECK(r.status == 0);
  CHECK(r.max_rss_kb < kMaxRssKb);
}

TEST_CASE("limits: a million tokens without a sentence end") {
  ScratchDir d("annals_limits_tokens");
  std::string text;
  text.reserve(6u << 20);
  for (std::size_t k = 0; k < 500000 / kShrink; ++k) text += k % 50 == 0 ? "France attacked " : "the army ";  // 2 tokens each
  spill(d / "tokens.txt", text);
  auto r = run({"extract", "--dct", "2015-03-02", "-o", (d / "out.json").string(), (d / "tokens.txt").string()},
               d.path(), {}, kCpuSeconds);
  report("10^6 tokens", r);
  CHECK(r.status == 0);
  CHECK(r.max_rss_kb < kMaxRssKb);

  auto t = run({"tag", "--dct", "2015-03-02", "-o", (d / "out.tml").string(), (d / "tokens.txt").string()},
               d.path(), {}, kCpuSeconds);
  report("10^6 tokens, tag", t);
  CHECK(t.status == 0);
}

TEST_CASE("limits: TimeML nested 100,000 deep") {
  ScratchDir d("annals_limits_nested");
  std::string tml = "<TimeML><DCT><TIMEX3 value=\"2015-03-02\">x</TIMEX3></DCT><TEXT>";
  for (int k = 0; k < 100000; ++k) tml += "<s>";
  tml += "on Monday";
  for (int k = 0; k < 100000; ++k) tml += "</s>";
  tml += "</TEXT></TimeML>\n";
  spill(d / "deep.tml", tml);
  auto r = run({"tag", "-o", (d / "out.tml").string(), (d / "deep.tml").string()}, d.path(), {}, kCpuSeconds);
  report("nested TimeML", r);
  CHECK(r.status == 0);
  CHECK(r.max_rss_kb < kMaxRssKb);

  // Unbalanced at depth: an error at line:col, not a crash.
  tml.replace(tml.find("</s></TEXT>"), 4, "</p>");
  spill(d / "deep_bad.tml", tml);
  auto b = run({"tag", "-o", (d / "out.tml").string(), (d / "deep_bad.tml").string()}, d.path(), {}, kCpuSeconds);
  CHECK(b.status == 3);
  CHECK(one_line(b.err));
}

TEST_CASE("limits: graph JSON nested 100,000 deep") {
  ScratchDir d("annals_limits_json");
  std::string json(100000, '[');
  json += std::string(100000, ']');
  spill(d / "deep.json", json);
  auto r = run({"validate", (d / "deep.json").string()}, d.path(), {}, kCpuSeconds);
  report("nested JSON", r);
  CHECK((r.status == 1 || r.status == 3));
  CHECK(one_line(r.err));
}

// A 1 GB document is over the default --max-doc-size (64 MiB): refused from its size before a
// byte is read, so neither time nor memory grows with it. The file is sparse: no disk is used.
TEST_CASE("limits: a 1 GB document is refused before it is read") {
  ScratchDir d("annals_limits_gigabyte");
  const auto big = d / "big.txt";
  spill(big, "LONDON, March 2, 2015 — The talks ended.");
  std::filesystem::resize_file(big, std::uintmax_t{1} << 30);
  for (const char* verb : {"extract", "tag"}) {
    auto r = run({verb, "--dct", "2015-03-02", "-o", (d / "out").string(), big.string()}, d.path(), {}, kCpuSeconds);
    report(verb, r);
    CHECK(r.status == 3);
    CHECK(one_line(r.err));
    CHECK(r.err.find("document of 1 GiB is over the limit of 64 MiB") != std::string::npos);
    CHECK(r.max_rss_kb < 256 * 1024);
    CHECK(!std::filesystem::exists(d / "out"));
  }
}

// The same through a pipe, whose size is not known: annals stops reading one byte past the
// limit (here 8M), so a writer pushing 1 GB at it is cut off with EPIPE long before the end.
TEST_CASE("limits: a 1 GB stream is cut off at the limit") {
  ScratchDir d("annals_limits_stream");
  const auto fifo = d / "in.fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  pid_t pid = spawn({"tag", "--dct", "2015-03-02", "--max-doc-size", "8M", "-o", (d / "out.tml").string(),
                     fifo.string()},
                    d.path());
  REQUIRE(pid > 0);
  std::signal(SIGPIPE, SIG_IGN);
  int fd = ::open(fifo.c_str(), O_WRONLY);
  REQUIRE(fd >= 0);
  const std::string chunk = repeat("", "The talks went on and on. ", 1 << 16);
  std::uint64_t written = 0;
  while (written < (std::uint64_t{1} << 30)) {
    ssize_t n = ::write(fd, chunk.data(), chunk.size());
    if (n <= 0) break;  // EPIPE: annals closed its end
    written += static_cast<std::uint64_t>(n);
  }
  ::close(fd);
  long rss = 0;
  int status = wait_status(pid, &rss);
  std::signal(SIGPIPE, SIG_DFL);
  auto err = annals::test::slurp(d / "stderr");
  MESSAGE("stream: wrote " << written / (1 << 20) << " MB before annals stopped, status " << status << ", " << rss / 1024 << " MB");
  CHECK(status == 3);
  CHECK(one_line(err));
  CHECK(err.find("is over the limit of 8 MiB") != std::string::npos);
  CHECK(written < (std::uint64_t{64} << 20));
  CHECK(!std::filesystem::exists(d / "out.tml"));
}

// --max-doc-size is exact: a document of exactly the limit is read, one byte more is not.
TEST_CASE("limits: --max-doc-size takes a document of exactly its size") {
  ScratchDir d("annals_limits_exact");
  std::string text = repeat("PARIS, May 3, 2016 — ", "The talks ended on Monday. ", 4000);
  text.resize(4096);
  spill(d / "a.txt", text);
  auto ok = run({"tag", "--max-doc-size", "4K", "-o", (d / "a.tml").string(), (d / "a.txt").string()}, d.path());
  CHECK(ok.status == 0);
  auto over = run({"tag", "--max-doc-size", "4095", "-o", (d / "b.tml").string(), (d / "a.txt").string()}, d.path());
  CHECK(over.status == 3);
  CHECK(one_line(over.err));
  auto bad = run({"extract", "--max-doc-size", "lots", (d / "a.txt").string()}, d.path());
  CHECK(bad.status == 2);
  CHECK(one_line(bad.err));
}
