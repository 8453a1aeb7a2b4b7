// TempEval-3 regression: the tagger runs in-process over the training corpus (TimeBank +
// AQUAINT, ../shared/corpus/tempeval3-train), its TimeML goes to a temp folder, and the shared
// scorer (../shared/tools/timeml-score) grades it. Relaxed-span F1 and value F1 must not fall
// below the floors, which ratchet up with the rules (issue 3). Also: values do not depend on
// the machine's time zone.
#include <doctest/doctest.h>

#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "core/files.h"
#include "core/paths.h"
#include "text/text.h"
#include "time/time.h"

namespace fs = std::filesystem;
using namespace annals;

// doctest streams the message with a binary operator: keep a built string in one piece.
#define CHECK_MSG(cond, ...) CHECK_MESSAGE(cond, std::string(__VA_ARGS__))
#define REQUIRE_MSG(cond, ...) REQUIRE_MESSAGE(cond, std::string(__VA_ARGS__))

namespace {

// Floors: the figures reached on 2026-12-02 (relaxed 0.9463, value 0.8196; see docs/time.md)
// minus 0.005. Raise them when the rules improve; never lower them to make a change pass.
constexpr double kRelaxedF1Floor = 0.941;
constexpr double kValueF1Floor = 0.814;

fs::path shared_dir() { return fs::path(ANNALS_SHARED_DIR); }
fs::path corpus_dir() { return shared_dir() / "corpus/tempeval3-train/TBAQ-cleaned"; }
fs::path scorer() { return shared_dir() / "tools/timeml-score"; }

struct Engine {
  text::Segmenter segmenter;
  text::PosTagger pos;
  time::Tagger tagger;
};

const Engine& engine() {
  static const Engine e = [] {
    Paths p = default_paths();
    p.rules = fs::path(ANNALS_SOURCE_DIR) / "lib";
    auto s = text::Segmenter::load(p);
    if (!s) FAIL(std::string(s.error().str()));
    auto pos = text::PosTagger::load(p);
    if (!pos) FAIL(std::string(pos.error().str()));
    auto t = time::Tagger::load(p);
    if (!t) FAIL(std::string(t.error().str()));
    return Engine{std::move(*s), std::move(*pos), std::move(*t)};
  }();
  return e;
}

/// What `annals tag --format timeml` writes for a .tml file.
std::string tag_timeml(const fs::path& file, std::string bytes) {
  auto tml = time::read_timeml(file.string(), std::move(bytes));
  REQUIRE_MSG(tml, std::string(tml ? "" : tml.error().str()));
  REQUIRE_MSG(tml->dct, file.string() + ": no DCT");
  text::Document doc = engine().segmenter.segment(file.string(), tml->text);
  engine().pos.tag(doc);
  return time::write_timeml(*tml, engine().tagger.tag(doc, *tml->dct));
}

std::string run(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> p(popen(command.c_str(), "r"), pclose);
  REQUIRE_MSG(p, "cannot run: " + command);
  std::string out;
  std::array<char, 4096> buf;
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), p.get())) out.append(buf.data(), n);
  return out;
}

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

}  // namespace

TEST_CASE("TempEval-3 training corpus: relaxed F1 and value F1 hold their floors") {
  REQUIRE_MSG(fs::is_directory(corpus_dir()),
                  "TempEval-3 gold not found at " + corpus_dir().string() +
                      " (set -DANNALS_SHARED_DIR to the shared folder; CI has it)");
  REQUIRE_MSG(fs::exists(scorer()), "scorer not found at " + scorer().string());
  const fs::path out = fs::temp_directory_path() / ("annals-tempeval-" + std::to_string(getpid()));
  fs::remove_all(out);
  int files = 0;
  for (const char* sub : {"TimeBank", "AQUAINT"}) {
    fs::create_directories(out / sub);
    std::vector<fs::path> inputs;
    for (const auto& e : fs::directory_iterator(corpus_dir() / sub))
      if (e.path().extension() == ".tml") inputs.push_back(e.path());
    for (const auto& in : inputs) {
      auto bytes = read_file(in);
      REQUIRE_MSG(bytes, in.string());
      auto written = write_file_atomic(out / sub / in.filename(), tag_timeml(in, std::move(*bytes)));
      REQUIRE_MSG(written, (out / sub / in.filename()).string());
      ++files;
    }
  }
  CHECK(files == 256);
  // The scorer's JSON, reduced to two numbers by Python itself (no JSON parser in this stage).
  const std::string cmd = "python3 " + quoted(scorer()) + " --json " + quoted(corpus_dir()) + " " + quoted(out) +
                          " | python3 -c \"import json,sys; a=json.load(sys.stdin)['all']; "
                          "print(a['relaxed']['f1'], a['value']['f1'], a['strict']['f1'], a['type']['f1'])\"";
  std::istringstream figures(run(cmd));
  double relaxed = -1, value = -1, strict = -1, type = -1;
  figures >> relaxed >> value >> strict >> type;
  fs::remove_all(out);
  MESSAGE("TempEval-3 train: strict F1 " << strict << ", relaxed F1 " << relaxed << ", value F1 " << value
                                         << ", type F1 " << type);
  REQUIRE_MSG(relaxed >= 0, "the scorer gave no figures: " + cmd);
  CHECK(relaxed >= kRelaxedF1Floor);
  CHECK(value >= kValueF1Floor);
}

TEST_CASE("values do not depend on the time zone (TZ)") {
  const std::string text =
      "On Monday, Oct. 26, officials said that yesterday at 11:30 p.m. EST the talks, which began "
      "last week, collapsed. Sales fell in the third quarter, from a year earlier; the vote is "
      "set for Friday night and for early next year. Two years ago, in the late 1990s, prices rose.";
  const date::year_month_day dct{date::year{1998}, date::month{10}, date::day{25}};
  auto values = [&] {
    text::Document doc = engine().segmenter.segment("tz", text);
    engine().pos.tag(doc);
    std::string out;
    for (const auto& t : engine().tagger.tag(doc, dct)) out += t.value + " " + std::string(time::to_string(t.mod)) + ";";
    return out;
  };
  const char* old = std::getenv("TZ");
  const std::string saved = old ? old : "";
  setenv("TZ", "UTC", 1);
  tzset();
  const std::string utc = values();
  CHECK(utc.find("1998-10-26") != std::string::npos);
  for (const char* tz : {"America/Los_Angeles", "Asia/Kolkata", "Pacific/Kiritimati", "Etc/GMT+12", "Europe/London"}) {
    setenv("TZ", tz, 1);
    tzset();
    CHECK_MSG(values() == utc, std::string("TZ=") + tz);
  }
  if (old) setenv("TZ", saved.c_str(), 1);
  else unsetenv("TZ");
  tzset();
}
