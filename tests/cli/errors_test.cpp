// Every user error of the annals tool: one line "annals: FILE:LINE:COL: what is wrong" on
// standard error, the exit status documented in docs/errors.md (core/diagnostic.h Status), no
// stack trace, no abort, and no output file touched by a failed or killed run.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <sys/stat.h>

#include "run.h"

namespace fs = std::filesystem;
using annals::test::one_line;
using annals::test::run;
using annals::test::ScratchDir;
using annals::test::slurp;
using annals::test::spill;

namespace {

constexpr int kFailure = 1, kUsage = 2, kInput = 3, kOutput = 4, kRules = 5;

const std::string kArticle = std::string(ANNALS_SOURCE_DIR) + "/examples/articles/coup_lesotho.txt";

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

/// Files in `dir` whose name starts with "." + `name` (write_file_atomic's temporaries).
std::vector<std::string> temporaries(const fs::path& dir, const std::string& name) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    auto f = e.path().filename().string();
    if (f != name && f.find(name) != std::string::npos) out.push_back(f);
  }
  return out;
}

/// Whether process `pid` has a file open in `dir` other than big.txt (its input).
bool writing(pid_t pid, const fs::path& dir) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/proc/" + std::to_string(pid) + "/fd", ec)) {
    auto target = fs::read_symlink(e.path(), ec).string();
    if (!ec && target.rfind(dir.string() + "/", 0) == 0 && target.find("big.txt") == std::string::npos &&
        target.find("/std") == std::string::npos)
      return true;
  }
  return false;
}

const char* kTimeml =
    "<?xml version=\"1.0\" ?>\n"
    "<TimeML>\n"
    "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2015-03-02\" functionInDocument=\"CREATION_TIME\">"
    "2015-03-02</TIMEX3></DCT>\n"
    "<TEXT>\n"
    "The talks resumed on Monday.\n"
    "</TEXT>\n"
    "</TimeML>\n";

}  // namespace

TEST_CASE("cli: a missing input file is status 3, naming the file") {
  ScratchDir d("annals_cli_missing");
  auto r = run({"extract", "--dct", "2015-03-02", (d / "nosuch.txt").string()}, d.path());
  CHECK(r.status == kInput);
  CHECK(one_line(r.err));
  CHECK(contains(r.err, "nosuch.txt: no such file or directory"));
  auto v = run({"validate", (d / "nosuch.json").string()}, d.path());
  CHECK(v.status == kInput);
  CHECK(one_line(v.err));
  CHECK(contains(v.err, "nosuch.json: cannot open"));
}

TEST_CASE("cli: an unreadable input file is status 3") {
  ScratchDir d("annals_cli_unreadable");
  // A directory where a file is expected: unreadable as a file, even for root.
  fs::create_directories(d / "graph.json");
  auto r = run({"validate", (d / "graph.json").string()}, d.path());
  CHECK(r.status == kInput);
  CHECK(one_line(r.err));
  CHECK(contains(r.err, "graph.json: is a directory, not a file"));

  // Mode 000: root still reads it, so this half only runs for other users.
  spill(d / "secret.json", "{}");
  ::chmod((d / "secret.json").c_str(), 0);
  if (::geteuid() != 0) {
    auto p = run({"validate", (d / "secret.json").string()}, d.path());
    CHECK(p.status == kInput);
    CHECK(one_line(p.err));
    CHECK(contains(p.err, "secret.json: cannot open: Permission denied"));
  }
}

TEST_CASE("cli: invalid UTF-8 is status 3 with its byte offset and line:col") {
  ScratchDir d("annals_cli_utf8");
  std::string text = "WASHINGTON, March 2, 2015 — Talks resumed.\nThe minister said \xC3\x28 nothing.\n";
  const auto offset = text.find('\xC3');
  spill(d / "bad.txt", text);
  auto r = run({"extract", "--dct", "2015-03-02", (d / "bad.txt").string()}, d.path());
  CHECK(r.status == kInput);
  CHECK(one_line(r.err));
  CHECK(contains(r.err, "bad.txt:2:19: invalid UTF-8 (byte offset " + std::to_string(offset) + ")"));
}

