// Bigram HMM part-of-speech tagger over Lingua::EN::Tagger's data (Debian's
// liblingua-en-tagger-perl): words.yml holds tag counts for 44k words, tags.yml the tag
// transition probabilities P(next | previous), unknown.yml tag counts for word classes
// (-cap-, -ing-, -ed-, ...). Like Lingua, a path scores P(tag | previous tag) × P(tag | word).
#include "text/text.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <unordered_map>

#include "core/files.h"
#include "text/word_table.h"

using namespace std::string_view_literals;

namespace annals::text {
namespace {

constexpr std::size_t kTags = static_cast<std::size_t>(Pos::count_);

struct TagName {
  std::string_view lingua;
  Pos pos;
};
// Lingua's tag names; its punctuation classes become ours.
constexpr std::array<TagName, 45> kLinguaTags{{
    {"cc", Pos::cc},   {"cd", Pos::cd},     {"det", Pos::dt},   {"ex", Pos::ex},     {"fw", Pos::fw},
    {"in", Pos::in},   {"jj", Pos::jj},     {"jjr", Pos::jjr},  {"jjs", Pos::jjs},   {"ls", Pos::ls},
    {"md", Pos::md},   {"nn", Pos::nn},     {"nnp", Pos::nnp},  {"nnps", Pos::nnps}, {"nns", Pos::nns},
    {"pdt", Pos::pdt}, {"pos", Pos::pos},   {"prp", Pos::prp},  {"prps", Pos::prp_s}, {"rb", Pos::rb},
    {"rbr", Pos::rbr}, {"rbs", Pos::rbs},   {"rp", Pos::rp},    {"sym", Pos::sym},   {"to", Pos::to},
    {"uh", Pos::uh},   {"vb", Pos::vb},     {"vbd", Pos::vbd},  {"vbg", Pos::vbg},   {"vbn", Pos::vbn},
    {"vbp", Pos::vbp}, {"vbz", Pos::vbz},   {"wdt", Pos::wdt},  {"wp", Pos::wp},     {"wps", Pos::wp_s},
    {"wrb", Pos::wrb}, {"pp", Pos::punct_stop}, {"ppc", Pos::punct_comma}, {"pps", Pos::punct_colon},
    {"ppl", Pos::punct_quote_open}, {"ppr", Pos::punct_quote_close}, {"lrb", Pos::punct_lrb},
    {"rrb", Pos::punct_rrb}, {"ppd", Pos::sym}, {"sym", Pos::sym},
}};

std::optional<Pos> lingua_tag(std::string_view name) {
  for (const auto& t : kLinguaTags)
    if (t.lingua == name) return t.pos;
  return std::nullopt;
}

constexpr std::array<std::string_view, kTags> kPenn{
    "?",  "CC", "CD", "DT", "EX", "FW", "IN", "JJ", "JJR", "JJS", "LS", "MD", "NN", "NNP", "NNPS",
    "NNS", "PDT", "POS", "PRP", "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO", "UH", "VB", "VBD",
    "VBG", "VBN", "VBP", "VBZ", "WDT", "WP", "WP$", "WRB", ",", ".", ":", "``", "''", "-LRB-", "-RRB-", "#"};

/// P(tag | word) and its logarithm (Viterbi adds logs; they are taken once, at load).
struct Weight {
  Pos pos;
  float p;
  float log_p;
};
using Dist = std::vector<Weight>;  // probabilities summing to 1

struct Hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

Dist with_logs(const std::vector<std::pair<Pos, float>>& d) {
  Dist out;
  out.reserve(d.size());
  for (auto [p, c] : d) out.push_back({p, c, std::log(c)});
  return out;
}

/// Parses one "key: { tag: number, tag: number }" line of Lingua's YAML (its files use no
/// other YAML feature). Returns false for lines that are not entries (the header).
bool parse_entry(std::string_view line, std::string& key, std::vector<std::pair<std::string_view, double>>& out) {
  out.clear();
  auto brace = line.rfind(": {");
  if (brace == std::string_view::npos) return false;
  std::string_view k = line.substr(0, brace);
  if (k.size() >= 2 && k.front() == '"' && k.back() == '"') {
    k = k.substr(1, k.size() - 2);
    key.clear();
    for (std::size_t i = 0; i < k.size(); ++i) {
      if (k[i] == '\\' && i + 1 < k.size()) ++i;
      key += k[i];
    }
  } else {
    key.assign(k);
  }
  std::string_view body = line.substr(brace + 3);
  auto close = body.rfind('}');
  if (close == std::string_view::npos) return false;
  body = body.substr(0, close);
  while (!body.empty()) {
    auto comma = body.find(',');
    std::string_view item = body.substr(0, comma);
    body = comma == std::string_view::npos ? std::string_view{} : body.substr(comma + 1);
    auto colon = item.find(':');
    if (colon == std::string_view::npos) return false;
    auto trim = [](std::string_view s) {
      while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
      while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
      return s;
    };
    std::string_view name = trim(item.substr(0, colon));
    std::string num(trim(item.substr(colon + 1)));
    char* end = nullptr;
    double v = std::strtod(num.c_str(), &end);
    if (end == num.c_str()) return false;
    out.emplace_back(name, v);
  }
  return true;
}

}  // namespace

std::string_view to_string(Pos p) { return kPenn[static_cast<std::size_t>(p)]; }

struct PosTagger::Model {
  detail::WordTable words;         // the lexicon's words, as written
  std::vector<Dist> lexicon;       // by word index
  std::vector<std::uint8_t> rare;  // by word index: 1 for words seen ≤ 2 times
  std::unordered_map<std::string, Dist, Hash, std::equal_to<>> unknown;  // "-cap-", "-ing-", ...
  std::array<std::array<float, kTags>, kTags> log_trans{};               // [prev][next]
  std::array<float, kTags> log_start{};
  // Classes of unknown.yml needed per token, found once (null when the file lacks one).
  const Dist* hyp_adj = nullptr;
  const Dist* sym = nullptr;

