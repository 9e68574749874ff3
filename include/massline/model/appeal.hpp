#pragma once
/// @file
/// Appeals (诉求) from the public and their handling: register -> sort -> feed back -> dispose,
/// as an append-only history of dated events.

#include <massline/core/date.hpp>
#include <massline/core/enum_names.hpp>
#include <massline/core/ids.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace massline {

/// Where the appeal came in.
enum class AppealChannel : std::uint8_t { HomeVisit, ReceptionDay, SuggestionBox, Hotline, ReportPhone, Online, LettersAndVisits };
constexpr std::array<std::string_view, 7> enum_names(AppealChannel) {
  return {"home_visit", "reception_day", "suggestion_box", "hotline", "report_phone", "online", "letters_and_visits"};
}

/// Subject area (004, 003).
enum class SubjectArea : std::uint8_t {
  Employment, Education, Medical, Environment, Political, Cultural, Legal, Infrastructure, ElderlyCare, Other
};
constexpr std::array<std::string_view, 10> enum_names(SubjectArea) {
  return {"employment", "education", "medical", "environment", "political", "cultural", "legal", "infrastructure", "elderly_care", "other"};
}

/// Class assigned when sorting, and the outcome it requires (002).
enum class AppealClass : std::uint8_t {
  ReasonableLawful,     ///< must be solved
  ReasonableNotLawful,  ///< explain, guide, solve in part
  HardshipRelief,       ///< neither, but real hardship: relief may be granted
  Unresolvable          ///< explain, coordinate step by step
};
constexpr std::array<std::string_view, 4> enum_names(AppealClass) {
  return {"reasonable_lawful", "reasonable_not_lawful", "hardship_relief", "unresolvable"};
}

/// How it is routed (直办、转办、交办、督办).
enum class Routing : std::uint8_t { Direct, Transfer, Assignment, Supervision };
constexpr std::array<std::string_view, 4> enum_names(Routing) { return {"direct", "transfer", "assignment", "supervision"}; }

/// Stage in the life cycle, derived from the history (Appeal::stage). `sorted` is the
/// handling stage: a reopened appeal returns to it.
enum class AppealStage : std::uint8_t { Registered, Sorted, FedBack, Disposed, Paused, Closed, Dropped };
constexpr std::array<std::string_view, 7> enum_names(AppealStage) {
  return {"registered", "sorted", "fed_back", "disposed", "paused", "closed", "dropped"};
}

/// What happened to an appeal, one dated entry of Appeal::history.
enum class AppealEventKind : std::uint8_t {
  Registered,   ///< 登记: the first event, and only the first
  Sorted,       ///< 整理: classed and routed (Appeal::appeal_class, Appeal::routing)
  FedBack,      ///< 反馈: the public told how the appeal stands (may repeat)
  Transferred,  ///< 转办: handed to another organisation (Appeal::handler follows)
  Escalated,    ///< sent up to a higher level (Appeal::handler follows)
  Paused,       ///< handling suspended
  Resumed,      ///< handling taken up again after a pause
  Extended,     ///< the due date moved to AppealEvent::new_due (the original stays in Appeal::due)
  Disposed,     ///< 处置: dealt with (Appeal::outcome)
  Reopened,     ///< a disposed or closed appeal taken up again: back to handling
  Closed,       ///< filed after disposal (only a reopening may follow)
  Dropped       ///< withdrawn or abandoned before disposal (final)
};
constexpr std::array<std::string_view, 12> enum_names(AppealEventKind) {
  return {"registered", "sorted",   "fed_back", "transferred", "escalated", "paused",
          "resumed",    "extended", "disposed", "reopened",    "closed",    "dropped"};
}

/// How the appeal was disposed of (002: solve, explain and solve in part, grant relief).
enum class AppealOutcome : std::uint8_t { Solved, PartlySolved, Explained, ReliefGranted };
constexpr std::array<std::string_view, 4> enum_names(AppealOutcome) {
  return {"solved", "partly_solved", "explained", "relief_granted"};
}

