// Tallies of a registry for reports and checks.

#include <massline/model/network_summary.hpp>

#include <massline/core/enum_names.hpp>

#include <numeric>
#include <sstream>
#include <variant>
#include <vector>

namespace massline {
namespace {

bool is_network_unit(OrgKind kind) {
  switch (kind) {
    case OrgKind::WorkOffice:
    case OrgKind::WorkCentre:
    case OrgKind::WorkStation:
    case OrgKind::DelegateStation:
    case OrgKind::ResponsibilityArea:
    case OrgKind::VillageGroup:
      return true;
    default:
      return false;
  }
}

template <class E, std::size_t N>
void list(std::ostringstream& out, const char* indent, const std::array<std::size_t, N>& counts) {
  for (std::size_t i = 0; i < N; ++i)
    out << indent << to_name(static_cast<E>(static_cast<int>(i) + first_enumerator<E>())) << ": " << counts[i] << '\n';
}

}  // namespace

std::size_t NetworkSummary::organizations() const noexcept {
  return std::accumulate(network_units.begin(), network_units.end(), std::size_t{0});
}

NetworkSummary summarize(const Registry& registry) {
  NetworkSummary s;
  for (const Organization& o : registry.organizations()) {
    const std::size_t level = enum_index(o.level);
    if (is_network_unit(o.kind)) {
      ++s.network_units[level];
      if (o.level == OrgLevel::Community) ++s.level3_by_sector[enum_index(o.sector)];
    } else {
      ++s.other_orgs[level];
    }
  }
  std::vector<std::uint8_t> contacted(registry.households().capacity_ids(), 0);
  for (const Household& h : registry.households()) {
    ++s.households;
    s.people += h.size;
    if (h.party_household) ++s.party_households;
    for (std::size_t k = 0; k < s.households_by_category.size(); ++k)
      if (h.categories.test(static_cast<HouseholdCategory>(k))) ++s.households_by_category[k];
    if (h.categories.intersects(kFiveMustVisit)) ++s.must_visit_households;
  }
  for (const Member& m : registry.members()) {
    ++s.members;
    for (std::size_t k = 0; k < s.members_by_kind.size(); ++k)
      if (m.kinds.test(static_cast<MemberKind>(k))) ++s.members_by_kind[k];
    if (m.cadre_rank) ++s.cadres_by_rank[enum_index(*m.cadre_rank)];
    if (m.delegate_level) ++s.delegates_by_level[enum_index(*m.delegate_level)];
    if (m.capable_of_helping) ++s.capable_members;
    if (m.residence_community) ++s.in_service_with_residence;
  }
  for (const Pairing& p : registry.pairings()) {
    ++s.pairings_by_kind[enum_index(p.kind)];
    if (p.key_contact) ++s.key_contacts;
    if (p.kind == PairingKind::Assistance && std::holds_alternative<OrgId>(p.source)) ++s.joint_assistance;
    if (p.end) ++s.ended_pairings;
  }
  for (const Commitment& c : registry.commitments()) {
    ++s.commitments;
    if (c.joint()) ++s.joint_commitments;
    ++s.commitments_by_status[enum_index(c.status())];
  }
  for (const ServicePost& post : registry.service_posts()) {
    ++s.service_posts;
    if (post.holder) ++s.filled_posts;
  }
  for (const Contact& c : registry.contacts()) {
    ++s.contacts;
    ++s.contacts_by_mode[enum_index(c.mode)];
    if (c.collective) ++s.collective_contacts;
    if (c.concentrated) ++s.concentrated_contacts;
    s.situation_reports += c.reports.size();
    for (const SituationReport& r : c.reports)
      if (r.abnormal) ++s.abnormal_reports;
    if (c.household) contacted[c.household->value()] = 1;
  }
  for (const Household& h : registry.households()) {
    if (!contacted[h.id.value()]) continue;
    ++s.households_contacted;
    if (h.categories.intersects(kFiveMustVisit)) ++s.must_visit_contacted;
  }
  for (const Appeal& a : registry.appeals()) {
    ++s.appeals;
    ++s.appeals_by_stage[enum_index(a.stage())];
    ++s.appeals_by_channel[enum_index(a.channel)];
    if (const Organization* handler = registry.organizations().find(a.handler))
      ++s.appeals_by_handler_level[enum_index(handler->level)];
    if (a.leader_in_charge) ++s.appeals_with_leader;
  }
  return s;
}

std::string to_text(const NetworkSummary& s) {
  std::ostringstream out;
  out << "network units: " << s.organizations() << '\n';
  for (std::size_t l = 0; l < 4; ++l)
    out << "  level " << l + 1 << " " << to_name(static_cast<OrgLevel>(l + 1)) << ": " << s.network_units[l] << '\n';
  out << "  level 3 by sector:\n";
  list<Sector>(out, "    ", s.level3_by_sector);
  out << "other party organisations (organs, branches): "
      << std::accumulate(s.other_orgs.begin(), s.other_orgs.end(), std::size_t{0}) << '\n';
  for (std::size_t l = 0; l < 4; ++l)
    if (s.other_orgs[l] > 0) out << "  at level " << l + 1 << ": " << s.other_orgs[l] << '\n';
  out << "households: " << s.households << '\n'
      << "people: " << s.people << '\n'
      << "party households: " << s.party_households << '\n'
      << "must-visit households: " << s.must_visit_households << '\n'
      << "households by category:\n";
  list<HouseholdCategory>(out, "  ", s.households_by_category);
  out << "members: " << s.members << '\n' << "members by kind:\n";
  list<MemberKind>(out, "  ", s.members_by_kind);
  out << "cadres by rank:\n";
  list<CadreRank>(out, "  ", s.cadres_by_rank);
  out << "delegates by level:\n";
  list<DelegateLevel>(out, "  ", s.delegates_by_level);
  out << "capable of helping: " << s.capable_members << '\n'
      << "in-service with residence community: " << s.in_service_with_residence << '\n'
      << "pairings: " << std::accumulate(s.pairings_by_kind.begin(), s.pairings_by_kind.end(), std::size_t{0}) << '\n';
  list<PairingKind>(out, "  ", s.pairings_by_kind);
  out << "  key contacts: " << s.key_contacts << '\n'
      << "  joint assistance (by a branch): " << s.joint_assistance << '\n'
      << "  ended during the year: " << s.ended_pairings << '\n'
      << "pledges: " << s.commitments << " (joint " << s.joint_commitments << ")\n";
  list<CommitmentStatus>(out, "  ", s.commitments_by_status);
  out << "service posts: " << s.service_posts << " (filled " << s.filled_posts << ")\n"
      << "contacts: " << s.contacts << '\n';
  list<VisitMode>(out, "  ", s.contacts_by_mode);
  out << "  collective: " << s.collective_contacts << '\n'
      << "  concentrated: " << s.concentrated_contacts << '\n'
      << "  five-situation reports: " << s.situation_reports << " (abnormal " << s.abnormal_reports << ")\n"
      << "households contacted: " << s.households_contacted << '\n'
      << "must-visit households contacted: " << s.must_visit_contacted << '\n'
      << "appeals: " << s.appeals << '\n' << "appeals by stage:\n";
  list<AppealStage>(out, "  ", s.appeals_by_stage);
  out << "appeals by channel:\n";
  list<AppealChannel>(out, "  ", s.appeals_by_channel);
  out << "appeals by handler level:\n";
  for (std::size_t l = 0; l < 4; ++l)
    out << "  level " << l + 1 << " " << to_name(static_cast<OrgLevel>(l + 1)) << ": " << s.appeals_by_handler_level[l] << '\n';
  out << "appeals with a leader in charge: " << s.appeals_with_leader << '\n';
  return out.str();
}

}  // namespace massline