  const Dist* find(std::string_view w) const {
    std::uint32_t id = words.find(w);
    return id == detail::WordTable::kNone ? nullptr : &lexicon[id];
  }
  const Dist& unknown_class(std::string_view cls) const {
    auto it = unknown.find(cls);
    return it != unknown.end() ? it->second : unknown.at("-unknown-");
  }
};

PosTagger::PosTagger(std::unique_ptr<Model> m) : m_(std::move(m)) {}
PosTagger::PosTagger(PosTagger&&) noexcept = default;
PosTagger& PosTagger::operator=(PosTagger&&) noexcept = default;
PosTagger::~PosTagger() = default;

Expected<PosTagger> PosTagger::load(const Paths& paths) {
  auto model = std::make_unique<Model>();
  std::string key;
  std::vector<std::pair<std::string_view, double>> items;

  auto read_dists = [&](const char* name, auto add) -> Expected<void> {
    auto path = paths.tagger / name;
    auto bytes = read_file(path);
    if (!bytes)
      return Diagnostic{path.string(), 0, 0,
                        bytes.error().message + " (install liblingua-en-tagger-perl or set ANNALS_TAGGER)",
                        Status::rules};
    std::string_view text = *bytes;
    std::uint32_t line_no = 0;
    while (!text.empty()) {
      auto nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
      ++line_no;
      if (line.empty() || line.starts_with("---")) continue;
      if (!parse_entry(line, key, items))
        return Diagnostic{path.string(), line_no, 1, "not a 'word: { tag: count, ... }' entry", Status::rules};
      std::vector<std::pair<Pos, float>> d;
      double total = 0;
      for (auto& [tag, count] : items) {
        auto pos = lingua_tag(tag);
        if (!pos) continue;
        d.emplace_back(*pos, static_cast<float>(count));
        total += count;
      }
      if (total <= 0) continue;
      // A word seen once or twice is barely known: its suffix says more ("abducted" is
      // in the lexicon only as { nn: 2 }, yet it is a participle in most news text).
      for (auto& [p, c] : d) c = static_cast<float>(c / total);
      add(key, with_logs(d), total <= 2);
    }
    return {};
  };
  // A word listed twice keeps its first distribution (and is rare if either entry is).
  auto add_word = [&](const std::string& w, Dist d, bool rare) {
    bool added = false;
    const std::uint32_t id = model->words.insert(w, added);
    if (added) {
      model->lexicon.push_back(std::move(d));
      model->rare.push_back(0);
    }
    if (rare) model->rare[id] = 1;
  };
  auto add_class = [&](const std::string& cls, Dist d, bool) { model->unknown.emplace(cls, std::move(d)); };
  if (auto r = read_dists("words.yml", add_word); !r) return r.error();
  if (auto r = read_dists("unknown.yml", add_class); !r) return r.error();
  if (auto it = model->unknown.find("-hyp-adj-"); it != model->unknown.end()) model->hyp_adj = &it->second;
  if (auto it = model->unknown.find("-sym-"); it != model->unknown.end()) model->sym = &it->second;

  // Transitions: tags.yml rows are previous tags, entries next-tag probabilities.
  for (auto& row : model->log_trans) row.fill(std::log(1e-6f));
  auto path = paths.tagger / "tags.yml";
  auto bytes = read_file(path);
  if (!bytes) return Diagnostic{path.string(), 0, 0, bytes.error().message, Status::rules};
  std::string_view text = *bytes;
  std::uint32_t line_no = 0;
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line_no;
    if (line.empty() || line.starts_with("---")) continue;
    if (!parse_entry(line, key, items))
      return Diagnostic{path.string(), line_no, 1, "not a 'tag: { tag: p, ... }' entry", Status::rules};
    auto prev = lingua_tag(key);
    if (!prev) continue;
    for (auto& [tag, p] : items) {
      auto next = lingua_tag(tag);
      if (next && p > 0) {
        auto& cell = model->log_trans[static_cast<std::size_t>(*prev)][static_cast<std::size_t>(*next)];
        cell = std::max(cell, static_cast<float>(std::log(p)));
      }
    }
  }
  // A sentence starts as if after a full stop (Lingua does the same).
  model->log_start = model->log_trans[static_cast<std::size_t>(Pos::punct_stop)];
  if (model->words.size() < 1000)
    return Diagnostic{(paths.tagger / "words.yml").string(), 0, 0, "lexicon has too few words", Status::rules};
  return PosTagger(std::move(model));
}

