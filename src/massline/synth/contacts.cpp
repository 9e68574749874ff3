// Contact stage: a year of contacts by cadres' field days, delegates' ledgers and campaigns,
// members' contact households, assistance visits, leaders' going-down visits and the must-visit
// sweep; it records each household's first contact for the appeals stage (docs/synth.md, "A year
// of contacts").

#include "stages.hpp"

#include <massline/core/cancellation.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <optional>
#include <utility>
#include <vector>

namespace massline::synth::detail {
namespace {

void add_contact(SynthState& s, RandomStream& r, Index member, Index h, VisitMode mode, bool collective, bool concentrated,
                 int d, std::optional<OrgId> org = {}) {
  Contact c;
  c.member = member_id(member);
  c.household = household_id(h);
  c.mode = mode;
  c.collective = collective;
  c.concentrated = concentrated;
  if (collective || mode == VisitMode::Reception) c.organization = org ? *org : s.c_org[s.community_of_household(h)];
  c.date = s.day(d);
  const double minutes = lognormal(r, s.p.duration_median[static_cast<std::size_t>(mode)], s.p.duration_sigma);
  c.duration_minutes = static_cast<std::uint16_t>(std::clamp(std::lround(minutes), 1L, 1440L));
  if (r.uniform() < s.p.situation_report_share) {
    SituationReport report;
    report.situation = static_cast<Situation>(pick(r, s.p.situation_weight));
    report.abnormal = r.uniform() < s.p.abnormal_share;
    c.reports.push_back(std::move(report));
  }
  s.reg.add(std::move(c));
  if (s.hh_first_day[h] < 0 || d < s.hh_first_day[h]) {
    s.hh_first_day[h] = static_cast<std::int16_t>(d);
    s.hh_first_member[h] = member;
    s.hh_first_mode[h] = mode;
  }
}

// Field days (002): each month `per_month` distinct days, of which field_day_compliance are
// worked; each worked day visits visits_per_field_day households, contact households first.
void field_days(SynthState& s, RandomStream& r, Index member, std::int64_t per_month, const Index* first, const Index* last, Index community) {
  const Index begin = s.hh_begin(community), end = s.hh_end(community);
  if (end == begin) return;
  const Index* next_contact = first;
  for (int month = 1; month <= 12; ++month) {
    const Date m0 = make_date(static_cast<int>(s.p.year), month, 1);
    const int offset = static_cast<int>((m0 - s.jan1).days());
    std::vector<int> days_of_month(static_cast<std::size_t>(m0.end_of_month().day()));
    std::iota(days_of_month.begin(), days_of_month.end(), 0);
    const auto n = std::min<std::size_t>(static_cast<std::size_t>(per_month), days_of_month.size());
    for (std::size_t k = 0; k < n; ++k) std::swap(days_of_month[k], days_of_month[k + below(r, days_of_month.size() - k)]);
    std::sort(days_of_month.begin(), days_of_month.begin() + static_cast<std::ptrdiff_t>(n));
    for (std::size_t k = 0; k < n; ++k) {
      if (!(r.uniform() < s.p.field_day_compliance)) continue;
      for (std::int64_t v = 0; v < s.p.visits_per_field_day; ++v) {
        Index h = 0;
        if (next_contact != last) {
          h = *next_contact++;
        } else {
          const auto picked = pick_households(s, r, begin, end, 1);
          h = picked.empty() ? begin + static_cast<Index>(below(r, end - begin)) : picked.front();
        }
        add_contact(s, r, member, h, VisitMode::HomeVisit, false, false, offset + days_of_month[k]);
      }
    }
  }
}

// Delegates (003): each contact household contacted in the year by a mix of modes (home
// visits at least a third by default), plus the concentrated campaigns, must-visit first.
void delegate_visits(SynthState& s, RandomStream& r, Index member, const Index* first, const Index* last) {
  for (const Index* h = first; h != last; ++h) {
    if (!(r.uniform() < s.p.delegate_visit_compliance)) continue;
    const auto mode = static_cast<VisitMode>(pick(r, s.p.delegate_mode_weight));
    const bool collective = mode == VisitMode::Forum || mode == VisitMode::GoingDownRegular ||
                            mode == VisitMode::GoingDownFixedPoint || mode == VisitMode::GoingDownCircuit;
    add_contact(s, r, member, *h, mode, collective, false, s.random_day(r));
  }
  std::vector<Index> mine(first, last);
  std::stable_partition(mine.begin(), mine.end(), [&s](Index h) { return s.is_must_visit(h); });
  std::size_t at = 0;
  for (std::int64_t k = 0; k < s.p.campaigns; ++k) {
    if (!(r.uniform() < s.p.campaign_attendance)) continue;
    for (std::int64_t j = 0; j < s.p.campaign_households && !mine.empty(); ++j) {
      const Index h = mine[at++ % mine.size()];
      const int d = static_cast<int>((s.campaign_day(k, static_cast<int>(below(r, kCampaignDays))) - s.jan1).days());
      add_contact(s, r, member, h, VisitMode::HomeVisit, true, true, std::min(d, s.days - 1));
    }
  }
}

}  // namespace

void build_contacts(SynthState& s) {
  const auto H = static_cast<std::size_t>(s.p.households);
  s.hh_first_day.assign(H, -1);
  s.hh_first_member.assign(H, kNone);
  s.hh_first_mode.assign(H, VisitMode::HomeVisit);
  const RandomStream base = s.root.derive("contacts");
  for (std::size_t i = 0; i < s.plans.size(); ++i) {
    RandomStream r = base.derive(i);
    const MemberPlan& plan = s.plans[i];
    const auto member = static_cast<Index>(i);
    const Index* first = s.contact_hh.data() + s.contact_begin[i];
    const Index* last = s.contact_hh.data() + s.contact_begin[i + 1];
    const bool village = plan.role == Role::VillageCadre;
    const bool town = plan.role == Role::TownLeader || plan.role == Role::Police || plan.role == Role::Judicial || plan.role == Role::TownCadre;
    const bool cadre = (village || town) && plan.community != kNone;
    if (cadre) field_days(s, r, member, village ? s.p.village_cadre_days_per_month : s.p.town_cadre_days_per_month, first, last, plan.community);
    if (plan.member.delegate_level) {
      delegate_visits(s, r, member, first, last);
    } else if (!cadre) {
      for (const Index* h = first; h != last; ++h) {
        const std::int64_t visits = round_random(r, s.p.member_visits_per_contact_household);
        for (std::int64_t k = 0; k < visits; ++k) {
          const bool home = r.uniform() < s.p.member_home_visit_share;
          add_contact(s, r, member, *h, home ? VisitMode::HomeVisit : VisitMode::Appointment, false, false, s.random_day(r));
        }
      }
    }
  }
  // Assistance visits: quarterly by default, while the pair is active; joint pairs are
  // visited by a capable member of the branch.
  RandomStream r = s.root.derive("assistance visits");
  for (const AssistancePair& a : s.assistance) {
    Index member = a.member;
    if (member == kNone) {
      const auto& capable = s.capable_of_community[s.community_of_household(a.household)];
      if (capable.empty()) continue;
      member = capable[below(r, capable.size())];
    }
    for (std::int64_t k = 0; k < s.p.assistance_visits; ++k) {
      const int d = s.day_in_part(r, k, s.p.assistance_visits);
      if (a.end && s.day(d) > *a.end) break;
      add_contact(s, r, member, a.household, VisitMode::HomeVisit, false, false, d);
    }
  }
  // Leaders go down to their contact points (monthly, 004) and meet a few households.
  for (const auto& [member, c] : s.leader_points) {
    const Index begin = s.hh_begin(c), end = s.hh_end(c);
    if (end == begin) continue;
    for (std::int64_t k = 0; k < s.p.contact_point_visits; ++k) {
      const int d = s.day_in_part(r, k, s.p.contact_point_visits);
      for (std::int64_t j = 0; j < s.p.going_down_households; ++j)
        add_contact(s, r, member, begin + static_cast<Index>(below(r, end - begin)), VisitMode::GoingDownFixedPoint, true, false, d, s.c_org[c]);
    }
  }
  // Five must-visit households (003) nobody met get a home visit by their contact member,
  // else by a village cadre or capable member of their community.
  const RandomStream must = s.root.derive("must visit");
  for (Index h = 0; h < H; ++h) {
    if (h % kCancelCheckHouseholds == 0) throw_if_cancelled();
    if (!s.is_must_visit(h) || s.hh_first_day[h] >= 0) continue;
    RandomStream rh = must.derive(h);
    if (!(rh.uniform() < s.p.must_visit_compliance)) continue;
    Index member = s.hh_contact_member[h];
    const auto& capable = s.capable_of_community[s.community_of_household(h)];
    if (member == kNone && !capable.empty()) member = capable[below(rh, capable.size())];
    if (member == kNone) continue;
    add_contact(s, rh, member, h, VisitMode::HomeVisit, false, false, s.random_day(rh));
  }
}

}  // namespace massline::synth::detail
