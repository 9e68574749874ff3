// Python bindings for the synth layer (massline._core.synth): the synthetic-population
// generator. The public entry point is massline.synth.generate (python/massline/synth.py).
#include "bindings.hpp"
#include "interrupt.hpp"

#include <massline/synth/generate.hpp>
#include <massline/synth/params.hpp>
#include <massline/model/organization.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace massline::python {

void register_synth(py::module_& synth_module) {
  py::enum_<synth::ParameterType>(synth_module, "ParameterType", "How a synth parameter's value is read.")
      .value("count", synth::ParameterType::Count)
      .value("real", synth::ParameterType::Real)
      .value("flag", synth::ParameterType::Flag);

  py::class_<synth::ParameterInfo>(synth_module, "ParameterInfo", "Description of one numeric synth parameter.")
      .def_readonly("name", &synth::ParameterInfo::name, "Keyword name, e.g. 'households'.")
      .def_readonly("type", &synth::ParameterInfo::type, "ParameterType: count (int), real (float) or flag (bool).")
      .def_readonly("min", &synth::ParameterInfo::min, "Smallest allowed value.")
      .def_readonly("max", &synth::ParameterInfo::max, "Largest allowed value.")
      .def_readonly("description", &synth::ParameterInfo::description, "One line.")
      .def_readonly("source", &synth::ParameterInfo::source, "Where the default comes from.")
      .def("__repr__", [](const synth::ParameterInfo& p) {
        return "ParameterInfo(name=" + py::repr(py::str(p.name)).cast<std::string>() + ", type=" +
               py::repr(py::cast(p.type)).cast<std::string>() + ", min=" + py::repr(py::float_(p.min)).cast<std::string>() +
               ", max=" + py::repr(py::float_(p.max)).cast<std::string>() + ")";
      });

  synth_module.def("parameters", &synth::parameters, py::return_value_policy::copy,
         "Every numeric synth parameter (list of ParameterInfo), in the order of docs/synth.md.");
  synth_module.def("preset_names", &synth::preset_names, "The preset names: 'quyuan', 'wujiagang', 'county'.");
  synth_module.def(
      "preset",
      [](const std::string& name) { return synth::to_map(synth::preset(name)); }, py::arg("preset"),
      "The numeric parameters of a preset as {name: value}; raises InvalidArgument 'synth.unknown_preset'.");
  synth_module.def(
      "generate",
      [](const std::string& preset, std::uint64_t seed, const synth::Overrides& overrides,
         const std::optional<std::string>& code_prefix, std::optional<OrgKind> community_kind,
         std::optional<OrgKind> grid_kind) {
        synth::SynthParams params = synth::preset(preset);
        synth::apply_overrides(params, overrides);
        if (code_prefix) params.code_prefix = *code_prefix;
        if (community_kind) params.community_kind = *community_kind;
        if (grid_kind) params.grid_kind = *grid_kind;
        // Pure C++ on a copy of the parameters from here on; may take seconds for a province.
        return interruptible(Gil::release, [&] { return synth::generate(params, seed); });
      },
      py::arg("preset"), py::arg("seed"), py::arg("overrides"), py::kw_only(), py::arg("code_prefix") = py::none(),
      py::arg("community_kind") = py::none(), py::arg("grid_kind") = py::none(),
      "Builds preset `preset` with `overrides` ({name: number}) and the non-numeric parameters from `seed`; "
      "the GIL is released while generating. Raises InvalidArgument 'synth.unknown_preset', "
      "'synth.unknown_parameter' or 'synth.bad_parameter'. Use massline.synth.generate instead.");
}

}  // namespace massline::python
