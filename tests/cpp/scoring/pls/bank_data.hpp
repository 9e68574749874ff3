#pragma once
// Test helper shared by the PLS tests: loads tests/data/satisfaction_bank.csv (27 numeric items;
// the row-id and gender columns are skipped) and builds the published 6-latent bank model.
#include <massline/io/detail/csv.hpp>
#include <massline/scoring/pls/path_model.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace massline::scoring::pls::testing {

/// The 250 x 27 bank data with its column names.
inline PlsData load_bank() {
  std::ifstream file(std::string(MASSLINE_TEST_DATA_DIR) + "/satisfaction_bank.csv");
  if (!file) throw std::runtime_error("cannot open satisfaction_bank.csv");
  io::detail::CsvReader csv(file, "satisfaction_bank.csv");
  io::detail::CsvRecord record;
  if (!csv.next(record)) throw std::runtime_error("satisfaction_bank.csv is empty");
  PlsData data;
  std::vector<std::size_t> keep;
  for (std::size_t c = 1; c < record.fields.size(); ++c) {
    if (record.fields[c].text == "gender") continue;
    keep.push_back(c);
    data.columns.push_back(record.fields[c].text);
  }
  std::vector<std::vector<double>> rows;
  while (csv.next(record)) {
    std::vector<double> row;
    for (const auto c : keep) row.push_back(std::stod(record.fields[c].text));
    rows.push_back(std::move(row));
  }
  data.values.resize(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(keep.size()));
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < keep.size(); ++c) {
      data.values(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = rows[r][c];
    }
  }
  return data;
}

inline std::vector<std::string> items(const std::string& stem, int count) {
  std::vector<std::string> out;
  for (int i = 1; i <= count; ++i) out.push_back(stem + std::to_string(i));
  return out;
}

/// IMAG = imag1-5, EXPE = expe1-5, QUAL = qual1-5, VAL = val1-4, SAT = sat1-4, LOY = loy1-4;
/// EXPE ~ IMAG; QUAL ~ EXPE; VAL ~ EXPE + QUAL; SAT ~ IMAG + EXPE + QUAL + VAL; LOY ~ IMAG + SAT.
inline PlsModelSpec bank_spec(OuterMode mode = OuterMode::A) {
  std::vector<LatentBlock> blocks{{"IMAG", items("imag", 5), mode}, {"EXPE", items("expe", 5), mode},
                                  {"QUAL", items("qual", 5), mode}, {"VAL", items("val", 4), mode},
                                  {"SAT", items("sat", 4), mode},   {"LOY", items("loy", 4), mode}};
  std::vector<InnerPath> paths{{"IMAG", "EXPE"}, {"EXPE", "QUAL"}, {"EXPE", "VAL"}, {"QUAL", "VAL"},
                               {"IMAG", "SAT"},  {"EXPE", "SAT"},  {"QUAL", "SAT"}, {"VAL", "SAT"},
                               {"IMAG", "LOY"},  {"SAT", "LOY"}};
  return PlsModelSpec(std::move(blocks), std::move(paths));
}

/// max |a - b| over all entries, by plain loops (Eigen's inlined maxCoeff trips gcc's
/// -Wnull-dereference false positive in some test bodies). Infinity on a shape mismatch.
inline double max_abs_diff(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return std::numeric_limits<double>::infinity();
  double out = 0;
  for (Eigen::Index c = 0; c < a.cols(); ++c) {
    for (Eigen::Index r = 0; r < a.rows(); ++r) out = std::max(out, std::abs(a(r, c) - b(r, c)));
  }
  return out;
}

/// Latent index in bank_spec().
enum BankLatent : Eigen::Index { IMAG = 0, EXPE = 1, QUAL = 2, VAL = 3, SAT = 4, LOY = 5 };

}  // namespace massline::scoring::pls::testing