namespace {

/// Lingua's classes for words the lexicon lacks.
std::string_view unknown_class(std::string_view w, bool capitalized) {
  auto ends = [&](std::string_view s) { return w.size() > s.size() + 1 && w.ends_with(s); };
  if (w.find('-') != std::string_view::npos) return "-hyp-";
  if (capitalized) return "-cap-";
  if (ends("ing")) return "-ing-";
  if (ends("ed")) return "-ed-";
  if (ends("ly")) return "-ly-";
  if (ends("tion") || ends("sion") || ends("ment") || ends("ness")) return "-tion-";
  if (ends("s")) return "-s-";
  return "-unknown-";
}

}  // namespace

/// Buffers of one Viterbi pass, kept across the sentences of a document.
struct PosTagger::Scratch {
  std::vector<const Dist*> dists;
  std::vector<Dist> owned;
  std::vector<std::array<float, kTags>> score;
  std::vector<std::array<std::uint8_t, kTags>> back;
};

void PosTagger::tag(Document& doc) const {
  Scratch scratch;
  for (const Sentence& s : doc.sentences) tag_sentence(doc, s, scratch);
}

void PosTagger::tag(Document& doc, std::size_t sentence) const {
  if (sentence >= doc.sentences.size()) return;
  Scratch scratch;
  tag_sentence(doc, doc.sentences[sentence], scratch);
}

