// Scoped exports and pseudonyms (docs/formats.md, "Privacy").
#include <massline/io/registry_scope.hpp>

#include <massline/core/cancellation.hpp>
#include <massline/core/error.hpp>
#include <massline/core/sha256.hpp>
#include <massline/model/personal_fields.hpp>

#include <algorithm>
#include <map>
#include <utility>
#include <variant>

namespace massline::io {

namespace {

// Which ids are inside the scope, by kind.
struct Inside {
  std::vector<bool> orgs, members, households;
  [[nodiscard]] bool has(OrgId id) const { return id.value() < orgs.size() && orgs[id.value()]; }
  [[nodiscard]] bool has(MemberId id) const { return id.value() < members.size() && members[id.value()]; }
  [[nodiscard]] bool has(HouseholdId id) const { return id.value() < households.size() && households[id.value()]; }
  template <class... Ids>
  [[nodiscard]] bool has(const std::variant<Ids...>& id) const {
    return std::visit([&self = *this](auto which) { return self.has(which); }, id);
  }
  template <class Id>
  [[nodiscard]] bool has(const std::optional<Id>& id) const {
    return !id || has(*id);
  }
};

// Counts by (table, reason), reported in first-seen order.
class Tally {
 public:
  void add(std::string_view table, std::string_view reason) {
    const auto key = std::pair{std::string(table), std::string(reason)};
    const auto [at, fresh] = index_.emplace(key, entries_.size());
    if (fresh) entries_.push_back({key.first, key.second, 0});
    ++entries_[at->second].count;
  }
  std::vector<ScopeReport::Entry> take() { return std::move(entries_); }

