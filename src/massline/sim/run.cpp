// The engine of docs/simulation.md: one replication is a day loop over events (members' field
// days, households' needs drawn by skipping over each need class's (day, household) grid,
// appeals' next events in day buckets), and a household's state is written at its first event,
// so its cost is O(events) plus, a month, one read-only pass over the households touched so far,
// not O(H x days).
#include <massline/sim/run.hpp>
#include <massline/sim/survey.hpp>

#include <massline/core/cancellation.hpp>
#include <massline/core/error.hpp>
#include <massline/core/random.hpp>
#include <massline/scoring/accountability.hpp>
#include <massline/scoring/proportion_interval.hpp>
#include <massline/scoring/ranking.hpp>

#include <algorithm>
#include <bit>
#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

namespace massline::sim {
namespace {

constexpr std::int32_t kNone = -1;
constexpr std::uint16_t kNever = std::numeric_limits<std::uint16_t>::max();
constexpr std::size_t kMetrics = enum_count<Metric>;
constexpr std::int32_t kFarDay = std::numeric_limits<std::int32_t>::max() / 2;
/// Field-day chance from which a member draws every working day instead of skipping ahead.
constexpr double kDailyDraw = 0.125;
constexpr std::int64_t kFarStep = std::int64_t{1} << 62;  ///< "no success in any horizon" for geometric skips

/// Mutable state of one household: 16 bytes (the static part lives in ScenarioData). The engine
/// writes it at the household's first event of a replication (Replication::touch); until then
/// the household is in the initial state and costs nothing.
struct HouseholdState {
  float satisfaction = 0.0F;
  float expectation = 0.0F;
  std::uint16_t updated = 0;            ///< day the satisfaction was last brought forward to (start of that day)
  std::uint16_t last_visit = kNever;    ///< day of the last visit
  std::uint16_t pending = 0;            ///< open appeals
  std::uint8_t latent = 0;              ///< needs not voiced yet
  std::uint8_t must_visit = 0;           ///< copy of ScenarioData::household_must_visit (same cache line)
};
static_assert(sizeof(HouseholdState) == 16);

enum class EventKind : std::uint8_t { Completion, Deadline };

struct AppealState {
  std::uint32_t household = 0;  ///< compact index
  std::int32_t raised = 0;
  std::int32_t completion = 0;  ///< day the current handler answers
  std::int32_t handler = 0;     ///< compact org index
  std::int32_t link = kNone;    ///< next appeal in the same event bucket
  EventKind next = EventKind::Completion;
  bool success = false;
  bool by_visit = false;
  std::uint8_t escalations = 0;
  AppealOutcome outcome = AppealOutcome::Pending;
  std::int32_t closed = -1;
};

/// Flows per (unit, period), then stocks filled at the month's end.
struct Cell {
  std::array<double, kMetrics> v{};
};

/// Geometric number of trials until the first success (>= 1) with success chance p in (0, 1],
/// from log(1 - p): 1 + floor(log(U) / log(1 - p)) with U in (0, 1]; kFarStep when p == 0 or
/// the draw is past any horizon.
std::int64_t geometric(RandomStream& rng, double log_q) {
  if (log_q == -std::numeric_limits<double>::infinity()) return 1;  // p == 1
  if (log_q == 0.0) return kFarStep;                                // p == 0
  const double u = 1.0 - rng.uniform();
  const double k = std::floor(std::log(u) / log_q);
  return k >= static_cast<double>(kFarStep) ? kFarStep : 1 + static_cast<std::int64_t>(k);
}

/// One answer of the year-end survey.
struct SurveyAnswer {
  std::uint32_t household = 0;  ///< compact index
  bool satisfied = false;
};

class Replication {
 public:
  /// An engine for @p scenario; one per worker thread, its buffers reused from run to run.
  Replication(const Scenario& scenario, const RunOptions& options)
      : s_(scenario.data()), p_(scenario.params()), synth_(scenario.synth_params()), strategy_(scenario.strategy()), options_(options) {
    // Per member and fixed for the scenario: log(1 - p) for skipping members' geometric draws;
    // for daily members, uniform() < p as an integer compare of the 53 bits it is made of
    // (k 2^-53 < p <=> k < ceil(p 2^53), exactly), so the daily draw needs no conversion.
    const std::size_t members = s_.member_id.size();
    member_log_q_.resize(members);
    member_field_cut_.resize(members);
    for (std::size_t m = 0; m < members; ++m) {
      const double p = s_.member_field_probability[m];
      member_log_q_[m] = std::log1p(-p);
      member_field_cut_[m] = static_cast<std::uint64_t>(std::ceil(p * 0x1.0p53));
    }
  }

