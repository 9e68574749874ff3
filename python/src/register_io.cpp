// Python bindings for the io layer (massline._core.io): the indicator-system file
// (docs/formats.md; massline.scoring.IndicatorSystem builds its to_json/from_json/save/load and
// its pickling on these functions) and the appeal-log readers (docs/formats.md, "Appeal logs").
#include "bindings.hpp"
#include "interrupt.hpp"

#include <massline/io/appeal_logs.hpp>
#include <massline/io/indicator_system_file.hpp>
#include <massline/scoring/indicator_system.hpp>

#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <optional>
#include <string>

namespace massline::python {

void register_io(py::module_& io_module) {
  using scoring::IndicatorSystem;
  io_module.def(
      "indicator_system_to_json",
      [](const IndicatorSystem& system, int indent) { return io::indicator_system_to_json(system, indent); },
      py::arg("system"), py::arg("indent") = 2,
      "The system as JSON text (docs/formats.md); indent < 0 writes one line. Raises InvalidArgument "
      "'indicator_file.value' for a non-finite number.");
  io_module.def(
      "indicator_system_from_json",
      [](const std::string& text, const std::string& source, StrictBool check_structure) {
        return io::indicator_system_from_json(text, source,
                                              check_structure ? io::StructureCheck::Check : io::StructureCheck::Skip);
      },
      py::arg("text"), py::arg("source") = "<string>", py::arg("check_structure") = true,
      "Reads JSON text (docs/formats.md); raises ParseError located by line and column or by node and JSON "
      "pointer, with `source` as the file name. check_structure=False skips IndicatorSystem.check(), so "
      "a half-built system (as pickled) reads back.");
  io_module.def(
      "save_indicator_system",
      [](const IndicatorSystem& system, const std::filesystem::path& path) { io::save_indicator_system(system, path); },
      py::arg("system"), py::arg("path"),
      "Writes the system as JSON; an existing file is replaced whole or left untouched.");
  io_module.def(
      "load_indicator_system", [](const std::filesystem::path& path) { return io::load_indicator_system(path); },
      py::arg("path"), "Reads an indicator-system JSON file (errors located in the file).");

  // The readers build a new Registry from a file and touch no Python object, so the GIL is
  // released while they read (docs/python.md, "Threads"); Ctrl-C stops them between rows.
  using Reader = Registry (*)(const std::filesystem::path&);
  const auto bind_reader = [&](const char* name, Reader read, const char* doc) {
    io_module.def(
        name, [read](const std::filesystem::path& path) { return interruptible(Gil::release, [&] { return read(path); }); },
        py::arg("path"), doc);
  };
  bind_reader("read_nyc311", &io::read_nyc311,
              "Reads a NYC 311 service-request CSV export into a new Registry: a root 'NYC 311', one organisation per "
              "Agency, one appeal per row (docs/formats.md, 'Appeal logs'). Raises ParseError 'nyc311.*' located by file, "
              "line and column; nothing is returned unless every row is good. The GIL is released while reading.");
  bind_reader("read_open311", &io::read_open311,
              "Reads an Open311 GeoReport v2 JSON array of service requests into a new Registry: a root 'Open311', one "
              "organisation per agency_responsible (docs/formats.md, 'Appeal logs'). Raises ParseError 'open311.*' located "
              "by file and JSON pointer. The GIL is released while reading.");
  bind_reader("read_cn_messages", &io::read_cn_messages,
              "Reads the TipDM 2020 government message-board CSV into a new Registry: one organisation for the board, one "
              "appeal per message (docs/formats.md, 'Appeal logs'). Raises ParseError 'cn_messages.*' located by file, line "
              "and column. The GIL is released while reading.");
  io_module.def(
      "import_appeal_log",
      [](Registry& registry, const std::filesystem::path& path, const std::string& format, std::optional<OrgId> parent) {
        const auto chosen = from_name<io::AppealLogFormat>(format, "appeal-log format");
        note_registry_change();
        // Changes a registry Python can reach: the GIL is held throughout (docs/python.md,
        // "Threads"); Ctrl-C stops the file's reading, which comes before any change.
        return interruptible(Gil::keep, [&] { return io::import_appeal_log(registry, path, chosen, parent); });
      },
      py::arg("registry"), py::arg("path"), py::arg("format"), py::arg("parent") = py::none(),
      "Imports the appeal log at `path` ('nyc311', 'open311' or 'cn_messages') into `registry`, whole or not at all: "
      "its root goes one level below `parent` (at level 1 or 2), or becomes a new level-1 root. Returns the root's "
      "OrgId. Raises the reader's ParseError, InvalidArgument 'appeal_log.parent', NotFound for an unknown parent, "
      "IntegrityError 'integrity.duplicate_code' for a code already in the registry; on error the registry is "
      "unchanged.");
}

}  // namespace massline::python
