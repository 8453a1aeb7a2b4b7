#include "actors/lexicon.h"

#include <nlohmann/json.hpp>

#include "core/files.h"
#include "core/table.h"

namespace annals::actors {

namespace {

constexpr bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }

}  // namespace

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (is_upper(static_cast<unsigned char>(c))) c = static_cast<char>(c | 0x20);
  return out;
}

namespace {

/// The tokens of a phrase as written, split the way documents are.
std::vector<std::string> forms_of(const text::Segmenter& seg, std::string_view phrase) {
  auto d = seg.segment("", std::string(phrase));
  std::vector<std::string> out;
  out.reserve(d.tokens.size());
  for (std::size_t i = 0; i < d.tokens.size(); ++i) out.emplace_back(d.word(i));
  return out;
}

std::vector<std::string> keys_of(const std::vector<std::string>& forms) {
  std::vector<std::string> keys;
  keys.reserve(forms.size());
  for (const auto& f : forms) keys.push_back(ascii_lower(f));
  return keys;
}

/// "Korea, Democratic People's Republic of" → "Korea"; "Virgin Islands, British" keeps its
/// official name instead ("British Virgin Islands").
std::string short_name(const nlohmann::json& c) {
  if (auto it = c.find("common_name"); it != c.end()) return it->get<std::string>();
  auto name = c.at("name").get<std::string>();
  auto comma = name.find(", ");
  if (comma == std::string::npos) return name;
  std::string_view rest = std::string_view(name).substr(comma + 2);
  if (rest.ends_with(" of") || rest.ends_with(" of the")) return name.substr(0, comma);
  if (auto it = c.find("official_name"); it != c.end()) {
    auto off = it->get<std::string>();
    if (off.find(',') == std::string::npos) return off;
  }
  return name;
}

std::string strip_the(std::string s) {
  if (s.starts_with("the ")) s.erase(0, 4);
  return s;
}

class Builder {
 public:
  Builder(Lexicon& lx, const text::Segmenter& seg) : lx_(lx), seg_(seg) {}

  void add_name(std::string_view phrase, NameKind kind, std::uint32_t target) {
    auto forms = forms_of(seg_, phrase);
    if (forms.empty()) return;
    auto idx = static_cast<std::uint32_t>(lx_.name_phrases.size());
    if (lx_.names.insert(keys_of(forms), idx))
      lx_.name_phrases.push_back({std::move(forms), target, kind});
  }

  static void add_to(TokenTrie& trie, std::vector<Phrase>& phrases, std::vector<std::string> forms,
                     std::uint32_t target) {
    if (forms.empty()) return;
    auto idx = static_cast<std::uint32_t>(phrases.size());
    auto keys = keys_of(forms);
    if (trie.insert(keys, idx)) phrases.push_back({std::move(forms), target, NameKind::country});
  }

  Expected<std::uint32_t> country(const Table& t, const Row& r, std::size_t field) {
    auto it = lx_.country_by_name.find(r.fields[field]);
    if (it == lx_.country_by_name.end())
      return t.error(r, field, "unknown country '" + r.fields[field] + "'");
    return it->second;
  }

