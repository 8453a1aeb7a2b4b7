// TimeML in and out (TimeML 1.2.1; the layout TempEval-3 distributes): a small tag scanner
// that checks nesting, keeps every byte's source offset, and writes TIMEX3 tags back in.
#include "time/time.h"

#include <algorithm>

namespace annals::time {
namespace {

struct Tag {
  Span span;              // the whole tag, "<" to ">"
  std::string_view name;
  enum class Kind : std::uint8_t { open, close, empty, other } kind = Kind::other;
};

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         c == ':' || c == '.';
}

/// The value of attribute `name` inside a start tag, if present.
std::optional<std::string_view> attribute(std::string_view tag, std::string_view name) {
  std::size_t i = 0;
  while ((i = tag.find(name, i)) != std::string_view::npos) {
    bool starts = i > 0 && (tag[i - 1] == ' ' || tag[i - 1] == '\t' || tag[i - 1] == '\n' || tag[i - 1] == '\r');
    std::size_t k = i + name.size();
    while (k < tag.size() && (tag[k] == ' ' || tag[k] == '\t')) ++k;
    if (starts && k < tag.size() && tag[k] == '=') {
      ++k;
      while (k < tag.size() && (tag[k] == ' ' || tag[k] == '\t')) ++k;
      if (k < tag.size() && (tag[k] == '"' || tag[k] == '\'')) {
        char q = tag[k];
        auto end = tag.find(q, k + 1);
        if (end != std::string_view::npos) return tag.substr(k + 1, end - k - 1);
      }
    }
    i += name.size();
  }
  return std::nullopt;
}

/// Every tag of the document, checked for nesting.
Expected<std::vector<Tag>> scan(const std::string& file, std::string_view s) {
  std::vector<Tag> tags;
  std::vector<std::size_t> open;  // indices into tags
  std::size_t i = 0;
  while ((i = s.find('<', i)) != std::string_view::npos) {
    Tag t;
    auto fail = [&](std::size_t at, std::string msg) -> Expected<std::vector<Tag>> {
      return diagnostic_at(file, s, at, std::move(msg), Status::input);
    };
    auto close_at = [&](std::string_view term) { return s.find(term, i); };
    std::size_t end;
    if (s.substr(i, 4) == "<!--") {
      end = close_at("-->");
      if (end == std::string_view::npos) return fail(i, "unterminated comment");
      end += 3;
    } else if (s.substr(i, 9) == "<![CDATA[") {
      end = close_at("]]>");
      if (end == std::string_view::npos) return fail(i, "unterminated CDATA section");
      end += 3;
    } else if (s.substr(i, 2) == "<?" || s.substr(i, 2) == "<!") {
      end = close_at(">");
      if (end == std::string_view::npos) return fail(i, "unterminated declaration");
      end += 1;
    } else {
      // A start or end tag; '>' inside quoted attribute values does not end it.
      std::size_t k = i + 1;
      char quote = 0;
      for (; k < s.size(); ++k) {
        if (quote) {
          if (s[k] == quote) quote = 0;
        } else if (s[k] == '"' || s[k] == '\'') {
          quote = s[k];
        } else if (s[k] == '>') {
          break;
        } else if (s[k] == '<') {
          return fail(k, "'<' inside a tag");
        }
      }
      if (k >= s.size()) return fail(i, "unterminated tag");
      end = k + 1;
      bool closing = s[i + 1] == '/';
      std::size_t nb = i + 1 + (closing ? 1 : 0), ne = nb;
      while (ne < s.size() && is_name_char(s[ne])) ++ne;
      if (ne == nb) return fail(i + 1, "a tag needs a name");
      t.name = s.substr(nb, ne - nb);
      t.kind = closing ? Tag::Kind::close : (s[end - 2] == '/' ? Tag::Kind::empty : Tag::Kind::open);
    }
    t.span = {static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(end)};
    if (t.kind == Tag::Kind::open) open.push_back(tags.size());
    if (t.kind == Tag::Kind::close) {
      if (open.empty()) return fail(i, "</" + std::string(t.name) + "> closes nothing");
      const Tag& o = tags[open.back()];
      if (o.name != t.name)
        return fail(i, "</" + std::string(t.name) + "> closes <" + std::string(o.name) + "> opened at line " +
                           std::to_string(line_column(s, o.span.begin).line));
      open.pop_back();
    }
    tags.push_back(t);
    i = end;
  }
  if (!open.empty()) {
    const Tag& o = tags[open.back()];
    return diagnostic_at(file, s, o.span.begin, "<" + std::string(o.name) + "> is never closed", Status::input);
  }
  return tags;
}

void append_escaped(std::string& out, std::string_view v) {
  // Runs without a special character are appended whole (a plain text's TimeML is mostly them).
  while (!v.empty()) {
    const auto k = v.find_first_of("&<>\"");
    out.append(v.substr(0, k));
    if (k == std::string_view::npos) return;
    switch (v[k]) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += "&quot;"; break;
    }
    v.remove_prefix(k + 1);
  }
}

