#include "inputs.h"

#include <algorithm>
#include <charconv>

#include "commands.h"
#include "core/files.h"

namespace annals::cli {

std::vector<std::filesystem::path> expand_inputs(const std::vector<std::string>& args, const char* extension) {
  std::vector<std::filesystem::path> out;
  for (const auto& a : args) {
    std::filesystem::path p(a);
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      std::vector<std::filesystem::path> files;
      for (const auto& entry : std::filesystem::directory_iterator(p, ec))
        if (entry.is_regular_file() && entry.path().extension() == extension) files.push_back(entry.path());
      std::sort(files.begin(), files.end());
      if (files.empty())
        throw Failure{Diagnostic{a, 0, 0, std::string("directory holds no ") + extension + " file", Status::input}};
      out.insert(out.end(), files.begin(), files.end());
    } else if (std::filesystem::exists(p, ec)) {
      out.push_back(p);
    } else {
      throw Failure{Diagnostic{a, 0, 0, "no such file or directory", Status::input}};
    }
  }
  return out;
}

void add_max_doc_size(CLI::App& cmd, std::string& value) {
  cmd.add_option("--max-doc-size", value,
                 "Largest document to read, e.g. 64M, 1G (default 64M): larger ones are an error, not read");
}

std::uint64_t parse_max_doc_size(const std::string& s) {
  if (s.empty()) return kMaxDocumentBytes;
  auto n = parse_size(s);
  if (!n || *n == 0)
    throw Failure{Diagnostic{"--max-doc-size", 0, 0, "'" + s + "' is not a size such as 64M, 1G or 1048576",
                             Status::usage}};
  return *n;
}

date::year_month_day parse_dct(const std::string& s) {
  auto bad = [&]() {
    return Failure{Diagnostic{"--dct", 0, 0, "'" + s + "' is not a calendar date YYYY-MM-DD", Status::usage}};
  };
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') throw bad();
  int y = 0;
  unsigned m = 0, d = 0;
  auto num = [&](std::size_t at, std::size_t len, auto& v) {
    auto [p, ec] = std::from_chars(s.data() + at, s.data() + at + len, v);
    return ec == std::errc{} && p == s.data() + at + len;
  };
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) throw bad();
  date::year_month_day ymd{date::year{y}, date::month{m}, date::day{d}};
  if (!ymd.ok()) throw bad();
  return ymd;
}

}  // namespace annals::cli
