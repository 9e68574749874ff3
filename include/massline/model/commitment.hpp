#pragma once
/// @file
/// Pledges (承诺) made by capable members, singly or jointly, with dated status transitions.

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

/// Category of a pledge; the first five are the delegates' "five ones" (五个一).
enum class CommitmentCategory : std::uint8_t {
  ResearchReport, PracticalDeed, PetitionResolved, PublicWelfare, DifficultFamilyHelped, General
};
constexpr std::array<std::string_view, 6> enum_names(CommitmentCategory) {
  return {"research_report", "practical_deed", "petition_resolved", "public_welfare", "difficult_family_helped", "general"};
}

/// Life cycle: pledged -> in progress -> fulfilled | lapsed | withdrawn (the last three final).
enum class CommitmentStatus : std::uint8_t { Pledged, InProgress, Fulfilled, Lapsed, Withdrawn };
constexpr std::array<std::string_view, 5> enum_names(CommitmentStatus) {
  return {"pledged", "in_progress", "fulfilled", "lapsed", "withdrawn"};
}
constexpr bool is_final(CommitmentStatus s) noexcept {
  return s == CommitmentStatus::Fulfilled || s == CommitmentStatus::Lapsed || s == CommitmentStatus::Withdrawn;
}

/// One dated status change.
struct StatusChange {
  CommitmentStatus status = CommitmentStatus::Pledged;
  Date date{boost::gregorian::not_a_date_time};
  std::string note;
  friend bool operator==(const StatusChange&, const StatusChange&) = default;
};

/// A pledge. `members.size() > 1` makes it joint. The history starts with Pledged on the
/// pledge date; status() is the last entry.
struct Commitment {
  CommitmentId id{};
  std::vector<MemberId> members;  ///< pledgers, at least one, no repeats
  CommitmentCategory category = CommitmentCategory::General;
  std::string description;
  Date due{boost::gregorian::not_a_date_time};
  std::vector<StatusChange> history;  ///< first entry Pledged
  std::vector<std::string> evidence;  ///< references to photos, reports, signatures

  /// A new pledge by @p pledgers on @p pledged, due on @p due_date.
  static Commitment pledge(std::vector<MemberId> pledgers, CommitmentCategory category, Date pledged, Date due_date,
                           std::string description = {}) {
    Commitment c;
    c.members = std::move(pledgers);
    c.category = category;
    c.description = std::move(description);
    c.due = due_date;
    c.history.push_back({CommitmentStatus::Pledged, pledged, {}});
    c.check();
    return c;
  }
  [[nodiscard]] bool joint() const noexcept { return members.size() > 1; }
  [[nodiscard]] CommitmentStatus status() const { return history.empty() ? CommitmentStatus::Pledged : history.back().status; }
  [[nodiscard]] Date pledged_on() const { return history.empty() ? Date(boost::gregorian::not_a_date_time) : history.front().date; }

  /// Moves to @p next on @p date. Throws InvalidArgument for a move out of a final state,
  /// back to Pledged, to the same state, or to a date before the previous change.
  void transition(CommitmentStatus next, Date date, std::string note = {}) {
    const CommitmentStatus now = status();
    auto fail = [&](const std::string& why) {
      throw InvalidArgument("model.commitment.transition",
                            std::string("cannot move from ") + std::string(to_name(now)) + " to " + std::string(to_name(next)),
                            Location::of(id.to_string(), "history"), why);
    };
    if (is_final(now)) fail("the commitment is already final");
    if (next == CommitmentStatus::Pledged || next == now) fail("allowed: pledged -> in_progress -> fulfilled|lapsed|withdrawn");
    if (date.is_special()) fail("the change needs a date");
    if (!history.empty() && date < history.back().date) fail("the date " + to_iso(date) + " is before the previous change");
    history.push_back({next, date, std::move(note)});
  }

  /// Throws InvalidArgument when pledgers, dates or the history are inconsistent.
  void check() const {
    auto fail = [this](const char* field, const std::string& why) {
      throw InvalidArgument("model.commitment", "invalid commitment", Location::of(id.to_string(), field), why);
    };
    if (members.empty()) fail("members", "a commitment needs at least one pledging member");
    for (std::size_t i = 0; i < members.size(); ++i)
      for (std::size_t j = i + 1; j < members.size(); ++j)
        if (members[i] == members[j]) fail("members", members[i].to_string() + " is listed twice");
    if (history.empty() || history.front().status != CommitmentStatus::Pledged) fail("history", "the history must start with 'pledged'");
    if (due.is_special()) fail("due", "a commitment needs a due date");
    if (history.front().date.is_special()) fail("history", "the pledge needs a date");
    if (due < history.front().date) fail("due", "due date " + to_iso(due) + " is before the pledge date");
    for (std::size_t i = 1; i < history.size(); ++i) {
      const auto& prev = history[i - 1];
      const auto& cur = history[i];
      if (is_final(prev.status) || cur.status == CommitmentStatus::Pledged || cur.status == prev.status)
        fail("history", "change " + std::to_string(i) + " (" + std::string(to_name(cur.status)) + ") is not an allowed transition");
      if (cur.date.is_special() || cur.date < prev.date) fail("history", "change " + std::to_string(i) + " is dated before the previous one");
    }
  }
  friend bool operator==(const Commitment&, const Commitment&) = default;
};

}  // namespace massline
