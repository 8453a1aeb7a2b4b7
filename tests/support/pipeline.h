// The pipeline loaded once per test binary from the source tree's rules.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>

#include "core/paths.h"
#include "pipeline/pipeline.h"

namespace annals::test {

inline const pipeline::Pipeline& the_pipeline() {
  static const pipeline::Pipeline p = [] {
    Paths paths = default_paths();
    paths.rules = std::filesystem::path(ANNALS_SOURCE_DIR) / "lib";
    auto r = pipeline::Pipeline::load(paths);
    if (!r) FAIL(r.error().str());
    return std::move(*r);
  }();
  return p;
}

}  // namespace annals::test
