// Actors: countries, governments, international organisations, armed groups, companies and
// people, found by gazetteers (iso-codes country names, plus our data files for capitals,
// demonyms, organisations, titles and leaders) and by capitalisation, titles and context for
// names no list knows; aliases resolved within the document (capital for government, "the
// North", surname after full name, acronyms defined in the text, possessives, pronouns).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/paths.h"
#include "core/span.h"
#include "text/text.h"

namespace annals::actors {

enum class ActorType : std::uint8_t { country, government, organization, person, group, place, other };
std::string_view to_string(ActorType);

struct Actor {
  std::string id;     ///< canonical and stable across documents: "actor:north-korea"
  std::string label;  ///< canonical name: "North Korea", "Shinzo Abe"
  ActorType type = ActorType::other;
  bool plural = false;  ///< a group ("Japanese nationals") or several members: "they" may refer to it
  /// A description, not a name ("6,000 workers", "protesters"): the same words in another
  /// document mean another group, so its id is scoped to the document when the graph is built.
  bool generic = false;
  std::optional<std::size_t> part_of;  ///< index of the actor it belongs to ("Japanese nationals" → Japan)
  std::vector<std::string> aliases;    ///< distinct texts of its name mentions, in order of appearance
};

enum class MentionKind : std::uint8_t {
  name,     ///< a name or alias: "North Korea", "Pyongyang", "the North", "Abe", "ECB"
  nominal,  ///< a description resolved to an actor: "the company", "the minister"
  pronoun,  ///< "it", "its", "he", "they"... resolved to an actor
};

struct Mention {
  Span span;                 ///< bytes of the mention ("Japan" in "Japan's")
  std::uint32_t first = 0;   ///< first token
  std::uint32_t last = 0;    ///< one past the last token
  std::size_t actor = 0;     ///< index into Result::actors
  MentionKind kind = MentionKind::name;
  bool possessive = false;   ///< followed by 's / ' or a possessive pronoun ("its", "his")
  /// A second actor the mention names: "they" or "both sides" after "X and Y" is X (actor)
  /// and Y (partner).
  std::optional<std::size_t> partner;
};

struct Result {
  std::vector<Actor> actors;
  std::vector<Mention> mentions;  ///< sorted by span, not overlapping
  /// For each token, the index of the mention that covers it, or -1.
  std::vector<std::int32_t> mention_at;
};

class Recognizer {
 public:
  static Expected<Recognizer> load(const Paths& paths);
  Recognizer(Recognizer&&) noexcept;
  Recognizer& operator=(Recognizer&&) noexcept;
  ~Recognizer();

  /// Actors of one document (tokens must carry POS tags).
  Result recognize(const text::Document& doc) const;

 private:
  struct Impl;
  explicit Recognizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace annals::actors
