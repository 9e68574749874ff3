#pragma once
/// @file
/// The Registry owns every entity of the network and keeps references between them valid.

#include <massline/core/error.hpp>
#include <massline/core/ids.hpp>
#include <massline/model/activity.hpp>
#include <massline/model/appeal.hpp>
#include <massline/model/commitment.hpp>
#include <massline/model/contact.hpp>
#include <massline/model/entity_table.hpp>
#include <massline/model/household.hpp>
#include <massline/model/member.hpp>
#include <massline/model/organization.hpp>
#include <massline/model/pairing.hpp>
#include <massline/model/service_post.hpp>
#include <massline/model/survey_response.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

namespace massline {

/// One problem found by Registry::validate().
struct Problem {
  std::string code;     ///< stable code, e.g. "integrity.orphan"
  std::string message;  ///< what is wrong and why
  Location where;       ///< entity and field
};

/// How many entities of each kind a bulk construction expects (Registry::reserve). Counts
/// are hints: exceeding them is allowed and only costs a reallocation.
struct RegistryCapacity {
  std::size_t organizations = 0;
  std::size_t members = 0;
  std::size_t households = 0;
  std::size_t pairings = 0;
  std::size_t commitments = 0;
  std::size_t service_posts = 0;
  std::size_t contacts = 0;
  std::size_t appeals = 0;
  std::size_t survey_responses = 0;
  std::size_t activities = 0;
};

/// The friendly, validated, mutable model of a network.
///
/// Invariants kept at every step: every reference names a live entity; organisations form a
/// forest whose parents sit at a strictly higher level (smaller number) than their
/// children; every household belongs to exactly one level-4 unit; non-empty external codes
/// are unique per entity kind; every value passes its own check(). Each mutating call either
/// succeeds completely or throws (InvalidArgument, NotFound, IntegrityError) with the
/// location and leaves the registry exactly as it was. Ids are assigned by add() and never
/// reused. An entity that is still referenced cannot be removed.
class Registry {
 public:
  Registry() = default;

  // ---- adding: the value's id field is ignored and the assigned id returned ----
  OrgId add(Organization org);
  MemberId add(Member member);
  HouseholdId add(Household household);
  PairingId add(Pairing pairing);
  CommitmentId add(Commitment commitment);
  ServicePostId add(ServicePost post);
  ContactId add(Contact contact);
  AppealId add(Appeal appeal);
  SurveyResponseId add(SurveyResponse response);
  ActivityId add(Activity activity);

  // ---- replacing an existing entity (found by value.id) ----
  void update(const Organization& org);
  void update(const Member& member);
  void update(const Household& household);
  void update(const Pairing& pairing);
  void update(const Commitment& commitment);
  void update(const ServicePost& post);
  void update(const Contact& contact);
  void update(const Appeal& appeal);
  void update(const SurveyResponse& response);
  void update(const Activity& activity);

  // ---- removing; IntegrityError("integrity.still_referenced") while referenced ----
  void remove(OrgId id);
  void remove(MemberId id);
  void remove(HouseholdId id);
  void remove(PairingId id);
  void remove(CommitmentId id);
  void remove(ServicePostId id);
  void remove(ContactId id);
  void remove(AppealId id);
  void remove(SurveyResponseId id);
  void remove(ActivityId id);

  // ---- restoring saved ids ----
  /// Makes the next add() of this kind assign @p next, leaving the ids between the current
  /// next id and @p next unused, as removed ids are. With it a saved registry is restored with
  /// the same ids, gaps included (io::load_registry_json, io::load_registry_csv). Throws
  /// InvalidArgument("registry.skip_ids") when @p next is below the current next id (ids are
  /// never reused); the registry is unchanged then. IdT is one of the ten entity id types.
  template <class IdT>
  void skip_ids(IdT next);

