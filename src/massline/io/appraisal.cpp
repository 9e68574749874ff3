#include <massline/io/appraisal.hpp>

#include <massline/core/cancellation.hpp>
#include <massline/core/enum_names.hpp>
#include <massline/core/error.hpp>
#include <massline/model/unit_tree.hpp>
#include <massline/network/coverage.hpp>
#include <massline/network/network.hpp>
#include <massline/policy/appeal_clock.hpp>
#include <massline/policy/compliance.hpp>
#include <massline/scoring/rollup.hpp>
#include <massline/scoring/survey_answers.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <utility>

namespace massline::io {

namespace {

[[noreturn]] void bad_option(const char* field, const std::string& why) {
  throw InvalidArgument("appraisal.options", "invalid appraisal option", Location::of("appraisal options", field), why);
}

bool within(const Period& inner, const Period& outer) {
  return outer.first() <= inner.first() && inner.last() <= outer.last();
}

const Organization* org_of(const Registry& registry, OrgId id) { return registry.organizations().find(id); }
std::string org_name(const Registry& registry, OrgId id) {
  const Organization* o = org_of(registry, id);
  return o == nullptr ? std::string() : o->name;
}

// The items of the period's responses: the requested ones (each must be answered by some
// response of the period) or every item answered, by name.
std::vector<std::string> period_items(const Registry& registry, const Period& period, const AppraisalOptions& options,
                                      std::size_t& responses) {
  std::set<std::string> answered;
  responses = 0;
  for (const SurveyResponse& r : registry.survey_responses()) {
    if (!within(r.period, period)) continue;
    ++responses;
    for (const ItemScore& s : r.items) answered.insert(s.item);
  }
  if (options.items.empty() || responses == 0) {
    return options.items.empty() ? std::vector<std::string>(answered.begin(), answered.end()) : options.items;
  }
  for (std::size_t i = 0; i < options.items.size(); ++i) {
    if (answered.count(options.items[i]) == 0)
      throw InvalidArgument("appraisal.item", "item not answered in the period",
                            Location::of("appraisal options", "items[" + std::to_string(i) + "]"),
                            "no survey response of " + period.label() + " answers '" + options.items[i] + "'");
  }
  return options.items;
}

// Satisfaction by unit, the accountability rule and the red/black lists, through the scoring
// chain: survey_answers -> Rollup -> assess / red_black_lists.
void score_satisfaction(const Registry& registry, const Period& period, const AppraisalOptions& options,
                        Appraisal& out) {
  out.items = period_items(registry, period, options, out.responses);
  out.has_responses = out.responses > 0;
  if (!out.has_responses || out.items.empty()) return;

  auto tree = std::make_shared<const UnitTree>(UnitTree::from_registry(registry));
  scoring::SurveyAnswerOptions answer_options;
  answer_options.items = out.items;
  const scoring::SurveyAnswers all = scoring::survey_answers(registry, *tree, options.scale, answer_options);
  throw_if_cancelled();

  // Keep the answers of responses within the period, pooled as one period.
  std::vector<bool> in_period(all.periods.size());
  for (std::size_t p = 0; p < all.periods.size(); ++p) in_period[p] = within(all.periods[p], period);
  std::vector<UnitIndex> unit;
  std::vector<std::uint32_t> item;
  std::vector<std::uint8_t> satisfied;
  std::vector<double> weight, score;
  const bool scored = !all.score.empty();
  for (std::size_t a = 0; a < all.unit.size(); ++a) {
    if (!in_period[all.period[a]]) continue;
    unit.push_back(all.unit[a]);
    item.push_back(all.item[a]);
    satisfied.push_back(all.satisfied[a]);
    weight.push_back(all.weight[a]);
    if (scored) score.push_back(all.score[a]);
  }
  out.answers = unit.size();
  // Don't-know answers are counted over the period's responses only.
  for (const SurveyResponse& r : registry.survey_responses()) {
    if (!within(r.period, period)) continue;
    for (const ItemScore& s : r.items)
      if (std::find(out.items.begin(), out.items.end(), s.item) != out.items.end() &&
          options.scale.classify(s).kind == scoring::AnswerKind::DontKnow)
        ++out.dont_know;
  }

  scoring::RollupOptions rollup_options;
  rollup_options.confidence = options.confidence;
  const scoring::Rollup engine(tree, rollup_options);
  scoring::AnswerColumns columns;
  columns.unit = unit;
  columns.item = item;
  columns.satisfied = satisfied;
  columns.weight = weight;
  columns.score = score;
  columns.items = out.items.size();
  columns.periods = 1;
  const scoring::RollupResult result = engine.run(columns);
  throw_if_cancelled();

  const scoring::AccountabilityRule rule(out.threshold, options.basis, options.min_sample);
  for (UnitIndex u = 0; u < tree->size(); ++u) {
    const OrgId id = tree->org_id(u);
    const Organization& org = registry.get(id);
    for (std::size_t i = 0; i < out.items.size(); ++i) {
      const auto e = result.estimate(u, i, 0);
      if (!e) continue;
      UnitSatisfaction row;
      row.unit = id;
      row.code = org.code;
      row.name = org.name;
      row.level = tree->level(u);
      row.parent = org.parent.value_or(id);
      row.item = out.items[i];
      row.n = e->n;
      row.n_eff = e->n_eff;
      row.rate = e->rate;
      row.low = e->low;
      row.high = e->high;
      row.mean_score = e->mean_score;
      row.verdict = rule.judge(e->n, e->rate, e->high);
      out.satisfaction.push_back(std::move(row));
    }
  }
  std::stable_sort(out.satisfaction.begin(), out.satisfaction.end(),
                   [](const UnitSatisfaction& a, const UnitSatisfaction& b) { return a.unit < b.unit; });

  const scoring::AccountabilityReport flags = scoring::assess(result, rule);
  for (const scoring::AccountabilityFlag& f : flags.flags) {
    const OrgId id = tree->org_id(f.unit);
    const auto row = std::find_if(out.satisfaction.begin(), out.satisfaction.end(), [&](const UnitSatisfaction& s) {
      return s.unit == id && s.item == out.items[f.item];
    });
    if (row != out.satisfaction.end()) out.under_threshold.push_back(*row);
  }
  std::stable_sort(out.under_threshold.begin(), out.under_threshold.end(),
                   [](const UnitSatisfaction& a, const UnitSatisfaction& b) { return a.rate < b.rate; });

  const auto lists = scoring::ListRule::counts(options.red_count, options.black_count, false, options.min_sample);
  for (std::size_t i = 0; i < out.items.size(); ++i) {
    const scoring::RedBlackLists drawn = scoring::red_black_lists(result, options.list_level, i, 0, lists);
    const auto add = [&](const std::vector<scoring::RankedUnit>& from, scoring::ListMark mark,
                         std::vector<ListedUnit>& to) {
      for (const scoring::RankedUnit& r : from) {
        const OrgId id = tree->org_id(r.unit);
        const Organization& org = registry.get(id);
        to.push_back({mark, r.rank, id, org.code, org.name, out.items[i], r.n, r.rate, r.low, r.high});
      }
    };
    add(drawn.red, scoring::ListMark::Red, out.red);
    add(drawn.black, scoring::ListMark::Black, out.black);
  }
}

// Coverage and must-visit coverage from the network on the as-of day.
void measure_coverage(const Registry& registry, const policy::PolicySet& policy, Appraisal& out) {
  const network::Network net(registry, out.as_of);
  const network::Coverage cov = network::coverage(net);
  out.households = cov.households;
  out.covered_households = cov.covered_households;
  for (std::size_t i = 0; i < cov.units.size(); ++i) {
    const OrgId id{net.entity(cov.units[i])};
    const Organization& org = registry.get(id);
    out.coverage.push_back({id, org.code, org.name, cov.unit_households[i], cov.unit_covered[i]});
  }
  std::sort(out.coverage.begin(), out.coverage.end(),
            [](const UnitCoverage& a, const UnitCoverage& b) { return a.unit < b.unit; });

  HouseholdCategories must_visit;
  for (const policy::CoverageRule& rule : policy.coverage)
    if (rule.kind == policy::CoverageKind::VisitHouseholds) must_visit = must_visit | rule.categories;
  must_visit.for_each([&](HouseholdCategory c) { out.must_visit_categories.emplace_back(to_name(c)); });
  if (must_visit.none()) return;  // the policy names no must-visit households
  const network::MustVisitCoverage mv = network::must_visit_coverage(net, must_visit);
  out.must_visit_households = mv.households;
  out.must_visit_covered = mv.covered_households;
  out.must_visit_unpaired = mv.uncovered;
}

// Must-visit gaps and the compliance summary from the compliance engine.
void summarise_compliance(const Registry& registry, const policy::PolicySet& policy, const Period& period,
                          Appraisal& out) {
  const policy::ComplianceReport report = policy::check_compliance(registry, policy, period);
  throw_if_cancelled();
  for (const policy::ComplianceRow& row : report.rows) {
    if (row.rule_kind != policy::RuleKind::Coverage || row.subject_kind != policy::SubjectKind::Household ||
        row.status != policy::ComplianceStatus::Short)
      continue;
    const policy::CoverageRule& rule = policy.coverage[row.rule];
    if (rule.kind != policy::CoverageKind::VisitHouseholds || rule.categories.none()) continue;
    const HouseholdId hid{row.subject};
    const Household& h = registry.households().get(hid);
    out.must_visit_gaps.push_back({hid, h.code, h.unit, org_name(registry, h.unit), rule.name, row.required, row.actual});
  }
  for (const policy::ComplianceRollup& r : policy::rollup_compliance(registry, report)) {
    const Organization& org = registry.get(r.org);
    out.compliance.push_back({r.org, org.code, org.name, static_cast<int>(org.level), r.subjects,
                              r.subjects_compliant, r.rows_short, r.rows_over, r.share_compliant()});
    if (!org.parent) {  // the roots' subtrees partition the registry
      out.compliance_subjects += r.subjects;
      out.compliance_compliant += r.subjects_compliant;
    }
  }
}

void find_overdue(const Registry& registry, const policy::PolicySet& policy, const AppraisalOptions& options,
                  Appraisal& out) {
  for (const policy::OverdueItem& item : policy::overdue_appeals(registry, policy, options.calendar, out.as_of)) {
    const Appeal* appeal = registry.appeals().find(item.appeal);
    out.overdue.push_back({item.appeal, appeal == nullptr ? std::string() : appeal->code, item.unit,
                           org_name(registry, item.unit), item.stage, item.due, item.days_overdue,
                           item.working_days_overdue});
  }
}

}  // namespace

void AppraisalOptions::check() const {
  if (!(confidence > 0.0 && confidence < 1.0)) bad_option("confidence", "must lie in (0, 1), got " + std::to_string(confidence));
  if (min_sample == 0) bad_option("min_sample", "must be at least 1");
  if (list_level < 1 || list_level > 4) bad_option("list_level", "must be 1..4, got " + std::to_string(list_level));
  if (as_of && as_of->is_special()) bad_option("as_of", "not a date");
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].empty()) bad_option("items", "item " + std::to_string(i) + " is empty");
    for (std::size_t j = 0; j < i; ++j)
      if (items[j] == items[i]) bad_option("items", "item '" + items[i] + "' is named twice");
  }
}

Appraisal appraise(const Registry& registry, const policy::PolicySet& policy, const Period& period,
                   const AppraisalOptions& options) {
  policy.check();
  options.check();
  Appraisal out;
  out.period = period;
  out.as_of = options.as_of.value_or(period.last());
  if (out.as_of < period.first())
    throw InvalidArgument("appraisal.as_of", "as-of day before the period", Location::of("appraisal options", "as_of"),
                          to_iso(out.as_of) + " is before " + period.label() + " begins (" + to_iso(period.first()) + ")");
  out.policy_name = policy.name;
  out.threshold = policy.satisfaction_threshold;
  out.threshold_source = policy.satisfaction_source;
  out.confidence = options.confidence;
  out.basis = options.basis;
  out.min_sample = options.min_sample;
  out.scale = options.scale.name();
  out.list_level = options.list_level;

  score_satisfaction(registry, period, options, out);
  throw_if_cancelled();
  measure_coverage(registry, policy, out);
  throw_if_cancelled();
  summarise_compliance(registry, policy, period, out);
  throw_if_cancelled();
  find_overdue(registry, policy, options, out);
  return out;
}

}  // namespace massline::io