TEST_CASE("cli: TimeML that is not well-formed is status 3 at line:col") {
  ScratchDir d("annals_cli_timeml");
  std::string broken = kTimeml;
  broken.replace(broken.find("on Monday"), 9, "on <b>Monday");  // <b> never closed
  spill(d / "broken.tml", broken);
  auto r = run({"tag", (d / "broken.tml").string()}, d.path());
  CHECK(r.status == kInput);
  CHECK(one_line(r.err));
  CHECK(contains(r.err, "broken.tml:6:1: </TEXT> closes <b> opened at line 5"));

  spill(d / "unterminated.tml", std::string(kTimeml).substr(0, std::string(kTimeml).find("</TEXT>") + 3));
  auto u = run({"tag", (d / "unterminated.tml").string()}, d.path());
  CHECK(u.status == kInput);
  CHECK(one_line(u.err));
  CHECK(contains(u.err, "unterminated.tml:6:1: unterminated tag"));

  // The good document tags fine (the test above fails for the right reason).
  spill(d / "good.tml", kTimeml);
  auto g = run({"tag", (d / "good.tml").string()}, d.path());
  CHECK(g.status == 0);
  CHECK(contains(g.out, "<TIMEX3"));
}

TEST_CASE("cli: graph JSON failing the schema is status 1 with the JSON path") {
  ScratchDir d("annals_cli_schema");
  auto ok = run({"extract", "--dct", "2017-04-03", "-o", (d / "g.json").string(), kArticle}, d.path());
  REQUIRE(ok.status == 0);
  std::string g = slurp(d / "g.json");
  auto at = g.find("\"kind\": \"actor\"");
  REQUIRE(at != std::string::npos);
  g.replace(at, 15, "\"kind\": \"robot\"");
  spill(d / "bad.json", g);
  auto r = run({"validate", (d / "bad.json").string()}, d.path());
  CHECK(r.status == kFailure);
  CHECK(one_line(r.err));
  CHECK(contains(r.err, "bad.json: /nodes/"));
  CHECK(contains(r.err, "/kind"));

  auto v = run({"validate", (d / "g.json").string()}, d.path());
  CHECK(v.status == 0);
}

TEST_CASE("cli: a JSON syntax error is status 3 at line:col") {
  ScratchDir d("annals_cli_json");
  spill(d / "syntax.json", "{\n  \"documents\": [\n    oops\n  ]\n}\n");
  auto r = run({"validate", (d / "syntax.json").string()}, d.path());
  CHECK(r.status == kInput);
  CHECK(one_line(r.err));
  CHECK(contains(r.err, "syntax.json:3:5: not valid JSON"));

  auto m = run({"merge", (d / "syntax.json").string()}, d.path());
  CHECK(m.status == kInput);
  CHECK(contains(m.err, "syntax.json:3:5: not valid JSON"));
}

TEST_CASE("cli: an unknown option or verb is a usage error, status 2") {
  ScratchDir d("annals_cli_usage");
  auto r = run({"extract", "--frobnicate", kArticle}, d.path());
  CHECK(r.status == kUsage);
  CHECK(one_line(r.err));
  CHECK(contains(r.err, "--frobnicate"));
  auto v = run({"frobnicate"}, d.path());
  CHECK(v.status == kUsage);
  CHECK(one_line(v.err));
  auto n = run({}, d.path());
  CHECK(n.status == kUsage);
  CHECK(one_line(n.err));
}