  // ---- appending to an appeal's history ----
  /// Appends @p event (with the fields @p change settles) to the appeal's history through
  /// Appeal::record and the reference rules; throws (InvalidArgument "model.appeal.event" for
  /// an event the life cycle refuses, IntegrityError for a missing organisation, NotFound for
  /// an unknown appeal) and leaves the registry unchanged on failure.
  void record(AppealId id, AppealEvent event, const AppealChange& change = {});

  // ---- lookups by id: get throws NotFound, find returns nullptr, contains tests ----
  [[nodiscard]] const Organization& get(OrgId id) const { return orgs_.get(id); }
  [[nodiscard]] const Member& get(MemberId id) const { return members_.get(id); }
  [[nodiscard]] const Household& get(HouseholdId id) const { return households_.get(id); }
  [[nodiscard]] const Pairing& get(PairingId id) const { return pairings_.get(id); }
  [[nodiscard]] const Commitment& get(CommitmentId id) const { return commitments_.get(id); }
  [[nodiscard]] const ServicePost& get(ServicePostId id) const { return posts_.get(id); }
  [[nodiscard]] const Contact& get(ContactId id) const { return contacts_.get(id); }
  [[nodiscard]] const Appeal& get(AppealId id) const { return appeals_.get(id); }
  [[nodiscard]] const SurveyResponse& get(SurveyResponseId id) const { return responses_.get(id); }
  [[nodiscard]] const Activity& get(ActivityId id) const { return activities_.get(id); }
  template <class IdT>
  [[nodiscard]] bool contains(IdT id) const noexcept { return table<IdT>().contains(id); }

  // ---- lookups by external code (organisations, members, households, appeals) ----
  [[nodiscard]] std::optional<OrgId> find_organization(std::string_view code) const;
  [[nodiscard]] std::optional<MemberId> find_member(std::string_view code) const;
  [[nodiscard]] std::optional<HouseholdId> find_household(std::string_view code) const;
  [[nodiscard]] std::optional<AppealId> find_appeal(std::string_view code) const;

  // ---- iteration (live entities in id order) ----
  [[nodiscard]] const EntityTable<Organization, OrgId>& organizations() const noexcept { return orgs_; }
  [[nodiscard]] const EntityTable<Member, MemberId>& members() const noexcept { return members_; }
  [[nodiscard]] const EntityTable<Household, HouseholdId>& households() const noexcept { return households_; }
  [[nodiscard]] const EntityTable<Pairing, PairingId>& pairings() const noexcept { return pairings_; }
  [[nodiscard]] const EntityTable<Commitment, CommitmentId>& commitments() const noexcept { return commitments_; }
  [[nodiscard]] const EntityTable<ServicePost, ServicePostId>& service_posts() const noexcept { return posts_; }
  [[nodiscard]] const EntityTable<Contact, ContactId>& contacts() const noexcept { return contacts_; }
  [[nodiscard]] const EntityTable<Appeal, AppealId>& appeals() const noexcept { return appeals_; }
  [[nodiscard]] const EntityTable<SurveyResponse, SurveyResponseId>& survey_responses() const noexcept { return responses_; }
  [[nodiscard]] const EntityTable<Activity, ActivityId>& activities() const noexcept { return activities_; }

  // ---- the tree ----
  /// Direct children of @p org, in insertion order.
  [[nodiscard]] std::span<const OrgId> children(OrgId org) const;
  /// Members whose home organisation is @p org.
  [[nodiscard]] std::span<const MemberId> members_of(OrgId org) const;
  /// Households of the level-4 unit @p unit (empty for other levels).
  [[nodiscard]] std::span<const HouseholdId> households_of(OrgId unit) const;
  /// Organisations without a parent, in id order.
  [[nodiscard]] std::vector<OrgId> roots() const;
  /// @p org and every organisation below it, depth first (pre-order).
  [[nodiscard]] std::vector<OrgId> subtree(OrgId org) const;
  /// Every member whose home organisation is in the subtree of @p org.
  [[nodiscard]] std::vector<MemberId> members_under(OrgId org) const;
  /// Every household of a level-4 unit in the subtree of @p org.
  [[nodiscard]] std::vector<HouseholdId> households_under(OrgId org) const;
  /// Path from @p org up to its root, @p org first (the escalation path of an appeal).
  [[nodiscard]] std::vector<OrgId> ancestors(OrgId org) const;