void PosTagger::tag_sentence(Document& doc, const Sentence& s, Scratch& scratch) const {
  const Model& m = *m_;
  auto& [dists, owned, score, back] = scratch;
  static const Dist number_dist{{Pos::cd, 1.0f, 0.0f}};
  static const Dist symbol_dist{{Pos::sym, 1.0f, 0.0f}};
  const std::size_t len = s.last - s.first;
  if (len == 0) return;
  dists.assign(len, nullptr);
  owned.assign(len, Dist{});
  // After a dateline's dash the first word is read as a sentence's first (k == body).
  const std::size_t body = dateline_body(doc, s) - s.first;
  for (std::size_t k = 0; k < len; ++k) {
    const std::size_t ti = s.first + k;
    const Token& tok = doc.tokens[ti];
    std::string_view w = doc.word(ti);
    if (tok.kind == TokenKind::number) {
      // "1970s", "80s", "2016" are CD; "48-hour" is an adjective.
      dists[k] = w.find('-') != std::string_view::npos && (tok.shape & has_digit) &&
                         !std::isdigit(static_cast<unsigned char>(w.back()))
                     ? (m.hyp_adj ? m.hyp_adj : &m.unknown.at("-hyp-adj-"))
                     : &number_dist;
      continue;
    }
    if (const std::uint32_t id = m.words.find(w); id != detail::WordTable::kNone) {
      dists[k] = &m.lexicon[id];
      if (m.rare[id]) {
        auto cls = unknown_class(doc.lower_word(ti), false);
        if (cls == "-ed-" || cls == "-ing-") dists[k] = &m.unknown.at(std::string(cls));
      }
      // Sentence-initial capitals: also consider the lower-case word ("Last week, ...").
      if (((tok.shape & sentence_start) || (body > 0 && k == body)) && (tok.shape & capitalized)) {
        if (const Dist* lw = m.find(doc.lower_word(ti))) dists[k] = lw;
      }
      continue;
    }
    // (A word with no capital is its own lower case: the lexicon lacks that too.)
    const bool has_upper = doc.lower_word(ti) != w;
    if (const Dist* known = has_upper ? m.find(doc.lower_word(ti)) : nullptr) {
      // A capitalized word known only in lower case is a name inside a sentence ("Bush"
      // is rare; "Abe" is a name), but a common word at the start of one.
      if ((tok.shape & capitalized) && !(tok.shape & sentence_start) && !(body > 0 && k == body)) {
        owned[k] = *known;
        for (Weight& x : owned[k]) {
          x.p *= 0.3f;
          x.log_p = std::log(x.p);
        }
        owned[k].push_back({Pos::nnp, 0.7f, std::log(0.7f)});
        dists[k] = &owned[k];
      } else {
        dists[k] = known;
      }
      continue;
    }
    if (tok.kind == TokenKind::symbol) {
      dists[k] = &symbol_dist;
      continue;
    }
    if (tok.kind == TokenKind::punct) {
      // Brackets are not in Lingua's lexicon; Penn tags them -LRB- / -RRB-.
      static const Dist lrb{{Pos::punct_lrb, 1.0f, 0.0f}}, rrb{{Pos::punct_rrb, 1.0f, 0.0f}};
      if (w == "(" || w == "[" || w == "{") {
        dists[k] = &lrb;
        continue;
      }
      if (w == ")" || w == "]" || w == "}") {
        dists[k] = &rrb;
        continue;
      }
      dists[k] = m.sym ? m.sym : &m.unknown.at("-sym-");
      continue;
    }
    dists[k] = &m.unknown_class(unknown_class(doc.lower_word(ti), (tok.shape & capitalized) != 0));
  }

  // Viterbi in log space over the tags each word allows.
  // Scores need no fill: a cell is read only for the tags of the previous word, which were
  // all written (no distribution is empty).
  score.resize(len);
  back.assign(len, {});
  for (const Weight& x : *dists[0])
    score[0][static_cast<std::size_t>(x.pos)] = m.log_start[static_cast<std::size_t>(x.pos)] + x.log_p;
  for (std::size_t k = 1; k < len; ++k) {
    for (const Weight& x : *dists[k]) {
      const auto pi = static_cast<std::size_t>(x.pos);
      float best = -1e30f;
      std::uint8_t arg = 0;
      for (const Weight& y : *dists[k - 1]) {
        const auto qi = static_cast<std::size_t>(y.pos);
        // A dateline's body starts afresh, as a sentence does (after "—" the lexicon's
        // transitions make "The" a number).
        float v = score[k - 1][qi] + (k == body ? m.log_start[pi] : m.log_trans[qi][pi]);
        if (v > best) {
          best = v;
          arg = static_cast<std::uint8_t>(qi);
        }
      }
      score[k][pi] = best + x.log_p;
      back[k][pi] = arg;
    }
  }
  std::size_t best_tag = 0;
  float best = -1e31f;
  for (const Weight& x : *dists[len - 1]) {
    const auto pi = static_cast<std::size_t>(x.pos);
    if (score[len - 1][pi] > best) {
      best = score[len - 1][pi];
      best_tag = pi;
    }
  }
  for (std::size_t k = len; k-- > 0;) {
    doc.tokens[s.first + k].pos = static_cast<Pos>(best_tag);
    best_tag = back[k][best_tag];
  }

  // A participle with an object and no auxiliary is a past tense the bigrams could not see:
  // "the central bank revoked the licence" (NN VBN DT). Not after a form of "be", "have" or
  // "get" ("was given the award", "has sent a team"), and only for "-ed" forms and words the
  // lexicon allows as VBD ("taken the" stays).
  static constexpr std::array kAux = {"be"sv,   "is"sv,   "are"sv, "was"sv,  "were"sv, "been"sv, "being"sv,
                                      "am"sv,   "'s"sv,   "'re"sv, "has"sv,  "have"sv, "had"sv,  "having"sv,
                                      "'ve"sv,  "get"sv,  "gets"sv, "got"sv, "gotten"sv, "getting"sv};
  for (std::size_t k = 1; k + 1 < len; ++k) {
    Token& t = doc.tokens[s.first + k];
    const Pos next = doc.tokens[s.first + k + 1].pos;
    if (t.pos != Pos::vbn || (next != Pos::dt && next != Pos::prp_s)) continue;
    const Pos before = doc.tokens[s.first + k - 1].pos;
    if (before != Pos::nn && before != Pos::nns && before != Pos::nnp && before != Pos::nnps && before != Pos::prp)
      continue;
    // A regular verb's "-ed" form is both; the lexicon's counts may have seen only one.
    if (!doc.lower_word(s.first + k).ends_with("ed") &&
        std::none_of(dists[k]->begin(), dists[k]->end(), [](const Weight& x) { return x.pos == Pos::vbd; }))
      continue;
    bool aux = false;
    for (std::size_t j = k; j-- > 0 && j + 4 > k;) {
      const auto lw = doc.lower_word(s.first + j);
      if (std::find(kAux.begin(), kAux.end(), lw) != kAux.end()) aux = true;
    }
    if (!aux) t.pos = Pos::vbd;
  }
}

}  // namespace annals::text