  /// Runs replication @p replication of @p seed and appends its rows to @p out.
  void run(std::uint64_t seed, std::size_t replication, Results& out) {
    replication_ = replication;
    const RandomStream root(seed);
    needs_ = root.derive(replication, "needs");
    visits_ = root.derive(replication, "visits");
    appeals_rng_ = root.derive(replication, "appeals");
    quality_ = root.derive(replication, "quality");
    survey_rng_ = root.derive(replication, "survey");
    appeals_.clear();
    raised_ = resolved_ = dropped_ = pending_ = 0;
    period_ = 0;
    const std::size_t n = s_.household_id.size();
    const std::size_t months = s_.period_first.size() - 1;
    cells_.assign((months + 1) * s_.unit_org.size(), Cell{});
    // Households are initialised lazily: storage is allocated unwritten (pages never touched stay
    // unmapped) and a bitmap says which households have had an event.
    initial_ = HouseholdState{};
    initial_.satisfaction = static_cast<float>(p_.initial_satisfaction);
    initial_.expectation = static_cast<float>(p_.initial_expectation);
    if (household_capacity_ < n) {
      households_.reset(static_cast<HouseholdState*>(::operator new(n * sizeof(HouseholdState))));
      household_capacity_ = n;
    }
    touched_.assign((n + 63) / 64, 0);
    // A_0^d for d = 0 .. days, so the common case (no pending appeal) needs no pow() per household.
    calm_a_ = 1.0 - p_.decay_rate;
    calm_target_ = p_.baseline_satisfaction;
    calm_power_.resize(static_cast<std::size_t>(s_.days) + 1);
    for (std::size_t d = 0; d < calm_power_.size(); ++d) calm_power_[d] = std::pow(calm_a_, static_cast<double>(d));
    appeal_head_.assign(static_cast<std::size_t>(s_.days), kNone);
    unit_pending_.assign(s_.unit_org.size(), 0);
    // The first need of each class: position G - 1 of its (day, household) grid.
    for (std::size_t c = 0; c < kNeedClasses; ++c) {
      log_q_[c] = std::log1p(-s_.need_probability[c]);
      need_next_[c] = s_.class_households[c].empty() ? kFarStep : geometric(needs_, log_q_[c]) - 1;
    }
    // Members' field days: a member likely to work a given day draws each working day (one
    // uniform); the others skip geometrically from one field day to the next (working-day indices).
    const std::size_t members = s_.member_id.size();
    const std::size_t work_days = s_.working_days.size();
    cursor_.assign(members, 0);
    member_next_.resize(members);
    for (std::size_t m = 0; m < members; ++m) {
      member_next_[m] = daily(m) ? 0 : geometric(visits_, member_log_q_[m]) - 1;
    }
    std::size_t next_work = 0, next_campaign = 0, month = 0;
    for (std::int32_t t = 0; t < s_.days; ++t) {
      throw_if_cancelled();
      period_ = month;
      if (next_campaign < s_.campaign_days.size() && s_.campaign_days[next_campaign] == t) {
        campaign(t);
        ++next_campaign;
      }
      if (next_work < work_days && s_.working_days[next_work] == t) {
        // In member order, so the households visited today are read in ascending memory order
        // (ranges are numbered by first member).
        const auto w = static_cast<std::int64_t>(next_work);
        if (strategy_ == Strategy::RoundRobin) {
          // Round robin draws nothing from visits_ while visiting, so the day's field members can
          // be drawn first (the same draws in the same order), branch-free for daily members:
          // with a field-day chance near a third, a branch would be mispredicted that often.
          field_members_.resize(members);
          std::size_t fielded = 0;
          for (std::size_t m = 0; m < members; ++m) {
            field_members_[fielded] = static_cast<std::uint32_t>(m);
            if (daily(m)) {
              fielded += static_cast<std::size_t>((visits_() >> 11U) < member_field_cut_[m]);
            } else if (member_next_[m] == w) {
              member_next_[m] = w + geometric(visits_, member_log_q_[m]);
              ++fielded;
            }
          }
          for (std::size_t i = 0; i < fielded; ++i) field_day(field_members_[i], t);
        } else {
          for (std::size_t m = 0; m < members; ++m) {  // other strategies draw from visits_ while visiting
            if (daily(m)) {
              if (visits_.uniform() < s_.member_field_probability[m]) field_day(m, t);
            } else if (member_next_[m] == w) {
              field_day(m, t);
              member_next_[m] = w + geometric(visits_, member_log_q_[m]);
            }
          }
        }
        ++next_work;
      }
      needs_of_day(t);
      for (std::int32_t a = std::exchange(appeal_head_[static_cast<std::size_t>(t)], kNone); a != kNone;) {
        const std::int32_t following = appeals_[static_cast<std::size_t>(a)].link;
        appeal_event(static_cast<std::size_t>(a), t);
        a = following;
      }
      if (options_.check_conservation) check_conservation(t);
      if (t + 1 == s_.period_first[month + 1]) {
        month_end(month, t + 1);
        ++month;
      }
    }
    whole_run(months);
    survey(months);
    emit(out, months);
  }

  /// The survey's answers of the last run().
  [[nodiscard]] const std::vector<SurveyAnswer>& answers() const noexcept { return answers_; }