  /// Pre-sizes storage for bulk construction (synthetic populations, imports) so that the
  /// largest tables do not pass through reallocation peaks. Never shrinks anything.
  void reserve(const RegistryCapacity& capacity);

  /// A full audit: re-checks every invariant above and lists softer problems the registry
  /// allows but a network should not have (organisations below level 1 without a parent,
  /// in-service members without a residence community). Empty when all is well.
  [[nodiscard]] std::vector<Problem> validate() const;

  /// Equal registries hold the same live ids in every table, with equal entities under them
  /// (every field, lists included, by each entity type's operator==). Derived state (the
  /// child, member and household indexes, code lookups, reference counts) follows from the
  /// entities and is not compared; neither are the next ids of the tables (a registry whose
  /// last-added entities were removed equals one where they were never added), nor the order
  /// of children (Registry::children is insertion order).
  friend bool operator==(const Registry& a, const Registry& b) {
    return a.orgs_ == b.orgs_ && a.members_ == b.members_ && a.households_ == b.households_ &&
           a.pairings_ == b.pairings_ && a.commitments_ == b.commitments_ && a.posts_ == b.posts_ &&
           a.contacts_ == b.contacts_ && a.appeals_ == b.appeals_ && a.responses_ == b.responses_ &&
           a.activities_ == b.activities_;
  }

 private:
  template <class IdT>
  const auto& table() const noexcept;

  EntityTable<Organization, OrgId> orgs_;
  EntityTable<Member, MemberId> members_;
  EntityTable<Household, HouseholdId> households_;
  EntityTable<Pairing, PairingId> pairings_;
  EntityTable<Commitment, CommitmentId> commitments_;
  EntityTable<ServicePost, ServicePostId> posts_;
  EntityTable<Contact, ContactId> contacts_;
  EntityTable<Appeal, AppealId> appeals_;
  EntityTable<SurveyResponse, SurveyResponseId> responses_;
  EntityTable<Activity, ActivityId> activities_;

  // Indexes kept in step with the tables, indexed by OrgId value.
  std::vector<std::vector<OrgId>> children_;
  std::vector<std::vector<MemberId>> members_of_;
  std::vector<std::vector<HouseholdId>> households_of_;
  // How many live references point at each organisation / member / household.
  std::vector<std::uint32_t> org_refs_, member_refs_, household_refs_;
  std::unordered_map<std::string, OrgId> org_codes_;
  std::unordered_map<std::string, MemberId> member_codes_;
  std::unordered_map<std::string, HouseholdId> household_codes_;
  std::unordered_map<std::string, AppealId> appeal_codes_;

  friend struct RegistryRules;  // the integrity rules, in registry.cpp

};

template <class IdT>
const auto& Registry::table() const noexcept {
  if constexpr (std::is_same_v<IdT, OrgId>) return orgs_;
  else if constexpr (std::is_same_v<IdT, MemberId>) return members_;
  else if constexpr (std::is_same_v<IdT, HouseholdId>) return households_;
  else if constexpr (std::is_same_v<IdT, PairingId>) return pairings_;
  else if constexpr (std::is_same_v<IdT, CommitmentId>) return commitments_;
  else if constexpr (std::is_same_v<IdT, ServicePostId>) return posts_;
  else if constexpr (std::is_same_v<IdT, ContactId>) return contacts_;
  else if constexpr (std::is_same_v<IdT, AppealId>) return appeals_;
  else if constexpr (std::is_same_v<IdT, SurveyResponseId>) return responses_;
  else return activities_;
}

}  // namespace massline
