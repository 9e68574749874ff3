// Python bindings for duplicate detection and the personal-field rules
// (massline._core.model.find_duplicate_households, find_repeat_appeals, id_number_problem,
// phone_problem, normalized_phone, normalized_text). The public entry point is
// massline.duplicates (python/massline/duplicates.py), which makes pandas frames of the columns.
//
// Both searches read the registry, so the GIL stays held (the thread contract of
// docs/python.md); interruptible() still honours Ctrl-C.
#include "bindings.hpp"
#include "interrupt.hpp"
#include "numpy_boundary.hpp"

#include <massline/model/duplicates.hpp>
#include <massline/model/personal_fields.hpp>
#include <massline/model/registry.hpp>

#include <cstdint>
#include <string>

namespace massline::python {

void register_model_duplicates(py::module_& model) {
  model.def(
      "find_duplicate_households",
      [](const Registry& registry) {
        const auto found = interruptible(Gil::keep, [&] { return find_duplicate_households(registry); });
        const std::size_t n = found.size();
        auto group = new_array<std::int64_t>(n), first = new_array<std::int64_t>(n), second = new_array<std::int64_t>(n);
        auto id_number = new_array<bool>(n), head_name = new_array<bool>(n), phone = new_array<bool>(n),
             address = new_array<bool>(n);
        auto g = elements(group), f = elements(first), s = elements(second);
        auto i = elements(id_number), h = elements(head_name), p = elements(phone), a = elements(address);
        for (std::size_t k = 0; k < n; ++k) {
          g[k] = found[k].group;
          f[k] = found[k].first.value();
          s[k] = found[k].second.value();
          i[k] = found[k].evidence.test(DuplicateEvidence::IdNumber);
          h[k] = found[k].evidence.test(DuplicateEvidence::HeadName);
          p[k] = found[k].evidence.test(DuplicateEvidence::Phone);
          a[k] = found[k].evidence.test(DuplicateEvidence::Address);
        }
        py::dict out;
        out["group"] = group;
        out["first"] = first;
        out["second"] = second;
        out["id_number"] = id_number;
        out["head_name"] = head_name;
        out["phone"] = phone;
        out["address"] = address;
        return out;
      },
      py::arg("registry"),
      "Pairs of households that look registered twice, as columns: group, first, second and one bool per shared "
      "field (id_number, head_name, phone, address). Keeps the GIL (it reads the registry); Ctrl-C stops it.");
  model.def(
      "find_repeat_appeals",
      [](const Registry& registry, std::int64_t window_days) {
        const auto found = interruptible(Gil::keep, [&] { return find_repeat_appeals(registry, window_days); });
        const std::size_t n = found.size();
        auto earlier = new_array<std::int64_t>(n), later = new_array<std::int64_t>(n), household = new_array<std::int64_t>(n),
             days = new_array<std::int64_t>(n);
        auto e = elements(earlier), l = elements(later), h = elements(household), d = elements(days);
        for (std::size_t k = 0; k < n; ++k) {
          e[k] = found[k].earlier.value();
          l[k] = found[k].later.value();
          h[k] = found[k].household.value();
          d[k] = found[k].days_apart;
        }
        py::dict out;
        out["earlier"] = earlier;
        out["later"] = later;
        out["household"] = household;
        out["days_apart"] = days;
        return out;
      },
      py::arg("registry"), py::arg("window_days") = 30,
      "Appeals raised again by the same household on the same subject within window_days, as columns: earlier, later, "
      "household, days_apart.");
  model.def(
      "id_number_problem", [](std::string_view number) { return id_number_problem(number); }, py::arg("number"),
      "Why `number` is not a resident identity number (GB 11643), or '' when it is one (or empty).");
  model.def(
      "phone_problem", [](std::string_view phone) { return phone_problem(phone); }, py::arg("phone"),
      "Why `phone` is not a phone number as registers write it, or '' when it is one (or empty).");
  model.def(
      "normalized_phone", [](std::string_view phone) { return normalized_phone(phone); }, py::arg("phone"),
      "The digits of `phone`, without a leading +86/0086.");
  model.def(
      "normalized_text", [](std::string_view text) { return normalized_text(text); }, py::arg("text"),
      "A name or address for comparison: ASCII lower-cased, full-width forms folded, spaces, '-', '.', '·' removed.");
}

}  // namespace massline::python
