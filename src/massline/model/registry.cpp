// The Registry's integrity rules. Every mutating call first checks everything that could
// fail, then changes state; so a throw leaves the registry as it was.

#include <massline/model/registry.hpp>

#include <algorithm>
#include <map>
#include <tuple>
#include <type_traits>
#include <unordered_set>

namespace massline {
namespace {

// Calls f(id, field) for every reference an entity holds to an organisation, member or household.
template <class F>
void visit_refs(const Organization& o, F&& f) {
  if (o.parent) f(*o.parent, "parent");
}
template <class F>
void visit_refs(const Member& m, F&& f) {
  f(m.organization, "organization");
  if (m.residence_community) f(*m.residence_community, "residence_community");
}
template <class F>
void visit_refs(const Household& h, F&& f) {
  f(h.unit, "unit");
}
template <class F>
void visit_refs(const Pairing& p, F&& f) {
  std::visit([&](auto id) { f(id, "source"); }, p.source);
  std::visit([&](auto id) { f(id, "target"); }, p.target);
}
template <class F>
void visit_refs(const Commitment& c, F&& f) {
  for (MemberId m : c.members) f(m, "members");
}
template <class F>
void visit_refs(const ServicePost& s, F&& f) {
  f(s.organization, "organization");
  if (s.holder) f(*s.holder, "holder");
}
template <class F>
void visit_refs(const Contact& c, F&& f) {
  f(c.member, "member");
  if (c.household) f(*c.household, "household");
  if (c.organization) f(*c.organization, "organization");
}
template <class F>
void visit_refs(const Appeal& a, F&& f) {
  if (a.household) f(*a.household, "household");
  if (a.collected_by) f(*a.collected_by, "collected_by");
  f(a.origin, "origin");
  f(a.handler, "handler");
  if (a.leader_in_charge) f(*a.leader_in_charge, "leader_in_charge");
  for (const AppealEvent& e : a.history)
    if (e.organization) f(*e.organization, "history");
}
template <class F>
void visit_refs(const SurveyResponse& r, F&& f) {
  f(r.respondent, "respondent");
  std::visit([&](auto id) { f(id, "target"); }, r.target);
}

template <class F>
void visit_refs(const Activity& a, F&& f) {
  f(a.organization, "organization");
  for (MemberId m : a.attendees) f(m, "attendees");
}

template <class T>
constexpr const char* kind_of() {
  return decltype(T::id)::kind();
}

// "household 12" for stored entities, "new household 'H-7'" for ones being added.
template <class T>
std::string label(const T& value, bool is_new) {
  std::string out = is_new ? std::string("new ") + kind_of<T>() : value.id.to_string();
  if constexpr (requires { value.code; }) {
    if (!value.code.empty()) out += " '" + value.code + "'";
  }
  return out;
}

template <class Vec, class IdT>
void erase_value(Vec& vec, IdT id) {
  auto it = std::find(vec.begin(), vec.end(), id);
  if (it != vec.end()) vec.erase(it);
}

template <class IdT>
std::optional<IdT> lookup(const std::unordered_map<std::string, IdT>& map, std::string_view code) {
  auto it = map.find(std::string(code));
  if (it == map.end()) return std::nullopt;
  return it->second;
}

}  // namespace

// ---- the rules shared by every entity kind ----

struct RegistryRules {
  Registry& r;

  template <class IdT>
  std::vector<std::uint32_t>& refs() {
    if constexpr (std::is_same_v<IdT, OrgId>) return r.org_refs_;
    else if constexpr (std::is_same_v<IdT, MemberId>) return r.member_refs_;
    else return r.household_refs_;
  }

  // Every reference of `value` names a live entity, else IntegrityError("integrity.dangling").
  template <class T>
  void require_refs(const T& value, bool is_new) const {
    visit_refs(value, [&](auto id, const char* field) {
      if (!r.contains(id)) {
        throw IntegrityError("integrity.dangling", "reference to a missing " + std::string(decltype(id)::kind()),
                             Location::of(label(value, is_new), field), id.to_string() + " does not exist");
      }
    });
  }
  template <class T>
  void count_refs(const T& value, int delta) {
    visit_refs(value, [&](auto id, const char*) {
      auto& counts = refs<decltype(id)>();
      counts[id.value()] = static_cast<std::uint32_t>(static_cast<std::int64_t>(counts[id.value()]) + delta);
    });
  }

