// Compiling a registry and a policy set into the engine's flat arrays (docs/simulation.md).
#include <massline/sim/scenario.hpp>

#include <massline/core/error.hpp>
#include <massline/network/optimal_pairing.hpp>
#include <massline/synth/generate.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <variant>

namespace massline::sim {
namespace {

using policy::QuotaActivity;
using policy::QuotaPeriod;

std::int64_t periods_per_year(QuotaPeriod period) {
  switch (period) {
    case QuotaPeriod::Year: return 1;
    case QuotaPeriod::HalfYear: return 2;
    case QuotaPeriod::Quarter: return 4;
    case QuotaPeriod::Month: return 12;
  }
  return 1;
}

/// The first deadline rule for @p stage that applies to an unclassed appeal handled at @p level.
const policy::AppealDeadline* deadline_rule(const policy::PolicySet& policy, AppealStage stage, OrgLevel level) {
  for (const auto& rule : policy.deadlines) {
    if (rule.stage != stage || rule.appeal_class || rule.routing) continue;
    if (rule.handler_level && *rule.handler_level != level) continue;
    return &rule;
  }
  return nullptr;
}

std::int32_t day_index(Date start, Date day) { return static_cast<std::int32_t>((day - start).days()); }

}  // namespace

ParameterValues Scenario::values() const {
  ParameterValues out = to_map(params_);
  const ParameterValues synth_values = synth::to_map(synth_);
  for (const auto& name : lever_names()) out.emplace(name, synth_values.at(name));
  return out;
}

Scenario Scenario::from_registry(const Registry& registry, const policy::PolicySet& policy, const ParameterValues& values,
                                 Strategy strategy, const WorkCalendar& calendar) {
  SimParams params;
  synth::SynthParams synth;
  apply(params, synth, values, false);
  Scenario out = compile(registry, policy, params, synth, strategy, calendar);
  // Its own copy: the caller's registry may change later, and with() recompiles from it.
  out.source_ = std::make_shared<const Source>(Source{{}, 0, std::make_shared<const Registry>(registry), values, policy, calendar});
  return out;
}

Scenario Scenario::preset(std::string_view name, std::uint64_t seed, const ParameterValues& values, Strategy strategy,
                          const policy::PolicySet& policy, const WorkCalendar& calendar) {
  SimParams params;
  synth::SynthParams synth = synth::preset(name);
  apply(params, synth, values, true);
  const Registry registry = synth::generate(synth, seed);
  Scenario out = compile(registry, policy, params, synth, strategy, calendar);
  out.source_ = std::make_shared<const Source>(Source{std::string(name), seed, nullptr, values, policy, calendar});
  return out;
}

namespace {
ParameterValues merged(const ParameterValues& base, const ParameterValues& changes) {
  ParameterValues out = base;
  for (const auto& [name, value] : changes) out.insert_or_assign(name, value);
  return out;
}
}  // namespace

Scenario Scenario::with(const ParameterValues& changes, std::optional<Strategy> strategy) const {
  const Source& s = *source_;
  const Strategy chosen = strategy.value_or(strategy_);
  if (s.registry) return from_registry(*s.registry, s.policy, merged(s.values, changes), chosen, s.calendar);
  return preset(s.preset, s.seed, merged(s.values, changes), chosen, s.policy, s.calendar);
}

void Scenario::check_changes(const ParameterValues& changes) const {
  const Source& s = *source_;
  SimParams params;
  synth::SynthParams synth = s.registry ? synth::SynthParams{} : synth::preset(s.preset);
  apply(params, synth, merged(s.values, changes), !s.registry);
  check(params);
  synth::check(synth);
}

Scenario Scenario::compile(const Registry& registry, const policy::PolicySet& policy, const SimParams& params,
                           const synth::SynthParams& synth, Strategy strategy, const WorkCalendar& calendar) {
  policy.check();
  check(params);
  synth::check(synth);
  if (registry.households().empty()) {
    throw InvalidArgument("sim.empty", "the registry has no household", Location::of("registry"),
                          "a scenario simulates households; add some first");
  }
  if (registry.households().size() >= std::numeric_limits<std::uint32_t>::max()) {
    throw InvalidArgument("sim.too_large", "too many households for 32-bit indices", Location::of("registry"), "");
  }
  auto data = std::make_shared<ScenarioData>();
  ScenarioData& d = *data;

  // ---- time ----
  d.start = make_date(static_cast<int>(synth.year), 1, 1);
  const Date new_year = make_date(static_cast<int>(synth.year) + 1, 1, 1);
  d.days = params.days == 0 ? static_cast<std::int32_t>((new_year - d.start).days()) : static_cast<std::int32_t>(params.days);
  const Date last = d.start + boost::gregorian::days(d.days - 1);
  if (last.year() > 9998) throw InvalidArgument("sim.bad_parameter", "horizon past the calendar", Location::of("sim parameters", "days"), "");
  for (std::int32_t t = 0; t < d.days; ++t) {
    const Date day = d.start + boost::gregorian::days(t);
    if (calendar.is_working_day(day)) d.working_days.push_back(t);
    if (day.day() == 1) {
      d.period_first.push_back(t);
      char label[16];
      std::snprintf(label, sizeof label, "%04d-%02d", static_cast<int>(day.year()), static_cast<int>(day.month()));
      d.period_labels.emplace_back(label);
    }
  }
  d.period_first.push_back(d.days);
  d.period_labels.emplace_back("all");
  if (synth.campaigns > 0) {
    for (std::int32_t year_offset = 0; year_offset < d.days; year_offset += 365) {
      for (std::int64_t k = 0; k < synth.campaigns; ++k) {
        const auto t = year_offset + static_cast<std::int32_t>((2 * k + 1) * 365 / (2 * synth.campaigns));
        if (t < d.days) d.campaign_days.push_back(t);
      }
    }
  }
  std::int64_t year_working_days = 0;
  for (Date day = d.start; day.year() == d.start.year(); day += boost::gregorian::days(1)) year_working_days += calendar.is_working_day(day) ? 1 : 0;

  // ---- organisations and reported units ----
  const std::size_t org_ids = registry.organizations().capacity_ids();
  std::vector<std::int32_t> org_index(org_ids, -1);
  std::vector<std::uint32_t> org_value;
  for (const auto& org : registry.organizations()) {
    org_index[org.id.value()] = static_cast<std::int32_t>(org_value.size());
    org_value.push_back(org.id.value());
    d.org_level.push_back(static_cast<std::uint8_t>(org.level));
  }
  d.org_parent.resize(org_value.size(), -1);
  for (const auto& org : registry.organizations()) {
    if (org.parent) d.org_parent[static_cast<std::size_t>(org_index[org.id.value()])] = org_index[org.parent->value()];
  }
  // A unit's reported unit: its ancestor at report_level, or the highest one below that level.
  const auto report_of = [&](std::int32_t org) {
    std::int32_t best = org;
    for (std::int32_t o = org; o >= 0; o = d.org_parent[static_cast<std::size_t>(o)]) {
      if (d.org_level[static_cast<std::size_t>(o)] < params.report_level) break;
      best = o;
    }
    return best;
  };

  // ---- members' contact households (contact_household and assistance pairings active in the horizon) ----
  std::vector<std::vector<std::uint32_t>> by_member(registry.members().capacity_ids());
  for (const auto& pairing : registry.pairings()) {
    if (pairing.kind != PairingKind::ContactHousehold && pairing.kind != PairingKind::Assistance) continue;
    const auto* member = std::get_if<MemberId>(&pairing.source);
    const auto* household = std::get_if<HouseholdId>(&pairing.target);
    if (member == nullptr || household == nullptr) continue;
    if (!pairing.start.is_not_a_date() && pairing.start > last) continue;
    if (pairing.end && *pairing.end < d.start) continue;
    auto& list = by_member[member->value()];
    if (std::find(list.begin(), list.end(), household->value()) == list.end()) list.push_back(household->value());
  }

  // Households needing an assistance pair and having none get the optimal one (the lever
  // "pairing rules"): the proposal is used in the scenario only, the registry is not changed.
  if (params.optimal_pairing) {
    for (const auto& pair : network::optimal_pairing(registry).pairs) {
      auto& list = by_member[pair.member.value()];
      if (std::find(list.begin(), list.end(), pair.household.value()) == list.end()) list.push_back(pair.household.value());
    }
  }

  // ---- household order: by first member, then by unit ----
  const std::size_t household_ids = registry.households().capacity_ids();
  constexpr std::uint32_t kUnset = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> index_of(household_ids, kUnset);
  std::vector<std::uint32_t> order;
  order.reserve(registry.households().size());
  for (const auto& list : by_member) {
    for (std::uint32_t h : list) {
      if (index_of[h] != kUnset) continue;
      index_of[h] = static_cast<std::uint32_t>(order.size());
      order.push_back(h);
    }
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> rest;  // (unit, household)
  for (const auto& household : registry.households()) {
    if (index_of[household.id.value()] == kUnset) rest.emplace_back(household.unit.value(), household.id.value());
  }
  std::sort(rest.begin(), rest.end());
  for (const auto& [unit, h] : rest) {
    index_of[h] = static_cast<std::uint32_t>(order.size());
    order.push_back(h);
  }

  HouseholdCategories must_visit;
  for (const auto& rule : policy.coverage) {
    if (rule.kind == policy::CoverageKind::VisitHouseholds) must_visit = must_visit | rule.categories;
  }
  const HouseholdCategories petitioner{HouseholdCategory::Petitioner, HouseholdCategory::RepeatPetitioner};
  const HouseholdCategories hardship{HouseholdCategory::Difficult, HouseholdCategory::MinimumLivingAllowance,
                                     HouseholdCategory::SpecialHardship};
  std::vector<std::int32_t> unit_of_org(org_value.size(), -1);
  std::vector<std::int32_t> report_units;  // compact org index per reported unit, in first-seen order
  const std::size_t n = order.size();
  d.household_id = order;
  d.org_unit.assign(org_value.size(), 0);
  d.household_org.resize(n);
  d.household_class.resize(n);
  d.household_must_visit.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Household& household = registry.get(HouseholdId{order[i]});
    const std::int32_t org = org_index[household.unit.value()];
    const std::int32_t report = report_of(org);
    if (unit_of_org[static_cast<std::size_t>(report)] < 0) {
      unit_of_org[static_cast<std::size_t>(report)] = static_cast<std::int32_t>(report_units.size());
      report_units.push_back(report);
    }
    d.org_unit[static_cast<std::size_t>(org)] = static_cast<std::uint32_t>(unit_of_org[static_cast<std::size_t>(report)]);
    d.household_org[i] = static_cast<std::uint32_t>(org);
    d.household_class[i] = static_cast<std::uint8_t>((household.categories.intersects(petitioner) ? 1 : 0) +
                                                     (household.categories.intersects(hardship) ? 2 : 0));
    d.household_must_visit[i] = must_visit.any() && household.categories.intersects(must_visit) ? 1 : 0;
  }
  for (std::int32_t org : report_units) {
    const Organization& unit = registry.get(OrgId{org_value[static_cast<std::size_t>(org)]});
    d.unit_org.push_back(unit.id.value());
    d.unit_code.push_back(unit.code);
    d.unit_name.push_back(unit.name);
    d.unit_level.push_back(static_cast<std::uint8_t>(unit.level));
  }
  d.unit_households.assign(report_units.size(), 0);
  d.unit_must_visit.assign(report_units.size(), 0);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t unit = d.org_unit[d.household_org[i]];
    ++d.unit_households[unit];
    d.unit_must_visit[unit] += d.household_must_visit[i];
    d.class_households[d.household_class[i]].push_back(static_cast<std::uint32_t>(i));
    if (d.unit_run_unit.empty() || d.unit_run_unit.back() != unit) {
      d.unit_run_first.push_back(static_cast<std::uint32_t>(i));
      d.unit_run_unit.push_back(unit);
    }
  }
  d.unit_run_first.push_back(static_cast<std::uint32_t>(n));

