// Temporal expressions: tag TIMEX3 mentions in a segmented document, then anchor the relative
// ones on the document creation time (DCT) and the narrative reference time. Values follow
// TimeML 1.2.1 / TempEval-3 guidelines; every DATE/TIME value also maps to a half-open
// interval of days (the timeline, ordering and queries use that interval).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

#include "core/diagnostic.h"
#include "core/paths.h"
#include "core/span.h"
#include "text/text.h"

namespace annals::time {

enum class TimexType : std::uint8_t { date, time, duration, set };
std::string_view to_string(TimexType);

/// TIMEX3 mod values (TimeML 1.2.1 §2.2.1.1).
enum class Mod : std::uint8_t {
  none, before, after, on_or_before, on_or_after, less_than, more_than, equal_or_less,
  equal_or_more, start, mid, end, approx,
};
std::string_view to_string(Mod);  ///< "" for none, else "START", "EQUAL_OR_MORE", ...

/// A half-open interval of days [begin, end).
struct DayInterval {
  date::sys_days begin;
  date::sys_days end;
  friend bool operator==(const DayInterval&, const DayInterval&) = default;
};

struct Timex {
  Span span;
  TimexType type = TimexType::date;
  std::string value;   ///< TIMEX3 value: "2016-03-14", "2016-W10", "197", "PXY", "PRESENT_REF", "XXXX-WXX-1"
  Mod mod = Mod::none;
  std::string quant;   ///< SET only ("EVERY")
  std::string freq;    ///< SET only ("2X")
  std::optional<DayInterval> interval;  ///< for values on the calendar (with mod applied)
  int anchor = -1;     ///< index of the timex it was anchored on, -1 for the DCT or none
  std::string rule;    ///< name of the rule that matched (for --explain and tests)
};

/// Calendar interval of a TIMEX3 value with its mod ("2016-W10" → 2016-03-07…2016-03-14,
/// "197" → 1970-01-01…1980-01-01, "2012"+END → the last third of 2012, APPROX widens).
/// nullopt for values with no calendar extent (durations, PAST_REF, XXXX-...).
std::optional<DayInterval> interval_of(std::string_view value, Mod mod = Mod::none);

/// Parses "YYYY-MM-DD" strictly (checks the day exists: 2015-02-29 is an error).
std::optional<date::year_month_day> parse_date(std::string_view iso);

/// The tagger: rules from <rules>/time/rules/en/, compiled once at load.
class Tagger {
 public:
  static Expected<Tagger> load(const Paths& paths);
  Tagger(Tagger&&) noexcept;
  Tagger& operator=(Tagger&&) noexcept;
  ~Tagger();

  /// Every temporal expression of the document, sorted by span, not overlapping, with values
  /// anchored on `dct` (and on the narrative reference time as the text moves).
  std::vector<Timex> tag(const text::Document& doc, date::year_month_day dct) const;

  /// The document creation date from a dateline in the first lines ("Commentary | March 14,
  /// 2016", "June 13, 2005", "WASHINGTON (AP) — Jan. 3, 2011 —"), if there is one.
  std::optional<date::year_month_day> find_dateline(const text::Document& doc) const;

 private:
  struct Impl;
  explicit Tagger(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace annals::time