  // Unique non-empty code, else IntegrityError("integrity.duplicate_code").
  template <class T, class IdT>
  void require_unique_code(const T& value, const std::unordered_map<std::string, IdT>& codes, bool is_new) const {
    if (value.code.empty()) return;
    auto it = codes.find(value.code);
    if (it != codes.end() && (is_new || it->second != value.id)) {
      throw IntegrityError("integrity.duplicate_code", std::string("duplicate ") + kind_of<T>() + " code '" + value.code + "'",
                           Location::of(label(value, is_new), "code"), "already used by " + it->second.to_string());
    }
  }
  template <class T, class IdT>
  static void recode(std::unordered_map<std::string, IdT>& codes, const std::string& old_code, const T& value) {
    if (old_code == value.code) return;
    if (!old_code.empty()) codes.erase(old_code);
    if (!value.code.empty()) codes.emplace(value.code, value.id);
  }

  void require_org_rules(const Organization& org, bool is_new) const {
    org.check();
    if (!org.parent) return;
    const Organization& parent = r.orgs_.get(*org.parent);
    if (!(static_cast<int>(parent.level) < static_cast<int>(org.level))) {
      throw IntegrityError("integrity.level", "parent is not above its child", Location::of(label(org, is_new), "parent"),
                           org.parent->to_string() + " is at level " + std::to_string(static_cast<int>(parent.level)) +
                               ", the child at level " + std::to_string(static_cast<int>(org.level)) +
                               "; a parent's level must be strictly smaller");
    }
    if (is_new) return;
    // The new parent must not lie in the organisation's own subtree.
    for (std::optional<OrgId> at = org.parent; at; at = r.orgs_.get(*at).parent) {
      if (*at == org.id) {
        throw IntegrityError("integrity.cycle", "parent change would create a cycle", Location::of(label(org, false), "parent"),
                             org.parent->to_string() + " lies below " + org.id.to_string());
      }
    }
  }
  void require_org_level_fits_subtree(const Organization& org) const {
    for (OrgId child : r.children_[org.id.value()]) {
      const auto child_level = static_cast<int>(r.orgs_.get(child).level);
      if (!(static_cast<int>(org.level) < child_level)) {
        throw IntegrityError("integrity.level", "organisation would not be above its children", Location::of(label(org, false), "level"),
                             child.to_string() + " is at level " + std::to_string(child_level));
      }
    }
    if (org.level != OrgLevel::Grid && !r.households_of_[org.id.value()].empty()) {
      throw IntegrityError("integrity.level", "organisation holds households and must stay at level 4", Location::of(label(org, false), "level"),
                           std::to_string(r.households_of_[org.id.value()].size()) + " households belong to it");
    }
  }
  void require_member_rules(const Member& m, bool is_new) const {
    m.check();
    if (m.residence_community) {
      const auto level = r.orgs_.get(*m.residence_community).level;
      if (level != OrgLevel::Community && level != OrgLevel::Grid) {
        throw IntegrityError("integrity.level", "residence community must be a level-3 or level-4 unit",
                             Location::of(label(m, is_new), "residence_community"),
                             m.residence_community->to_string() + " is at level " + std::to_string(static_cast<int>(level)));
      }
    }
  }
  void require_household_rules(const Household& h, bool is_new) const {
    h.check();
    const Organization& unit = r.orgs_.get(h.unit);
    if (unit.level != OrgLevel::Grid) {
      throw IntegrityError("integrity.level", "a household belongs to a level-4 unit", Location::of(label(h, is_new), "unit"),
                           h.unit.to_string() + " is at level " + std::to_string(static_cast<int>(unit.level)));
    }
    if (h.code.empty()) return;
    auto it = r.household_codes_.find(h.code);
    if (it == r.household_codes_.end() || (!is_new && it->second == h.id)) return;
    const Household& other = r.households_.get(it->second);
    if (other.unit != h.unit) {
      throw IntegrityError("integrity.household_in_two_units", "household '" + h.code + "' already belongs to another unit",
                           Location::of(label(h, is_new), "unit"),
                           it->second.to_string() + " with this code is in " + other.unit.to_string() +
                               "; a household belongs to exactly one level-4 unit");
    }
    require_unique_code(h, r.household_codes_, is_new);
  }

