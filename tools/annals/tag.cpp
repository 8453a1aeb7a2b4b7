// annals tag: TIMEX3 tagging of plain text or TimeML, written as TimeML or JSON.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "inputs.h"
#include "core/files.h"
#include "core/paths.h"
#include "text/text.h"
#include "time/time.h"

namespace annals::cli {
namespace {

struct TagOptions {
  std::string dct;
  std::string format = "timeml";
  std::string out;
  std::string out_dir;
  bool day_first = false;
  std::string max_doc_size;
  std::vector<std::string> files;
};

nlohmann::json to_json(const text::Document& doc, date::year_month_day dct, const std::vector<time::Timex>& ts) {
  nlohmann::json items = nlohmann::json::array();
  for (std::size_t k = 0; k < ts.size(); ++k) {
    const time::Timex& t = ts[k];
    nlohmann::json j = {{"id", "t" + std::to_string(k + 1)},
                        {"begin", t.span.begin},
                        {"end", t.span.end},
                        {"text", std::string(doc.str(t.span))},
                        {"type", std::string(time::to_string(t.type))},
                        {"value", t.value},
                        {"rule", t.rule}};
    if (t.mod != time::Mod::none) j["mod"] = std::string(time::to_string(t.mod));
    if (!t.quant.empty()) j["quant"] = t.quant;
    if (!t.freq.empty()) j["freq"] = t.freq;
    if (t.relative) j["anchor"] = t.anchor < 0 ? "t0" : "t" + std::to_string(t.anchor + 1);
    if (t.interval)
      j["interval"] = {time::format_value(date::year_month_day{t.interval->begin}, time::Unit::day),
                       time::format_value(date::year_month_day{t.interval->end}, time::Unit::day)};
    items.push_back(std::move(j));
  }
  return {{"doc", doc.id}, {"dct", time::format_value(dct, time::Unit::day)}, {"timexes", std::move(items)}};
}

std::filesystem::path output_for(const TagOptions& o, const std::filesystem::path& in) {
  if (!o.out.empty()) return o.out;
  if (o.out_dir.empty()) return "-";
  std::filesystem::path name = in.filename();
  if (o.format == "json") name += ".json";
  else if (in.extension() != ".tml") name += ".tml";
  return std::filesystem::path(o.out_dir) / name;
}

void run_tag(const TagOptions& o) {
  std::optional<date::year_month_day> given;
  if (!o.dct.empty()) given = time::parse_date(o.dct);  // checked by the option's validator
  if (!o.out.empty() && o.files.size() > 1)
    throw Failure{Diagnostic{"", 0, 0, "-o names one output; use --out-dir for several inputs", Status::usage}};
  if (!o.out_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(o.out_dir, ec);
    if (ec) throw Failure{Diagnostic{o.out_dir, 0, 0, "cannot create: " + ec.message(), Status::output}};
  }
  const auto max_doc = parse_max_doc_size(o.max_doc_size);
  const Paths paths = default_paths();
  auto segmenter = check(text::Segmenter::load(paths));
  // Past-tense verbs (VBD) place weekdays before the DCT, as in `annals extract`; only the
  // sentences with a weekday are tagged.
  auto pos = check(text::PosTagger::load(paths));
  time::TagOptions topt;
  if (o.day_first) topt.numeric_order = time::NumericOrder::day_month;
  auto tagger = check(time::Tagger::load(paths, topt));
  for (const std::string& file : o.files) {
    std::string bytes = check(read_file(file, max_doc));
    if (auto bad = find_invalid_utf8(bytes); bad != std::string::npos)
      throw Failure{diagnostic_at(file, bytes, bad, "invalid UTF-8 (byte offset " + std::to_string(bad) + ")")};
    const bool is_timeml = std::filesystem::path(file).extension() == ".tml";
    std::string output;
    if (is_timeml) {
      auto tml = check(time::read_timeml(file, std::move(bytes)));
      auto dct = given ? given : tml.dct;
      if (!dct) throw Failure{Diagnostic{file, 0, 0, "no <DCT> in the document; pass --dct YYYY-MM-DD", Status::input}};
      text::Document doc = segmenter.segment(file, tml.text);
      auto timexes = tagger.tag(doc, *dct, pos);
      output = o.format == "json" ? to_json(doc, *dct, timexes).dump(2) + "\n" : time::write_timeml(tml, timexes);
    } else {
      text::Document doc = segmenter.segment(file, std::move(bytes));
      auto dct = given ? given : tagger.find_dateline(doc);
      if (!dct)
        throw Failure{Diagnostic{file, 0, 0,
                                 "no document date: no dateline in its first lines; pass --dct YYYY-MM-DD",
                                 Status::input}};
      auto timexes = tagger.tag(doc, *dct, pos);
      output = o.format == "json" ? to_json(doc, *dct, timexes).dump(2) + "\n"
                                  : time::write_timeml(doc.text, *dct, timexes);
    }
    check(write_file_atomic(output_for(o, file), output));
  }
}

}  // namespace

void setup_tag(CLI::App& app) {
  auto opts = std::make_shared<TagOptions>();
  CLI::App* sub = app.add_subcommand("tag", "Tag temporal expressions (TIMEX3) in plain text or TimeML files");
  sub->add_option("--dct", opts->dct, "Document creation date YYYY-MM-DD (default: the TimeML <DCT>, or a dateline)")
      ->check([](const std::string& v) -> std::string {
        if (time::parse_date(v)) return {};
        return "not a calendar date YYYY-MM-DD: " + v;
      });
  sub->add_option("--format", opts->format, "Output format")->check(CLI::IsMember({"timeml", "json"}));
  auto* out = sub->add_option("-o,--out", opts->out, "Output file (one input only; default: standard output)");
  sub->add_option("--out-dir", opts->out_dir, "Write one output per input into this folder")->excludes(out);
  sub->add_flag("--day-first", opts->day_first, "Read numeric dates as DD/MM/YYYY (default MM/DD/YYYY)");
  add_max_doc_size(*sub, opts->max_doc_size);
  // No CLI::ExistingFile check: read_file reports a missing file as an input error (status 3),
  // as every other verb does, not as a usage error.
  sub->add_option("files", opts->files, "Plain text or .tml files")->required();
  sub->callback([opts] { run_tag(*opts); });
}

}  // namespace annals::cli
