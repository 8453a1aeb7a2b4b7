// Relations between events: causal links from cue phrases kept as data (with the cue and its
// span as evidence) and temporal order from the events' day intervals.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/paths.h"
#include "core/span.h"
#include "events/events.h"
#include "text/text.h"
#include "time/time.h"

namespace annals::relations {

struct CausalLink {
  std::size_t cause = 0;   ///< index into the events
  std::size_t effect = 0;
  Span cue;                ///< the cue phrase in the text
  std::string cue_text;
};

enum class Order : std::uint8_t { before, after, overlap };

struct TemporalLink {
  std::size_t from = 0;
  std::size_t to = 0;
  Order order = Order::before;
};

class CausalFinder {
 public:
  static Expected<CausalFinder> load(const Paths& paths);
  CausalFinder(CausalFinder&&) noexcept;
  CausalFinder& operator=(CausalFinder&&) noexcept;
  ~CausalFinder();

  std::vector<CausalLink> find(const text::Document& doc, const std::vector<events::Event>& events) const;

 private:
  struct Impl;
  explicit CausalFinder(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Orders events whose times are on the calendar: `before` when one interval ends before the
/// other begins, `overlap` when they share days. One link per ordered pair (from < to), and
/// only between neighbours in time order, so n events give O(n) links rather than O(n²).
std::vector<TemporalLink> temporal_order(const std::vector<events::Event>& events,
                                         const std::vector<time::Timex>& timexes);

}  // namespace annals::relations