/// The public's answer to the feedback.
enum class PublicAnswer : std::uint8_t { Satisfied, BasicallySatisfied, Unsatisfied, NoAnswer };
constexpr std::array<std::string_view, 4> enum_names(PublicAnswer) {
  return {"satisfied", "basically_satisfied", "unsatisfied", "no_answer"};
}

/// One dated event of an appeal's history.
struct AppealEvent {
  AppealEventKind kind = AppealEventKind::Registered;
  Date date{boost::gregorian::not_a_date_time};
  std::optional<OrgId> organization;  ///< acting organisation; the receiving one for transfer and escalation (required there)
  std::string note;
  std::optional<Date> new_due;  ///< Extended only (required there): the new due date
  friend bool operator==(const AppealEvent&, const AppealEvent&) = default;
};

/// Fields settled together with an event (Appeal::record); unset ones stay as they are.
struct AppealChange {
  std::optional<AppealClass> appeal_class;
  std::optional<Routing> routing;
  std::optional<AppealOutcome> outcome;
  std::optional<PublicAnswer> public_answer;
};

/// Where replaying an appeal's history ends (Appeal::replay).
struct AppealReplay {
  AppealStage stage = AppealStage::Registered;  ///< stage after the last valid event
  std::optional<Date> due;                      ///< due date in force (the original or the last extension)
  std::optional<std::size_t> bad_event;         ///< index of the first impossible event, if any
  std::string why;                              ///< why that event is impossible
};

/// An appeal. Its life cycle is the append-only `history`; the stage dates and the stage are
/// derived from it (docs/model.md, "Appeals").
struct Appeal {
  AppealId id{};
  std::string code;                       ///< external code, unique when not empty
  std::optional<HouseholdId> household;   ///< who raised it, when known
  std::optional<MemberId> collected_by;   ///< member who took it in
  OrgId origin{};                         ///< unit where it was registered
  OrgId handler{};                        ///< organisation currently handling it (the last transfer or escalation, if any)
  AppealChannel channel = AppealChannel::HomeVisit;
  SubjectArea subject = SubjectArea::Other;
  std::optional<AppealClass> appeal_class;  ///< set exactly when sorted
  std::optional<Routing> routing;           ///< set exactly when sorted
  std::optional<MemberId> leader_in_charge; ///< 包案 leader for key cases
  std::string summary;
  std::optional<Date> due;                  ///< the original due date; extensions are events
  std::vector<AppealEvent> history;         ///< first entry Registered; append with record()
  std::optional<AppealOutcome> outcome;     ///< only once disposed
  std::optional<PublicAnswer> public_answer;  ///< only once fed back

  /// A new appeal registered on @p day at @p unit (origin and handler), due on @p due_date if given.
  static Appeal registered_on(Date day, OrgId unit, std::optional<Date> due_date = std::nullopt) {
    Appeal a;
    a.origin = unit;
    a.handler = unit;
    a.due = due_date;
    a.history.push_back({AppealEventKind::Registered, day, std::nullopt, {}, std::nullopt});
    a.check();
    return a;
  }