TEST_CASE("cli: a --dct that is not a calendar date is status 2") {
  ScratchDir d("annals_cli_dct");
  for (const char* bad : {"2015-02-29", "2015-13-01", "yesterday", "2015-2-1"}) {
    CAPTURE(bad);
    auto r = run({"extract", "--dct", bad, kArticle}, d.path());
    CHECK(r.status == kUsage);
    CHECK(one_line(r.err));
    CHECK(contains(r.err, std::string("--dct: '") + bad + "' is not a calendar date YYYY-MM-DD"));
    auto t = run({"tag", "--dct", bad, kArticle}, d.path());
    CHECK(t.status == kUsage);
    CHECK(one_line(t.err));
    CHECK(contains(t.err, "--dct"));
  }
  auto leap = run({"extract", "--dct", "2016-02-29", kArticle}, d.path());
  CHECK(leap.status == 0);
}

TEST_CASE("cli: an unwritable output is status 4") {
  ScratchDir d("annals_cli_unwritable");
  auto r = run({"extract", "--dct", "2017-04-03", "-o", "/nonexistent/dir/x.json", kArticle}, d.path());
  CHECK(r.status == kOutput);
  CHECK(one_line(r.err));
  CHECK(contains(r.err, "/nonexistent/dir/x.json: cannot write: No such file or directory"));

  // The output is a directory.
  fs::create_directories(d / "out.json");
  auto o = run({"extract", "--dct", "2017-04-03", "-o", (d / "out.json").string(), kArticle}, d.path());
  CHECK(o.status == kOutput);
  CHECK(one_line(o.err));
  CHECK(contains(o.err, "out.json: cannot write: is a directory"));
  CHECK(temporaries(d.path(), "out.json").empty());

  auto t = run({"tag", "--dct", "2017-04-03", "-o", "/nonexistent/dir/x.tml", kArticle}, d.path());
  CHECK(t.status == kOutput);
  CHECK(one_line(t.err));
}

TEST_CASE("cli: an article with no dateline and no --dct is status 3") {
  ScratchDir d("annals_cli_nodct");
  spill(d / "nodate.txt", "Talks resumed in the capital.\n\nThe minister said nothing.\n");
  auto r = run({"extract", (d / "nodate.txt").string()}, d.path());
  CHECK(r.status == kInput);
  CHECK(one_line(r.err));
  CHECK(contains(r.err, "nodate.txt: no dateline"));
  CHECK(contains(r.err, "--dct"));
  auto t = run({"tag", (d / "nodate.txt").string()}, d.path());
  CHECK(t.status == kInput);
  CHECK(one_line(t.err));
  CHECK(contains(t.err, "nodate.txt: no document date"));
}

TEST_CASE("cli: a failed run leaves the previous output intact") {
  ScratchDir d("annals_cli_intact");
  const std::string sentinel = "{\"sentinel\": true}\n";
  spill(d / "out.json", sentinel);
  spill(d / "bad.txt", "WASHINGTON, March 2, 2015 — Talks \xFF resumed.\n");
  // The first input is fine, the second fails: nothing is written.
  auto r = run({"extract", "--dct", "2015-03-02", "-o", (d / "out.json").string(), kArticle,
                (d / "bad.txt").string()},
               d.path());
  CHECK(r.status == kInput);
  CHECK(slurp(d / "out.json") == sentinel);
  CHECK(temporaries(d.path(), "out.json").empty());

  spill(d / "out.tml", sentinel);
  spill(d / "broken.tml", "<TimeML><TEXT>x</TimeML>");
  auto t = run({"tag", "-o", (d / "out.tml").string(), (d / "broken.tml").string()}, d.path());
  CHECK(t.status == kInput);
  CHECK(slurp(d / "out.tml") == sentinel);
}

