// The TimeML reader, the tagger and both TimeML writers on arbitrary bytes. Properties: a
// document read is mapped byte for byte (source_offset), what write_timeml produces is
// well-formed (it reads back, with the same text), and the plain-text writer's output too.
#include <string>

#include "core/paths.h"
#include "fuzz.h"
#include "text/text.h"
#include "time/time.h"

namespace annals::fuzz {
namespace {

struct TimemlState {
  text::Segmenter segmenter;
  time::Tagger tagger;
};

const TimemlState& timeml_state() {
  static const TimemlState s = [] {
    auto seg = text::Segmenter::load(default_paths());
    auto tag = time::Tagger::load(default_paths());
    if (!seg || !tag) {
      std::fprintf(stderr, "fuzz_timeml: cannot load the rules: %s\n",
                   (!seg ? seg.error() : tag.error()).str().c_str());
      std::abort();
    }
    return TimemlState{std::move(*seg), std::move(*tag)};
  }();
  return s;
}

}  // namespace

int timeml(const std::uint8_t* data, std::size_t size) {
  const auto& s = timeml_state();
  std::string source(reinterpret_cast<const char*>(data), size);
  const date::year_month_day fixed{date::year{2015}, date::month{3}, date::day{2}};
  auto tml = time::read_timeml("fuzz.tml", source);
  if (!tml) {
    // Not TimeML: tag it as plain text and write it as TimeML, which must be well-formed.
    auto doc = s.segmenter.segment("fuzz.txt", source);
    auto timexes = s.tagger.tag(doc, fixed);
    for (const auto& t : timexes)
      ANNALS_FUZZ_CHECK(t.span.begin <= t.span.end && t.span.end <= doc.text.size(), "timex outside the text");
    std::string out = time::write_timeml(doc.text, fixed, timexes);
    auto again = time::read_timeml("out.tml", out);
    ANNALS_FUZZ_CHECK(again.has_value(), again ? "" : again.error().str());
    ANNALS_FUZZ_CHECK(again->dct == fixed, "the DCT does not read back");
    return 0;
  }
  ANNALS_FUZZ_CHECK(tml->source_offset.size() == tml->text.size() + 1, "source_offset size");
  for (std::size_t k = 0; k + 1 < tml->source_offset.size(); ++k)
    ANNALS_FUZZ_CHECK(tml->source_offset[k] < source.size(), "source_offset outside the source");
  if (tml->dct) ANNALS_FUZZ_CHECK(tml->dct->ok(), "DCT not a calendar date");
  auto doc = s.segmenter.segment("fuzz.tml", tml->text);
  auto timexes = s.tagger.tag(doc, tml->dct ? *tml->dct : fixed);
  std::string out = time::write_timeml(*tml, timexes);
  auto again = time::read_timeml("out.tml", out);
  ANNALS_FUZZ_CHECK(again.has_value(), again ? "" : again.error().str());
  ANNALS_FUZZ_CHECK(again->text == tml->text, "the text changed on writing");
  return 0;
}

}  // namespace annals::fuzz

ANNALS_FUZZ_ENTRY(annals::fuzz::timeml)