 private:
  // ---- scheduling ----
  /// The needs of day @p t: class by class, the grid positions t n_c .. (t + 1) n_c - 1 are
  /// household-days of that day, households in index order; from a need to the next is a
  /// geometric skip, so only needs cost draws.
  void needs_of_day(std::int32_t t) {
    for (std::size_t c = 0; c < kNeedClasses; ++c) {
      const std::vector<std::uint32_t>& list = s_.class_households[c];
      const auto size = static_cast<std::int64_t>(list.size());
      const std::int64_t first = t * size, end = first + size;
      while (need_next_[c] < end) {
        need(list[static_cast<std::size_t>(need_next_[c] - first)], t);
        need_next_[c] += geometric(needs_, log_q_[c]);
      }
    }
  }
  /// Whether member @p m draws every working day (cheaper than a logarithm per field day when
  /// field days are frequent) rather than skipping to its next field day.
  bool daily(std::size_t m) const { return s_.member_field_probability[m] >= kDailyDraw; }
  void schedule_appeal(std::size_t a, std::int32_t day) {
    if (day >= s_.days) return;  // stays pending past the horizon
    appeals_[a].link = appeal_head_[static_cast<std::size_t>(day)];
    appeal_head_[static_cast<std::size_t>(day)] = static_cast<std::int32_t>(a);
  }

  // ---- satisfaction ----
  /// Household @p h's satisfaction at the start of day @p t (not before its last update), its
  /// k pending appeals held constant since: s* + A^d (s - s*) with A = (1 - decay)(1 - penalty)^k,
  /// s* = (1 - penalty)^k decay b / (1 - A).
  [[nodiscard]] double satisfaction_at(std::size_t h, std::int32_t t) const { return satisfaction_at(peek(h), t); }
  [[nodiscard]] double satisfaction_at(const HouseholdState& x, std::int32_t t) const {
    const std::int32_t d = t - x.updated;
    if (d <= 0) return x.satisfaction;
    if (x.pending == 0) {  // the common case: A_0^d from a table, no pow()
      return calm_a_ < 1.0 ? calm_target_ + calm_power_[static_cast<std::size_t>(d)] * (x.satisfaction - calm_target_)
                           : x.satisfaction;
    }
    const double keep = std::pow(1.0 - p_.unresolved_penalty, static_cast<double>(x.pending));
    const double a = (1.0 - p_.decay_rate) * keep;
    if (!(a < 1.0)) return x.satisfaction;
    const double target = keep * p_.decay_rate * p_.baseline_satisfaction / (1.0 - a);
    return target + std::pow(a, static_cast<double>(d)) * (x.satisfaction - target);
  }
  /// Brings household @p h forward to the start of day @p t (before its state changes).
  void advance(std::size_t h, std::int32_t t) {
    HouseholdState& x = touch(h);
    if (t <= x.updated) return;
    x.satisfaction = static_cast<float>(satisfaction_at(x, t));
    x.updated = static_cast<std::uint16_t>(t);
  }
  /// Expectation-disconfirmation: s += alpha (q - e), clamped to [0, 1]; e += lambda (q - e).
  void experience(std::size_t h, double quality) {
    HouseholdState& x = touch(h);
    const double s = x.satisfaction + p_.disconfirmation_weight * (quality - x.expectation);
    x.satisfaction = static_cast<float>(std::clamp(s, 0.0, 1.0));
    x.expectation = static_cast<float>(x.expectation + p_.expectation_learning * (quality - x.expectation));
  }

  // ---- household state ----
  [[nodiscard]] bool touched(std::size_t h) const { return ((touched_[h >> 6U] >> (h & 63U)) & 1U) != 0; }
  /// Household @p h's state, written now if this is its first event.
  HouseholdState& touch(std::size_t h) {
    std::uint64_t& word = touched_[h >> 6U];
    const std::uint64_t bit = std::uint64_t{1} << (h & 63U);
    if ((word & bit) == 0) {
      word |= bit;
      households_.get()[h] = initial_;
      households_.get()[h].must_visit = s_.household_must_visit[h];
    }
    return households_.get()[h];
  }
  /// Household @p h's state without writing it (the initial state before its first event; its
  /// must_visit field is then 0: read ScenarioData's).
  [[nodiscard]] const HouseholdState& peek(std::size_t h) const { return touched(h) ? households_.get()[h] : initial_; }

  std::uint32_t unit_of(std::size_t h) const { return s_.org_unit[s_.household_org[h]]; }
  Cell& cell(std::size_t h) { return unit_cell(unit_of(h)); }
  Cell& unit_cell(std::uint32_t unit) { return cells_[period_ * s_.unit_org.size() + unit]; }
  double& flow(std::size_t h, Metric m) { return cell(h).v[enum_index(m)]; }