TEST_CASE("cli: a run killed mid-write leaves no partial file at the output path") {
  ScratchDir d("annals_cli_kill");
  // A big input (the article repeated) so that the run lasts long enough to be killed.
  std::string article = slurp(kArticle);
  std::string big;
  while (big.size() < 1u << 20) big += article.substr(article.find('\n') + 1);
  spill(d / "big.txt", big);
  const std::string sentinel = "{\"sentinel\": true}\n";
  const fs::path out = d / "out.json";

  // Kill at several moments: early, late, and the moment a temporary appears beside the output.
  // Whatever the moment, the output path holds the sentinel or a complete graph, never a part.
  int killed = 0;
  for (int delay_ms : {50, 500, -1}) {
    CAPTURE(delay_ms);
    spill(out, sentinel);
    pid_t pid = annals::test::spawn({"extract", "--dct", "2017-04-03", "-o", out.string(), (d / "big.txt").string()},
                                    d.path());
    REQUIRE(pid > 0);
    if (delay_ms >= 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    } else {
      // Poll until the run holds a file open in the output folder other than its input: the
      // temporary being written (unnamed, so /proc shows it "(deleted)" or named ".out.json.*").
      // Give up when the run ends or after 120 s.
      auto until = std::chrono::steady_clock::now() + std::chrono::seconds(120);
      while (!writing(pid, d.path()) && std::chrono::steady_clock::now() < until) {
        int ws = 0;
        if (::waitpid(pid, &ws, WNOHANG) == pid) {
          pid = -1;
          break;
        }
      }
    }
    if (pid > 0) {
      if (delay_ms < 0) MESSAGE("killed while writing a temporary");
      ::kill(pid, SIGKILL);
      killed += annals::test::wait_status(pid) == 128 + SIGKILL;
    }
    std::string now = slurp(out);
    bool intact = now == sentinel;
    bool complete = now.size() > sentinel.size() && now.back() == '\n' && now.rfind("}\n") == now.size() - 2;
    CHECK((intact || complete));
    // A SIGKILL cannot clean up after itself: the temporary must not have a name (O_TMPFILE).
    CHECK(temporaries(d.path(), "out.json").empty());
  }
  CHECK(killed >= 1);
}

TEST_CASE("cli: a missing or malformed rule file is status 5 at file:line:col") {
  ScratchDir d("annals_cli_rules");
  auto none = run({"extract", "--dct", "2017-04-03", kArticle}, d.path(), {"ANNALS_RULES=" + (d / "nosuch").string()});
  CHECK(none.status == kRules);
  CHECK(one_line(none.err));
  CHECK(contains(none.err, "nosuch/"));

  // A copy of the shipped rules with one bad line in the time grammar.
  const fs::path lib = fs::path(ANNALS_SOURCE_DIR) / "lib";
  for (const auto& e : fs::recursive_directory_iterator(lib)) {
    auto rel = fs::relative(e.path(), lib);
    if (e.is_directory()) fs::create_directories(d / "rules" / rel);
    else if (rel.string().find("/rules/") != std::string::npos) fs::copy_file(e.path(), d / "rules" / rel);
  }
  spill(d / "rules/time/rules/en/zz_bad.rules", "# a comment\n\nbad_rule\t<no_such_class>\tpoint\n");
  auto bad = run({"extract", "--dct", "2017-04-03", kArticle}, d.path(), {"ANNALS_RULES=" + (d / "rules").string()});
  CHECK(bad.status == kRules);
  CHECK(one_line(bad.err));
  CHECK(contains(bad.err, "zz_bad.rules:3:"));

  // One bad line appended to a shipped table: the error names that line and says what is
  // wrong; the table is restored afterwards.
  fs::remove(d / "rules/time/rules/en/zz_bad.rules");
  auto bad_line = [&](const std::string& table, const std::string& line, const std::string& says) {
    const fs::path file = d / "rules" / table;
    const auto lines = slurp(file);
    const auto n = std::count(lines.begin(), lines.end(), '\n') + 1;
    spill(file, lines + line + "\n");
    auto r = run({"extract", "--dct", "2017-04-03", kArticle}, d.path(), {"ANNALS_RULES=" + (d / "rules").string()});
    spill(file, lines);
    CHECK(r.status == kRules);
    CHECK(one_line(r.err));
    CHECK_MESSAGE(contains(r.err, file.filename().string() + ":" + std::to_string(n) + ":"), r.err);
    CHECK_MESSAGE(contains(r.err, says), r.err);
  };
  // A lexicon's optional column takes only its documented word.
  bad_line("actors/rules/en/groups.tsv", "strikers\tmob", "'mob'");
  // The verb fallback names WordNet's files as lexnames(5WN) spells them.
  bad_line("events/rules/en/verb_files.tsv", "verb.dreams", "not a WordNet verb file: 'verb.dreams'");
  // A trigger listed twice would silently lose its second line.
  bad_line("events/rules/en/triggers.tsv", "meet\tverb\tattack", "'meet' is already a verb trigger");

  auto schema = run({"validate", kArticle}, d.path(), {"ANNALS_SCHEMAS=" + (d / "nosuch").string()});
  CHECK(schema.status == kRules);
  CHECK(one_line(schema.err));
  CHECK(contains(schema.err, "graph.schema.json"));
}