  /// Walks the history through the life cycle; stops at the first impossible event. noexcept
  /// apart from allocation.
  [[nodiscard]] AppealReplay replay() const {
    AppealReplay out;
    out.due = due;
    AppealStage before_pause = AppealStage::Registered;
    auto refuse = [&](std::size_t i, std::string why) {
      out.bad_event = i;
      out.why = std::move(why);
      return out;
    };
    auto handling = [](AppealStage s) { return s == AppealStage::Sorted || s == AppealStage::FedBack; };
    auto open = [&](AppealStage s) { return s == AppealStage::Registered || handling(s); };
    for (std::size_t i = 0; i < history.size(); ++i) {
      const AppealEvent& e = history[i];
      const AppealStage s = out.stage;
      const std::string kind(to_name(e.kind));
      if (e.date.is_special()) return refuse(i, kind + " needs a date");
      if (i > 0 && e.date < history[i - 1].date)
        return refuse(i, kind + " on " + to_iso(e.date) + " is dated before the previous event (" + to_iso(history[i - 1].date) + ")");
      if (i == 0 && e.kind != AppealEventKind::Registered) return refuse(i, "the history must start with 'registered'");
      if (e.new_due && e.kind != AppealEventKind::Extended) return refuse(i, "only an extension carries a new due date");
      if (s == AppealStage::Dropped) return refuse(i, kind + " after the appeal was dropped");
      if (s == AppealStage::Closed && e.kind != AppealEventKind::Reopened)
        return refuse(i, kind + " after the appeal was closed (only a reopening may follow)");
      auto wrong = [&](const char* allowed) { return refuse(i, kind + " in stage '" + std::string(to_name(s)) + "' (allowed " + allowed + ")"); };
      switch (e.kind) {
        case AppealEventKind::Registered:
          if (i != 0) return refuse(i, "registered again (only the first event registers)");
          break;
        case AppealEventKind::Sorted:
          if (s != AppealStage::Registered) return wrong("once, after registration");
          out.stage = AppealStage::Sorted;
          break;
        case AppealEventKind::FedBack:
          if (!handling(s)) return wrong("in handling: sorted or fed back");
          out.stage = AppealStage::FedBack;
          break;
        case AppealEventKind::Transferred:
        case AppealEventKind::Escalated:
          if (!handling(s)) return wrong("in handling: sorted or fed back");
          if (!e.organization) return refuse(i, kind + " names the receiving organisation");
          break;
        case AppealEventKind::Paused:
          if (!open(s)) return wrong("while open: registered, sorted or fed back");
          before_pause = s;
          out.stage = AppealStage::Paused;
          break;
        case AppealEventKind::Resumed:
          if (s != AppealStage::Paused) return refuse(i, "resumed without a pause");
          out.stage = before_pause;
          break;
        case AppealEventKind::Extended:
          if (!open(s) && s != AppealStage::Paused) return wrong("before disposal");
          if (!e.new_due || e.new_due->is_special()) return refuse(i, "an extension carries the new due date");
          if (!out.due) return refuse(i, "an extension needs a due date on record (Appeal::due)");
          if (*e.new_due <= *out.due)
            return refuse(i, "the new due date " + to_iso(*e.new_due) + " is not later than the current one (" + to_iso(*out.due) + ")");
          out.due = e.new_due;
          break;
        case AppealEventKind::Disposed:
          if (s != AppealStage::FedBack) return wrong("after feedback");
          out.stage = AppealStage::Disposed;
          break;
        case AppealEventKind::Reopened:
          if (s != AppealStage::Disposed && s != AppealStage::Closed) return wrong("after disposal or closing");
          out.stage = AppealStage::Sorted;
          break;
        case AppealEventKind::Closed:
          if (s != AppealStage::Disposed) return wrong("after disposal");
          out.stage = AppealStage::Closed;
          break;
        case AppealEventKind::Dropped:
          if (!open(s) && s != AppealStage::Paused) return wrong("before disposal");
          out.stage = AppealStage::Dropped;
          break;
      }
    }
    return out;
  }

