#pragma once
/// @file
/// Random consistency index (RI) tables for the AHP consistency ratio CR = CI / RI(n).
/// RI(n) is the mean consistency index of random reciprocal matrices of order n; published
/// estimates differ with the simulation, so the table is a choice the caller makes.

#include <massline/core/error.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace massline::scoring {

/// A named RI table for orders 1..max_order(); RI(1) = RI(2) = 0 by definition.
class RandomIndexTable {
 public:
  /// Saaty (1980), The Analytic Hierarchy Process, McGraw-Hill: 0.58, 0.90, 1.12, 1.24,
  /// 1.32, 1.41, 1.45, 1.49 for n = 3..10. Reproductions of Saaty's extension to n = 11..15
  /// disagree with each other (e.g. 1.48 or 1.54 at n = 12), so only n <= 10 is given here;
  /// use another table for larger matrices.
  [[nodiscard]] static RandomIndexTable saaty_1980() {
    return {"saaty1980", "Saaty (1980), The Analytic Hierarchy Process",
            {0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49}};
  }
  /// Saaty (2005), Theory and Applications of the Analytic Network Process, RWS
  /// Publications, p. 31, n = 3..15 (as reproduced in the AHPy package's documentation;
  /// not checked against the book).
  [[nodiscard]] static RandomIndexTable saaty_2005() {
    return {"saaty2005", "Saaty (2005), Theory and Applications of the Analytic Network Process, p. 31",
            {0.0, 0.0, 0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59}};
  }
  /// Alonso & Lamata (2006), "Consistency in the analytic hierarchy process: a new
  /// approach", Int. J. Uncertainty, Fuzziness and Knowledge-Based Systems 14(4) 445–459:
  /// means over random matrices with entries drawn from Saaty's 17 values 1/9..9, n = 3..15.
  /// (tests/cpp/scoring/random_index_test.cpp re-estimates n = 3..8 by simulation.)
  [[nodiscard]] static RandomIndexTable alonso_lamata_2006() {
    return {"alonso_lamata2006", "Alonso & Lamata (2006), IJUFKS 14(4) 445-459",
            {0.0, 0.0, 0.5245, 0.8815, 1.1086, 1.2479, 1.3417, 1.4056, 1.4499, 1.4854, 1.5141, 1.5365, 1.5551,
             1.5713, 1.5838}};
  }
  /// Donegan & Dodd (1991), "A note on Saaty's random indexes", Mathematical and Computer
  /// Modelling 15(10) 135–137, n = 3..15 (values as reproduced by the AHPy package, which
  /// cites that paper; not checked against the paper).
  [[nodiscard]] static RandomIndexTable donegan_dodd_1991() {
    return {"donegan_dodd1991", "Donegan & Dodd (1991), Math. Comput. Modelling 15(10) 135-137",
            {0.0, 0.0, 0.4914, 0.8286, 1.0591, 1.1797, 1.2519, 1.3171, 1.3733, 1.4055, 1.4213, 1.4497, 1.4643,
             1.4822, 1.4969}};
  }

  /// The published tables above, in this order.
  [[nodiscard]] static std::array<RandomIndexTable, 4> published() {
    return {saaty_1980(), saaty_2005(), alonso_lamata_2006(), donegan_dodd_1991()};
  }

  /// A table by name: "saaty1980", "saaty2005", "alonso_lamata2006", "donegan_dodd1991".
  /// Throws InvalidArgument("ahp.random_index") for other names.
  [[nodiscard]] static RandomIndexTable named(std::string_view name) {
    for (auto& table : published())
      if (table.name() == name) return std::move(table);
    throw InvalidArgument("ahp.random_index", "unknown random index table '" + std::string(name) + "'",
                          Location::of("random index table"),
                          "expected saaty1980, saaty2005, alonso_lamata2006 or donegan_dodd1991");
  }

  /// A user table: @p values[k] is RI(k+1). The entries for n = 1 and 2 must be 0 (a
  /// reciprocal matrix of order <= 2 is always consistent); the others positive and finite.
  [[nodiscard]] static RandomIndexTable custom(std::string name, std::vector<double> values) {
    require(values.size() >= 2, "ahp.random_index", "a random index table starts at n = 1 and needs n = 1 and 2 (zeros)");
    require(values[0] == 0.0 && values[1] == 0.0, "ahp.random_index",
            "RI(1) and RI(2) must be 0, got " + std::to_string(values[0]) + " and " + std::to_string(values[1]));
    for (std::size_t k = 2; k < values.size(); ++k)
      require(std::isfinite(values[k]) && values[k] > 0.0, "ahp.random_index",
              "RI(" + std::to_string(k + 1) + ") must be positive, got " + std::to_string(values[k]));
    if (name.empty()) name = "custom";
    return {std::move(name), "user supplied", std::move(values)};
  }

  /// RI(n); 0 for n <= 2. Throws InvalidArgument("ahp.random_index") for n = 0 or n beyond
  /// the table.
  [[nodiscard]] double at(std::size_t n) const {
    require(n >= 1, "ahp.random_index", "matrix order must be at least 1");
    if (n > values_.size())
      throw InvalidArgument("ahp.random_index", "random index table '" + name_ + "' stops at n = " +
                                                    std::to_string(values_.size()),
                            Location::of("random index table " + name_),
                            "no RI for a matrix of order " + std::to_string(n) + "; choose a longer table");
    return values_[n - 1];
  }
  /// True when this is a published table, unchanged: its name alone then identifies it.
  [[nodiscard]] bool is_published() const {
    for (const auto& table : published())
      if (table.name_ == name_ && table.values_ == values_) return true;
    return false;
  }
  /// Largest order the table covers.
  [[nodiscard]] std::size_t max_order() const noexcept { return values_.size(); }
  /// Short name, e.g. "alonso_lamata2006".
  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  /// Bibliographic source.
  [[nodiscard]] const std::string& source() const noexcept { return source_; }
  /// RI(1), RI(2), …
  [[nodiscard]] const std::vector<double>& values() const noexcept { return values_; }

 private:
  RandomIndexTable(std::string name, std::string source, std::vector<double> values)
      : name_(std::move(name)), source_(std::move(source)), values_(std::move(values)) {}
  std::string name_, source_;
  std::vector<double> values_;
};

}  // namespace massline::scoring
