// Appeal stage: appeals raised at a household's first contact and by other channels, with their
// routing and event history as of year end (docs/synth.md, "Appeals").

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

// The outcome a disposal of class @p cls reaches (002: solve the lawful, explain and solve in
// part the reasonable, grant relief for hardship, explain the unresolvable).
AppealOutcome outcome_of(AppealClass cls, RandomStream& r, const SynthParams& p) {
  switch (cls) {
    case AppealClass::ReasonableLawful: return r.uniform() < p.lawful_solved_share ? AppealOutcome::Solved : AppealOutcome::PartlySolved;
    case AppealClass::ReasonableNotLawful: return r.uniform() < 0.5 ? AppealOutcome::PartlySolved : AppealOutcome::Explained;
    case AppealClass::HardshipRelief: return AppealOutcome::ReliefGranted;
    case AppealClass::Unresolvable: break;
  }
  return AppealOutcome::Explained;
}

void add_appeal(SynthState& s, RandomStream& r, const Leaders& leaders, Index h, Index collector, AppealChannel channel,
                int registered, std::string code, RandomStream extra) {
  Appeal a;
  a.code = std::move(code);
  a.household = household_id(h);
  if (collector != kNone) a.collected_by = member_id(collector);
  a.origin = s.g_org[s.hh_grid[h]];
  a.channel = channel;
  a.subject = static_cast<SubjectArea>(pick(r, s.p.subject_weight));
  a.history.push_back({AppealEventKind::Registered, s.day(registered), a.origin, {}, std::nullopt});
  // The due date may fall after 31 December; it is a date, not a stage.
  a.due = s.day(registered + static_cast<int>(s.p.appeal_due_days));
  const auto cls = static_cast<AppealClass>(pick(r, s.p.class_weight));
  const auto routing = static_cast<Routing>(pick(r, s.p.routing_weight));
  // Transfer and supervision take the appeal up to the township; some go on to the county
  // office, which coordinates departments (002, 004).
  const Index c = s.community_of_household(h);
  const bool escalated = routing == Routing::Transfer || routing == Routing::Supervision;
  const bool to_county = escalated && r.uniform() < s.p.escalate_county_share;
  a.handler = s.c_org[c];
  const bool key_case = escalated && (s.hh_cat[h].test(HouseholdCategory::Petitioner) || cls == AppealClass::Unresolvable || to_county);
  if (key_case && r.uniform() < s.p.leader_in_charge_share) {
    const auto& pool = to_county && !leaders.county.empty() ? leaders.county : leaders.of_township[s.c_township[c]];
    if (!pool.empty()) a.leader_in_charge = member_id(pool[below(r, pool.size())]);
  }
  // Events as of 31 December: an event that would fall later has not happened yet.
  const int sort_days = static_cast<int>(lognormal(r, s.p.sort_delay_median, s.p.sort_delay_sigma));
  const int feedback_days = static_cast<int>(lognormal(r, s.p.feedback_delay_median, s.p.feedback_delay_sigma));
  const int dispose_days = static_cast<int>(lognormal(r, s.p.dispose_delay_median, s.p.dispose_delay_sigma) * (escalated ? s.p.escalated_delay_factor : 1.0));
  // Draws added with the event history come from their own stream, so the draws above (and
  // every appeal after this one) are what they were before the history existed.
  const bool dropped = extra.uniform() < s.p.appeal_drop_share;
  const auto answer = static_cast<PublicAnswer>(pick(extra, s.p.public_answer_weight));
  const AppealOutcome outcome = outcome_of(cls, extra, s.p);
  auto event = [&](AppealEventKind kind, int day, std::optional<OrgId> org = std::nullopt) {
    a.history.push_back({kind, s.day(day), org, {}, std::nullopt});
  };
  const int sorted = registered + std::min(sort_days, s.days);
  if (sorted < s.days) {
    event(AppealEventKind::Sorted, sorted, s.c_org[c]);
    a.appeal_class = cls;
    a.routing = routing;
    if (escalated) {
      event(AppealEventKind::Escalated, sorted, s.t_org[s.c_township[c]]);
      if (to_county) event(AppealEventKind::Escalated, sorted, s.office);
      a.handler = a.history.back().organization.value();
    }
    const int fed_back = sorted + std::min(feedback_days, s.days);
    if (fed_back < s.days) {
      event(AppealEventKind::FedBack, fed_back, a.handler);
      a.public_answer = answer;
      const int disposed = fed_back + std::min(dispose_days, s.days);
      if (dropped) {
        event(AppealEventKind::Dropped, std::min(disposed, s.days - 1), a.handler);
      } else if (disposed < s.days) {
        event(AppealEventKind::Disposed, disposed, a.handler);
        a.outcome = outcome;
      }
    }
  }
  s.reg.add(std::move(a));
}

}  // namespace

void build_appeals(SynthState& s) {
  const auto H = static_cast<std::size_t>(s.p.households);
  const bool have_contacts = !s.hh_first_day.empty();
  const RandomStream base = s.root.derive("appeals");
  const RandomStream events = s.root.derive("appeal_events");
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
      const std::size_t index = count;
      add_appeal(s, r, leaders, h, s.hh_first_member[h], channel, s.hh_first_day[h], next_code(), events.derive(index));
    }
    const std::uint64_t others = r.poisson(s.p.other_channel_appeals * multiplier);
    for (std::uint64_t k = 0; k < others; ++k) {
      const auto channel = static_cast<AppealChannel>(pick(r, s.p.channel_weight));
      const std::size_t index = count;
      add_appeal(s, r, leaders, h, kNone, channel, s.random_day(r), next_code(), events.derive(index));
    }
  }
}

}  // namespace massline::synth::detail