std::string open_tag(const std::vector<Timex>& ts, std::size_t k) {
  const Timex& t = ts[k];
  std::string out = "<TIMEX3 tid=\"t" + std::to_string(k + 1) + "\" type=\"";
  out += to_string(t.type);
  out += "\" value=\"";
  append_escaped(out, t.value);
  out += '"';
  if (t.mod != Mod::none) {
    out += " mod=\"";
    out += to_string(t.mod);
    out += '"';
  }
  if (!t.quant.empty()) {
    out += " quant=\"";
    append_escaped(out, t.quant);
    out += '"';
  }
  if (!t.freq.empty()) {
    out += " freq=\"";
    append_escaped(out, t.freq);
    out += '"';
  }
  if (t.relative) {
    out += " anchorTimeID=\"t";
    out += std::to_string(t.anchor < 0 ? 0 : t.anchor + 1);
    out += '"';
  }
  out += '>';
  return out;
}

}  // namespace

Expected<TimemlDocument> read_timeml(std::string file, std::string source) {
  auto tags = scan(file, source);
  if (!tags) return tags.error();
  TimemlDocument doc;
  const std::string_view s = source;
  std::size_t text_open = tags->size(), text_close = tags->size();
  for (std::size_t k = 0; k < tags->size(); ++k) {
    const Tag& t = (*tags)[k];
    if (t.name == "TEXT" && t.kind == Tag::Kind::open && text_open == tags->size()) text_open = k;
    if (t.name == "TEXT" && t.kind == Tag::Kind::close && text_open < tags->size() && text_close == tags->size())
      text_close = k;
  }
  if (text_open == tags->size() || text_close == tags->size())
    return Diagnostic{file, 0, 0, "no <TEXT> element", Status::input};
  // The DCT: the value of the TIMEX3 inside <DCT>, a sibling of TEXT. A <DCT> written inside
  // TEXT is text markup like any other, not the document's date.
  bool in_dct = false;
  for (std::size_t k = 0; k < tags->size(); ++k) {
    if (k == text_open) k = text_close;
    const Tag& t = (*tags)[k];
    if (t.name == "DCT") in_dct = t.kind == Tag::Kind::open;
    if (in_dct && t.name == "TIMEX3" && t.kind != Tag::Kind::close) {
      auto v = attribute(t.span.of(s), "value");
      if (!v || v->size() < 10 || !parse_date(v->substr(0, 10)))
        return diagnostic_at(file, s, t.span.begin, "the DCT's TIMEX3 needs a value YYYY-MM-DD", Status::input);
      doc.dct = parse_date(v->substr(0, 10));
    }
  }
  // The text inside TEXT with every tag taken out, each byte remembering its source offset
  // (appended a run between two tags at a time).
  std::uint32_t pos = (*tags)[text_open].span.end;
  doc.text.reserve((*tags)[text_close].span.begin - pos);
  doc.source_offset.reserve((*tags)[text_close].span.begin - pos + 1);
  for (std::size_t k = text_open + 1; k <= text_close; ++k) {
    const Tag& t = (*tags)[k];
    if (pos < t.span.begin) {
      doc.text.append(s.substr(pos, t.span.begin - pos));
      for (; pos < t.span.begin; ++pos) doc.source_offset.push_back(pos);
    }
    if (t.name == "TIMEX3")
      doc.old_timex_tags.push_back(t.span);
    else if (k < text_close && (t.kind == Tag::Kind::open || t.kind == Tag::Kind::close))
      doc.nesting.emplace_back(t.span.begin, t.kind == Tag::Kind::open ? 1 : -1);
    pos = t.span.end;
  }
  doc.source_offset.push_back((*tags)[text_close].span.begin);
  doc.source = std::move(source);
  return doc;
}

