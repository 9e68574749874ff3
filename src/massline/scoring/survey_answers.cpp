#include <massline/scoring/survey_answers.hpp>

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace massline::scoring {

namespace {

using PeriodKey = std::tuple<Date, Date, PeriodKind>;

PeriodKey key_of(const Period& p) { return {p.first(), p.last(), p.kind()}; }

// Item name -> index: the requested items in order, or every answered item sorted by name.
std::unordered_map<std::string, std::uint32_t> item_index(const Registry& registry, const SurveyAnswerOptions& options,
                                                          std::vector<std::string>& names) {
  if (options.items.empty()) {
    std::map<std::string, bool> seen;
    for (const SurveyResponse& r : registry.survey_responses())
      for (const ItemScore& s : r.items) seen.emplace(s.item, true);
    for (const auto& entry : seen) names.push_back(entry.first);
  } else {
    names = options.items;
  }
  std::unordered_map<std::string, std::uint32_t> index;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i].empty())
      throw InvalidArgument("survey_answers.items", "empty item name", Location::of("items", std::to_string(i)),
                            "item names must not be empty");
    if (!index.emplace(names[i], static_cast<std::uint32_t>(i)).second)
      throw InvalidArgument("survey_answers.items", "repeated item name", Location::of("items", std::to_string(i)),
                            "'" + names[i] + "' is listed twice");
  }
  return index;
}

}  // namespace

AnswerColumns SurveyAnswers::columns() const {
  AnswerColumns c;
  c.unit = unit;
  c.item = item;
  c.satisfied = satisfied;
  c.weight = weight;
  c.period = period;
  c.score = score;
  c.items = std::max<std::size_t>(item_names.size(), 1);
  c.periods = std::max<std::size_t>(periods.size(), 1);
  return c;
}

SurveyAnswers survey_answers(const Registry& registry, const UnitTree& tree, const ResponseScale& scale,
                             const SurveyAnswerOptions& options) {
  if (!tree.has_org_ids()) (void)tree.find(OrgId{});  // raises the tree's own StateError
  SurveyAnswers out;
  const auto items = item_index(registry, options, out.item_names);

  // Periods in order, so period indices do not depend on response order.
  std::map<PeriodKey, Period> distinct;
  for (const SurveyResponse& r : registry.survey_responses()) distinct.emplace(key_of(r.period), r.period);
  std::map<PeriodKey, std::uint32_t> period_index;
  for (const auto& [key, period] : distinct) {
    period_index.emplace(key, static_cast<std::uint32_t>(out.periods.size()));
    out.periods.push_back(period);
  }

  const bool keep_dont_know = options.dont_know == DontKnowPolicy::CountAsNotSatisfied;
  std::vector<ClassifiedAnswer> answer(out.item_names.size());
  std::vector<bool> answered(out.item_names.size());
  for (const SurveyResponse& r : registry.survey_responses()) {
    OrgId org;
    if (options.unit == AnswerUnit::Respondent) {
      org = registry.get(r.respondent).unit;
    } else if (const auto* member = std::get_if<MemberId>(&r.target)) {
      org = registry.get(*member).organization;
    } else {
      org = std::get<OrgId>(r.target);
    }
    const auto u = tree.find(org);
    if (!u)
      throw NotFound("survey_answers.unknown_unit", "answer's unit not in the unit tree",
                     Location::of(r.id.to_string(), options.unit == AnswerUnit::Respondent ? "respondent" : "target"),
                     org.to_string() + " was not in the registry the tree was built from (rebuild the tree)");
    std::fill(answered.begin(), answered.end(), false);
    for (const ItemScore& s : r.items) {
      const auto it = items.find(s.item);
      if (it == items.end()) continue;
      try {
        answer[it->second] = scale.classify(s);
      } catch (const InvalidArgument& e) {  // the scale does not know where the code came from
        throw InvalidArgument(e.code(), e.summary(), Location::of(r.id.to_string(), "item '" + s.item + "'"), e.why());
      }
      answered[it->second] = true;
    }
    const std::uint32_t t = period_index.at(key_of(r.period));
    for (std::uint32_t i = 0; i < answer.size(); ++i) {
      const ClassifiedAnswer a = answered[i] ? answer[i] : ClassifiedAnswer{};
      if (a.kind == AnswerKind::Missing) {
        ++out.missing;
        continue;
      }
      if (a.kind == AnswerKind::DontKnow && !keep_dont_know) {
        ++out.dont_know;
        continue;
      }
      out.unit.push_back(*u);
      out.item.push_back(i);
      out.satisfied.push_back(a.satisfied ? 1 : 0);
      out.weight.push_back(r.weight);
      out.period.push_back(t);
      if (!keep_dont_know) out.score.push_back(*a.score);
      out.response.push_back(r.id);
    }
  }
  return out;
}

}  // namespace massline::scoring
