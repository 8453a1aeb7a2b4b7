// Ranges: two dates that make one span of time ("from 2001 to 2004", "between March and May",
// "the 1970s and 1980s"). TimeML tags each part as a TIMEX3 of its own and leaves the range
// to TLINKs; annals keeps the parts as they are and joins them here, so that an event said to
// happen over the range gets the whole interval, from the first part's start to the second's end.
#include "core/table.h"
#include "time/time.h"

namespace annals::time {

Expected<std::vector<RangeCue>> load_range_cues(const std::filesystem::path& file) {
  auto t = read_table(file, 3, 3);
  if (!t) return t.error();
  std::vector<RangeCue> out;
  for (const auto& row : t->rows) {
    RangeCue c;
    c.connector = row.fields[0];
    if (row.fields[1] != "-") c.opener = row.fields[1];
    if (row.fields[2] == "adjacent") c.adjacent = true;
    else if (row.fields[2] != "any") return t->error(row, 2, "expected 'any' or 'adjacent', found '" + row.fields[2] + "'");
    for (char ch : c.connector + c.opener)
      if (ch >= 'A' && ch <= 'Z') return t->error(row, 0, "cues are written in lower case");
    out.push_back(std::move(c));
  }
  return out;
}

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// The lower-cased text between two spans with runs of white space made one space, trimmed.
std::string gap(const text::Document& doc, std::uint32_t from, std::uint32_t to) {
  std::string out;
  bool space = false;
  for (std::uint32_t k = from; k < to; ++k) {
    const char c = doc.lower[k];
    if (is_space(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

/// The word just before `at` (letters only), skipping one "the": "from [the 1970s".
std::string_view word_before(const text::Document& doc, std::uint32_t at) {
  auto word_ending = [&](std::uint32_t end) {
    while (end > 0 && is_space(doc.lower[end - 1])) --end;
    std::uint32_t begin = end;
    while (begin > 0 && doc.lower[begin - 1] >= 'a' && doc.lower[begin - 1] <= 'z') --begin;
    return std::pair{begin, std::string_view(doc.lower).substr(begin, end - begin)};
  };
  auto [begin, w] = word_ending(at);
  if (w == "the") w = word_ending(begin).second;
  return w;
}

}  // namespace

void link_ranges(const text::Document& doc, std::vector<Timex>& timexes, const std::vector<RangeCue>& cues) {
  for (std::size_t i = 0; i + 1 < timexes.size(); ++i) {
    Timex& a = timexes[i];
    const Timex& b = timexes[i + 1];
    if (a.type != TimexType::date || b.type != TimexType::date || !a.interval || !b.interval) continue;
    if (b.span.begin < a.span.end || b.span.begin - a.span.end > 16) continue;
    // In time order: "from 2004 to 2001 levels" is no range.
    if (b.interval->begin < a.interval->begin || b.interval->end < a.interval->end) continue;
    const std::string between = gap(doc, a.span.end, b.span.begin);
    std::string_view before;
    bool before_read = false;
    for (std::size_t c = 0; c < cues.size(); ++c) {
      const RangeCue& cue = cues[c];
      if (cue.connector != between) continue;
      if (cue.adjacent && a.interval->end != b.interval->begin) continue;
      if (!cue.opener.empty()) {
        if (!before_read) before = word_before(doc, a.span.begin), before_read = true;
        if (before != cue.opener) continue;
      }
      a.range_end = static_cast<int>(i + 1);
      a.range_cue = static_cast<int>(c);
      break;
    }
  }
}

std::optional<DayInterval> range_interval(const std::vector<Timex>& timexes, std::size_t i) {
  const Timex& t = timexes[i];
  if (t.range_end >= 0) {
    const Timex& last = timexes[static_cast<std::size_t>(t.range_end)];
    return DayInterval{t.interval->begin, last.interval->end};
  }
  if (i > 0 && timexes[i - 1].range_end == static_cast<int>(i))
    return DayInterval{timexes[i - 1].interval->begin, t.interval->end};
  return t.interval;
}

}  // namespace annals::time
