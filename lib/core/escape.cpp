#include "core/escape.h"
#include "core/utf8.h"

#include <array>
#include <cstdint>

namespace annals::escape {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_banned(char32_t cp) {
  const bool c0 = cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r';
  const bool del_or_c1 = cp >= 0x7F && cp <= 0x9F;
  const bool bidi = (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
  const bool xml_nonchar = cp == 0xFFFE || cp == 0xFFFF;
  return c0 || del_or_c1 || bidi || xml_nonchar;
}

// Decodes one code point at s[i], advancing i; an invalid byte gives U+FFFD and advances by one.
char32_t decode(std::string_view s, std::size_t& i) {
  const CodePoint c = decode_utf8(s, i);
  if (c.length == 0) {
    ++i;
    return kReplacement;
  }
  i += c.length;
  return c.value;
}

// Calls f(cp, out) for every cleaned code point of s, appending to out; f returns false to have
// cp appended as is.
template <class F>
void transform_into(std::string& out, std::string_view s, F f) {
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = decode(s, i);
    if (is_banned(cp)) cp = kReplacement;
    if (!f(cp, out)) append_utf8(out, cp);
  }
}

template <class F>
std::string transform(std::string_view s, F f) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  transform_into(out, s, f);
  return out;
}

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Whether Graphviz's XML writers (xml_isentity in lib/common/xml.c) would take the text after an
// '&' for an entity and copy it unescaped: "#digits;", "#xhex;" or "letters;".
bool looks_like_entity(std::string_view rest) {
  std::size_t i = 0;
  if (i < rest.size() && rest[i] == '#') {
    ++i;
    if (i < rest.size() && (rest[i] == 'x' || rest[i] == 'X')) {
      ++i;
      while (i < rest.size() && is_hex(rest[i])) ++i;
    } else {
      while (i < rest.size() && is_digit(rest[i])) ++i;
    }
  } else {
    while (i < rest.size() && is_ascii_alpha(rest[i])) ++i;
  }
  return i < rest.size() && rest[i] == ';';
}

constexpr std::string_view kWordJoiner = "\xE2\x81\xA0";  // U+2060

// The '&' of a Graphviz label: an entity, plus a word joiner when the text after it would
// otherwise be copied verbatim into SVG as a character reference (see looks_like_entity).
void graphviz_ampersand(std::string_view s, std::size_t after, std::string& out) {
  out += "&amp;";
  if (looks_like_entity(s.substr(after))) out += kWordJoiner;
}

}  // namespace

std::string clean(std::string_view s) {
  return transform(s, [](char32_t, std::string&) { return false; });
}

std::string xml_text(std::string_view s) {
  return transform(s, [](char32_t cp, std::string& out) {
    switch (cp) {
      case '&': out += "&amp;"; return true;
      case '<': out += "&lt;"; return true;
      case '>': out += "&gt;"; return true;
      case '\r': out += "&#13;"; return true;
      default: return false;
    }
  });
}

std::string xml_attribute(std::string_view s) {
  return transform(s, [](char32_t cp, std::string& out) {
    switch (cp) {
      case '&': out += "&amp;"; return true;
      case '<': out += "&lt;"; return true;
      case '>': out += "&gt;"; return true;
      case '"': out += "&quot;"; return true;
      case '\'': out += "&#39;"; return true;
      case '\t': out += "&#9;"; return true;
      case '\n': out += "&#10;"; return true;
      case '\r': out += "&#13;"; return true;
      default: return false;
    }
  });
}

// The Graphviz writers below need the byte position after '&', so they walk the cleaned text.
std::string dot_label(std::string_view s) {
  const std::string c = clean(s);
  std::string out;
  out.reserve(c.size() + c.size() / 8);
  for (std::size_t i = 0; i < c.size(); ++i) {
    switch (c[i]) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      case '&': graphviz_ampersand(c, i + 1, out); break;
      default: out += c[i];
    }
  }
  return out;
}

std::string dot_quoted(std::string_view s) {
  const std::string label = dot_label(s);
  std::string out;
  out.reserve(label.size() + 4);
  for (char ch : label) {
    if (ch == '"') out += '\\';
    out += ch;
  }
  return out;
}

std::string dot_html(std::string_view s) {
  const std::string c = clean(s);
  std::string out;
  out.reserve(c.size() + c.size() / 8);
  for (std::size_t i = 0; i < c.size(); ++i) {
    switch (c[i]) {
      case '&': graphviz_ampersand(c, i + 1, out); break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\n': out += "<BR/>"; break;
      case '\r': break;
      default: out += c[i];
    }
  }
  return out;
}

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  auto u_escape = [&](char32_t v) {
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(v >> shift) & 0xF];
  };
  // Printable ASCII other than " \ < > & goes through as it is: most of any text, in one append.
  // A table, looked up rather than tested: every string of the graph's JSON passes here.
  static constexpr auto kPlain = [] {
    std::array<bool, 256> t{};
    for (int c = 0x20; c < 0x7F; ++c) t[static_cast<std::size_t>(c)] = true;
    for (unsigned char c : {'"', '\\', '<', '>', '&'}) t[c] = false;
    return t;
  }();
  auto plain = [](unsigned char c) { return kPlain[c]; };
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    std::size_t j = i;
    while (j < s.size() && plain(static_cast<unsigned char>(s[j]))) ++j;
    out.append(s.data() + i, j - i);
    if (j == s.size()) break;
    const CodePoint c = decode_utf8(s, j);
    if (c.length == 0) {  // not UTF-8: JSON cannot hold it
      append_utf8(out, kReplacement);
      i = j + 1;
      continue;
    }
    i = j + c.length;
    switch (c.value) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      default: break;
    }
    // Escaped, not replaced: a JSON reader gets the character back, and the file shows none.
    if (c.value < 0x20 || is_banned(c.value) || c.value == '<' || c.value == '>' || c.value == '&' ||
        c.value == 0x2028 || c.value == 0x2029)
      u_escape(c.value);
    else
      out.append(s.data() + j, c.length);
  }
  out += '"';
}

std::string json_string(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  append_json_string(out, s);
  return out;
}

std::string csv_field(std::string_view s) {
  std::string c = clean(s);
  if (!c.empty() && (c[0] == '=' || c[0] == '+' || c[0] == '-' || c[0] == '@' || c[0] == '\t' || c[0] == '\r'))
    c.insert(c.begin(), '\'');
  const bool needs_quotes = c.find_first_of(",\"\r\n") != std::string::npos ||
                            (!c.empty() && (c.front() == ' ' || c.back() == ' '));
  if (!needs_quotes) return c;
  std::string out = "\"";
  for (char ch : c) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
  return out;
}

}  // namespace annals::escape