 private:
  std::map<std::pair<std::string, std::string>, std::size_t> index_;
  std::vector<ScopeReport::Entry> entries_;
};

// The ids of the entities of @p table for which @p keep_out holds (collected before removing).
template <class Table>
auto ids_where(const Table& table, auto keep_out) {
  std::vector<decltype(table.begin()->id)> out;
  for (const auto& x : table)
    if (keep_out(x)) out.push_back(x.id);
  return out;
}

}  // namespace

ScopedRegistry scope_registry(const Registry& registry, OrgId root) {
  if (!registry.organizations().contains(root)) {
    throw NotFound("privacy.scope", "no organisation " + root.to_string(), Location::of("scope_registry", "root"),
                   "the scope is an organisation of the registry");
  }
  Inside in;
  in.orgs.assign(registry.organizations().capacity_ids(), false);
  for (OrgId o : registry.subtree(root)) in.orgs[o.value()] = true;
  in.members.assign(registry.members().capacity_ids(), false);
  for (const Member& m : registry.members()) in.members[m.id.value()] = in.has(m.organization);
  in.households.assign(registry.households().capacity_ids(), false);
  for (const Household& h : registry.households()) in.households[h.id.value()] = in.has(h.unit);

  ScopedRegistry out{registry, {}};
  Registry& r = out.registry;
  Tally dropped, cleared;
  // Dependents go first, so nothing removed is still referenced.
  for (SurveyResponseId id : ids_where(registry.survey_responses(), [&](const SurveyResponse& x) {
         return !in.has(x.respondent) || !in.has(x.target);
       })) {
    r.remove(id);
    dropped.add("survey_responses", "respondent or target outside the scope");
  }
  throw_if_cancelled();
  for (AppealId id : ids_where(registry.appeals(), [&](const Appeal& x) {
         bool inside = in.has(x.household) && in.has(x.collected_by) && in.has(x.leader_in_charge) && in.has(x.origin) &&
                       in.has(x.handler);
         for (const AppealEvent& e : x.history) inside = inside && in.has(e.organization);
         return !inside;
       })) {
    r.remove(id);
    dropped.add("appeals", "names an organisation, member or household outside the scope (e.g. escalated above it)");
  }
  throw_if_cancelled();
  for (ContactId id : ids_where(registry.contacts(), [&](const Contact& x) {
         return !in.has(x.member) || !in.has(x.household) || !in.has(x.organization);
       })) {
    r.remove(id);
    dropped.add("contacts", "member, household or place outside the scope");
  }
  throw_if_cancelled();
  for (const Activity& x : registry.activities()) {
    if (!in.has(x.organization)) {
      r.remove(x.id);
      dropped.add("activities", "held by an organisation outside the scope");
      continue;
    }
    Activity kept = x;
    std::erase_if(kept.attendees, [&](MemberId m) { return !in.has(m); });
    if (kept.attendees.size() != x.attendees.size()) {
      r.update(kept);
      cleared.add("activities", "attendees outside the scope");
    }
  }
  for (const Commitment& x : registry.commitments()) {
    Commitment kept = x;
    std::erase_if(kept.members, [&](MemberId m) { return !in.has(m); });
    if (kept.members.empty()) {
      r.remove(x.id);
      dropped.add("commitments", "no pledger inside the scope");
    } else if (kept.members.size() != x.members.size()) {
      r.update(kept);
      cleared.add("commitments", "co-pledgers outside the scope");
    }
  }
  for (const ServicePost& x : registry.service_posts()) {
    if (!in.has(x.organization)) {
      r.remove(x.id);
      dropped.add("service_posts", "organisation outside the scope");
    } else if (!in.has(x.holder)) {
      ServicePost kept = x;
      kept.holder.reset();
      kept.since.reset();  // a holding date without a holder has no meaning
      r.update(kept);
      cleared.add("service_posts", "holder outside the scope");
    }
  }
  for (PairingId id : ids_where(registry.pairings(), [&](const Pairing& x) { return !in.has(x.source) || !in.has(x.target); })) {
    r.remove(id);
    dropped.add("pairings", "an end outside the scope");
  }
  throw_if_cancelled();
  for (HouseholdId id : ids_where(registry.households(), [&](const Household& x) { return !in.has(x.id); })) {
    r.remove(id);
    dropped.add("households", "unit outside the scope");
  }
  throw_if_cancelled();
  for (const Member& x : registry.members()) {
    if (!in.has(x.id)) {
      r.remove(x.id);
      dropped.add("members", "home organisation outside the scope");
    } else if (!in.has(x.residence_community)) {
      Member kept = x;
      kept.residence_community.reset();
      r.update(kept);
      cleared.add("members", "residence community outside the scope");
    }
  }
  Organization top = registry.get(root);
  if (top.parent) {
    top.parent.reset();
    r.update(top);
    cleared.add("organizations", "the scope's root loses its parent");
  }
  // Organisations outside, children before parents (a lower level number is higher up).
  std::vector<const Organization*> outside;
  for (const Organization& o : registry.organizations())
    if (!in.has(o.id)) outside.push_back(&o);
  std::stable_sort(outside.begin(), outside.end(),
                   [](const Organization* a, const Organization* b) { return a->level > b->level; });
  for (const Organization* o : outside) {
    r.remove(o->id);
    dropped.add("organizations", "outside the subtree");
  }
  out.report.dropped = dropped.take();
  out.report.cleared = cleared.take();
  return out;
}

std::string pseudonym(std::string_view key, std::string_view field, std::string_view value) {
  if (key.empty()) {
    throw InvalidArgument("privacy.key", "empty pseudonym key", Location::of("pseudonymize", "key"),
                          "a key keeps tokens from being recomputed by anyone who guesses a value; use a long random secret");
  }
  if (value.empty()) return {};
  std::string normal;
  if (field == "phone") {
    normal = normalized_phone(value);
  } else if (field == "id_number") {
    normal = std::string(value);
  } else {
    normal = normalized_text(value);
  }
  std::string message(field);
  message += '\x1F';
  message += normal;
  return "#" + to_hex(hmac_sha256(key, message)).substr(0, 20);
}

void pseudonymize(Registry& registry, std::string_view key) {
  (void)pseudonym(key, "name", "");  // checks the key before anything changes
  Registry changed = registry;  // whole or nothing: the registry is replaced only at the end
  for (const Household& h : registry.households()) {
    Household x = h;
    x.head_name = pseudonym(key, "name", h.head_name);
    x.address = pseudonym(key, "address", h.address);
    x.phone = pseudonym(key, "phone", h.phone);
    x.id_number = pseudonym(key, "id_number", h.id_number);
    changed.update(x);
  }
  throw_if_cancelled();
  for (const Member& m : registry.members()) {
    Member x = m;
    x.name = pseudonym(key, "name", m.name);
    x.phone = pseudonym(key, "phone", m.phone);
    x.id_number = pseudonym(key, "id_number", m.id_number);
    changed.update(x);
  }
  registry = std::move(changed);
}

}  // namespace massline::io