  // ---- visits ----
  /// Visits household @p h of reported unit @p unit on day @p t.
  void visit(std::size_t h, std::uint32_t unit, std::int32_t t) {
    advance(h, t);
    const double noise = p_.quality_spread * (2.0 * quality_.uniform() - 1.0);
    experience(h, std::clamp(p_.visit_quality + noise, 0.0, 1.0));
    HouseholdState& x = touch(h);
    auto& v = unit_cell(unit).v;
    // Distinct households visited, counted at the first visit of the month and of the run.
    if (x.last_visit == kNever || x.last_visit < s_.period_first[period_]) {
      v[enum_index(Metric::HouseholdsVisited)] += 1.0;
      v[enum_index(Metric::MustVisitCoverage)] += x.must_visit;
      if (x.last_visit == kNever) {
        auto& all = cells_[(s_.period_first.size() - 1) * s_.unit_org.size() + unit].v;
        all[enum_index(Metric::HouseholdsVisited)] += 1.0;
        all[enum_index(Metric::MustVisitCoverage)] += x.must_visit;
      }
    }
    x.last_visit = static_cast<std::uint16_t>(t);
    v[enum_index(Metric::Visits)] += 1.0;
    for (; x.latent > 0; --x.latent) raise(h, t, true);
  }

  void field_day(std::size_t m, std::int32_t t) { visit_some(m, t, static_cast<std::size_t>(synth_.visits_per_field_day)); }

  void campaign(std::int32_t t) {
    for (std::size_t m = 0; m < s_.member_id.size(); ++m) {
      if (s_.member_delegate[m] == 0) continue;
      if (visits_.uniform() < synth_.campaign_attendance) visit_some(m, t, static_cast<std::size_t>(synth_.campaign_households));
    }
  }

  bool visited_in_run(std::size_t h) const { return peek(h).last_visit != kNever; }

  /// Member @p m's next household in turn over its @p size households @p range; moves its cursor.
  std::uint32_t next_turn(std::size_t m, std::size_t size, const std::uint32_t* range) {
    // The cursor stays in [0, size): a compare, not a division (this runs once per visit); a
    // contiguous range needs no read of member_households.
    const std::uint32_t base = s_.member_base[m];
    const std::uint32_t h = base != kNotContiguous ? base + cursor_[m] : range[cursor_[m]];
    cursor_[m] = cursor_[m] + 1 == size ? 0 : cursor_[m] + 1;
    return h;
  }

  /// Visits up to @p count distinct households of member @p m chosen by the strategy.
  void visit_some(std::size_t m, std::int32_t t, std::size_t count) {
    const std::uint32_t first = s_.member_offset[m];
    const std::size_t size = s_.member_offset[m + 1] - first;
    const std::uint32_t* range = s_.member_households.data() + first;
    const std::uint32_t unit = s_.member_unit[m];
    const auto unit_for = [&](std::uint32_t h) { return unit != kMixedUnits ? unit : unit_of(h); };
    count = std::min(count, size);
    if (count == 0) return;
    if (strategy_ == Strategy::RoundRobin) {  // count <= size turns are distinct households: visit them as they come
      for (std::size_t k = 0; k < count; ++k) {
        const std::uint32_t h = next_turn(m, size, range);
        visit(h, unit_for(h), t);
      }
      return;
    }
    picked_.clear();
    const auto taken = [&](std::uint32_t h) { return std::find(picked_.begin(), picked_.end(), h) != picked_.end(); };
    const auto next_in_turn = [&]() {
      for (;;) {
        const std::uint32_t h = next_turn(m, size, range);
        if (!taken(h)) return h;
      }
    };
    for (std::size_t k = 0; k < count; ++k) {
      std::uint32_t chosen = 0;
      switch (strategy_) {
        case Strategy::RoundRobin: chosen = next_in_turn(); break;
        case Strategy::Random:
          do {
            chosen = range[visits_.uniform_index(size)];
          } while (taken(chosen));
          break;
        case Strategy::NeedFirst: {
          // Most unvoiced needs, then least recently visited (never visited first), then range order.
          bool found = false;
          for (std::size_t i = 0; i < size; ++i) {
            const std::uint32_t h = range[i];
            if (taken(h)) continue;
            const auto& x = peek(h);
            const auto& c = peek(chosen);
            const int last_x = x.last_visit == kNever ? -1 : x.last_visit;
            const int last_c = c.last_visit == kNever ? -1 : c.last_visit;
            if (!found || x.latent > c.latent || (x.latent == c.latent && last_x < last_c)) {
              chosen = h;
              found = true;
            }
          }
          break;
        }
        case Strategy::MustVisitFirst: {
          bool found = false;
          if (visits_.uniform() < synth_.must_visit_compliance) {
            for (std::size_t i = 0; i < size && !found; ++i) {
              const std::uint32_t h = range[i];
              if (s_.household_must_visit[h] != 0 && !visited_in_run(h) && !taken(h)) {
                chosen = h;
                found = true;
              }
            }
          }
          if (!found) chosen = next_in_turn();
          break;
        }
      }
      picked_.push_back(chosen);
    }
    for (std::uint32_t h : picked_) visit(h, unit_for(h), t);
  }

  // ---- needs and appeals ----
  void need(std::size_t h, std::int32_t t) {
    if (appeals_rng_.uniform() < s_.other_channel_share) {
      raise(h, t, false);
    } else if (HouseholdState& x = touch(h); x.latent < std::numeric_limits<std::uint8_t>::max()) {
      ++x.latent;
    }
  }

