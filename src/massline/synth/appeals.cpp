// Appeal stage: appeals raised at a household's first contact and by other channels, with their
// routing and stage dates as of year end (docs/synth.md, "Appeals").

#include "stages.hpp"

#include <massline/core/cancellation.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace massline::synth::detail {
namespace {

// Who may take charge of a key case.
struct Leaders {
  std::vector<std::vector<Index>> of_township;  // town leaders per level-2 unit
  std::vector<Index> county;                    // county leaders
};

void add_appeal(SynthState& s, RandomStream& r, const Leaders& leaders, Index h, Index collector, AppealChannel channel,
                int registered, std::string code) {
  Appeal a;
  a.code = std::move(code);
  a.household = household_id(h);
  if (collector != kNone) a.collected_by = member_id(collector);
  a.origin = s.g_org[s.hh_grid[h]];
  a.channel = channel;
  a.subject = static_cast<SubjectArea>(pick(r, s.p.subject_weight));
  a.registered = s.day(registered);
  const auto cls = static_cast<AppealClass>(pick(r, s.p.class_weight));
  const auto routing = static_cast<Routing>(pick(r, s.p.routing_weight));
  // Transfer and supervision take the appeal up to the township; some go on to the county
  // office, which coordinates departments (002, 004).
  const Index c = s.community_of_household(h);
  const bool escalated = routing == Routing::Transfer || routing == Routing::Supervision;
  const bool to_county = escalated && r.uniform() < s.p.escalate_county_share;
  a.handler = to_county ? s.office : escalated ? s.t_org[s.c_township[c]] : s.c_org[c];
  const bool key_case = escalated && (s.hh_cat[h].test(HouseholdCategory::Petitioner) || cls == AppealClass::Unresolvable || to_county);
  if (key_case && r.uniform() < s.p.leader_in_charge_share) {
    const auto& pool = to_county && !leaders.county.empty() ? leaders.county : leaders.of_township[s.c_township[c]];
    if (!pool.empty()) a.leader_in_charge = member_id(pool[below(r, pool.size())]);
  }
  // Stage dates as of 31 December: a stage that would fall later is not reached yet.
  const int sort_days = static_cast<int>(lognormal(r, s.p.sort_delay_median, s.p.sort_delay_sigma));
  const int feedback_days = static_cast<int>(lognormal(r, s.p.feedback_delay_median, s.p.feedback_delay_sigma));
  const int dispose_days = static_cast<int>(lognormal(r, s.p.dispose_delay_median, s.p.dispose_delay_sigma) * (escalated ? s.p.escalated_delay_factor : 1.0));
  const int sorted = registered + std::min(sort_days, s.days);
  if (sorted < s.days) {
    a.sorted = s.day(sorted);
    a.appeal_class = cls;
    a.routing = routing;
    const int fed_back = sorted + std::min(feedback_days, s.days);
    if (fed_back < s.days) {
      a.fed_back = s.day(fed_back);
      const int disposed = fed_back + std::min(dispose_days, s.days);
      if (disposed < s.days) a.disposed = s.day(disposed);
    }
  }
  s.reg.add(std::move(a));
}

}  // namespace

void build_appeals(SynthState& s) {
  const auto H = static_cast<std::size_t>(s.p.households);
  const bool have_contacts = !s.hh_first_day.empty();
  const RandomStream base = s.root.derive("appeals");
  Leaders leaders;
  leaders.of_township.resize(static_cast<std::size_t>(s.t_count));
  for (std::size_t i = 0; i < s.plans.size(); ++i) {
    if (s.plans[i].role == Role::TownLeader) leaders.of_township[s.plans[i].township].push_back(static_cast<Index>(i));
    if (s.plans[i].role == Role::CountyLeader) leaders.county.push_back(static_cast<Index>(i));
  }
  // Appeals are numbered in order of creation, at least six digits wide.
  std::size_t count = 0;
  const std::size_t code_width = std::max<std::size_t>(6, std::to_string(H).size());
  auto next_code = [&] {
    const std::size_t index = count++;
    return s.p.codes ? code_of_width(s.p.code_prefix, 'A', index, code_width) : std::string();
  };
  for (Index h = 0; h < H; ++h) {
    if (h % kCancelCheckHouseholds == 0) throw_if_cancelled();
    RandomStream r = base.derive(h);
    const bool petitioner = s.hh_cat[h].test(HouseholdCategory::Petitioner);
    const double multiplier = petitioner ? s.p.petitioner_appeal_multiplier : 1.0;
    if (have_contacts && s.hh_first_day[h] >= 0 && r.uniform() < std::min(1.0, s.p.appeal_per_contacted_household * multiplier)) {
      const VisitMode mode = s.hh_first_mode[h];
      const AppealChannel channel = mode == VisitMode::HomeVisit ? AppealChannel::HomeVisit : AppealChannel::ReceptionDay;
      add_appeal(s, r, leaders, h, s.hh_first_member[h], channel, s.hh_first_day[h], next_code());
    }
    const std::uint64_t others = r.poisson(s.p.other_channel_appeals * multiplier);
    for (std::uint64_t k = 0; k < others; ++k) {
      const auto channel = static_cast<AppealChannel>(pick(r, s.p.channel_weight));
      add_appeal(s, r, leaders, h, kNone, channel, s.random_day(r), next_code());
    }
  }
}

}  // namespace massline::synth::detail
