// Activity stage: what members do together that is not a visit — situation meetings of villages
// and townships, townships' studies of the work, delegate groups' trainings and concentrated
// activities (docs/synth.md, "Activities").

#include "stages.hpp"

#include <massline/core/cancellation.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace massline::synth::detail {
namespace {

// Each of @p n meetings a year held in its own equal part of the year, by @p org, attended by
// each of @p expected with probability p.activity_attendance; @p ad_hoc more by Poisson.
void hold(SynthState& s, RandomStream& r, ActivityKind kind, OrgId org, std::int64_t n, double ad_hoc,
          const std::vector<Index>& expected) {
  auto add = [&](int day, bool emergency) {
    Activity a;
    a.kind = kind;
    a.organization = org;
    a.date = s.day(day);
    a.ad_hoc = emergency;
    for (Index m : expected)
      if (r.uniform() < s.p.activity_attendance) a.attendees.push_back(member_id(m));
    s.reg.add(std::move(a));
  };
  for (std::int64_t k = 0; k < n; ++k) add(s.day_in_part(r, k, n), false);
  const std::uint64_t emergencies = ad_hoc > 0 ? r.poisson(ad_hoc) : 0;
  for (std::uint64_t k = 0; k < emergencies; ++k) add(s.random_day(r), true);
}

}  // namespace

void build_activities(SynthState& s) {
  const RandomStream base = s.root.derive("activities");
  // Who sits in each meeting: the village cadres of a village/community and the township
  // cadres stationed there; the leaders and cadres of a township.
  std::vector<std::vector<Index>> of_community(s.c_org.size()), of_township(s.t_org.size()), leaders_of_township(s.t_org.size());
  for (std::size_t i = 0; i < s.plans.size(); ++i) {
    const MemberPlan& plan = s.plans[i];
    const auto m = static_cast<Index>(i);
    if ((plan.role == Role::VillageCadre || plan.role == Role::TownCadre) && plan.community != kNone) of_community[plan.community].push_back(m);
    if ((plan.role == Role::TownLeader || plan.role == Role::TownCadre) && plan.township != kNone) of_township[plan.township].push_back(m);
    if (plan.role == Role::TownLeader && plan.township != kNone) leaders_of_township[plan.township].push_back(m);
  }
  for (std::size_t c = 0; c < s.c_org.size(); ++c) {
    if (c % 256 == 0) throw_if_cancelled();
    RandomStream r = base.derive("community", c);
    hold(s, r, ActivityKind::SituationMeeting, s.c_org[c], s.p.village_situation_meetings, s.p.emergency_meetings, of_community[c]);
  }
  for (std::size_t t = 0; t < s.t_org.size(); ++t) {
    RandomStream r = base.derive("township", t);
    hold(s, r, ActivityKind::SituationMeeting, s.t_org[t], s.p.township_situation_meetings, s.p.emergency_meetings, of_township[t]);
    hold(s, r, ActivityKind::Study, s.t_org[t], s.p.township_studies, 0.0, leaders_of_township[t]);
  }
  // A delegate group meets at its leader's organisation.
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    const std::vector<Index>& group = s.groups[g];
    if (group.empty()) continue;
    RandomStream r = base.derive("group", g);
    const OrgId at = s.reg.get(member_id(group.front())).organization;
    hold(s, r, ActivityKind::Training, at, s.p.group_trainings, 0.0, group);
    hold(s, r, ActivityKind::ConcentratedActivity, at, s.p.group_concentrated_activities, 0.0, group);
  }
}

}  // namespace massline::synth::detail