  void raise(std::size_t h, std::int32_t t, bool by_visit) {
    advance(h, t);
    ++touch(h).pending;
    ++unit_pending_[unit_of(h)];
    flow(h, Metric::AppealsRaised) += 1.0;
    ++raised_;
    ++pending_;
    AppealState a;
    a.household = static_cast<std::uint32_t>(h);
    a.raised = t;
    a.by_visit = by_visit;
    appeals_.push_back(a);
    arrive(appeals_.size() - 1, static_cast<std::int32_t>(s_.household_org[h]), t);
  }

  /// The appeal reaches organisation @p org on day @p t: its answer day and outcome are drawn
  /// now; the next event is the answer, or the deadline when the answer would come after it.
  void arrive(std::size_t i, std::int32_t org, std::int32_t t) {
    AppealState& a = appeals_[i];
    const std::size_t level = s_.org_level[static_cast<std::size_t>(org)];
    const double log_median = s_.delay_log_median + (a.escalations > 0 ? s_.delay_log_escalated : 0.0);
    const double x = std::exp(log_median + s_.delay_sigma * appeals_rng_.normal());
    const double days = std::max(1.0, std::ceil(x));
    a.handler = org;
    a.completion = days >= static_cast<double>(kFarDay - t) ? kFarDay : t + static_cast<std::int32_t>(days);
    a.success = appeals_rng_.uniform() < p_.success[level - 1];
    const std::int32_t due = s_.due_day[level - 1][static_cast<std::size_t>(t)];
    if (a.completion <= due) {
      a.next = EventKind::Completion;
      schedule_appeal(i, a.completion);
    } else {
      a.next = EventKind::Deadline;
      schedule_appeal(i, due + 1);
    }
  }

  void appeal_event(std::size_t i, std::int32_t t) {
    AppealState& a = appeals_[i];
    const std::size_t h = a.household;
    const std::int32_t parent = s_.org_parent[static_cast<std::size_t>(a.handler)];
    if (a.next == EventKind::Deadline) {
      flow(h, Metric::Overdue) += 1.0;
      if (parent >= 0) {
        escalate(i, parent, t);
        return;
      }
      a.next = EventKind::Completion;  // the top of the tree answers late
      if (a.completion > t) {
        schedule_appeal(i, a.completion);
        return;
      }
    }
    if (a.success) {
      close(i, t, AppealOutcome::Resolved);
    } else if (parent >= 0) {
      escalate(i, parent, t);
    } else {
      close(i, t, AppealOutcome::Dropped);
    }
  }

  void escalate(std::size_t i, std::int32_t parent, std::int32_t t) {
    AppealState& a = appeals_[i];
    flow(a.household, Metric::Escalations) += 1.0;
    if (a.escalations < std::numeric_limits<std::uint8_t>::max()) ++a.escalations;
    arrive(i, parent, t);
  }

  void close(std::size_t i, std::int32_t t, AppealOutcome outcome) {
    AppealState& a = appeals_[i];
    const std::size_t h = a.household;
    advance(h, t);
    --touch(h).pending;
    --unit_pending_[unit_of(h)];
    --pending_;
    a.outcome = outcome;
    a.closed = t;
    if (outcome == AppealOutcome::Resolved) {
      ++resolved_;
      flow(h, Metric::AppealsResolved) += 1.0;
      flow(h, Metric::ResolutionDays) += static_cast<double>(t - a.raised);  // a sum until emit()
      experience(h, p_.resolved_quality);
    } else {
      ++dropped_;
      flow(h, Metric::AppealsDropped) += 1.0;
      experience(h, p_.dropped_quality);
    }
  }

  void check_conservation(std::int32_t t) const {
    std::uint64_t held = 0, by_unit = 0;
    for (std::size_t h = 0; h < s_.household_id.size(); ++h) held += peek(h).pending;
    for (const std::uint64_t k : unit_pending_) by_unit += k;
    if (raised_ != resolved_ + dropped_ + pending_ || held != pending_ || by_unit != pending_) {
      throw StateError("sim.conservation", "appeals are not conserved", Location::of("day " + std::to_string(t)),
                       "raised " + std::to_string(raised_) + ", resolved " + std::to_string(resolved_) + ", dropped " +
                           std::to_string(dropped_) + ", pending " + std::to_string(pending_) + ", held by households " +
                           std::to_string(held) + ", by units " + std::to_string(by_unit));
    }
  }

