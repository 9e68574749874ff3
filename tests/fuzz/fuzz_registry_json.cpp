// The registry JSON file: any text is either refused with a located error or read into a
// registry that saves and loads back equal (whatever loads can be saved, whatever is saved loads).
#include "contract.hpp"

#include <massline/io/registry_json.hpp>

#include <string>

MASSLINE_FUZZ_TARGET(registry_json) {
  const std::string_view text = massline_fuzz::as_text(data, size);
  massline_fuzz::run([&] {
    const massline::Registry registry = massline::io::registry_from_json(text, "<fuzz>");
    const std::string saved = massline::io::registry_to_json(registry);
    try {
      massline_fuzz::require(massline::io::registry_from_json(saved, "<saved>") == registry,
                             "JSON round trip changed the registry", saved);
    } catch (const massline::Error& error) {
      massline_fuzz::broken("a saved registry does not load", error.what());
    }
  });
}
