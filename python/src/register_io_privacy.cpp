// Python bindings for privacy-scoped exports and pseudonyms (massline._core.io.scope_registry,
// pseudonym, pseudonymize); the public entry points are in massline.io (python/massline/io.py).
//
// Both read or change a registry, so the GIL stays held (the thread contract of docs/python.md);
// interruptible() still honours Ctrl-C.
#include "bindings.hpp"
#include "interrupt.hpp"

#include <massline/io/registry_scope.hpp>

#include <string>

namespace massline::python {

void register_io_privacy(py::module_& io_module) {
  io_module.def(
      "scope_registry",
      [](const Registry& registry, OrgId root) {
        auto scoped = interruptible(Gil::keep, [&] { return io::scope_registry(registry, root); });
        auto entries = [](const std::vector<io::ScopeReport::Entry>& list) {
          py::list out;
          for (const auto& e : list) out.append(py::make_tuple(e.table, e.reason, e.count));
          return out;
        };
        return py::make_tuple(std::move(scoped.registry), entries(scoped.report.dropped), entries(scoped.report.cleared));
      },
      py::arg("registry"), py::arg("root"),
      "The part of the registry inside root's subtree (ids unchanged) and what was left out: (registry, dropped, "
      "cleared), the last two lists of (table, reason, count). docs/formats.md, \"Privacy\".");
  io_module.def(
      "pseudonym",
      [](const std::string& key, const std::string& field, const std::string& value) { return io::pseudonym(key, field, value); },
      py::arg("key"), py::arg("field"), py::arg("value"),
      "The token of a personal value under a key: '#' and 20 hex digits of HMAC-SHA-256 over the field and the "
      "value's normal form ('' for '').");
  io_module.def(
      "pseudonymize",
      [](Registry& registry, const std::string& key) {
        return interruptible(Gil::keep, [&] {
          io::pseudonymize(registry, key);
          return true;
        });
      },
      py::arg("registry"), py::arg("key"),
      "Replaces every personal field by its pseudonym under the key, in place, whole or not at all. Returns True.");
}

}  // namespace massline::python