  // ---- results ----
  /// Stocks at the end of month @p month (the start of day @p next). Reads the households
  /// only: each one's satisfaction is evaluated at @p next, not stored (it is brought forward
  /// when next touched), unit run by unit run; the households without any event so far all
  /// share one value, counted once.
  void month_end(std::size_t month, std::int32_t next) {
    const std::size_t units = s_.unit_org.size();
    Cell* row = cells_.data() + month * units;
    const double untouched = satisfaction_at(initial_, next);
    for (std::size_t r = 0; r < s_.unit_run_unit.size(); ++r) {
      const std::size_t first = s_.unit_run_first[r], last = s_.unit_run_first[r + 1];
      double sum = 0.0;
      std::size_t seen = 0;
      for (std::size_t w = first >> 6U; w < (last + 63) >> 6U; ++w) {
        std::uint64_t bits = touched_[w];
        if (w == first >> 6U) bits &= ~std::uint64_t{0} << (first & 63U);               // from first
        if (w == (last - 1) >> 6U) bits &= ~std::uint64_t{0} >> (63U - ((last - 1) & 63U));  // to last - 1
        for (; bits != 0; bits &= bits - 1) {
          sum += satisfaction_at(households_.get()[w * 64 + static_cast<std::size_t>(std::countr_zero(bits))], next);
          ++seen;
        }
      }
      row[s_.unit_run_unit[r]].v[enum_index(Metric::Satisfaction)] += sum + static_cast<double>(last - first - seen) * untouched;
    }
    for (std::size_t u = 0; u < units; ++u) row[u].v[enum_index(Metric::AppealsPending)] = static_cast<double>(unit_pending_[u]);
  }

  /// The whole-run row: flows summed over the months, stocks of the last month (the distinct
  /// households visited in the run are counted at their first visit).
  void whole_run(std::size_t months) {
    const std::size_t units = s_.unit_org.size();
    Cell* all = cells_.data() + months * units;
    for (std::size_t m = 0; m < months; ++m) {
      for (std::size_t u = 0; u < units; ++u) {
        for (Metric k : {Metric::Visits, Metric::AppealsRaised, Metric::AppealsResolved, Metric::AppealsDropped, Metric::Overdue,
                         Metric::Escalations, Metric::ResolutionDays}) {
          all[u].v[enum_index(k)] += cells_[m * units + u].v[enum_index(k)];
        }
      }
    }
    for (std::size_t u = 0; u < units; ++u) {
      const auto& last = cells_[(months - 1) * units + u].v;
      all[u].v[enum_index(Metric::Satisfaction)] = last[enum_index(Metric::Satisfaction)];
      all[u].v[enum_index(Metric::AppealsPending)] = last[enum_index(Metric::AppealsPending)];
    }
  }

  /// The year-end survey at the end of the run: each household of unit u answers with
  /// probability min(1, survey_sample / N_u), "satisfied" when s + N(0, noise) >= cut; the share
  /// gets a 95 % Wilson interval and the accountability verdict of the policy's threshold.
  void survey(std::size_t months) {
    const std::size_t units = s_.unit_org.size();
    std::vector<double> asked(units, 0.0), satisfied(units, 0.0);
    answers_.clear();
    if (p_.survey_sample > 0) {
      for (std::size_t h = 0; h < s_.household_id.size(); ++h) {
        const std::uint32_t u = unit_of(h);
        const double share = static_cast<double>(p_.survey_sample) / static_cast<double>(s_.unit_households[u]);
        if (share < 1.0 && survey_rng_.uniform() >= share) continue;
        const bool yes = satisfaction_at(h, s_.days) + p_.survey_noise * survey_rng_.normal() >= p_.satisfied_cut;
        answers_.push_back({static_cast<std::uint32_t>(h), yes});
        asked[u] += 1.0;
        if (yes) satisfied[u] += 1.0;
      }
    }
    const scoring::AccountabilityRule rule(s_.satisfaction_threshold);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t u = 0; u < units; ++u) {
      auto& v = cells_[months * units + u].v;
      v[enum_index(Metric::SurveyRespondents)] = asked[u];
      double rate = nan, low = nan, high = nan, verdict = nan;
      if (asked[u] > 0) {
        rate = satisfied[u] / asked[u];
        const scoring::Interval interval = scoring::proportion_interval(satisfied[u], asked[u]);
        low = interval.low;
        high = interval.high;
        verdict = rule.judge(static_cast<std::uint64_t>(asked[u]), rate, high) == scoring::Verdict::Flagged ? 1.0 : 0.0;
      }
      v[enum_index(Metric::SurveySatisfied)] = rate;
      v[enum_index(Metric::SurveyLow)] = low;
      v[enum_index(Metric::SurveyHigh)] = high;
      v[enum_index(Metric::Accountable)] = verdict;
    }
    // Rank and red/black lists over the units, by the share (scoring's ranking rules).
    std::vector<std::uint64_t> n(units);
    std::vector<double> rate(units), low(units), high(units);
    for (std::size_t u = 0; u < units; ++u) {
      const auto& v = cells_[months * units + u].v;
      n[u] = static_cast<std::uint64_t>(asked[u]);
      rate[u] = v[enum_index(Metric::SurveySatisfied)];
      low[u] = v[enum_index(Metric::SurveyLow)];
      high[u] = v[enum_index(Metric::SurveyHigh)];
    }
    const scoring::EstimateRows rows{{}, n, rate, low, high};
    const auto rank = scoring::rank_rows(rows, scoring::RankBasis::Estimate);
    const auto marks = scoring::list_rows(rows, scoring::ListRule::counts(static_cast<std::size_t>(p_.red_list),
                                                                          static_cast<std::size_t>(p_.black_list)));
    for (std::size_t u = 0; u < units; ++u) {
      auto& v = cells_[months * units + u].v;
      v[enum_index(Metric::SurveyRank)] = rank[u] == 0 ? nan : static_cast<double>(rank[u]);
      v[enum_index(Metric::ListMark)] = static_cast<double>(static_cast<int>(marks[u]));
    }
  }

