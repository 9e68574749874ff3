#pragma once
/// @file
/// A simulation scenario: a population (a Registry, real or synthetic), a PolicySet (quotas,
/// must-visit categories, appeal deadlines), a working-day calendar and the behavioural
/// parameters, compiled once into the flat arrays the engine runs on (docs/simulation.md,
/// "Compiled state"). A Scenario is immutable and cheap to copy (the arrays are shared).

#include <massline/core/calendar.hpp>
#include <massline/core/date.hpp>
#include <massline/core/ids.hpp>
#include <massline/core/parameter_table.hpp>
#include <massline/model/registry.hpp>
#include <massline/policy/policy_set.hpp>
#include <massline/sim/params.hpp>
#include <massline/synth/params.hpp>

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace massline::sim {

/// Number of need classes: plain, petitioner, hardship, petitioner and hardship.
inline constexpr std::size_t kNeedClasses = 4;

/// ScenarioData::member_base of a member whose households are not consecutive indices.
inline constexpr std::uint32_t kNotContiguous = std::numeric_limits<std::uint32_t>::max();
/// ScenarioData::member_unit of a member whose households lie in several reported units.
inline constexpr std::uint32_t kMixedUnits = std::numeric_limits<std::uint32_t>::max();

/// The compiled scenario: dense 32-bit indices, struct of arrays. Households are numbered so
/// that each member's contact households are (mostly) contiguous: by their first member, then
/// by unit. Read by the engine; not meant to be built by hand.
struct ScenarioData {
  // ---- time ----
  Date start{boost::gregorian::not_a_date_time};   ///< day 0 (1 January of the year)
  std::int32_t days = 0;                           ///< horizon
  std::vector<std::int32_t> working_days;          ///< day indices that are worked, ascending
  std::vector<std::int32_t> period_first;          ///< first day of each month in the horizon, then `days`
  std::vector<std::string> period_labels;          ///< "YYYY-MM" per month, then "all"
  std::vector<std::int32_t> campaign_days;         ///< days of the concentrated campaigns
  // ---- organisations (the escalation path) ----
  std::vector<std::int32_t> org_parent;            ///< compact org index of the parent, -1 at a root
  std::vector<std::uint8_t> org_level;             ///< 1 county .. 4 grid
  std::vector<std::uint32_t> org_unit;             ///< reported unit index of each organisation that holds households
  std::vector<std::uint32_t> unit_org;             ///< OrgId value of each reported unit
  std::vector<std::string> unit_code;              ///< its external code (may be empty)
  std::vector<std::string> unit_name;              ///< its name
  std::vector<std::uint8_t> unit_level;            ///< its level
  std::vector<std::uint32_t> unit_households;      ///< households of each reported unit
  std::vector<std::uint32_t> unit_must_visit;      ///< must-visit households of each reported unit
  // ---- households ----
  std::vector<std::uint32_t> household_id;         ///< HouseholdId value of each household
  std::vector<std::uint32_t> household_org;        ///< compact org index of the household's level-4 unit
  std::vector<std::uint8_t> household_class;       ///< need class (kNeedClasses)
  std::vector<std::uint8_t> household_must_visit;  ///< 1 when in a must-visit category of the policy
  /// Households of each need class, ascending: the engine draws needs over each class's
  /// (day, household) grid, skipping geometrically from one need to the next.
  std::array<std::vector<std::uint32_t>, kNeedClasses> class_households;
  std::vector<std::uint32_t> unit_run_first;       ///< first household of each run of one reported unit, then the household count
  std::vector<std::uint32_t> unit_run_unit;        ///< reported unit of each run (month-end passes go run by run)
  // ---- members (only those with contact households) ----
  std::vector<std::uint32_t> member_id;            ///< MemberId value
  std::vector<std::uint32_t> member_offset;        ///< CSR offsets into member_households (size members + 1)
  std::vector<std::uint32_t> member_households;    ///< household indices, each member's range in id order of pairing
  std::vector<double> member_field_probability;    ///< chance a working day is a field day
  std::vector<std::uint8_t> member_delegate;       ///< 1 for congress delegates (they join campaigns)
  std::vector<std::uint32_t> member_base;          ///< first household when its range is first, first + 1, ...; else kNotContiguous
  std::vector<std::uint32_t> member_unit;          ///< reported unit of all its households; kMixedUnits when they differ
  // ---- rates and appeal handling ----
  std::array<double, kNeedClasses> need_probability{};  ///< chance of a need per household-day, by class
  double other_channel_share = 0.0;                ///< chance a new need goes straight to an appeal (other channels)
  std::array<std::vector<std::int32_t>, 4> due_day;  ///< by level - 1: last on-time day for arrival day d
  double delay_log_median = 0.0;                   ///< log of the median handling days at the first level
  double delay_log_escalated = 0.0;                ///< log of the escalated-delay factor
  double delay_sigma = 0.0;                        ///< log-sd of handling days
  double satisfaction_threshold = 0.8;             ///< the policy's accountability line
};

/// A scenario ready to run (see massline::sim::run).
class Scenario {
 public:
  /// Compiles @p registry under @p policy. Contact households of a member are the households its
  /// `contact_household` and `assistance` pairings target (active on some day of the horizon);
  /// field-day requirements come from @p policy's quotas, must-visit categories from its
  /// visit_households coverage rules, deadlines from its `disposed` (else `fed_back`) deadline
  /// rules without class or routing. @p values set sim parameters and synth levers by name (a
  /// structural synth parameter is refused). Throws "sim.unknown_parameter", "sim.bad_parameter",
  /// "synth.bad_parameter", "sim.empty" (no household) or the policy's own check.
  [[nodiscard]] static Scenario from_registry(const Registry& registry, const policy::PolicySet& policy,
                                              const ParameterValues& values = {}, Strategy strategy = Strategy::RoundRobin,
                                              const WorkCalendar& calendar = WorkCalendar());

  /// Generates synth preset @p name with @p seed (every synth parameter may be set in @p values,
  /// the generator reads them) and compiles it as from_registry does.
  [[nodiscard]] static Scenario preset(std::string_view name, std::uint64_t seed, const ParameterValues& values = {},
                                       Strategy strategy = Strategy::RoundRobin,
                                       const policy::PolicySet& policy = policy::PolicySet::standard(),
                                       const WorkCalendar& calendar = WorkCalendar());

  /// The sim's own parameters in force.
  [[nodiscard]] const SimParams& params() const noexcept { return params_; }
  /// The synth parameters in force (the levers are read from here).
  [[nodiscard]] const synth::SynthParams& synth_params() const noexcept { return synth_; }
  /// The visiting strategy.
  [[nodiscard]] Strategy strategy() const noexcept { return strategy_; }
  /// Every parameter by name: own ones, then the levers.
  [[nodiscard]] ParameterValues values() const;
  /// The same scenario rebuilt with @p changes merged over the values it was built with (a
  /// change wins) and, when given, another @p strategy: a preset is generated again from its
  /// name and seed (so structural synth parameters such as `delegate_contact_households` may
  /// change), a registry scenario is compiled again from its own copy of the registry. Throws
  /// as preset / from_registry do.
  [[nodiscard]] Scenario with(const ParameterValues& changes, std::optional<Strategy> strategy = std::nullopt) const;
  /// Checks @p changes as with() would, without generating or compiling anything (cheap): the
  /// names, every value's domain and the constraints between them.
  void check_changes(const ParameterValues& changes) const;

  /// How the scenario was built, enough to build it again (with(), pickling): the preset's
  /// name (empty for a registry scenario) and seed, the values as given, the policy set and the
  /// calendar; registry() is the scenario's own copy of the registry (null for a preset, which
  /// is generated again instead of kept: a province's registry is large).
  [[nodiscard]] const std::string& preset_name() const noexcept { return source_->preset; }
  [[nodiscard]] std::uint64_t preset_seed() const noexcept { return source_->seed; }
  [[nodiscard]] const ParameterValues& given_values() const noexcept { return source_->values; }
  [[nodiscard]] const policy::PolicySet& policy() const noexcept { return source_->policy; }
  [[nodiscard]] const WorkCalendar& calendar() const noexcept { return source_->calendar; }
  [[nodiscard]] const Registry* registry() const noexcept { return source_->registry.get(); }

  /// The compiled arrays.
  [[nodiscard]] const ScenarioData& data() const noexcept { return *data_; }
  /// Households, members with contact households, reported units.
  [[nodiscard]] std::size_t households() const noexcept { return data_->household_id.size(); }
  [[nodiscard]] std::size_t members() const noexcept { return data_->member_id.size(); }
  [[nodiscard]] std::size_t units() const noexcept { return data_->unit_org.size(); }

 private:
  /// The inputs a scenario was built from (shared between copies).
  struct Source {
    std::string preset;                        ///< preset name; empty for from_registry
    std::uint64_t seed = 0;                    ///< the preset's seed
    std::shared_ptr<const Registry> registry;  ///< from_registry's copy; null for a preset
    ParameterValues values;                    ///< as given
    policy::PolicySet policy;
    WorkCalendar calendar;
  };
  Scenario(SimParams params, synth::SynthParams synth, Strategy strategy, std::shared_ptr<const ScenarioData> data)
      : params_(params), synth_(std::move(synth)), strategy_(strategy), data_(std::move(data)) {}
  static Scenario compile(const Registry& registry, const policy::PolicySet& policy, const SimParams& params,
                          const synth::SynthParams& synth, Strategy strategy, const WorkCalendar& calendar);

  SimParams params_;
  synth::SynthParams synth_;
  Strategy strategy_ = Strategy::RoundRobin;
  std::shared_ptr<const ScenarioData> data_;
  std::shared_ptr<const Source> source_;
};

}  // namespace massline::sim
