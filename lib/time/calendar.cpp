// TIMEX3 values and the calendar: parsing, formatting, and the day interval of a value.
// All arithmetic is Hinnant's date on sys_days: no time zone, no clock.
#include "time/time.h"

#include <cstdio>

#include <date/iso_week.h>

namespace annals::time {
namespace {

using date::days;
using date::sys_days;
using date::year_month_day;

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Value of s[b, b+n) when it is all digits, else -1.
int digits(std::string_view s, std::size_t b, std::size_t n) {
  if (b + n > s.size()) return -1;
  int v = 0;
  for (std::size_t i = b; i < b + n; ++i) {
    if (!is_digit(s[i])) return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

sys_days first_of_year(int y) { return sys_days{date::year{y} / date::January / 1}; }

DayInterval years(int y0, int n) { return {first_of_year(y0), first_of_year(y0 + n)}; }

DayInterval months(int y, int m0, int n) {
  auto b = date::year{y} / date::month{static_cast<unsigned>(m0)} / 1;
  auto e = date::year_month{date::year{y}, date::month{static_cast<unsigned>(m0)}} + date::months{n};
  return {sys_days{b}, sys_days{e / 1}};
}

/// The interval of the value's calendar part, before any mod.
std::optional<DayInterval> base_interval(std::string_view v) {
  int sign = 1;
  if (v.starts_with("BC")) {
    sign = -1;
    v.remove_prefix(2);
  }
  // Year-like prefixes: YY (century), YYY (decade), YYYY.
  std::size_t n = 0;
  while (n < v.size() && is_digit(v[n])) ++n;
  if (n < 2 || n > 4) return std::nullopt;
  int prefix = digits(v, 0, n);
  auto year_of = [&](int y) { return sign < 0 ? 1 - y : y; };  // BC0044 is astronomical -43
  if (n == 2 && v.size() == 2) {
    if (sign < 0) return std::nullopt;
    return years(prefix * 100, 100);
  }
  if (n == 3 && v.size() == 3) {
    if (sign < 0) return std::nullopt;
    return years(prefix * 10, 10);
  }
  if (n != 4) return std::nullopt;
  const int y = year_of(prefix);
  if (v.size() == 4) return years(y, 1);
  if (v[4] != '-') return std::nullopt;
  std::string_view rest = v.substr(5);
  if (rest.size() >= 2 && is_digit(rest[0])) {
    int m = digits(rest, 0, 2);
    if (m < 1 || m > 12) return std::nullopt;
    if (rest.size() == 2) return months(y, m, 1);
    if (rest.size() < 5 || rest[2] != '-') return std::nullopt;
    int d = digits(rest, 3, 2);
    if (d < 1) return std::nullopt;
    year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)}, date::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    if (rest.size() > 5 && rest[5] != 'T') return std::nullopt;
    return DayInterval{sys_days{ymd}, sys_days{ymd} + days{1}};
  }
  if (rest.size() == 2 && rest[0] == 'Q' && rest[1] >= '1' && rest[1] <= '4') return months(y, (rest[1] - '1') * 3 + 1, 3);
  if (rest.size() == 2 && rest[0] == 'H' && (rest[1] == '1' || rest[1] == '2')) return months(y, rest[1] == '1' ? 1 : 7, 6);
  // Meteorological seasons (TimeML leaves the bounds open): winter runs into the next year.
  if (rest == "SP") return months(y, 3, 3);
  if (rest == "SU") return months(y, 6, 3);
  if (rest == "FA") return months(y, 9, 3);
  if (rest == "WI") return months(y, 12, 3);
  if (rest.size() >= 2 && rest[0] == 'W' && is_digit(rest[1])) {
    std::size_t k = 1;
    while (k < rest.size() && is_digit(rest[k])) ++k;
    int w = digits(rest, 1, k - 1);
    if (w < 1 || w > 53) return std::nullopt;
    auto iw = iso_week::year{y} / iso_week::weeknum{static_cast<unsigned>(w)} / iso_week::mon;
    if (!iw.ok()) return std::nullopt;
    sys_days mon{iw};
    std::string_view tail = rest.substr(k);
    if (tail.empty()) return DayInterval{mon, mon + days{7}};
    if (tail == "-WE") return DayInterval{mon + days{5}, mon + days{7}};
    if (tail.size() == 2 && tail[0] == '-' && tail[1] >= '1' && tail[1] <= '7') {
      sys_days d = mon + days{tail[1] - '1'};
      return DayInterval{d, d + days{1}};
    }
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(TimexType t) {
  switch (t) {
    case TimexType::date: return "DATE";
    case TimexType::time: return "TIME";
    case TimexType::duration: return "DURATION";
    case TimexType::set: return "SET";
  }
  return "DATE";
}

std::string_view to_string(Mod m) {
  switch (m) {
    case Mod::none: return "";
    case Mod::before: return "BEFORE";
    case Mod::after: return "AFTER";
    case Mod::on_or_before: return "ON_OR_BEFORE";
    case Mod::on_or_after: return "ON_OR_AFTER";
    case Mod::less_than: return "LESS_THAN";
    case Mod::more_than: return "MORE_THAN";
    case Mod::equal_or_less: return "EQUAL_OR_LESS";
    case Mod::equal_or_more: return "EQUAL_OR_MORE";
    case Mod::start: return "START";
    case Mod::mid: return "MID";
    case Mod::end: return "END";
    case Mod::approx: return "APPROX";
  }
  return "";
}

std::optional<date::year_month_day> parse_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int y = digits(s, 0, 4), m = digits(s, 5, 2), d = digits(s, 8, 2);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)}, date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

std::optional<DayInterval> interval_of(std::string_view value, Mod mod) {
  auto base = base_interval(value);
  if (!base) return std::nullopt;
  const auto n = (base->end - base->begin).count();
  const sys_days b = base->begin;
  switch (mod) {
    // Thirds, as HeidelTime's "early"/"mid"/"late" read a period; at least one day each.
    case Mod::start: return DayInterval{b, b + days{std::max<long>(1, n / 3)}};
    case Mod::mid: return DayInterval{b + days{n / 3}, b + days{std::max<long>(n / 3 + 1, 2 * n / 3)}};
    case Mod::end: return DayInterval{b + days{std::min<long>(n - 1, 2 * n / 3)}, base->end};
    // "about 2012": half the length on each side.
    case Mod::approx: return DayInterval{b - days{(n + 1) / 2}, base->end + days{(n + 1) / 2}};
    // Open-ended: no finite interval of days says "before 2012".
    case Mod::before:
    case Mod::after:
    case Mod::on_or_before:
    case Mod::on_or_after: return std::nullopt;
    case Mod::less_than:
    case Mod::more_than:
    case Mod::equal_or_less:
    case Mod::equal_or_more:
    case Mod::none: return base;
  }
  return base;
}

std::string format_value(date::year_month_day d, Unit grain) {
  char buf[32];
  const int y = static_cast<int>(d.year());
  const unsigned m = static_cast<unsigned>(d.month());
  const unsigned day = static_cast<unsigned>(d.day());
  // Years before 1 CE as TimeML writes them: BC0044 (astronomical year -43).
  auto year_str = [&](int yy) {
    char yb[16];
    if (yy <= 0) std::snprintf(yb, sizeof yb, "BC%04d", 1 - yy);
    else std::snprintf(yb, sizeof yb, "%04d", yy);
    return std::string(yb);
  };
  switch (grain) {
    case Unit::millennium: std::snprintf(buf, sizeof buf, "%d", y / 1000); return buf;
    case Unit::century: std::snprintf(buf, sizeof buf, "%02d", y / 100); return buf;
    case Unit::decade: std::snprintf(buf, sizeof buf, "%03d", y / 10); return buf;
    case Unit::year: return year_str(y);
    case Unit::half: return year_str(y) + (m <= 6 ? "-H1" : "-H2");
    case Unit::quarter: return year_str(y) + "-Q" + std::to_string((m - 1) / 3 + 1);
    case Unit::season: {
      // December belongs to that year's winter (TimeML writes 2015-WI for Dec 2015 – Feb 2016).
      static constexpr const char* kSeason[] = {"WI", "WI", "SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA", "WI"};
      int yy = m <= 2 ? y - 1 : y;
      return year_str(yy) + "-" + kSeason[m - 1];
    }
    case Unit::month: std::snprintf(buf, sizeof buf, "-%02u", m); return year_str(y) + buf;
    case Unit::week:
    case Unit::weekend: {
      iso_week::year_weeknum_weekday iw{sys_days{d}};
      std::snprintf(buf, sizeof buf, "-W%02u", static_cast<unsigned>(iw.weeknum()));
      return year_str(static_cast<int>(iw.year())) + buf + (grain == Unit::weekend ? "-WE" : "");
    }
    case Unit::none:
    case Unit::day:
    case Unit::part_of_day:
    case Unit::hour:
    case Unit::minute:
    case Unit::second: std::snprintf(buf, sizeof buf, "-%02u-%02u", m, day); return year_str(y) + buf;
  }
  return year_str(y);
}

}  // namespace annals::time
