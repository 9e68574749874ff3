// Python bindings of the registry files (massline._core.io): the registry JSON file, the
// registry CSV directory and the SQLite store (docs/formats.md). massline.io.load/save choose
// between them by path.
// Saving reads the registry, so it keeps the GIL (docs/python.md, "Threads"); loading builds a
// new registry from a file and touches no Python object, so it lets other threads run. Both
// honour Ctrl-C on big files (interrupt.hpp): nothing is half built when they stop. The store's
// save copies the registry while it holds the GIL and writes the copy without it (a store save
// of a big registry takes seconds; the copy a fraction of that); its appends take copies of
// the values, so they release the GIL too. A cancelled store write rolls back its transaction.
#include "bindings.hpp"
#include "interrupt.hpp"

#include <massline/io/registry_csv.hpp>
#include <massline/io/registry_json.hpp>
#include <massline/io/sqlite_store.hpp>

#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <string>
#include <vector>

namespace massline::python {

void register_io_registry(py::module_& io_module) {
  io_module.def(
      "registry_to_json",
      [](const Registry& registry) { return interruptible(Gil::keep, [&] { return io::registry_to_json(registry); }); },
      py::arg("registry"),
      "The whole registry as registry JSON text (format 'massline.registry', docs/formats.md), ids included.");
  io_module.def(
      "registry_from_json",
      [](const std::string& text, const std::string& source) {
        return interruptible(Gil::release, [&] { return io::registry_from_json(text, source); });
      },
      py::arg("text"), py::arg("source") = "<string>",
      "Reads registry JSON text into a new Registry with the saved ids. Raises ParseError (or the "
      "problem itself) listing every problem with file, row, column and reason; `source` names the text.");
  io_module.def(
      "save_registry_json",
      [](const Registry& registry, const std::filesystem::path& path) {
        return interruptible(Gil::keep, [&] {
          io::save_registry_json(registry, path);
          return true;
        });
      },
      py::arg("registry"), py::arg("path"),
      "Writes the registry JSON file; an existing file is replaced whole or left untouched. Returns True.");
  io_module.def(
      "load_registry_json",
      [](const std::filesystem::path& path) {
        return interruptible(Gil::release, [&] { return io::load_registry_json(path); });
      },
      py::arg("path"), "Reads a registry JSON file into a new Registry (errors located in the file).");
  io_module.def(
      "save_registry_csv",
      [](const Registry& registry, const std::filesystem::path& directory, StrictBool byte_order_mark,
         StrictBool chinese_headers) {
        return interruptible(Gil::keep, [&] {
          io::save_registry_csv(registry, directory, {.byte_order_mark = byte_order_mark, .chinese_headers = chinese_headers});
          return true;
        });
      },
      py::arg("registry"), py::arg("directory"), py::kw_only(), py::arg("byte_order_mark") = false,
      py::arg("chinese_headers") = false,
      "Writes one <table>.csv per table into the directory (created if missing), each file replaced "
      "atomically. byte_order_mark starts each file with the UTF-8 BOM; chinese_headers writes the Chinese "
      "column labels. Returns True.");
  io_module.def(
      "load_registry_csv",
      [](const std::filesystem::path& directory) {
        return interruptible(Gil::release, [&] { return io::load_registry_csv(directory); });
      },
      py::arg("directory"),
      "Reads a registry CSV directory into a new Registry; whole or nothing, every problem of every file "
      "listed with file, row, column and reason.");
  io_module.def(
      "save_registry_sqlite",
      [](const Registry& registry, const std::filesystem::path& path) {
        Registry copy = registry;  // under the GIL: no other thread changes it meanwhile
        return interruptible(Gil::release, [&] {
          io::save_registry_sqlite(copy, path);
          return true;
        });
      },
      py::arg("registry"), py::arg("path"),
      "Saves the registry to the SQLite store in one transaction (WAL mode), replacing what it held; a "
      "failure or a crash part way leaves the previous contents. Refuses files that are not massline stores. "
      "Returns True.");
  io_module.def(
      "load_registry_sqlite",
      [](const std::filesystem::path& path) {
        return interruptible(Gil::release, [&] { return io::load_registry_sqlite(path); });
      },
      py::arg("path"),
      "Reads the registry of a SQLite store, upgrading an older layout first; whole or nothing, every problem "
      "located by file, table, row id and column.");
  io_module.def(
      "sqlite_store_version",
      [](const std::filesystem::path& path) { return io::sqlite_store_version(path); }, py::arg("path"),
      "The layout version of a SQLite store (PRAGMA user_version), without upgrading it.");
  io_module.attr("SQLITE_STORE_VERSION") = io::kSqliteStoreVersion;
  io_module.def(
      "append_contacts",
      [](const std::filesystem::path& path, std::vector<Contact> contacts) {
        return interruptible(Gil::release, [&] { return io::append_contacts(path, contacts); });
      },
      py::arg("path"), py::arg("contacts"),
      "Appends contacts to a SQLite store in one transaction, each checked against the stored registry; "
      "returns their new ids. Nothing is written when any fails.");
  io_module.def(
      "append_appeals",
      [](const std::filesystem::path& path, std::vector<Appeal> appeals) {
        return interruptible(Gil::release, [&] { return io::append_appeals(path, appeals); });
      },
      py::arg("path"), py::arg("appeals"),
      "Appends appeals to a SQLite store in one transaction (codes new to the store); returns their new ids.");
  io_module.def(
      "append_survey_responses",
      [](const std::filesystem::path& path, std::vector<SurveyResponse> responses) {
        return interruptible(Gil::release, [&] { return io::append_survey_responses(path, responses); });
      },
      py::arg("path"), py::arg("responses"),
      "Appends survey responses to a SQLite store in one transaction; returns their new ids.");
  io_module.def(
      "chinese_column_label", [](const std::string& column) { return std::string(io::chinese_column_label(column)); },
      py::arg("column"), "The Chinese label of a column name, accepted in CSV headers ('' for an unknown name).");
}

}  // namespace massline::python
