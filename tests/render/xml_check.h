// A small XML 1.0 well-formedness checker for tests (no DTD processing): elements nest and
// match, attributes are quoted and unique per element, '<' never appears in character data or
// attribute values, every '&' starts a predefined entity or a character reference to an XML
// Char, and every character is an XML Char in valid UTF-8. Comments, processing instructions,
// CDATA and one DOCTYPE (without internal subset) are skipped over. Used by tests/core and
// tests/render so that the escaping and the SVG are checked without a new build dependency.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace annals::testxml {

inline bool is_xml_char(std::uint32_t cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
         (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

/// Decodes the UTF-8 code point at s[i]; returns false for an invalid sequence.
inline bool next_code_point(std::string_view s, std::size_t& i, std::uint32_t& cp) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
  if (len == 0 || i + len > s.size()) return false;
  cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < len; ++k) {
    const auto d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xC0) != 0x80) return false;
    cp = (cp << 6) | (d & 0x3F);
  }
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return false;
  i += len;
  return true;
}

/// Decodes character data or an attribute value (no markup inside); sets `error` on a problem.
inline std::string decode_text(std::string_view s, std::string& error) {
  std::string out;
  for (std::size_t i = 0; i < s.size() && error.empty();) {
    if (s[i] == '<') {
      error = "'<' in text at " + std::to_string(i);
      break;
    }
    if (s[i] != '&') {
      std::size_t start = i;
      std::uint32_t cp = 0;
      if (!next_code_point(s, i, cp)) error = "invalid UTF-8 at " + std::to_string(start);
      else if (!is_xml_char(cp)) error = "not an XML Char at " + std::to_string(start);
      else out.append(s.substr(start, i - start));
      continue;
    }
    auto semi = s.find(';', i);
    if (semi == std::string_view::npos) {
      error = "'&' without ';' at " + std::to_string(i);
      break;
    }
    std::string_view name = s.substr(i + 1, semi - i - 1);
    std::uint32_t cp = 0;
    if (name == "amp") cp = '&';
    else if (name == "lt") cp = '<';
    else if (name == "gt") cp = '>';
    else if (name == "quot") cp = '"';
    else if (name == "apos") cp = '\'';
    else if (name.size() > 1 && name[0] == '#') {
      bool hex = name[1] == 'x';
      std::string digits(name.substr(hex ? 2 : 1));
      if (digits.empty() || digits.find_first_not_of(hex ? "0123456789abcdefABCDEF" : "0123456789") != std::string::npos) {
        error = "bad character reference &" + std::string(name) + ";";
        break;
      }
      cp = static_cast<std::uint32_t>(std::stoul(digits, nullptr, hex ? 16 : 10));
      if (!is_xml_char(cp)) {
        error = "character reference to a non-Char &" + std::string(name) + ";";
        break;
      }
    } else {
      error = "unknown entity &" + std::string(name) + ";";
      break;
    }
    // Append cp as UTF-8.
    if (cp < 0x80) out += static_cast<char>(cp);
    else if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
    else if (cp < 0x10000) { out += static_cast<char>(0xE0 | (cp >> 12)); out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
    else { out += static_cast<char>(0xF0 | (cp >> 18)); out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F)); out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
    i = semi + 1;
  }
  return out;
}

struct Result {
  std::string error;              ///< empty when well-formed
  std::vector<std::string> texts;  ///< decoded character data runs, in document order
  std::vector<std::string> attributes;  ///< decoded attribute values, in document order
};

inline bool is_name_char(char c) {
  return c == ':' || c == '_' || c == '-' || c == '.' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
}

inline Result check(std::string_view doc) {
  Result r;
  std::vector<std::string> open;
  bool seen_root = false;
  std::size_t i = 0;
  auto fail = [&](std::string what) { r.error = what + " at byte " + std::to_string(i); return r; };
  auto skip_to = [&](std::string_view end) {
    auto e = doc.find(end, i);
    if (e == std::string_view::npos) return false;
    i = e + end.size();
    return true;
  };
  while (i < doc.size()) {
    if (doc[i] != '<') {
      auto lt = doc.find('<', i);
      std::string_view text = doc.substr(i, lt == std::string_view::npos ? std::string_view::npos : lt - i);
      if (open.empty() && text.find_first_not_of(" \t\r\n") != std::string_view::npos) return fail("text outside the root");
      std::string err;
      r.texts.push_back(decode_text(text, err));
      if (!err.empty()) return fail(err);
      if (text.find("]]>") != std::string_view::npos) return fail("']]>' in text");
      i += text.size();
      continue;
    }
    if (doc.substr(i, 4) == "<!--") { if (!skip_to("-->")) return fail("unclosed comment"); continue; }
    if (doc.substr(i, 9) == "<![CDATA[") { if (open.empty() || !skip_to("]]>")) return fail("bad CDATA"); continue; }
    if (doc.substr(i, 2) == "<?") { if (!skip_to("?>")) return fail("unclosed PI"); continue; }
    if (doc.substr(i, 9) == "<!DOCTYPE") { if (seen_root || !skip_to(">")) return fail("bad DOCTYPE"); continue; }
    bool closing = doc.substr(i, 2) == "</";
    i += closing ? 2 : 1;
    std::size_t name_start = i;
    while (i < doc.size() && is_name_char(doc[i])) ++i;
    std::string name(doc.substr(name_start, i - name_start));
    if (name.empty()) return fail("empty tag name");
    if (closing) {
      while (i < doc.size() && (doc[i] == ' ' || doc[i] == '\n' || doc[i] == '\t' || doc[i] == '\r')) ++i;
      if (i >= doc.size() || doc[i] != '>') return fail("bad end tag");
      ++i;
      if (open.empty() || open.back() != name) return fail("end tag </" + name + "> does not match");
      open.pop_back();
      continue;
    }
    if (open.empty() && seen_root) return fail("second root element");
    seen_root = true;
    std::set<std::string> attrs;
    while (true) {
      std::size_t ws = i;
      while (i < doc.size() && (doc[i] == ' ' || doc[i] == '\n' || doc[i] == '\t' || doc[i] == '\r')) ++i;
      if (i >= doc.size()) return fail("unclosed start tag");
      if (doc[i] == '>') { ++i; open.push_back(name); break; }
      if (doc.substr(i, 2) == "/>") { i += 2; break; }
      if (ws == i) return fail("attributes need white space between them");
      std::size_t an = i;
      while (i < doc.size() && is_name_char(doc[i])) ++i;
      std::string attr(doc.substr(an, i - an));
      if (attr.empty() || i >= doc.size() || doc[i] != '=') return fail("bad attribute");
      if (!attrs.insert(attr).second) return fail("duplicate attribute " + attr);
      ++i;
      if (i >= doc.size() || (doc[i] != '"' && doc[i] != '\'')) return fail("unquoted attribute value");
      char q = doc[i++];
      auto e = doc.find(q, i);
      if (e == std::string_view::npos) return fail("unclosed attribute value");
      std::string err;
      r.attributes.push_back(decode_text(doc.substr(i, e - i), err));
      if (!err.empty()) return fail("attribute " + attr + ": " + err);
      i = e + 1;
    }
  }
  if (!open.empty()) return fail("unclosed element <" + open.back() + ">");
  if (!seen_root) return fail("no root element");
  return r;
}

}  // namespace annals::testxml
