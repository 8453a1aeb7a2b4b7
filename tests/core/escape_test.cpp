#include "core/escape.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../render/xml_check.h"
#include "core/files.h"

using namespace annals;

namespace {

// The hostile strings of issue 5, each alone and all joined.
std::vector<std::string> hostile() {
  std::vector<std::string> v = {
      "say \"hi\" & 'bye'",
      "</script><script>alert(1)</script>",
      "x]]><y/>",
      "a\"]; b -> c [label=\"pwn",
      "line1\nline2\r\nline3\rline4",
      std::string("nul\0byte", 8),
      "bell\x07 esc\x1b del\x7f",
      "rlo\xE2\x80\xAEtxt.exe lri\xE2\x81\xA6x\xE2\x81\xA9",
      "bad\xff\xfeutf8 \xc0\xaf overlong \xed\xa0\x80 surrogate \xe2\x82 truncated",
      "&#0; &#x202E; &lt; &amp; &unknown; & alone",
      "back\\slash\\N \\G \\\\ trailing\\",
      "<b>not bold</b> <BR/> <!-- c -->",
      "=HYPERLINK(\"http://x\")",
      "\xEF\xBF\xBE nonchar",
  };
  std::string all;
  for (const auto& s : v) all += s;
  v.push_back(all);
  return v;
}

bool has_bidi_control(std::string_view s) {
  for (std::string_view b : {"\xE2\x80\xAA", "\xE2\x80\xAB", "\xE2\x80\xAC", "\xE2\x80\xAD", "\xE2\x80\xAE",
                             "\xE2\x81\xA6", "\xE2\x81\xA7", "\xE2\x81\xA8", "\xE2\x81\xA9"})
    if (s.find(b) != std::string_view::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("escape::clean: invalid UTF-8, controls and bidi controls become U+FFFD") {
  CHECK(escape::clean("plain text, é, \xF0\x9F\x98\x80") == "plain text, é, \xF0\x9F\x98\x80");
  CHECK(escape::clean(std::string("a\0b", 3)) == "a\xEF\xBF\xBD" "b");
  CHECK(escape::clean("tab\tlf\ncr\r") == "tab\tlf\ncr\r");
  CHECK(escape::clean("\x1b[31m") == "\xEF\xBF\xBD[31m");
  CHECK(escape::clean("\xC2\x85") == "\xEF\xBF\xBD");          // NEL, a C1 control
  CHECK(escape::clean("a\xE2\x80\xAE" "b") == "a\xEF\xBF\xBD" "b");  // RLO
  CHECK(escape::clean("\xE2\x81\xA9") == "\xEF\xBF\xBD");      // PDI
  CHECK(escape::clean("\xE2\x80\x8F") == "\xE2\x80\x8F");      // RLM is a mark, kept
  CHECK(escape::clean("\xff") == "\xEF\xBF\xBD");
  CHECK(escape::clean("\xc0\xaf") == "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
  CHECK(escape::clean("\xed\xa0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  CHECK(escape::clean("\xe2\x82") == "\xEF\xBF\xBD\xEF\xBF\xBD");  // truncated
  CHECK(escape::clean("\xF4\x90\x80\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // > U+10FFFF
  CHECK(escape::clean("\xEF\xBF\xBF") == "\xEF\xBF\xBD");      // U+FFFF
  for (const auto& s : hostile()) {
    auto c = escape::clean(s);
    CHECK(find_invalid_utf8(c) == std::string_view::npos);
    CHECK_FALSE(has_bidi_control(c));
    CHECK(c.find('\0') == std::string::npos);
  }
}


TEST_CASE("escape::xml_text and xml_attribute: well-formed and read back as the cleaned text") {
  for (const auto& s : hostile()) {
    INFO(s);
    std::string doc = "<root a=\"" + escape::xml_attribute(s) + "\" b='" + escape::xml_attribute(s) + "'>" +
                      escape::xml_text(s) + "</root>";
    auto r = testxml::check(doc);
    REQUIRE_MESSAGE(r.error.empty(), r.error);
    REQUIRE(r.texts.size() == 1);
    CHECK(r.texts[0] == escape::clean(s));
    REQUIRE(r.attributes.size() == 2);
    CHECK(r.attributes[0] == escape::clean(s));
    CHECK(r.attributes[1] == escape::clean(s));
    CHECK(escape::xml_text(s).find("</") == std::string::npos);
    CHECK(escape::xml_text(s).find("]]>") == std::string::npos);
  }
  CHECK(escape::xml_text("a<b>&c\r") == "a&lt;b&gt;&amp;c&#13;");
  CHECK(escape::xml_attribute("\"'\t\n") == "&quot;&#39;&#9;&#10;");
}

TEST_CASE("escape::dot_label: backslashes paired, newlines as \\n, entities guarded") {
  CHECK(escape::dot_label("a\\N") == "a\\\\N");        // not the node name
  CHECK(escape::dot_label("trailing\\") == "trailing\\\\");
  CHECK(escape::dot_label("two\nlines\r\n") == "two\\nlines\\n");
  CHECK(escape::dot_label("\"];") == "\"];");          // cgraph quotes '"' when writing
  CHECK(escape::dot_label("AT&T") == "AT&amp;T");
  CHECK(escape::dot_label("&#0;") == "&amp;\xE2\x81\xA0#0;");
  CHECK(escape::dot_label("&lt;") == "&amp;\xE2\x81\xA0lt;");
  CHECK(escape::dot_label("& x;") == "&amp; x;");
  for (const auto& s : hostile()) {
    auto v = escape::dot_label(s);
    INFO(v);
    CHECK(v.find('\n') == std::string::npos);
    // Every backslash run is even, so no "\"" can end a DOT string early.
    for (std::size_t i = 0; i < v.size();) {
      if (v[i] != '\\') { ++i; continue; }
      std::size_t run = 0;
      while (i < v.size() && v[i] == '\\') { ++run; ++i; }
      bool escape_seq = run % 2 == 1 && i < v.size() && v[i] == 'n';
      CHECK((run % 2 == 0 || escape_seq));
    }
  }
}

TEST_CASE("escape::dot_quoted: no unescaped quote, so \"]; cannot leave the string") {
  CHECK(escape::dot_quoted("a\"];b") == "a\\\"];b");
  CHECK(escape::dot_quoted("\\\"") == "\\\\\\\"");
  for (const auto& s : hostile()) {
    auto q = escape::dot_quoted(s);
    INFO(q);
    // Scan as the DOT lexer does: "\\" and "\"" are pairs; a bare '"' would end the string.
    bool bare_quote = false;
    for (std::size_t i = 0; i < q.size(); ++i) {
      if (q[i] == '\\' && i + 1 < q.size()) { ++i; continue; }
      if (q[i] == '"' || (q[i] == '\\' && i + 1 == q.size())) bare_quote = true;
    }
    CHECK_FALSE(bare_quote);
    CHECK(q.find('\n') == std::string::npos);
  }
}

TEST_CASE("escape::dot_html: markup cannot open or close inside an HTML-like label") {
  CHECK(escape::dot_html("<B>x</B>") == "&lt;B&gt;x&lt;/B&gt;");
  CHECK(escape::dot_html("a\nb") == "a<BR/>b");
  CHECK(escape::dot_html("\"'&") == "&quot;&#39;&amp;");
  for (const auto& s : hostile()) {
    auto h = escape::dot_html(s);
    INFO(h);
    // Without the <BR/> we add, the text holds no markup at all and is well-formed as XML text.
    std::string text = h;
    for (auto p = text.find("<BR/>"); p != std::string::npos; p = text.find("<BR/>")) text.replace(p, 5, " ");
    CHECK(text.find('<') == std::string::npos);
    CHECK(text.find('>') == std::string::npos);
    auto r = testxml::check("<x>" + h + "</x>");
    CHECK_MESSAGE(r.error.empty(), r.error);
  }
}

TEST_CASE("escape::json_string: valid JSON, nothing that closes a <script>") {
  CHECK(escape::json_string("a\"b\\c\n") == "\"a\\\"b\\\\c\\n\"");
  CHECK(escape::json_string("</script>") == "\"\\u003c/script\\u003e\"");
  CHECK(escape::json_string("\xE2\x80\xA8") == "\"\\u2028\"");
  // Lossless: controls, DEL and bidi overrides are escaped, not replaced; only bytes that are
  // not UTF-8 become U+FFFD.
  CHECK(escape::json_string(std::string("\0", 1)) == "\"\\u0000\"");
  CHECK(escape::json_string("a\x7f\xE2\x80\xAE\xC2\x85") == "\"a\\u007f\\u202e\\u0085\"");
  CHECK(escape::json_string("caf\xC3\xA9 \xFF") == "\"caf\xC3\xA9 \xEF\xBF\xBD\"");
  for (const auto& s : hostile()) {
    auto j = escape::json_string(s);
    INFO(j);
    CHECK(j.find("</") == std::string::npos);
    CHECK(j.find("<!--") == std::string::npos);
    CHECK(find_invalid_utf8(j) == std::string_view::npos);
    for (unsigned char c : j) CHECK(c >= 0x20);
    // Only the two delimiting quotes are unescaped.
    std::size_t bare = 0;
    for (std::size_t i = 0; i < j.size(); ++i) {
      if (j[i] == '\\') { ++i; continue; }
      if (j[i] == '"') ++bare;
    }
    CHECK(bare == 2);
  }
}

TEST_CASE("escape::csv_field: RFC 4180 quoting and formula prefix") {
  CHECK(escape::csv_field("plain") == "plain");
  CHECK(escape::csv_field("a,b") == "\"a,b\"");
  CHECK(escape::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(escape::csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(escape::csv_field("=1+1") == "'=1+1");
  CHECK(escape::csv_field("-2") == "'-2");
  CHECK(escape::csv_field("@SUM(A1)") == "'@SUM(A1)");
  CHECK(escape::csv_field(" padded ") == "\" padded \"");
  for (const auto& s : hostile()) {
    auto f = escape::csv_field(s);
    INFO(f);
    if (f.empty() || f.front() != '"') {
      CHECK(f.find_first_of(",\"\r\n") == std::string::npos);
      continue;
    }
    REQUIRE(f.size() >= 2);
    CHECK(f.back() == '"');
    std::string inner = f.substr(1, f.size() - 2);
    for (std::size_t i = 0; i < inner.size(); ++i) {
      if (inner[i] != '"') continue;
      REQUIRE(i + 1 < inner.size());
      CHECK(inner[i + 1] == '"');
      ++i;
    }
  }
}