  /// Stage after the last event (after the last valid one when the history is broken).
  [[nodiscard]] AppealStage stage() const { return replay().stage; }
  /// Due date in force: the last extension's, else the original; none without a due date.
  [[nodiscard]] std::optional<Date> current_due() const { return replay().due; }
  /// Registration date: the first event's (not-a-date for an empty history).
  [[nodiscard]] Date registered() const {
    return history.empty() || history.front().kind != AppealEventKind::Registered ? Date(boost::gregorian::not_a_date_time)
                                                                                : history.front().date;
  }
  /// Date of the first sorting, if any.
  [[nodiscard]] std::optional<Date> sorted() const { return first(AppealEventKind::Sorted); }
  /// Date of the first feedback (the one that counts for "fed back in time"), if any.
  [[nodiscard]] std::optional<Date> fed_back() const { return first(AppealEventKind::FedBack); }
  /// Date of the disposal in force: the last one, unless a reopening came after it.
  [[nodiscard]] std::optional<Date> disposed() const {
    for (auto it = history.rbegin(); it != history.rend(); ++it) {
      if (it->kind == AppealEventKind::Reopened) return std::nullopt;
      if (it->kind == AppealEventKind::Disposed) return it->date;
    }
    return std::nullopt;
  }
  /// True when the history holds an event of @p kind.
  [[nodiscard]] bool has(AppealEventKind kind) const { return first(kind).has_value(); }

  /// Appends @p event together with the fields it settles (@p change: class and routing with
  /// the sorting, the outcome with a disposal, the public's answer with a feedback) when the
  /// life cycle allows it, else throws InvalidArgument ("model.appeal.event", located at the
  /// event index) and leaves the appeal unchanged. A transfer or an escalation also moves
  /// `handler` to the receiving organisation.
  void record(AppealEvent event, const AppealChange& change = {}) {
    Appeal next = *this;
    if (change.appeal_class) next.appeal_class = change.appeal_class;
    if (change.routing) next.routing = change.routing;
    if (change.outcome) next.outcome = change.outcome;
    if (change.public_answer) next.public_answer = change.public_answer;
    if ((event.kind == AppealEventKind::Transferred || event.kind == AppealEventKind::Escalated) && event.organization)
      next.handler = *event.organization;
    next.history.push_back(std::move(event));
    try {
      next.check();
    } catch (const Error& e) {
      throw InvalidArgument("model.appeal.event", "event refused", e.where(), e.why());
    }
    *this = std::move(next);
  }

  /// Throws InvalidArgument for an impossible history (naming the event index), class or
  /// routing without sorting, an outcome without disposal, an answer without feedback, a due
  /// date before registration, or a handler that is not where the last transfer sent it.
  void check() const {
    auto fail = [this](const std::string& field, const std::string& why) {
      throw InvalidArgument("model.appeal", "invalid appeal", Location::of(id.to_string(), field), why);
    };
    if (history.empty()) fail("history", "an appeal needs a history starting with 'registered'");
    const AppealReplay r = replay();
    if (r.bad_event) fail("history[" + std::to_string(*r.bad_event) + "]", "event " + std::to_string(*r.bad_event) + ": " + r.why);
    const bool sorted_ever = has(AppealEventKind::Sorted);
    if (sorted_ever && (!appeal_class || !routing)) fail("appeal_class", "a sorted appeal has a class and a routing");
    if (!sorted_ever && (appeal_class || routing)) fail("appeal_class", "class and routing are given when the appeal is sorted");
    if (outcome && !has(AppealEventKind::Disposed)) fail("outcome", "an outcome is recorded once the appeal is disposed");
    if (public_answer && !has(AppealEventKind::FedBack)) fail("public_answer", "the public answers feedback: the appeal has none");
    if (due && (due->is_special() || *due < registered()))
      fail("due", "the due date must be a date on or after registration (" + to_iso(registered()) + ")");
    for (auto it = history.rbegin(); it != history.rend(); ++it) {
      if (it->kind != AppealEventKind::Transferred && it->kind != AppealEventKind::Escalated) continue;
      if (handler != *it->organization)
        fail("handler", "the last " + std::string(to_name(it->kind)) + " sent the appeal to " + it->organization->to_string());
      break;
    }
  }
  friend bool operator==(const Appeal&, const Appeal&) = default;

 private:
  [[nodiscard]] std::optional<Date> first(AppealEventKind kind) const {
    for (const AppealEvent& e : history)
      if (e.kind == kind) return e.date;
    return std::nullopt;
  }
};

}  // namespace massline