 private:
  Lexicon& lx_;
  const text::Segmenter& seg_;
};

Expected<void> load_iso(const Paths& paths, Lexicon& lx, Builder& b) {
  auto file = paths.iso_codes / "iso_3166-1.json";
  auto bytes = read_file(file);
  if (!bytes) {
    auto d = bytes.error();
    d.status = Status::rules;
    return d;
  }
  auto j = nlohmann::json::parse(*bytes, nullptr, false);
  if (j.is_discarded() || !j.contains("3166-1") || !j["3166-1"].is_array())
    return Diagnostic{file.string(), 0, 0, "not an iso-codes 3166-1 file", Status::rules};
  std::vector<std::pair<std::uint32_t, std::string>> names;
  for (const auto& c : j["3166-1"]) {
    if (!c.contains("name") || !c.contains("alpha_2"))
      return Diagnostic{file.string(), 0, 0, "a country without name or alpha_2", Status::rules};
    auto idx = static_cast<std::uint32_t>(lx.countries.size());
    lx.countries.push_back(short_name(c));
    for (const char* key : {"name", "common_name", "official_name", "alpha_2", "alpha_3"}) {
      if (auto it = c.find(key); it != c.end() && it->is_string()) {
        auto v = strip_the(it->get<std::string>());
        lx.country_by_name.emplace(v, idx);
        // Two-letter and three-letter codes are English words too often ("IN", "CAN"): only
        // countries.tsv makes a code a name.
        std::string_view k = key;
        if (k == "alpha_2" || k == "alpha_3") continue;
        names.emplace_back(idx, v);
      }
    }
    lx.country_by_name.emplace(lx.countries.back(), idx);
  }
  for (auto& [idx, v] : names) b.add_name(v, NameKind::country, idx);
  for (std::uint32_t i = 0; i < lx.countries.size(); ++i)
    b.add_name(lx.countries[i], NameKind::country, i);
  return {};
}

Expected<Table> table(const Paths& paths, std::string_view name, std::size_t lo, std::size_t hi) {
  return read_table(paths.rules / "actors/rules/en" / std::string(name), lo, hi);
}

Expected<void> load_countries(const Paths& paths, Lexicon& lx, Builder& b) {
  auto t = table(paths, "countries.tsv", 3, 3);
  if (!t) return t.error();
  // New countries first, then labels, so aliases and later files may name a country by its
  // label.
  for (const auto& r : t->rows) {
    if (r.fields[0] != "country") continue;
    auto idx = static_cast<std::uint32_t>(lx.countries.size());
    lx.countries.push_back(r.fields[1]);
    lx.country_by_name.emplace(r.fields[1], idx);
    lx.country_by_name.emplace(r.fields[2], idx);
    b.add_name(r.fields[1], NameKind::country, idx);
  }
  for (const auto& r : t->rows) {
    if (r.fields[0] != "label" && r.fields[0] != "alias" && r.fields[0] != "country")
      return t->error(r, 0, "kind must be 'country', 'label' or 'alias', not '" + r.fields[0] + "'");
    if (r.fields[0] != "label") continue;
    auto c = b.country(*t, r, 2);
    if (!c) return c.error();
    lx.countries[*c] = r.fields[1];
    lx.country_by_name.emplace(r.fields[1], *c);
    b.add_name(r.fields[1], NameKind::country, *c);
  }
  for (const auto& r : t->rows) {
    if (r.fields[0] != "alias") continue;
    auto c = b.country(*t, r, 2);
    if (!c) return c.error();
    b.add_name(r.fields[1], NameKind::country, *c);
  }
  return {};
}

Expected<void> load_pairs(const Paths& paths, std::string_view file, NameKind kind, Lexicon& lx,
                          Builder& b) {
  auto t = table(paths, file, 2, 2);
  if (!t) return t.error();
  for (const auto& r : t->rows) {
    auto c = b.country(*t, r, 1);
    if (!c) return c.error();
    if (kind == NameKind::leader) {
      auto idx = static_cast<std::uint32_t>(lx.leaders.size());
      lx.leaders.push_back({r.fields[0], *c});
      b.add_name(r.fields[0], kind, idx);
      continue;
    }
    b.add_name(r.fields[0], kind, *c);
  }
  return {};
}

Expected<ActorType> parse_type(const Table& t, const Row& r, std::size_t field) {
  static constexpr ActorType all[] = {ActorType::country, ActorType::government,
                                      ActorType::organization, ActorType::person,
                                      ActorType::group, ActorType::place, ActorType::other};
  for (auto a : all)
    if (to_string(a) == r.fields[field]) return a;
  return t.error(r, field, "unknown actor type '" + r.fields[field] + "'");
}

Expected<void> load_organizations(const Paths& paths, Lexicon& lx, Builder& b) {
  auto t = table(paths, "organizations.tsv", 3, 4);
  if (!t) return t.error();
  std::unordered_map<std::string, std::uint32_t> by_label;
  for (const auto& r : t->rows) {
    auto type = parse_type(*t, r, 2);
    if (!type) return type.error();
    std::uint32_t country = kNoCountry;
    if (r.fields.size() > 3) {
      auto c = b.country(*t, r, 3);
      if (!c) return c.error();
      country = *c;
    }
    auto [it, fresh] = by_label.emplace(r.fields[1], static_cast<std::uint32_t>(lx.organizations.size()));
    if (fresh) {
      lx.organizations.push_back({r.fields[1], *type, country});
      b.add_name(r.fields[1], NameKind::organization, it->second);
    } else if (lx.organizations[it->second].type != *type) {
      return t->error(r, 2, "type differs from an earlier row of '" + r.fields[1] + "'");
    }
    b.add_name(r.fields[0], NameKind::organization, it->second);
  }
  return {};
}

Expected<void> load_demonyms(const Paths& paths, Lexicon& lx, Builder& b,
                             const text::Segmenter& seg) {
  auto t = table(paths, "demonyms.tsv", 2, 2);
  if (!t) return t.error();
  for (const auto& r : t->rows) {
    auto c = b.country(*t, r, 1);
    if (!c) return c.error();
    Builder::add_to(lx.demonyms, lx.demonym_phrases, forms_of(seg, r.fields[0]), *c);
    if (lx.adjective_of.size() <= *c) lx.adjective_of.resize(*c + 1);
    // An adjective, not an abbreviation: "American", not "U.S." or "US".
    const auto& adj = r.fields[0];
    if (lx.adjective_of[*c].empty() && adj.find('.') == std::string::npos &&
        adj.find_first_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos)
      lx.adjective_of[*c] = adj;
  }
  return {};
}

Expected<void> load_titles(const Paths& paths, Lexicon& lx, const text::Segmenter& seg) {
  auto t = table(paths, "titles.tsv", 2, 2);
  if (!t) return t.error();
  for (const auto& r : t->rows) {
    TitleClass cls;
    const auto& c = r.fields[1];
    if (c == "head") cls = TitleClass::head;
    else if (c == "office") cls = TitleClass::office;
    else if (c == "honorific") cls = TitleClass::honorific;
    else if (c == "job") cls = TitleClass::job;
    else return t->error(r, 1, "class must be head, office, honorific or job, not '" + c + "'");
    Builder::add_to(lx.titles, lx.title_phrases, forms_of(seg, r.fields[0]),
                    static_cast<std::uint32_t>(cls));
  }
  return {};
}

Expected<void> load_words(const Paths& paths, Lexicon& lx) {
  auto groups = table(paths, "groups.tsv", 1, 2);
  if (!groups) return groups.error();
  for (const auto& r : groups->rows) {
    if (r.fields.size() > 1 && r.fields[1] != "crowd" && r.fields[1] != "state")
      return groups->error(r, 1, "expected 'crowd', 'state' or nothing, not '" + r.fields[1] + "'");
    const std::uint32_t payload = r.fields.size() < 2 ? 0 : r.fields[1] == "crowd" ? kCrowd : kState;
    lx.groups.insert(text::phrase_tokens(r.fields[0]), payload);
  }

  auto suffixes = table(paths, "org_suffixes.tsv", 2, 2);
  if (!suffixes) return suffixes.error();
  for (const auto& r : suffixes->rows) {
    if (r.fields[1] != "end" && r.fields[1] != "head")
      return suffixes->error(r, 1, "where must be 'end' or 'head', not '" + r.fields[1] + "'");
    lx.suffixes.insert(text::phrase_tokens(r.fields[0]), r.fields[1] == "head" ? 1 : 0);
  }

  auto nominals = table(paths, "nominals.tsv", 2, 3);
  if (!nominals) return nominals.error();
  for (const auto& r : nominals->rows) {
    Nominal n;
    std::string_view list = r.fields[1];
    while (!list.empty()) {
      auto comma = list.find(',');
      Row one{r.line, {std::string(list.substr(0, comma))}};
      auto type = parse_type(*nominals, one, 0);
      if (!type) return type.error();
      n.types.push_back(*type);
      list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    }
    if (r.fields.size() > 2) n.label_word = r.fields[2];
    lx.nominals.emplace(ascii_lower(r.fields[0]), std::move(n));
  }

  auto non_names = table(paths, "non_names.tsv", 1, 1);
  if (!non_names) return non_names.error();
  for (const auto& r : non_names->rows) lx.non_names.insert(ascii_lower(r.fields[0]));
  auto instruments = table(paths, "instruments.tsv", 1, 1);
  if (!instruments) return instruments.error();
  for (const auto& r : instruments->rows) lx.instruments.insert(ascii_lower(r.fields[0]));

  auto members = table(paths, "members.tsv", 1, 1);
  if (!members) return members.error();
  for (const auto& r : members->rows) lx.members.insert(ascii_lower(r.fields[0]));
  return {};
}

}  // namespace