TEST_CASE("cli: bad option values are usage errors, status 2") {
  ScratchDir d("annals_cli_values");
  auto f = run({"extract", "--dct", "2017-04-03", "--format", "gif", kArticle}, d.path());
  CHECK(f.status == kUsage);
  CHECK(one_line(f.err));
  CHECK(contains(f.err, "--format: unknown format 'gif'"));
  auto p = run({"extract", "--dct", "2017-04-03", "--format", "png", kArticle}, d.path());
  CHECK(p.status == kUsage);
  CHECK(one_line(p.err));
  CHECK(contains(p.err, "png output needs -o FILE"));
  auto t = run({"tag", "--format", "xml", kArticle}, d.path());
  CHECK(t.status == kUsage);
  CHECK(one_line(t.err));
  auto r = run({"render", "--format", "gif", kArticle}, d.path());
  CHECK(r.status == kUsage);
  CHECK(one_line(r.err));
  CHECK(contains(r.err, "--format: unknown format 'gif'"));
}

TEST_CASE("cli: every verb reports a missing input the same way") {
  ScratchDir d("annals_cli_verbs");
  const std::string missing = (d / "nosuch.tml").string();
  for (std::vector<std::string> args : {std::vector<std::string>{"tag", "--dct", "2015-03-02", missing},
                                        std::vector<std::string>{"merge", missing},
                                        std::vector<std::string>{"render", missing}}) {
    CAPTURE(args[0]);
    auto r = run(args, d.path());
    CHECK(r.status == kInput);
    CHECK(one_line(r.err));
    CHECK(contains(r.err, "nosuch.tml: "));
  }
}

TEST_CASE("cli: tag refuses invalid UTF-8 too (its TimeML would not be XML)") {
  ScratchDir d("annals_cli_tag_utf8");
  const std::string text = "WASHINGTON, March 2, 2015 — Talks \xED\xA0\x80 resumed on Monday.\n";  // a surrogate
  const auto offset = text.find('\xED');
  spill(d / "bad.txt", text);
  auto r = run({"tag", (d / "bad.txt").string()}, d.path());
  CHECK(r.status == kInput);
  CHECK(one_line(r.err));
  CHECK(contains(r.err, "bad.txt:1:" + std::to_string(offset + 1) + ": invalid UTF-8 (byte offset " +
                            std::to_string(offset) + ")"));
}

