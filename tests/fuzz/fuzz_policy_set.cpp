// The policy-set file: any text, read as TOML and as JSON, is either refused with a located
// error or read into a set that saves and loads back to the same text in both formats
// (whatever loads can be saved, whatever is saved loads).
#include "contract.hpp"

#include <massline/io/policy_file.hpp>

#include <string>

MASSLINE_FUZZ_TARGET(policy_set) {
  const std::string_view text = massline_fuzz::as_text(data, size);
  for (const bool toml : {true, false}) {
    massline_fuzz::run([&] {
      const auto set = toml ? massline::io::policy_set_from_toml(text, "<fuzz>") : massline::io::policy_set_from_json(text, "<fuzz>");
      const std::string as_toml = massline::io::policy_set_to_toml(set);
      const std::string as_json = massline::io::policy_set_to_json(set);
      try {
        massline_fuzz::require(massline::io::policy_set_from_toml(as_toml, "<saved>") == set, "TOML round trip changed the set", as_toml);
        massline_fuzz::require(massline::io::policy_set_from_json(as_json, "<saved>") == set, "JSON round trip changed the set", as_json);
      } catch (const massline::Error& error) {
        massline_fuzz::broken("a saved policy set does not load", error.what());
      }
    });
  }
}