  // An assistance pairing's member target is a difficult member (kind hardship), else
  // IntegrityError("integrity.pairing_target"). Checked after check() and require_refs().
  void require_pairing_rules(const Pairing& p, bool is_new) const {
    const auto* member = std::get_if<MemberId>(&p.target);
    if (member == nullptr || !r.contains(*member)) return;
    if (!r.members_.get(*member).kinds.test(MemberKind::Hardship)) {
      throw IntegrityError("integrity.pairing_target", "an assistance pairing's member target must be a difficult member",
                           Location::of(label(p, is_new), "target"), member->to_string() + " is not of kind hardship");
    }
  }

  // The first stored entity that still references `target`, for the error message.
  template <class IdT>
  std::string first_referrer(IdT target) const {
    std::string found;
    auto scan = [&](const auto& table) {
      for (const auto& value : table) {
        if (!found.empty()) return;
        visit_refs(value, [&](auto id, const char* field) {
          if constexpr (std::is_same_v<decltype(id), IdT>) {
            if (found.empty() && id == target) found = value.id.to_string() + " (field '" + field + "')";
          }
        });
      }
    };
    scan(r.orgs_);
    scan(r.members_);
    scan(r.households_);
    scan(r.pairings_);
    scan(r.commitments_);
    scan(r.posts_);
    scan(r.contacts_);
    scan(r.appeals_);
    scan(r.responses_);
    scan(r.activities_);
    return found;
  }
  template <class IdT>
  void require_unreferenced(IdT id) {
    const std::uint32_t count = refs<IdT>()[id.value()];
    if (count == 0) return;
    throw IntegrityError("integrity.still_referenced", std::string("cannot remove ") + id.to_string(), Location::of(id.to_string()),
                         "still referenced by " + first_referrer(id) +
                             (count > 1 ? " and " + std::to_string(count - 1) + " other reference(s)" : std::string()));
  }