  // ---- members: field days per year from quotas, roles and their households ----
  d.member_offset.push_back(0);
  for (const auto& member : registry.members()) {
    const auto& list = by_member[member.id.value()];
    if (list.empty()) continue;
    const Organization& home = registry.get(member.organization);
    double field_days = 0.0;
    for (const auto& rule : policy.quotas) {
      if (rule.activity != QuotaActivity::FieldDays && rule.activity != QuotaActivity::HouseholdDays) continue;
      if (!rule.who.matches(member, home)) continue;
      field_days = std::max(field_days, static_cast<double>(rule.minimum * periods_per_year(rule.period)));
    }
    if (member.role == MemberRole::VillageCadre) field_days = std::max(field_days, 12.0 * static_cast<double>(synth.village_cadre_days_per_month));
    if (member.role == MemberRole::TownCadreStationed) field_days = std::max(field_days, 12.0 * static_cast<double>(synth.town_cadre_days_per_month));
    if (synth.visits_per_field_day > 0) {
      field_days = std::max(field_days, static_cast<double>(list.size()) * synth.member_visits_per_contact_household /
                                            static_cast<double>(synth.visits_per_field_day));
    }
    const double p = year_working_days == 0 ? 0.0 : synth.field_day_compliance * field_days / static_cast<double>(year_working_days);
    d.member_id.push_back(member.id.value());
    d.member_field_probability.push_back(std::min(1.0, p));
    d.member_delegate.push_back(member.kinds.test(MemberKind::Delegate) ? 1 : 0);
    const std::uint32_t first = index_of[list.front()];
    std::uint32_t base = first, unit = d.org_unit[d.household_org[first]];
    for (std::size_t k = 0; k < list.size(); ++k) {
      const std::uint32_t h = index_of[list[k]];
      d.member_households.push_back(h);
      if (h != first + k) base = kNotContiguous;
      if (d.org_unit[d.household_org[h]] != unit) unit = kMixedUnits;
    }
    d.member_base.push_back(base);
    d.member_unit.push_back(unit);
    d.member_offset.push_back(static_cast<std::uint32_t>(d.member_households.size()));
  }

