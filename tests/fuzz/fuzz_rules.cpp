// The rule-file loaders: core/table.h's TSV reader and the time grammar (lexicon.tsv,
// mods.tsv, ranges.tsv, *.rules). The first byte chooses which file the rest becomes; the
// other files are the shipped ones. Properties: a malformed file is a Diagnostic with a line
// inside the file (never a crash); a grammar that loads tags a sample text with every timex
// inside it.
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "core/files.h"
#include "core/paths.h"
#include "core/table.h"
#include "fuzz.h"
#include "text/text.h"
#include "time/time.h"

namespace annals::fuzz {
namespace {

namespace fs = std::filesystem;

/// <tmp>/annals_fuzz_rules.<pid>/time/rules/en/ holding copies of the shipped time rules.
const fs::path& rules_root() {
  static const fs::path root = [] {
    fs::path r = fs::temp_directory_path() / ("annals_fuzz_rules." + std::to_string(::getpid()));
    fs::create_directories(r / "time/rules/en");
    return r;
  }();
  return root;
}

void put(const fs::path& p, std::string_view bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

constexpr std::array kRuleFiles = {"lexicon.tsv", "mods.tsv", "ranges.tsv", "offsets.tsv", "dates.rules"};

/// The shipped rule files' bytes, read once. (Copying them with fs::copy_file for every input
/// failed now and then with EINTR: libFuzzer's timer signal interrupts copy_file_range, which
/// libstdc++ does not retry; stream writes do.)
const std::array<std::string, kRuleFiles.size()>& shipped_rules() {
  static const auto files = [] {
    std::array<std::string, kRuleFiles.size()> out;
    const fs::path shipped = default_paths().rules / "time/rules/en";
    for (std::size_t k = 0; k < kRuleFiles.size(); ++k) {
      auto bytes = read_file(shipped / kRuleFiles[k]);
      if (!bytes) {
        std::fprintf(stderr, "fuzz_rules: %s\n", bytes.error().str().c_str());
        std::abort();
      }
      out[k] = std::move(*bytes);
    }
    return out;
  }();
  return files;
}

void reset_rules(const fs::path& en) {
  for (const auto& e : fs::directory_iterator(en)) fs::remove(e.path());
  for (std::size_t k = 0; k < kRuleFiles.size(); ++k) put(en / kRuleFiles[k], shipped_rules()[k]);
}

std::uint32_t lines_of(std::string_view s) {
  std::uint32_t n = 1;
  for (char c : s) n += c == '\n';
  return n;
}

}  // namespace

int rules(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned mode = data[0] % 4;
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  const fs::path en = rules_root() / "time/rules/en";

  if (mode == 3) {
    const std::size_t min_fields = (data[0] >> 2) % 4 + 1, max_fields = min_fields + (data[0] >> 4) % 3;
    put(en / "table.tsv", bytes);
    auto t = read_table(en / "table.tsv", min_fields, max_fields);
    if (!t) {
      ANNALS_FUZZ_CHECK(t.error().line <= lines_of(bytes), t.error().str());
      ANNALS_FUZZ_CHECK(t.error().status == Status::rules, t.error().str());
      return 0;
    }
    for (const auto& row : t->rows) {
      ANNALS_FUZZ_CHECK(row.fields.size() >= min_fields && row.fields.size() <= max_fields, "row width");
      ANNALS_FUZZ_CHECK(row.line >= 1 && row.line <= lines_of(bytes), "row line");
    }
    return 0;
  }

  reset_rules(en);
  // Mode 2 is mods.tsv, or ranges.tsv when the first byte's high bit is set (0x82, 0x86...).
  const char* target = mode == 0 ? "fuzz.rules" : mode == 1 ? "lexicon.tsv" : (data[0] & 0x80) ? "ranges.tsv" : "mods.tsv";
  put(en / target, bytes);
  Paths paths = default_paths();
  paths.rules = rules_root();
  auto tagger = time::Tagger::load(paths);
  if (!tagger) {
    const auto& d = tagger.error();
    ANNALS_FUZZ_CHECK(d.status == Status::rules, d.str());
    if (d.file == (en / target).string()) ANNALS_FUZZ_CHECK(d.line <= lines_of(bytes), d.str());
    return 0;
  }
  static const text::Segmenter segmenter;
  const auto doc = segmenter.segment(
      "sample.txt",
      "On March 14, 2016, two weeks later, in the 1970s and late 2012, every Monday at 3:30 p.m., "
      "the minister said the talks of 3/14/16 would resume next year. Fiscal year 2017 ends in Q3. "
      "It ran from 2001 to 2004, between May and June, in the 1980s and 1990s.");
  const date::year_month_day dct{date::year{2016}, date::month{3}, date::day{1}};
  const auto ts = tagger->tag(doc, dct);
  for (std::size_t i = 0; i < ts.size(); ++i) {
    const auto& t = ts[i];
    ANNALS_FUZZ_CHECK(t.span.begin < t.span.end && t.span.end <= doc.text.size(), "timex outside the text");
    if (t.interval) ANNALS_FUZZ_CHECK(t.interval->begin <= t.interval->end, "interval backwards");
    if (t.range_end >= 0) {
      ANNALS_FUZZ_CHECK(static_cast<std::size_t>(t.range_end) == i + 1, "a range joins neighbours");
      auto r = time::range_interval(ts, i);
      ANNALS_FUZZ_CHECK(r && r->begin <= r->end, "range backwards");
    }
  }
  return 0;
}

}  // namespace annals::fuzz

ANNALS_FUZZ_ENTRY(annals::fuzz::rules)