  // Generic add/update/remove for entity kinds that nothing references.
  template <class T, class IdT>
  IdT add_leaf(EntityTable<T, IdT>& table, T value) {
    value.id = table.next_id();
    value.check();
    require_refs(value, true);
    count_refs(value, +1);
    return table.insert(std::move(value));
  }
  template <class T, class IdT>
  void update_leaf(EntityTable<T, IdT>& table, const T& value) {
    const T& old = table.get(value.id);
    value.check();
    require_refs(value, false);
    count_refs(old, -1);
    count_refs(value, +1);
    table.mutable_get(value.id) = value;
  }
  template <class T, class IdT>
  void remove_leaf(EntityTable<T, IdT>& table, IdT id) {
    count_refs(table.get(id), -1);
    table.erase(id);
  }
};

// ---- organisations ----

OrgId Registry::add(Organization org) {
  RegistryRules rules{*this};
  org.id = orgs_.next_id();
  rules.require_refs(org, true);
  rules.require_org_rules(org, true);
  rules.require_unique_code(org, org_codes_, true);
  const std::size_t n = orgs_.capacity_ids() + 1;
  children_.resize(n), members_of_.resize(n), households_of_.resize(n), org_refs_.resize(n);
  if (org.parent) children_[org.parent->value()].push_back(org.id);
  if (!org.code.empty()) org_codes_.emplace(org.code, org.id);
  rules.count_refs(org, +1);
  return orgs_.insert(std::move(org));
}

void Registry::update(const Organization& org) {
  RegistryRules rules{*this};
  const Organization old = orgs_.get(org.id);
  rules.require_refs(org, false);
  rules.require_org_rules(org, false);
  rules.require_unique_code(org, org_codes_, false);
  rules.require_org_level_fits_subtree(org);
  if (old.parent != org.parent) {
    if (old.parent) erase_value(children_[old.parent->value()], org.id);
    if (org.parent) children_[org.parent->value()].push_back(org.id);
  }
  RegistryRules::recode(org_codes_, old.code, org);
  rules.count_refs(old, -1);
  rules.count_refs(org, +1);
  orgs_.mutable_get(org.id) = org;
}

void Registry::remove(OrgId id) {
  RegistryRules rules{*this};
  const Organization& org = orgs_.get(id);
  rules.require_unreferenced(id);
  if (org.parent) erase_value(children_[org.parent->value()], id);
  if (!org.code.empty()) org_codes_.erase(org.code);
  rules.count_refs(org, -1);
  orgs_.erase(id);
}

// ---- members ----

MemberId Registry::add(Member member) {
  RegistryRules rules{*this};
  member.id = members_.next_id();
  rules.require_refs(member, true);
  rules.require_member_rules(member, true);
  rules.require_unique_code(member, member_codes_, true);
  member_refs_.resize(members_.capacity_ids() + 1);
  members_of_[member.organization.value()].push_back(member.id);
  if (!member.code.empty()) member_codes_.emplace(member.code, member.id);
  rules.count_refs(member, +1);
  return members_.insert(std::move(member));
}

void Registry::update(const Member& member) {
  RegistryRules rules{*this};
  const Member old = members_.get(member.id);
  rules.require_refs(member, false);
  rules.require_member_rules(member, false);
  rules.require_unique_code(member, member_codes_, false);
  if (old.organization != member.organization) {
    erase_value(members_of_[old.organization.value()], member.id);
    members_of_[member.organization.value()].push_back(member.id);
  }
  RegistryRules::recode(member_codes_, old.code, member);
  rules.count_refs(old, -1);
  rules.count_refs(member, +1);
  members_.mutable_get(member.id) = member;
}

void Registry::remove(MemberId id) {
  RegistryRules rules{*this};
  const Member& member = members_.get(id);
  rules.require_unreferenced(id);
  erase_value(members_of_[member.organization.value()], id);
  if (!member.code.empty()) member_codes_.erase(member.code);
  rules.count_refs(member, -1);
  members_.erase(id);
}

// ---- households ----

HouseholdId Registry::add(Household household) {
  RegistryRules rules{*this};
  household.id = households_.next_id();
  rules.require_refs(household, true);
  rules.require_household_rules(household, true);
  household_refs_.resize(households_.capacity_ids() + 1);
  households_of_[household.unit.value()].push_back(household.id);
  if (!household.code.empty()) household_codes_.emplace(household.code, household.id);
  rules.count_refs(household, +1);
  return households_.insert(std::move(household));
}

void Registry::update(const Household& household) {
  RegistryRules rules{*this};
  const Household old = households_.get(household.id);
  rules.require_refs(household, false);
  rules.require_household_rules(household, false);
  if (old.unit != household.unit) {
    erase_value(households_of_[old.unit.value()], household.id);
    households_of_[household.unit.value()].push_back(household.id);
  }
  RegistryRules::recode(household_codes_, old.code, household);
  rules.count_refs(old, -1);
  rules.count_refs(household, +1);
  households_.mutable_get(household.id) = household;
}

void Registry::remove(HouseholdId id) {
  RegistryRules rules{*this};
  const Household& household = households_.get(id);
  rules.require_unreferenced(id);
  erase_value(households_of_[household.unit.value()], id);
  if (!household.code.empty()) household_codes_.erase(household.code);
  rules.count_refs(household, -1);
  households_.erase(id);
}

// ---- entities nothing references ----

PairingId Registry::add(Pairing pairing) {
  RegistryRules rules{*this};
  pairing.check();
  rules.require_refs(pairing, true);
  rules.require_pairing_rules(pairing, true);
  return rules.add_leaf(pairings_, std::move(pairing));
}
CommitmentId Registry::add(Commitment commitment) { return RegistryRules{*this}.add_leaf(commitments_, std::move(commitment)); }
ServicePostId Registry::add(ServicePost post) { return RegistryRules{*this}.add_leaf(posts_, std::move(post)); }
ContactId Registry::add(Contact contact) { return RegistryRules{*this}.add_leaf(contacts_, std::move(contact)); }
SurveyResponseId Registry::add(SurveyResponse response) { return RegistryRules{*this}.add_leaf(responses_, std::move(response)); }
ActivityId Registry::add(Activity activity) { return RegistryRules{*this}.add_leaf(activities_, std::move(activity)); }
AppealId Registry::add(Appeal appeal) {
  RegistryRules rules{*this};
  appeal.id = appeals_.next_id();
  rules.require_unique_code(appeal, appeal_codes_, true);
  const std::string code = appeal.code;
  const AppealId id = rules.add_leaf(appeals_, std::move(appeal));
  if (!code.empty()) appeal_codes_.emplace(code, id);
  return id;
}

void Registry::update(const Pairing& pairing) {
  RegistryRules rules{*this};
  (void)pairings_.get(pairing.id);
  pairing.check();
  rules.require_refs(pairing, false);
  rules.require_pairing_rules(pairing, false);
  rules.update_leaf(pairings_, pairing);
}
void Registry::update(const Commitment& commitment) { RegistryRules{*this}.update_leaf(commitments_, commitment); }
void Registry::update(const ServicePost& post) { RegistryRules{*this}.update_leaf(posts_, post); }
void Registry::update(const Contact& contact) { RegistryRules{*this}.update_leaf(contacts_, contact); }
void Registry::update(const SurveyResponse& response) { RegistryRules{*this}.update_leaf(responses_, response); }
void Registry::update(const Activity& activity) { RegistryRules{*this}.update_leaf(activities_, activity); }
void Registry::update(const Appeal& appeal) {
  RegistryRules rules{*this};
  const std::string old_code = appeals_.get(appeal.id).code;
  rules.require_unique_code(appeal, appeal_codes_, false);
  rules.update_leaf(appeals_, appeal);
  RegistryRules::recode(appeal_codes_, old_code, appeal);
}

void Registry::record(AppealId id, AppealEvent event, const AppealChange& change) {
  Appeal next = appeals_.get(id);
  next.record(std::move(event), change);
  update(next);
}

void Registry::remove(PairingId id) { RegistryRules{*this}.remove_leaf(pairings_, id); }
void Registry::remove(CommitmentId id) { RegistryRules{*this}.remove_leaf(commitments_, id); }
void Registry::remove(ServicePostId id) { RegistryRules{*this}.remove_leaf(posts_, id); }
void Registry::remove(ContactId id) { RegistryRules{*this}.remove_leaf(contacts_, id); }
void Registry::remove(SurveyResponseId id) { RegistryRules{*this}.remove_leaf(responses_, id); }
void Registry::remove(ActivityId id) { RegistryRules{*this}.remove_leaf(activities_, id); }
void Registry::remove(AppealId id) {
  const std::string code = appeals_.get(id).code;
  RegistryRules{*this}.remove_leaf(appeals_, id);
  if (!code.empty()) appeal_codes_.erase(code);
}

// ---- lookups ----

std::optional<OrgId> Registry::find_organization(std::string_view code) const { return lookup(org_codes_, code); }
std::optional<MemberId> Registry::find_member(std::string_view code) const { return lookup(member_codes_, code); }
std::optional<HouseholdId> Registry::find_household(std::string_view code) const { return lookup(household_codes_, code); }
std::optional<AppealId> Registry::find_appeal(std::string_view code) const { return lookup(appeal_codes_, code); }

std::span<const OrgId> Registry::children(OrgId org) const {
  (void)orgs_.get(org);
  return children_[org.value()];
}
std::span<const MemberId> Registry::members_of(OrgId org) const {
  (void)orgs_.get(org);
  return members_of_[org.value()];
}
std::span<const HouseholdId> Registry::households_of(OrgId unit) const {
  (void)orgs_.get(unit);
  return households_of_[unit.value()];
}

std::vector<OrgId> Registry::roots() const {
  std::vector<OrgId> out;
  for (const Organization& org : orgs_)
    if (!org.parent) out.push_back(org.id);
  return out;
}

std::vector<OrgId> Registry::subtree(OrgId org) const {
  (void)orgs_.get(org);
  std::vector<OrgId> out;
  std::vector<OrgId> stack{org};
  while (!stack.empty()) {
    const OrgId at = stack.back();
    stack.pop_back();
    out.push_back(at);
    const auto& kids = children_[at.value()];
    stack.insert(stack.end(), kids.rbegin(), kids.rend());  // reversed so children come out in order
  }
  return out;
}

std::vector<MemberId> Registry::members_under(OrgId org) const {
  std::vector<MemberId> out;
  for (OrgId at : subtree(org)) out.insert(out.end(), members_of_[at.value()].begin(), members_of_[at.value()].end());
  return out;
}

std::vector<HouseholdId> Registry::households_under(OrgId org) const {
  std::vector<HouseholdId> out;
  for (OrgId at : subtree(org)) out.insert(out.end(), households_of_[at.value()].begin(), households_of_[at.value()].end());
  return out;
}

std::vector<OrgId> Registry::ancestors(OrgId org) const {
  std::vector<OrgId> out;
  for (std::optional<OrgId> at = org; at; at = orgs_.get(*at).parent) out.push_back(*at);
  return out;
}

// ---- restoring saved ids ----

template <class IdT>
void Registry::skip_ids(IdT next) {
  auto& ids = const_cast<std::remove_cvref_t<decltype(table<IdT>())>&>(table<IdT>());  // our own member
  ids.skip_to(next);  // throws before anything changes
  const std::size_t n = ids.capacity_ids();
  if constexpr (std::is_same_v<IdT, OrgId>) {
    children_.resize(n), members_of_.resize(n), households_of_.resize(n), org_refs_.resize(n);
  } else if constexpr (std::is_same_v<IdT, MemberId>) {
    member_refs_.resize(n);
  } else if constexpr (std::is_same_v<IdT, HouseholdId>) {
    household_refs_.resize(n);
  }
}
template void Registry::skip_ids(OrgId);
template void Registry::skip_ids(MemberId);
template void Registry::skip_ids(HouseholdId);
template void Registry::skip_ids(PairingId);
template void Registry::skip_ids(CommitmentId);
template void Registry::skip_ids(ServicePostId);
template void Registry::skip_ids(ContactId);
template void Registry::skip_ids(AppealId);
template void Registry::skip_ids(SurveyResponseId);
template void Registry::skip_ids(ActivityId);

void Registry::reserve(const RegistryCapacity& capacity) {
  orgs_.reserve(capacity.organizations);
  children_.reserve(capacity.organizations);
  members_of_.reserve(capacity.organizations);
  households_of_.reserve(capacity.organizations);
  org_refs_.reserve(capacity.organizations);
  members_.reserve(capacity.members);
  member_refs_.reserve(capacity.members);
  households_.reserve(capacity.households);
  household_refs_.reserve(capacity.households);
  pairings_.reserve(capacity.pairings);
  commitments_.reserve(capacity.commitments);
  posts_.reserve(capacity.service_posts);
  contacts_.reserve(capacity.contacts);
  appeals_.reserve(capacity.appeals);
  responses_.reserve(capacity.survey_responses);
  activities_.reserve(capacity.activities);
  // The code indexes too: rehashing a million codes as they arrive was a visible part of an import.
  org_codes_.reserve(capacity.organizations);
  member_codes_.reserve(capacity.members);
  household_codes_.reserve(capacity.households);
  appeal_codes_.reserve(capacity.appeals);
}

// ---- the audit ----

std::vector<Problem> Registry::validate() const {
  std::vector<Problem> problems;
  auto report = [&](std::string code, std::string message, Location where) {
    problems.push_back({std::move(code), std::move(message), std::move(where)});
  };
  std::vector<std::uint32_t> org_refs(org_refs_.size()), member_refs(member_refs_.size()), household_refs(household_refs_.size());

  auto audit = [&](const auto& table, auto&& extra) {
    std::unordered_set<std::string> codes;
    for (const auto& value : table) {
      try {
        value.check();
      } catch (const Error& e) {
        report(e.code(), e.summary() + ": " + e.why(), e.where());
      }
      visit_refs(value, [&](auto id, const char* field) {
        using IdT = decltype(id);
        if (!contains(id)) {
          report("integrity.dangling", "reference to a missing " + std::string(IdT::kind()), Location::of(value.id.to_string(), field));
          return;
        }
        if constexpr (std::is_same_v<IdT, OrgId>) ++org_refs[id.value()];
        else if constexpr (std::is_same_v<IdT, MemberId>) ++member_refs[id.value()];
        else ++household_refs[id.value()];
      });
      if constexpr (requires { value.code; }) {
        if (!value.code.empty() && !codes.insert(value.code).second)
          report("integrity.duplicate_code", "duplicate code '" + value.code + "'", Location::of(value.id.to_string(), "code"));
      }
      extra(value);
    }
  };
  auto none = [](const auto&) {};

  audit(orgs_, [&](const Organization& org) {
    if (!org.parent) {
      if (org.level != OrgLevel::County)
        report("integrity.orphan", "organisation below level 1 has no parent", Location::of(org.id.to_string(), "parent"));
      return;
    }
    if (!contains(*org.parent)) return;
    if (static_cast<int>(get(*org.parent).level) >= static_cast<int>(org.level))
      report("integrity.level", "parent is not above its child", Location::of(org.id.to_string(), "parent"));
    std::size_t steps = 0;
    for (std::optional<OrgId> at = org.parent; at && contains(*at); at = get(*at).parent) {
      if (*at == org.id || ++steps > orgs_.size()) {
        report("integrity.cycle", "organisation is its own ancestor", Location::of(org.id.to_string(), "parent"));
        break;
      }
    }
  });
  audit(members_, [&](const Member& m) {
    if (m.kinds.test(MemberKind::InService) && !m.residence_community)
      report("model.in_service_without_residence", "in-service member has no residence community",
             Location::of(m.id.to_string(), "residence_community"));
  });
  audit(households_, [&](const Household& h) {
    if (contains(h.unit) && get(h.unit).level != OrgLevel::Grid)
      report("integrity.level", "household's unit is not at level 4", Location::of(h.id.to_string(), "unit"));
    if (contains(h.unit)) {
      const auto& list = households_of_[h.unit.value()];
      if (std::count(list.begin(), list.end(), h.id) != 1)
        report("integrity.index", "household is not listed exactly once under its unit", Location::of(h.id.to_string(), "unit"));
    }
  });
  // Capacity: per (source, kind), the current (unended) pairings against the smallest capacity
  // set on any of them. A problem, not a refusal (docs/model.md, "Pairing capacity").
  struct Load {
    std::size_t current = 0;
    std::optional<std::int32_t> capacity;
    PairingId where{};
  };
  std::map<std::tuple<std::size_t, std::uint32_t, int>, Load> loads;
  audit(pairings_, [&](const Pairing& p) {
    if (const auto* member = std::get_if<MemberId>(&p.target); member && contains(*member) && !get(*member).kinds.test(MemberKind::Hardship))
      report("integrity.pairing_target", "an assistance pairing's member target is not a difficult member",
             Location::of(p.id.to_string(), "target"));
    if (p.end) return;
    Load& load = loads[{p.source.index(), std::visit([](auto id) { return id.value(); }, p.source), static_cast<int>(p.kind)}];
    ++load.current;
    if (p.capacity && (!load.capacity || *p.capacity < *load.capacity)) {
      load.capacity = p.capacity;
      load.where = p.id;
    }
  });
  for (const auto& [key, load] : loads) {
    if (load.capacity && load.current > static_cast<std::size_t>(*load.capacity))
      report("model.pairing_over_capacity",
             "source has " + std::to_string(load.current) + " current pairings of this kind, capacity " + std::to_string(*load.capacity),
             Location::of(load.where.to_string(), "capacity"));
  }
  audit(commitments_, none);
  audit(posts_, none);
  audit(contacts_, none);
  audit(appeals_, none);
  audit(responses_, none);
  audit(activities_, none);

  auto compare_counts = [&](const auto& table, const std::vector<std::uint32_t>& kept, const std::vector<std::uint32_t>& recount) {
    for (const auto& value : table) {
      if (kept[value.id.value()] != recount[value.id.value()])
        report("integrity.refcount", "reference count out of step", Location::of(value.id.to_string()));
    }
  };
  compare_counts(orgs_, org_refs_, org_refs);
  compare_counts(members_, member_refs_, member_refs);
  compare_counts(households_, household_refs_, household_refs);
  return problems;
}

}  // namespace massline
