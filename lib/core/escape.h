// Escaping for every output language annals writes (issue 5, "injection-proof outputs"): one
// function per language and context, so writers never escape by hand. Every function but
// json_string (which escapes instead, losslessly) first cleans the text the same way (see
// clean()), then escapes what is special in its language.
//
// Cleaning replaces with U+FFFD REPLACEMENT CHARACTER:
//  - invalid UTF-8: one U+FFFD per byte that does not start a valid sequence (overlong forms,
//    surrogates and values past U+10FFFF are invalid, RFC 3629);
//  - C0 controls other than TAB, LF, CR; DEL; C1 controls (U+0080..U+009F): XML 1.0 cannot hold
//    most of them (§2.2 Char) and the rest are invisible in every viewer;
//  - U+FFFE and U+FFFF, which XML 1.0 also excludes;
//  - the Unicode bidi embedding, override and isolate controls U+202A..U+202E and
//    U+2066..U+2069 ("Trojan Source", CVE-2021-42574). They are replaced, not escaped: a
//    character reference such as &#x202E; is the same character to an XML or HTML reader and
//    would still reorder what the analyst sees.
// They are replaced rather than dropped so that an altered label shows it was altered, and so
// that dropping cannot join two harmless pieces into a new token ("<scr\0ipt>").
#pragma once

#include <string>
#include <string_view>

namespace annals::escape {

/// The cleaned text (rules above), with nothing else escaped.
std::string clean(std::string_view s);

/// XML/HTML character data: & < > become entities, so "</script>" and "]]>" cannot close
/// anything; CR becomes &#13; (a raw CR would be read back as LF).
std::string xml_text(std::string_view s);

/// A quoted XML or HTML attribute value (either quote style): xml_text plus " ' TAB LF CR as
/// character references (a raw TAB or newline would be normalised to a space).
std::string xml_attribute(std::string_view s);

/// The value of a Graphviz escString attribute (label, xlabel, tooltip, headlabel) to pass to
/// agsafeset. Graphviz interprets such values: \N \G \E \T \H \L are replaced by object names,
/// "\\" is one backslash, and character entities are decoded. So: '\' becomes "\\" (never an odd
/// run, so cgraph's writer cannot produce a "\"" that ends the string early), a newline becomes
/// "\n", CR is dropped, '&' becomes "&amp;". When the '&' starts something Graphviz's SVG writer
/// would pass through as an entity ("&#0;", "&lt;"), a U+2060 WORD JOINER follows it, so the SVG
/// shows "&#0;" as text rather than a character reference. '"' stays: cgraph quotes it on write.
std::string dot_label(std::string_view s);

/// The content of a hand-written DOT "..." string whose value means s when rendered as a label:
/// dot_label(s) with '"' as "\"". Writers built on cgraph (lib/render) use dot_label and
/// agsafeset instead; this is for a writer that has no cgraph graph.
std::string dot_quoted(std::string_view s);

/// Text inside a Graphviz HTML-like label (<...>): & < > " ' as entities (so the label's <>
/// nesting cannot be closed from inside), the same U+2060 guard as dot_label, and a newline as
/// <BR/>. The caller supplies the markup around it.
std::string dot_html(std::string_view s);

/// A complete JSON string literal, quotes included, that is also safe inside an HTML <script>.
/// Unlike the other functions it does not clean: JSON can escape any character, so the value
/// a reader gets back is the text itself (a graph survives a round trip). " \ and C0 are
/// escaped as JSON requires; DEL, C1, the bidi controls, U+FFFE, U+FFFF, U+2028, U+2029 and
/// < > & are written as \u escapes, so the file shows no control, reorders nothing, and
/// cannot hold "</script>" or "<!--". Only invalid UTF-8, which JSON cannot hold, becomes
/// U+FFFD. nlohmann::json::dump() throws on invalid UTF-8 and leaves "</script>" and bidi
/// controls as they are: writers use this function instead.
std::string json_string(std::string_view s);
/// json_string(s) appended to `out`, for writers that build one buffer.
void append_json_string(std::string& out, std::string_view s);

/// One RFC 4180 CSV field: quoted (with "" for ") when it holds , " CR LF or leading/trailing
/// space. A field starting with = + - @ TAB or CR is prefixed with ' so a spreadsheet does not
/// run it as a formula (OWASP "CSV injection").
std::string csv_field(std::string_view s);

}  // namespace annals::escape