bool case_compatible(std::string_view form, std::string_view text) {
  int upper = 0;
  for (unsigned char c : form) upper += is_upper(c);
  if (upper == 0) return true;
  if (upper >= 2) return form == text;
  return !text.empty() && is_upper(static_cast<unsigned char>(text[0]));
}

std::string actor_id(std::string_view label) {
  std::string id = "actor:";
  bool dash = false;
  for (unsigned char c : label) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || is_upper(c) || c >= 0x80;
    if (!keep) {
      dash = true;
      continue;
    }
    if (dash && id.size() > 6) id += '-';
    dash = false;
    id += static_cast<char>(is_upper(c) ? c | 0x20 : c);
  }
  return id;
}

Expected<Lexicon> load_lexicon(const Paths& paths, const text::Segmenter& seg) {
  Lexicon lx;
  Builder b(lx, seg);
  if (auto r = load_iso(paths, lx, b); !r) return r.error();
  if (auto r = load_countries(paths, lx, b); !r) return r.error();
  if (auto r = load_pairs(paths, "capitals.tsv", NameKind::capital, lx, b); !r) return r.error();
  if (auto r = load_pairs(paths, "contextual.tsv", NameKind::contextual, lx, b); !r) return r.error();
  if (auto r = load_pairs(paths, "leaders.tsv", NameKind::leader, lx, b); !r) return r.error();
  if (auto r = load_organizations(paths, lx, b); !r) return r.error();
  if (auto r = load_demonyms(paths, lx, b, seg); !r) return r.error();
  if (auto r = load_titles(paths, lx, seg); !r) return r.error();
  if (auto r = load_words(paths, lx); !r) return r.error();
  lx.adjective_of.resize(lx.countries.size());
  return lx;
}

}  // namespace annals::actors
