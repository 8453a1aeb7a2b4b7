// Offsets: "three years later", "two days earlier", "a decade on". TimeBank and the
// TempEval-3 guidelines tag the amount as a DURATION and leave the adverb out, so the tagger
// does; but the phrase also names a date, the narrative reference time moved by the amount,
// and an event it governs belongs there on the timeline.
#include <charconv>

#include "core/table.h"
#include "time/time.h"

namespace annals::time {

Expected<std::vector<OffsetCue>> load_offset_cues(const std::filesystem::path& file) {
  auto t = read_table(file, 2, 2);
  if (!t) return t.error();
  std::vector<OffsetCue> out;
  for (const auto& row : t->rows) {
    OffsetCue c;
    c.word = row.fields[0];
    if (row.fields[1] == "+") c.sign = 1;
    else if (row.fields[1] == "-") c.sign = -1;
    else return t->error(row, 1, "expected '+' or '-', found '" + row.fields[1] + "'");
    for (char ch : c.word)
      if (ch >= 'A' && ch <= 'Z') return t->error(row, 0, "cue words are written in lower case");
    out.push_back(std::move(c));
  }
  return out;
}

namespace {

/// "P3Y" → {3, year}; only whole amounts of years, months, weeks and days.
std::optional<std::pair<int, Unit>> amount_of(std::string_view v) {
  if (v.size() < 3 || v[0] != 'P') return std::nullopt;
  int n = 0;
  auto [p, ec] = std::from_chars(v.data() + 1, v.data() + v.size(), n);
  if (ec != std::errc{} || n <= 0 || n > 1000 || p + 1 != v.data() + v.size()) return std::nullopt;
  switch (*p) {
    case 'Y': return std::pair{n, Unit::year};
    case 'M': return std::pair{n, Unit::month};
    case 'W': return std::pair{n, Unit::week};
    case 'D': return std::pair{n, Unit::day};
    default: return std::nullopt;
  }
}

}  // namespace

void link_offsets(const text::Document& doc, std::vector<Timex>& timexes, const std::vector<OffsetCue>& cues) {
  for (auto& t : timexes) {
    if (t.type != TimexType::duration) continue;
    const auto amount = amount_of(t.value);
    if (!amount) continue;
    const std::size_t k = doc.token_at(t.span.end);
    if (k >= doc.tokens.size()) continue;
    const auto next = doc.lower_word(k);
    for (std::size_t c = 0; c < cues.size(); ++c) {
      if (cues[c].word != next) continue;
      const int by = cues[c].sign * amount->first;
      const date::year_month_day base = t.narrative;
      date::year_month_day d = base;
      switch (amount->second) {
        case Unit::year: d = base + date::years{by}; break;
        case Unit::month: d = base + date::months{by}; break;
        case Unit::week: d = date::year_month_day{date::sys_days{base} + date::days{7 * by}}; break;
        default: d = date::year_month_day{date::sys_days{base} + date::days{by}}; break;
      }
      if (!d.ok()) d = d.year() / d.month() / date::last;  // March 31 + 1 month
      Timex::Offset o;
      o.value = format_value(d, amount->second);
      o.cue = static_cast<int>(c);
      if (auto iv = interval_of(o.value)) {
        o.interval = *iv;
        t.offset = std::move(o);
      }
      break;
    }
  }
}

}  // namespace annals::time
