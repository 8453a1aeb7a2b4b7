#include "syntax/syntax.h"

#include <clocale>
#include <string>
#include <string_view>

#include <link-grammar/link-includes.h>

namespace annals::syntax {
namespace {

// link-grammar reports through a per-thread handler; its locale notices and parse warnings
// are no business of a reader of annals' output.
void quiet(lg_errinfo*, void*) {}

struct DictionaryDeleter {
  void operator()(Dictionary_s* d) const { dictionary_delete(d); }
};
struct OptionsDeleter {
  void operator()(Parse_Options_s* o) const { parse_options_delete(o); }
};
struct SentenceDeleter {
  void operator()(Sentence_s* s) const { sentence_delete(s); }
};
struct LinkageDeleter {
  void operator()(Linkage_s* l) const { linkage_delete(l); }
};

/// The link type: a label's leading capitals ("Ss*s" → "S", "SIs" → "SI", "MVp" → "MV").
std::string_view type_of(const char* label) {
  std::string_view l(label);
  std::size_t n = 0;
  while (n < l.size() && l[n] >= 'A' && l[n] <= 'Z') ++n;
  return l.substr(0, n);
}

/// The subscript's first letter ("Pv" → 'v', "Ss*s" → 's'), or 0.
char subscript_of(const char* label) {
  std::string_view l(label);
  std::size_t n = type_of(label).size();
  return n < l.size() ? l[n] : 0;
}

struct Link {
  std::string_view type;
  char sub;
  int left, right;  // token indices, -1 for the walls and words off the tokens
};

}  // namespace

struct Parser::Impl {
  std::unique_ptr<Dictionary_s, DictionaryDeleter> dict;
};

Parser::Parser(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Parser::Parser(Parser&&) noexcept = default;
Parser& Parser::operator=(Parser&&) noexcept = default;
Parser::~Parser() = default;

Expected<Parser> Parser::load() {
  lg_error_set_handler(quiet, nullptr);
  // The dictionary may set the program's locale; annals' own output must not depend on it.
  std::string saved = std::setlocale(LC_ALL, nullptr);
  auto impl = std::make_unique<Impl>();
  impl->dict.reset(dictionary_create_lang("en"));
  std::setlocale(LC_ALL, saved.c_str());
  if (!impl->dict)
    return Diagnostic{"link-grammar", 0, 0,
                      "cannot open link-grammar's English dictionary (apt-get install link-grammar-dictionaries-en)",
                      Status::rules};
  return Parser(std::move(impl));
}

Relations Parser::parse(const text::Document& doc) const {
  lg_error_set_handler(quiet, nullptr);
  const std::size_t n = doc.tokens.size();
  Relations r;
  r.subject.assign(n, -1);
  r.object.assign(n, -1);
  r.by_agent.assign(n, -1);
  r.passive.assign(n, 0);

  std::unique_ptr<Parse_Options_s, OptionsDeleter> opts(parse_options_create());
  parse_options_set_verbosity(opts.get(), 0);
  parse_options_set_linkage_limit(opts.get(), 100);
  parse_options_set_spell_guess(opts.get(), 0);
  parse_options_set_repeatable_rand(opts.get(), true);
  parse_options_set_min_null_count(opts.get(), 0);
  parse_options_set_max_null_count(opts.get(), 2);
  parse_options_set_islands_ok(opts.get(), true);
  parse_options_set_max_parse_time(opts.get(), 3600);  // no time limit: results must not vary

  std::vector<Link> links;
  for (const auto& s : doc.sentences) {
    if (s.last - s.first > max_words || s.last == s.first) {
      ++r.sentences_skipped;
      continue;
    }
    const std::string text(doc.str(s.span));
    std::unique_ptr<Sentence_s, SentenceDeleter> sent(sentence_create(text.c_str(), impl_->dict.get()));
    if (!sent || sentence_split(sent.get(), opts.get()) < 0 || sentence_parse(sent.get(), opts.get()) <= 0) {
      ++r.sentences_skipped;
      continue;
    }
    std::unique_ptr<Linkage_s, LinkageDeleter> lk(linkage_create(0, sent.get(), opts.get()));
    if (!lk) {
      ++r.sentences_skipped;
      continue;
    }
    ++r.sentences_parsed;

    // Words to tokens by byte offset; the walls and split-off affixes map to nothing.
    const int words = linkage_get_num_words(lk.get());
    std::vector<int> token_of(static_cast<std::size_t>(words), -1);
    for (int w = 0; w < words; ++w) {
      std::string_view word = linkage_get_word(lk.get(), w);
      if (word == "LEFT-WALL" || word == "RIGHT-WALL") continue;
      const int b = linkage_get_word_byte_start(lk.get(), w);
      if (b < 0 || static_cast<std::size_t>(b) >= text.size()) continue;
      const std::size_t t = doc.token_at(s.span.begin + static_cast<std::uint32_t>(b));
      if (t >= s.first && t < s.last) token_of[static_cast<std::size_t>(w)] = static_cast<int>(t);
    }
    links.clear();
    for (int i = 0, m = linkage_get_num_links(lk.get()); i < m; ++i) {
      const char* label = linkage_get_link_label(lk.get(), i);
      links.push_back({type_of(label), subscript_of(label), token_of[linkage_get_link_lword(lk.get(), i)],
                       token_of[linkage_get_link_rword(lk.get(), i)]});
    }
    auto find = [&](auto pred) -> const Link* {
      for (const auto& l : links)
        if (l.left >= 0 && l.right >= 0 && pred(l)) return &l;
      return nullptr;
    };
    auto word = [&](int t) { return doc.lower_word(static_cast<std::size_t>(t)); };

    for (std::size_t v = s.first; v < s.last; ++v) {
      if (!text::is_verb(doc.tokens[v].pos)) continue;
      const int vt = static_cast<int>(v);
      // Climb from the verb through its auxiliaries and controlling verbs to the finite
      // verb its subject links to: "has been detained" (PP, Pv), "plans to visit" (I, TO),
      // "would meet" (I).
      int head = vt;
      bool passive = false;
      int subject = -1;
      for (int depth = 0; depth < 6 && subject < 0; ++depth) {
        if (auto l = find([&](const Link& k) { return (k.type == "S" || k.type == "RS") && k.right == head; })) {
          subject = l->left;
        } else if (auto l = find([&](const Link& k) { return k.type == "SI" && k.left == head; })) {
          subject = l->right;  // inverted: '..., said the agency'
        } else if (auto l = find([&](const Link& k) {
                     return k.right == head && (k.type == "PP" || k.type == "P" || k.type == "I" || k.type == "TO");
                   })) {
          if (l->type == "P" && l->sub == 'v' && head == vt) passive = true;
          head = l->left;
        } else {
          break;
        }
      }
      // A relative pronoun stands for the noun it modifies: "the envoy who insulted" (R),
      // "the council, which met" (MX); unresolved, it is no answer.
      if (subject >= 0) {
        auto w = word(subject);
        if (w == "which" || w == "who" || w == "that") {
          auto l = find([&](const Link& k) { return (k.type == "R" || k.type == "MX") && k.right == subject; });
          subject = l ? l->left : -1;
        }
      }
      r.subject[v] = subject;
      r.passive[v] = passive;
      if (auto l = find([&](const Link& k) { return k.type == "O" && k.left == vt; })) r.object[v] = l->right;
      if (passive)
        for (const auto& by : links)
          if (by.type == "MV" && by.left == vt && by.right >= 0 && word(by.right) == "by")
            if (auto j = find([&](const Link& k) { return k.type == "J" && k.left == by.right; })) {
              r.by_agent[v] = j->right;
              break;
            }
    }
  }
  return r;
}

}  // namespace annals::syntax