  void emit(Results& out, std::size_t months) {
    const std::size_t units = s_.unit_org.size();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t period = 0; period <= months; ++period) {
      for (std::size_t u = 0; u < units; ++u) {
        auto v = cells_[period * units + u].v;
        const double households = s_.unit_households[u];
        const double must_visit = s_.unit_must_visit[u];
        v[enum_index(Metric::Households)] = households;
        v[enum_index(Metric::Satisfaction)] /= households;
        v[enum_index(Metric::Coverage)] = v[enum_index(Metric::HouseholdsVisited)] / households;
        v[enum_index(Metric::MustVisitCoverage)] = must_visit > 0 ? v[enum_index(Metric::MustVisitCoverage)] / must_visit : nan;
        const double resolved = v[enum_index(Metric::AppealsResolved)];
        v[enum_index(Metric::ResolutionDays)] = resolved > 0 ? v[enum_index(Metric::ResolutionDays)] / resolved : nan;
        if (period < months) {  // the survey is a year-end figure
          for (Metric k : {Metric::SurveyRespondents, Metric::SurveySatisfied, Metric::SurveyLow, Metric::SurveyHigh,
                           Metric::Accountable, Metric::SurveyRank, Metric::ListMark}) {
            v[enum_index(k)] = nan;
          }
        }
        for (std::size_t k = 0; k < kMetrics; ++k) {
          out.replication.push_back(static_cast<std::uint32_t>(replication_));
          out.unit.push_back(s_.unit_org[u]);
          out.period.push_back(static_cast<std::uint16_t>(period));
          out.metric.push_back(static_cast<Metric>(k));
          out.value.push_back(v[k]);
        }
      }
    }
    if (options_.trace_appeals) {
      for (const auto& a : appeals_) {
        AppealTrace trace;
        trace.replication = static_cast<std::uint32_t>(replication_);
        trace.household = s_.household_id[a.household];
        trace.raised = a.raised;
        trace.closed = a.closed;
        trace.outcome = a.outcome;
        trace.level = s_.org_level[static_cast<std::size_t>(a.handler)];
        trace.escalations = a.escalations;
        trace.by_visit = a.by_visit;
        out.appeals.push_back(trace);
      }
    }
  }

  const ScenarioData& s_;
  const SimParams& p_;
  const synth::SynthParams& synth_;
  Strategy strategy_;
  const RunOptions& options_;
  std::size_t replication_ = 0;
  RandomStream needs_{0}, visits_{0}, appeals_rng_{0}, quality_{0}, survey_rng_{0};  ///< set by run()
  std::array<double, kNeedClasses> log_q_{};
  double calm_a_ = 1.0, calm_target_ = 0.0;  ///< A_0 and s*_0 (no pending appeal)
  std::vector<double> calm_power_;          ///< A_0^d
  /// Frees households_'s storage, allocated unwritten with operator new.
  struct RawDelete {
    void operator()(HouseholdState* p) const noexcept { ::operator delete(p); }
  };
  std::unique_ptr<HouseholdState, RawDelete> households_;  ///< one per household, valid where touched_
  std::size_t household_capacity_ = 0;
  std::vector<std::uint64_t> touched_;  ///< bit h: household h has had an event this replication
  HouseholdState initial_;              ///< the state of every household before its first event
  std::array<std::int64_t, kNeedClasses> need_next_{};  ///< next need's position in each class's grid
  std::vector<std::int32_t> appeal_head_;
  std::vector<std::int64_t> member_next_;  ///< next field day (working-day index) of a member that skips ahead
  std::vector<std::uint64_t> unit_pending_;  ///< appeals open per reported unit
  std::vector<std::uint32_t> cursor_;
  std::vector<std::uint32_t> field_members_;  ///< round robin: the members with a field day today
  std::vector<double> member_log_q_;            ///< log(1 - p) of each member's field-day chance
  std::vector<std::uint64_t> member_field_cut_;  ///< ceil(p 2^53): a daily member's field day is bits >> 11 below it
  std::vector<AppealState> appeals_;
  std::vector<std::uint32_t> picked_;
  std::vector<SurveyAnswer> answers_;  ///< the year-end survey's answers, in household order
  std::vector<Cell> cells_;
  std::size_t period_ = 0;
  std::uint64_t raised_ = 0, resolved_ = 0, dropped_ = 0, pending_ = 0;
};

void append(Results& to, Results&& from) {
  to.replication.insert(to.replication.end(), from.replication.begin(), from.replication.end());
  to.unit.insert(to.unit.end(), from.unit.begin(), from.unit.end());
  to.period.insert(to.period.end(), from.period.begin(), from.period.end());
  to.metric.insert(to.metric.end(), from.metric.begin(), from.metric.end());
  to.value.insert(to.value.end(), from.value.begin(), from.value.end());
  to.appeals.insert(to.appeals.end(), from.appeals.begin(), from.appeals.end());
}

}  // namespace

