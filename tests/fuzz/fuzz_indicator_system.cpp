// The indicator-system file: any text is either refused with a located error or read into a
// system that saves and loads back to the same file (whatever loads can be saved, whatever is
// saved loads), in both structure modes.
#include "contract.hpp"

#include <massline/io/indicator_system_file.hpp>

#include <string>

MASSLINE_FUZZ_TARGET(indicator_system) {
  const std::string_view text = massline_fuzz::as_text(data, size);
  for (const auto mode : {massline::io::StructureCheck::Check, massline::io::StructureCheck::Skip}) {
    massline_fuzz::run([&] {
      const auto system = massline::io::indicator_system_from_json(text, "<fuzz>", mode);
      const std::string saved = massline::io::indicator_system_to_json(system);
      std::string again;
      try {
        again = massline::io::indicator_system_to_json(massline::io::indicator_system_from_json(saved, "<saved>", mode));
      } catch (const massline::Error& error) {
        massline_fuzz::broken("a saved system does not load", error.what());
      }
      massline_fuzz::require(again == saved, "save, load, save changed the file", saved);
    });
  }
}
