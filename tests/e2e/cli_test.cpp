// The annals command line end to end, as a user runs it: extract → validate → render, the
// --format shortcut, and merge, which must give the graph extracted from all articles at once.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include "core/files.h"

namespace fs = std::filesystem;

namespace {

const std::string kSeed = std::string(ANNALS_SHARED_DIR) + "/corpus/seed/000_a75e99230a755c6b.txt";
const std::string kArticleA = "examples/articles/sanctions_us_venezuela_gold.txt";
const std::string kArticleB = "examples/articles/earthquake_peru.txt";

struct Result {
  int status = -1;
  std::string out;  // stdout and stderr
};

Result run_annals(const std::string& args) {
  std::string cmd = std::string(ANNALS_BINARY) + " " + args + " 2>&1";
  Result r;
  FILE* f = popen(cmd.c_str(), "r");
  REQUIRE(f);
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, f)) r.out.append(buf, n);
  int st = pclose(f);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("annals-e2e-" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

std::string slurp(const std::string& path) {
  auto r = annals::read_file(path);
  REQUIRE_MESSAGE(r, path);
  return *r;
}

}  // namespace

TEST_CASE("extract reads the dateline, writes JSON that validate accepts, and prints the table") {
  TempDir dir;
  auto r = run_annals("extract " + kSeed + " -o " + (dir / "g.json") + " --table");
  REQUIRE_MESSAGE(r.status == 0, r.out);
  CHECK(r.out.find("actor") != std::string::npos);  // the table's header
  CHECK(r.out.find("North Korea") != std::string::npos);
  CHECK(r.out.find("sanction") != std::string::npos);
  auto v = run_annals("validate " + (dir / "g.json"));
  CHECK_MESSAGE(v.status == 0, v.out);
  CHECK(slurp(dir / "g.json").find("\"dct\": \"2016-03-14\"") != std::string::npos);
}

TEST_CASE("extract is deterministic") {
  TempDir dir;
  REQUIRE(run_annals("extract " + kArticleA + " " + kSeed + " -o " + (dir / "1.json")).status == 0);
  REQUIRE(run_annals("extract " + kArticleA + " " + kSeed + " -o " + (dir / "2.json")).status == 0);
  CHECK(slurp(dir / "1.json") == slurp(dir / "2.json"));
}

TEST_CASE("render writes DOT and SVG; extract --format is the shortcut") {
  TempDir dir;
  REQUIRE(run_annals("extract " + kSeed + " -o " + (dir / "g.json")).status == 0);
  auto d = run_annals("render --format dot -o " + (dir / "g.dot") + " " + (dir / "g.json"));
  REQUIRE_MESSAGE(d.status == 0, d.out);
  auto dot = slurp(dir / "g.dot");
  CHECK(dot.starts_with("digraph"));
  CHECK(dot.find("2002") != std::string::npos);
  auto s = run_annals("render --format svg -o " + (dir / "g.svg") + " " + (dir / "g.json"));
  REQUIRE_MESSAGE(s.status == 0, s.out);
  auto svg = slurp(dir / "g.svg");
  CHECK(svg.find("<svg") != std::string::npos);
  CHECK(svg.find("</svg>") != std::string::npos);
  auto x = run_annals("extract --format svg -o " + (dir / "x.svg") + " " + kSeed);
  REQUIRE_MESSAGE(x.status == 0, x.out);
  CHECK(slurp(dir / "x.svg") == svg);
}

TEST_CASE("merge of per-article graphs equals the graph of all articles at once") {
  TempDir dir;
  const std::string all = kSeed + " " + kArticleA + " " + kArticleB;
  REQUIRE(run_annals("extract " + all + " -o " + (dir / "all.json")).status == 0);
  REQUIRE(run_annals("extract " + kSeed + " -o " + (dir / "s.json")).status == 0);
  REQUIRE(run_annals("extract " + kArticleA + " -o " + (dir / "a.json")).status == 0);
  REQUIRE(run_annals("extract " + kArticleB + " -o " + (dir / "b.json")).status == 0);
  REQUIRE(run_annals("merge " + (dir / "b.json") + " " + (dir / "s.json") + " " + (dir / "a.json") + " -o " + (dir / "m1.json")).status == 0);
  REQUIRE(run_annals("merge " + (dir / "a.json") + " " + (dir / "b.json") + " -o " + (dir / "ab.json")).status == 0);
  REQUIRE(run_annals("merge " + (dir / "s.json") + " " + (dir / "ab.json") + " -o " + (dir / "m2.json")).status == 0);
  CHECK(slurp(dir / "m1.json") == slurp(dir / "all.json"));
  CHECK(slurp(dir / "m2.json") == slurp(dir / "all.json"));
}

TEST_CASE("validate rejects a broken graph with the JSON path") {
  TempDir dir;
  REQUIRE(annals::write_file_atomic(dir / "bad.json",
                            R"({"documents":[{"id":"a","dct":"2016-03-14"}],"timexes":[],"nodes":[{"id":"x","kind":"thing"}],"edges":[]})"));
  auto r = run_annals("validate " + (dir / "bad.json"));
  CHECK(r.status == 1);
  CHECK_MESSAGE(r.out.find("/nodes/0") != std::string::npos, r.out);
}

TEST_CASE("an article without a dateline asks for --dct") {
  TempDir dir;
  REQUIRE(annals::write_file_atomic(dir / "a.txt", "Ministers met in Paris on Tuesday and agreed a deal.\n"));
  auto r = run_annals("extract " + (dir / "a.txt"));
  CHECK(r.status != 0);
  CHECK(r.out.find("--dct") != std::string::npos);
  auto ok = run_annals("extract --dct 2020-05-05 " + (dir / "a.txt"));
  CHECK_MESSAGE(ok.status == 0, ok.out);
  CHECK(ok.out.find("2020-05-05") != std::string::npos);
}

TEST_CASE("extract --deep writes a valid graph, the same on every run") {
  TempDir dir;
  REQUIRE(run_annals("extract --deep " + kArticleB + " -o " + (dir / "1.json")).status == 0);
  REQUIRE(run_annals("extract --deep " + kArticleB + " -o " + (dir / "2.json")).status == 0);
  CHECK(slurp(dir / "1.json") == slurp(dir / "2.json"));
  auto v = run_annals("validate " + (dir / "1.json"));
  CHECK_MESSAGE(v.status == 0, v.out);
}