TEST_CASE("cli: an output that is a pipe, a device or a link is written through, not replaced") {
  // Renaming a temporary over -o /dev/null used to replace the device node with a file (as root).
  ScratchDir d("annals_cli_special");
  const fs::path fifo = d / "pipe.json";
  REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  std::string got;
  std::thread reader([&] { got = slurp(fifo); });
  auto r = run({"extract", "--dct", "2017-04-03", "-o", fifo.string(), kArticle}, d.path());
  reader.join();
  CHECK(r.status == 0);
  CHECK(fs::is_fifo(fifo));
  CHECK(got.rfind("{\n", 0) == 0);
  CHECK(temporaries(d.path(), "pipe.json").empty());

  // A symbolic link stays a link; the file it points to gets the output, with its mode kept.
  spill(d / "real.json", "old\n");
  ::chmod((d / "real.json").c_str(), 0600);
  fs::create_symlink("real.json", d / "link.json");
  auto l = run({"extract", "--dct", "2017-04-03", "-o", (d / "link.json").string(), kArticle}, d.path());
  CHECK(l.status == 0);
  CHECK(fs::is_symlink(d / "link.json"));
  CHECK(slurp(d / "real.json").rfind("{\n", 0) == 0);
  CHECK((fs::status(d / "real.json").permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
}

TEST_CASE("cli: a JSON number too large for a double is status 3, not an abort") {
  // Found by fuzz_graph_json: nlohmann's out_of_range 406 escaped parse_json.
  ScratchDir d("annals_cli_json_overflow");
  spill(d / "big.json", "{\"documents\": [1.5e99999]}\n");
  auto r = run({"validate", (d / "big.json").string()}, d.path());
  CHECK(r.status == kInput);
  CHECK(one_line(r.err));
  CHECK(contains(r.err, "big.json: not valid JSON: number overflow"));
}

// --per-doc writes each document's graph as soon as it is extracted and says so, one line per
// file once it is in place: when a later document fails, stderr lists exactly the files on
// disk, then the error.
TEST_CASE("cli: --per-doc reports exactly the documents it wrote") {
  ScratchDir d("annals_cli_perdoc");
  const std::string good = "WASHINGTON, March 2, 2015 — The senators met the envoy of Peru on Monday.\n";
  spill(d / "a.txt", good);
  spill(d / "b.txt", good);
  spill(d / "c.txt", "WASHINGTON, March 2, 2015 — Talks \xFF resumed.\n");
  spill(d / "e.txt", good);
  const auto out = d / "out";  // made by annals
  auto r = run({"extract", "--per-doc", out.string(), "-o", (d / "all.json").string(), (d / "a.txt").string(),
                (d / "b.txt").string(), (d / "c.txt").string(), (d / "e.txt").string()},
               d.path());
  CHECK(r.status == kInput);
  CHECK(r.err == "annals: wrote " + (out / "a.json").string() + "\nannals: wrote " + (out / "b.json").string() +
                     "\nannals: " + (d / "c.txt").string() + ":1:37: invalid UTF-8 (byte offset 36)\n");
  CHECK(fs::exists(out / "a.json"));
  CHECK(fs::exists(out / "b.json"));
  CHECK(!fs::exists(out / "c.json"));
  CHECK(!fs::exists(out / "e.json"));
  CHECK(!fs::exists(d / "all.json"));  // the merged graph is all or nothing
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(out)) ++files;
  CHECK(files == 2);  // no temporaries left

  // All good: every document reported, in input order, and the merged graph written.
  auto ok = run({"extract", "--per-doc", out.string(), "-o", (d / "all.json").string(), (d / "e.txt").string(),
                 (d / "a.txt").string()},
                d.path());
  CHECK(ok.status == 0);
  CHECK(ok.err == "annals: wrote " + (out / "e.json").string() + "\nannals: wrote " + (out / "a.json").string() + "\n");
  CHECK(fs::exists(d / "all.json"));
}

TEST_CASE("cli: --per-doc refuses two inputs that would write one file") {
  ScratchDir d("annals_cli_perdoc_clash");
  fs::create_directories(d / "x");
  fs::create_directories(d / "y");
  const std::string good = "WASHINGTON, March 2, 2015 — The senators met the envoy of Peru on Monday.\n";
  spill(d / "x" / "a.txt", good);
  spill(d / "y" / "a.txt", good);
  auto r = run({"extract", "--per-doc", (d / "out").string(), (d / "x" / "a.txt").string(),
                (d / "y" / "a.txt").string()},
               d.path());
  CHECK(r.status == kUsage);
  CHECK(one_line(r.err));
  CHECK(contains(r.err, "would both write"));
  CHECK(!fs::exists(d / "out" / "a.json"));
}