  // ---- needs and appeals ----
  const double yearly = synth.other_channel_appeals + synth.appeal_per_contacted_household;
  d.other_channel_share = yearly > 0.0 ? synth.other_channel_appeals / yearly : 0.0;
  for (std::size_t c = 0; c < kNeedClasses; ++c) {
    const double multiplier = ((c & 1U) != 0 ? synth.petitioner_appeal_multiplier : 1.0) *
                              ((c & 2U) != 0 ? params.hardship_need_multiplier : 1.0);
    d.need_probability[c] = -std::expm1(-yearly * multiplier / 365.0);
  }
  for (std::size_t level = 1; level <= 4; ++level) {
    const auto lvl = static_cast<OrgLevel>(level);
    const policy::AppealDeadline* rule = deadline_rule(policy, AppealStage::Disposed, lvl);
    if (rule == nullptr) rule = deadline_rule(policy, AppealStage::FedBack, lvl);
    auto& due = d.due_day[level - 1];
    due.resize(static_cast<std::size_t>(d.days));
    for (std::int32_t t = 0; t < d.days; ++t) {
      due[static_cast<std::size_t>(t)] =
          rule != nullptr ? day_index(d.start, calendar.deadline(d.start + boost::gregorian::days(t), rule->working_days))
                          : t + static_cast<std::int32_t>(synth.appeal_due_days);
    }
  }
  d.delay_log_median = std::log(synth.feedback_delay_median);
  d.delay_log_escalated = std::log(synth.escalated_delay_factor);
  d.delay_sigma = synth.feedback_delay_sigma;
  d.satisfaction_threshold = policy.satisfaction_threshold;
  return Scenario(params, synth, strategy, std::move(data));
}

}  // namespace massline::sim
