// Temporal expressions: tag TIMEX3 mentions in a segmented document, then anchor the relative
// ones on the document creation time (DCT) and the narrative reference time. Values follow
// TimeML 1.2.1 / TempEval-3 guidelines; every DATE/TIME value also maps to a half-open
// interval of days (the timeline, ordering and queries use that interval).
#pragma once

#include <cstdint>
#include <filesystem>
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
  bool relative = false;  ///< the value came from the DCT or `anchor` (TimeML temporalFunction)
  std::string rule;    ///< name of the rule that matched (for --explain and tests)
  int range_end = -1;  ///< first part of a range ("from 2001 to 2004"): index of the closing part
  int range_cue = -1;  ///< the ranges.tsv row that joined them (for tests)
  date::year_month_day narrative{};  ///< the narrative reference time where it was said
  /// "[three years] later": the date a DURATION points to from the narrative reference time
  /// when a word of offsets.tsv follows it. The timex stays the duration (TimeBank tags the
  /// amount alone); an event it governs gets this date.
  struct Offset {
    std::string value;  ///< "2005", "2016-04", "2016-W12", "2016-03-17"
    DayInterval interval;
    int cue = -1;  ///< the offsets.tsv row
  };
  std::optional<Offset> offset;
};

/// Calendar interval of a TIMEX3 value with its mod ("2016-W10" → 2016-03-07…2016-03-14,
/// "197" → 1970-01-01…1980-01-01, "2012"+END → the last third of 2012, APPROX widens).
/// nullopt for values with no calendar extent (durations, PAST_REF, XXXX-...).
std::optional<DayInterval> interval_of(std::string_view value, Mod mod = Mod::none);

/// How two dates make one range (rules/en/ranges.tsv): the words between them, the word that
/// must come before the first, and whether the parts must touch ("the 1970s and 1980s").
struct RangeCue {
  std::string connector;
  std::string opener;  ///< empty when none is needed
  bool adjacent = false;
};

/// Reads ranges.tsv; errors at file:line:column.
Expected<std::vector<RangeCue>> load_range_cues(const std::filesystem::path& file);

/// Joins ranges: for two DATE timexes on the calendar, in order, with a cue's connector between
/// them (and its opener before the first), sets the first's range_end. Both stay timexes.
void link_ranges(const text::Document& doc, std::vector<Timex>& timexes, const std::vector<RangeCue>& cues);

/// A word that makes a duration before it an offset from the narrative time (offsets.tsv).
struct OffsetCue {
  std::string word;
  int sign = 1;  ///< +1 "later", -1 "earlier"
};

/// Reads offsets.tsv; errors at file:line:column.
Expected<std::vector<OffsetCue>> load_offset_cues(const std::filesystem::path& file);

/// Sets `offset` on every DURATION of a whole number of years, months, weeks or days that a
/// cue word follows ("three years later" → the narrative year + 3).
void link_offsets(const text::Document& doc, std::vector<Timex>& timexes, const std::vector<OffsetCue>& cues);

/// The interval of the range timex `i` is part of (either part), else its own interval.
std::optional<DayInterval> range_interval(const std::vector<Timex>& timexes, std::size_t i);

/// Parses "YYYY-MM-DD" strictly (checks the day exists: 2015-02-29 is an error).
std::optional<date::year_month_day> parse_date(std::string_view iso);

/// Calendar units, coarsest first; the grain of a value and the step of a shift.
enum class Unit : std::uint8_t {
  none, millennium, century, decade, year, half, quarter, season, month, week, weekend, day,
  part_of_day, hour, minute, second,
};

/// What a rule understood, before anchoring: HeidelTime's "UNDEF-this-year" made a struct.
/// Fields left at kUnset were not said ("March 14" has no year; "Friday" only a weekday).
struct Frame {
  static constexpr int kUnset = -32768;
  static constexpr int kUnknown = -32767;  ///< said but not a number ("a few years" → X)

  enum class Kind : std::uint8_t {
    point,     ///< calendar fields, missing ones taken from the reference time ("March 14")
    shift,     ///< `by` units from the reference time ("last week", "two years ago")
    ref,       ///< a fixed value (PRESENT_REF, PAST_REF, FUTURE_REF)
    duration,  ///< `n` units ("three years", "the past few weeks")
    set,       ///< a recurrence ("every Monday", "annually")
    none,      ///< no timex: a longer reading that keeps the rules off its words ("three-quarters of")
  };
  /// Which time a relative expression counts from: the DCT ("yesterday") or the last date
  /// the story mentioned ("the following year", "that month", "a day later").
  enum class From : std::uint8_t { dct, narrative };
  /// Where an underspecified point falls ("Friday", "in March"): from the sentence's tense
  /// or the rule ("last Friday" → before, "next Friday" → after, "this Friday" → same week).
  enum class Lean : std::uint8_t { none, before, after, same };

