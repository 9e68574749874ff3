// Output helpers shared by the commands: JSON printing and the entity counts of a registry.
#include "commands.hpp"

#include <ostream>

namespace massline::cli {

void print_json(Console& console, const nlohmann::ordered_json& value) {
  // nlohmann writes NaN and infinities as null, which is what docs/cli.md promises.
  console.out << value.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

std::vector<std::pair<std::string, std::size_t>> table_counts(const Registry& registry) {
  return {{"organizations", registry.organizations().size()},
          {"members", registry.members().size()},
          {"households", registry.households().size()},
          {"pairings", registry.pairings().size()},
          {"commitments", registry.commitments().size()},
          {"service_posts", registry.service_posts().size()},
          {"contacts", registry.contacts().size()},
          {"appeals", registry.appeals().size()},
          {"survey_responses", registry.survey_responses().size()},
          {"activities", registry.activities().size()}};
}

nlohmann::ordered_json counts_json(const Registry& registry) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const auto& [table, count] : table_counts(registry)) out[table] = count;
  return out;
}

std::string counts_text(const Registry& registry) {
  std::string out;
  for (const auto& [table, count] : table_counts(registry)) {
    if (count == 0) continue;
    if (!out.empty()) out += ", ";
    out += std::to_string(count) + ' ' + table;
  }
  return out.empty() ? "nothing" : out;
}

}  // namespace massline::cli