std::string write_timeml(const TimemlDocument& doc, const std::vector<Timex>& timexes) {
  const std::string_view s = doc.source;
  auto balanced = [&](std::uint32_t from, std::uint32_t to) {
    int depth = 0;
    auto it = std::lower_bound(doc.nesting.begin(), doc.nesting.end(), std::make_pair(from, -2));
    for (; it != doc.nesting.end() && it->first < to; ++it) {
      depth += it->second;
      if (depth < 0) return false;
    }
    return depth == 0;
  };
  struct Insert {
    std::uint32_t at;
    int order;  // closing tags before opening tags at the same offset
    std::string tag;
  };
  std::vector<Insert> inserts;
  std::size_t written_end = 0;  // overlapping timexes would make crossing tags: the first wins
  for (std::size_t k = 0; k < timexes.size(); ++k) {
    const Timex& t = timexes[k];
    if (t.span.empty() || t.span.end > doc.text.size() || t.span.begin < written_end) continue;
    std::uint32_t b = doc.source_offset[t.span.begin];
    std::uint32_t e = doc.source_offset[t.span.end - 1] + 1;
    if (!balanced(b, e)) continue;
    written_end = t.span.end;
    inserts.push_back({b, 1, open_tag(timexes, k)});
    inserts.push_back({e, 0, "</TIMEX3>"});
  }
  std::stable_sort(inserts.begin(), inserts.end(),
                   [](const Insert& a, const Insert& b) { return a.at != b.at ? a.at < b.at : a.order < b.order; });
  std::string out;
  out.reserve(s.size() + inserts.size() * 48);
  // Copy runs of source bytes up to the next insertion or old TIMEX3 tag.
  std::size_t ins = 0, old = 0;
  std::uint32_t i = 0;
  const auto size = static_cast<std::uint32_t>(s.size());
  while (true) {
    while (ins < inserts.size() && inserts[ins].at == i) out += inserts[ins++].tag;
    if (i == size) break;
    if (old < doc.old_timex_tags.size() && doc.old_timex_tags[old].begin == i) {
      i = doc.old_timex_tags[old++].end;
      continue;
    }
    std::uint32_t next = size;
    if (ins < inserts.size()) next = std::min(next, std::max(inserts[ins].at, i + 1));
    if (old < doc.old_timex_tags.size()) next = std::min(next, std::max(doc.old_timex_tags[old].begin, i + 1));
    out.append(s.substr(i, next - i));
    i = next;
  }
  return out;
}

std::string write_timeml(std::string_view text, date::year_month_day dct, const std::vector<Timex>& timexes) {
  std::string out = "<?xml version=\"1.0\" ?>\n<TimeML>\n<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"";
  std::string d = format_value(dct, Unit::day);
  out += d + "\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">" + d + "</TIMEX3></DCT>\n<TEXT>";
  std::size_t pos = 0;
  for (std::size_t k = 0; k < timexes.size(); ++k) {
    const Timex& t = timexes[k];
    if (t.span.begin < pos || t.span.end > text.size()) continue;
    append_escaped(out, text.substr(pos, t.span.begin - pos));
    out += open_tag(timexes, k);
    append_escaped(out, t.span.of(text));
    out += "</TIMEX3>";
    pos = t.span.end;
  }
  append_escaped(out, text.substr(pos));
  out += "</TEXT>\n</TimeML>\n";
  return out;
}

}  // namespace annals::time
