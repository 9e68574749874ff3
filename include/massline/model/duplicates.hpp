#pragma once
/// @file
/// Likely duplicates for review: households registered twice, and appeals raised again by the
/// same household on the same subject. Nothing is merged or removed: each finding carries its
/// evidence, and a person decides. docs/model.md, "Duplicates".

#include <massline/core/enum_names.hpp>
#include <massline/core/flags.hpp>
#include <massline/core/ids.hpp>
#include <massline/model/registry.hpp>

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace massline {

/// A personal field two households share (compared in their normal forms, personal_fields.hpp).
enum class DuplicateEvidence : std::uint8_t {
  IdNumber,  ///< the same identity number
  HeadName,  ///< the same head's name
  Phone,     ///< the same phone number
  Address,   ///< the same address
};
constexpr std::array<std::string_view, 4> enum_names(DuplicateEvidence) {
  return {"id_number", "head_name", "phone", "address"};
}
using DuplicateEvidences = Flags<DuplicateEvidence>;

/// Two households that look like one registered twice.
struct HouseholdDuplicate {
  std::uint32_t group = 0;  ///< households linked by findings, directly or through others, share a group (0, 1, ...)
  HouseholdId first{};      ///< the lower id
  HouseholdId second{};     ///< the higher id
  DuplicateEvidences evidence;  ///< the fields they share
};

/// Pairs of households that share an identity number, or at least two of head's name, phone
/// and address (empty fields never match). Ordered by (first, second); groups are numbered in
/// the order of their lowest household. Linear in the households (hashing the normal forms),
/// plus the pairs found: a value shared by k households gives k(k-1)/2 pairs.
[[nodiscard]] std::vector<HouseholdDuplicate> find_duplicate_households(const Registry& registry);

/// An appeal raised again: the same household and subject area as an earlier appeal, registered
/// within the window after it.
struct RepeatAppeal {
  AppealId earlier{};
  AppealId later{};
  HouseholdId household{};
  std::int64_t days_apart = 0;  ///< registration days between them, 0 .. window_days
};

/// Each appeal paired with the latest earlier appeal of the same household and subject area
/// registered at most @p window_days before it (a chain of repeats gives one finding per link).
/// Appeals without a household are not compared. Ordered by (household, later's registration
/// day, later's id). Throws InvalidArgument "duplicates.window" when @p window_days < 0.
[[nodiscard]] std::vector<RepeatAppeal> find_repeat_appeals(const Registry& registry, std::int64_t window_days = 30);

}  // namespace massline