MetricRange metric_range(Metric metric) noexcept {
  constexpr double kUnbounded = std::numeric_limits<double>::infinity();
  switch (metric) {
    case Metric::Satisfaction:
    case Metric::Coverage:
    case Metric::MustVisitCoverage:
    case Metric::SurveySatisfied:
    case Metric::SurveyLow:
    case Metric::SurveyHigh:
    case Metric::Accountable: return {0.0, 1.0};
    case Metric::SurveyRank: return {1.0, kUnbounded};
    case Metric::ListMark: return {-1.0, 1.0};
    case Metric::Households:
    case Metric::Visits:
    case Metric::HouseholdsVisited:
    case Metric::AppealsRaised:
    case Metric::AppealsResolved:
    case Metric::AppealsDropped:
    case Metric::AppealsPending:
    case Metric::Overdue:
    case Metric::Escalations:
    case Metric::ResolutionDays:
    case Metric::SurveyRespondents: break;
  }
  return {0.0, kUnbounded};
}

Results run(const Scenario& scenario, const RunOptions& options) {
  constexpr std::size_t kMaxReplications = 1'000'000;  // each keeps its rows until the end
  if (options.replications == 0 || options.replications > kMaxReplications) {
    throw InvalidArgument("sim.run_options", "invalid number of replications", Location::of("run options", "replications"),
                          "must be 1 .. 10^6, got " + std::to_string(options.replications));
  }
  if (options.replications > std::numeric_limits<std::uint32_t>::max() - options.first_replication) {
    throw InvalidArgument("sim.run_options", "replication numbers past 2^32 - 1", Location::of("run options", "first_replication"),
                          "first_replication + replications must fit 32 bits");
  }
  std::size_t threads = options.threads == 0 ? std::max<std::size_t>(1, std::thread::hardware_concurrency()) : options.threads;
  threads = std::min(threads, options.replications);
  std::vector<Results> parts(options.replications);
  std::vector<std::exception_ptr> failures(options.replications);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::size_t finished = 0;
  std::mutex progress_mutex;
  const std::atomic<bool>* cancel = current_cancellation();
  const auto work = [&] {
    const CancellationScope scope(cancel);
    Replication engine(scenario, options);  // its buffers serve every replication of this worker
    for (;;) {
      const std::size_t r = next.fetch_add(1);
      if (r >= options.replications || failed.load()) return;
      try {
        engine.run(options.seed, options.first_replication + r, parts[r]);
      } catch (...) {
        failures[r] = std::current_exception();
        failed.store(true);
        return;
      }
      if (options.progress) {
        const std::lock_guard lock(progress_mutex);
        options.progress(++finished, options.replications);
      }
    }
  };
  if (threads == 1) {
    work();
  } else {
    std::vector<std::jthread> pool;
    pool.reserve(threads);
    for (std::size_t i = 0; i < threads; ++i) pool.emplace_back(work);
  }
  for (const auto& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
  Results out;
  out.period_labels = scenario.data().period_labels;
  for (auto& part : parts) append(out, std::move(part));
  return out;
}

scoring::ResponseScale survey_scale() { return scoring::ResponseScale::ordinal({0.0, 1.0}, {"not satisfied", "satisfied"}); }

std::vector<SurveyResponse> survey_responses(const Scenario& scenario, std::uint64_t seed, std::int64_t replication) {
  if (replication < 0 || replication > std::int64_t{std::numeric_limits<std::uint32_t>::max()}) {
    throw InvalidArgument("sim.run_options", "invalid replication number", Location::of("survey_responses", "replication"),
                          "must be 0 .. 2^32 - 1, got " + std::to_string(replication));
  }
  const ScenarioData& s = scenario.data();
  const RunOptions options;
  Replication engine(scenario, options);
  Results rows;  // the run's own rows, discarded: the answers are what is asked for
  engine.run(seed, static_cast<std::size_t>(replication), rows);
  // The simulated year: the calendar year when the horizon is exactly that year.
  const Date last = s.start + boost::gregorian::days(s.days - 1);
  const Period period = s.start.day_of_year() == 1 && last.month() == 12 && last.day() == 31 && last.year() == s.start.year()
                            ? Period::year(s.start.year())
                            : Period(s.start, last);
  std::vector<SurveyResponse> out;
  out.reserve(engine.answers().size());
  for (const SurveyAnswer& a : engine.answers()) {
    SurveyResponse r;
    r.respondent = HouseholdId(s.household_id[a.household]);
    r.target = OrgId(s.unit_org[s.org_unit[s.household_org[a.household]]]);
    r.period = period;
    r.items.push_back({kSurveyItem, a.satisfied ? 1.0 : 0.0, false});
    out.push_back(std::move(r));
  }
  // Compact indices follow the members' ranges, not the registry: respondent id order instead.
  std::sort(out.begin(), out.end(), [](const SurveyResponse& x, const SurveyResponse& y) { return x.respondent < y.respondent; });
  return out;
}

}  // namespace massline::sim
