#pragma once
/// @file
/// Which members (or organisations) a rule applies to.

#include <massline/core/flags.hpp>
#include <massline/model/member.hpp>
#include <massline/model/organization.hpp>

#include <optional>

namespace massline::policy {

/// A conjunction of optional criteria: an empty set (or an unset optional) means "any", and a
/// member matches when it meets every criterion given. A set criterion is met when the member's
/// value is one of the set (for `kinds`: when the member has every kind listed). The
/// organisation criteria apply to the member's home organisation, or to the organisation itself
/// for organisation activities (Subject::Organization).
struct Selector {
  MemberKinds kinds;                         ///< the member has all of these kinds
  Flags<CadreRank> cadre_ranks;              ///< the member's cadre rank is one of these
  Flags<DelegateLevel> delegate_levels;      ///< the member's delegate level is one of these
  Flags<MemberRole> roles;                   ///< the member's role is one of these
  std::optional<bool> capable_of_helping;    ///< the member is (true) or is not (false) capable of helping
  Flags<OrgLevel> org_levels;                ///< the organisation's level is one of these
  Flags<Sector> sectors;                     ///< the organisation's sector is one of these
  Flags<OrgKind> org_kinds;                  ///< the organisation's kind is one of these

  /// True when no member criterion is given (kinds, ranks, levels, roles, capability).
  [[nodiscard]] bool has_no_member_criteria() const noexcept {
    return kinds.none() && cadre_ranks.none() && delegate_levels.none() && roles.none() && !capable_of_helping;
  }
  /// True when nothing is given: every member (or organisation) matches.
  [[nodiscard]] bool is_everyone() const noexcept {
    return has_no_member_criteria() && org_levels.none() && sectors.none() && org_kinds.none();
  }
  /// Whether @p org meets the organisation criteria.
  [[nodiscard]] bool matches(const Organization& org) const noexcept {
    return (org_levels.none() || org_levels.test(org.level)) && (sectors.none() || sectors.test(org.sector)) &&
           (org_kinds.none() || org_kinds.test(org.kind));
  }
  /// Whether @p member, whose home organisation is @p home, meets every criterion.
  [[nodiscard]] bool matches(const Member& member, const Organization& home) const noexcept {
    if ((member.kinds & kinds) != kinds) return false;
    if (cadre_ranks.any() && !(member.cadre_rank && cadre_ranks.test(*member.cadre_rank))) return false;
    if (delegate_levels.any() && !(member.delegate_level && delegate_levels.test(*member.delegate_level))) return false;
    if (roles.any() && !roles.test(member.role)) return false;
    if (capable_of_helping && member.capable_of_helping != *capable_of_helping) return false;
    return matches(home);
  }
  friend bool operator==(const Selector&, const Selector&) = default;
};

}  // namespace massline::policy