  Kind kind = Kind::point;
  TimexType type = TimexType::date;
  From from = From::dct;
  Lean lean = Lean::none;
  Mod mod = Mod::none;
  Unit unit = Unit::none;  ///< shift/duration unit; for points, the grain when a rule names one
  bool fiscal = false;     ///< "fiscal 1990", "the fiscal year"
  /// Shift from the last date the text mentioned, at its grain: "a year earlier" after "the
  /// third quarter" is that quarter a year before (TimeBank's 1988-Q3), "the quarter" that quarter.
  bool inherit = false;
  /// The grain of the result when the rule names one ("the year-ago quarter": Q), else none.
  Unit grain = Unit::none;
  int year = kUnset;
  int month = kUnset;      ///< [1, 12]
  int day = kUnset;        ///< [1, 31]
  int weekday = kUnset;    ///< ISO [1, 7], Monday = 1
  int nth = kUnset;        ///< [1, 5]: the nth `weekday` of `month` (Thanksgiving: 4th Thursday of November)
  int season = kUnset;     ///< [1, 4]: SP, SU, FA, WI
  int quarter = kUnset;    ///< [1, 4]
  int half = kUnset;       ///< [1, 2]
  int week = kUnset;       ///< ISO week [1, 53]
  int decade = kUnset;     ///< years / 10 (197 for the 1970s)
  int century = kUnset;    ///< ordinal, as said: 20 for "the 20th century" (value "19")
  int part = kUnset;       ///< part of day [1, 5]: MO, MI (midday), AF, EV, NI
  int hour = kUnset;       ///< [0, 23]
  int minute = kUnset;     ///< [0, 59]
  int by = 0;              ///< shift: units from the reference (or kUnknown)
  int n = kUnset;          ///< duration amount (or kUnknown), in `unit`s
  int n_half = 0;          ///< 1 when the amount has a half more ("5 1/2 hours")
  std::string_view value;  ///< ref/set: the literal value from the rule
  std::string_view quant;  ///< set: "EVERY", "EACH"
  int times = kUnset;      ///< set: occurrences per period ("twice a year" → 2, freq "2X")
};

/// A matched expression before anchoring.
struct Mention {
  Span span;
  Frame frame;
  std::string_view rule;  ///< the rule's name (owned by the Tagger)
  Frame::Lean tense = Frame::Lean::none;  ///< of the sentence: before (past) or after (future)
  /// The nearest tense cue before the mention in its sentence ("planned to leave on
  /// [Thursday]", "might come as soon as [Tuesday]" → after; "said [Friday]" → before).
  /// Set for weekdays only; a future cue there overrides a past sentence.
  Frame::Lean cue = Frame::Lean::none;
};

/// Order of the first two fields of numeric dates ("03/04/2016").
enum class NumericOrder : std::uint8_t { month_day, day_month };

struct TagOptions {
  /// US news writes 03/14/2016 (month first); set day_month for 14/03/2016. A first field
  /// above 12 is read as a day whatever the order.
  NumericOrder numeric_order = NumericOrder::month_day;
};

/// Anchors mentions in text order on `dct` and on the narrative reference time, which moves
/// to every fully specified date ("In 1998 ... the following year" → 1999).
std::vector<Timex> anchor(const std::vector<Mention>& mentions, date::year_month_day dct);

/// The TIMEX3 value of a date on `grain` ("2016-03-14" at day, "2016-W10" at week...).
std::string format_value(date::year_month_day d, Unit grain);

/// The tagger: rules from <rules>/time/rules/en/, compiled once at load.
class Tagger {
 public:
  static Expected<Tagger> load(const Paths& paths, TagOptions options = {});

  /// The expressions the rules match, unanchored (tag() = anchor(match(doc), dct)).
  std::vector<Mention> match(const text::Document& doc) const;
  Tagger(Tagger&&) noexcept;
  Tagger& operator=(Tagger&&) noexcept;
  ~Tagger();

  /// Every temporal expression of the document, sorted by span, not overlapping, with values
  /// anchored on `dct` (and on the narrative reference time as the text moves).
  std::vector<Timex> tag(const text::Document& doc, date::year_month_day dct) const;
  /// The same as pos.tag(doc) then tag(doc, dct), but POS-tags only the sentences whose tense
  /// a mention reads (a weekday's: "said ... Friday"); the other tokens keep their tags.
  std::vector<Timex> tag(text::Document& doc, date::year_month_day dct, const text::PosTagger& pos) const;

  /// The document creation date from a dateline in the first lines ("Commentary | March 14,
  /// 2016", "June 13, 2005", "WASHINGTON (AP) — Jan. 3, 2011 —"), if there is one.
  std::optional<date::year_month_day> find_dateline(const text::Document& doc) const;

 private:
  struct Impl;
  explicit Tagger(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// A TimeML document (TimeML 1.2.1 §2, as TempEval-3 distributes it): the DCT from
/// <DCT><TIMEX3 value=...>, and the content of <TEXT> with every tag taken out (`text`)
/// and mapped back to the source bytes so that new TIMEX3 tags can be put in.
struct TimemlDocument {
  std::string source;  ///< the file's bytes
  std::optional<date::year_month_day> dct;
  std::string text;    ///< the text inside <TEXT>, tags removed (entities kept as written)
  /// For each byte of `text`, its offset in `source` (and one more entry: the end of TEXT).
  std::vector<std::uint32_t> source_offset;
  /// [begin, end) of each TIMEX3 tag already inside TEXT, dropped when writing.
  std::vector<Span> old_timex_tags;
  /// Every other start (+1) and end (-1) tag inside TEXT by source offset, as the reader's
  /// scanner saw them (quotes, comments and CDATA understood), so new tags never cross one.
  std::vector<std::pair<std::uint32_t, int>> nesting;
};

/// Reads TimeML; a document that is not well-formed (unbalanced tags, no <TEXT>) is a
/// Diagnostic at its line:column.
Expected<TimemlDocument> read_timeml(std::string file, std::string source);

/// The source with the old TIMEX3 tags of TEXT replaced by `timexes` (spans into `text`),
/// every other byte as read. A timex that would cross another element's boundary is left
/// out, so the output stays well-formed.
std::string write_timeml(const TimemlDocument& doc, const std::vector<Timex>& timexes);

/// A plain text document as TimeML (the text escaped, DCT in <DCT>), timexes tagged.
std::string write_timeml(std::string_view text, date::year_month_day dct,
                         const std::vector<Timex>& timexes);

}  // namespace annals::time
