// Python bindings for massline/core/random.hpp: deterministic, keyed random streams.
// Every draw method takes an optional `size`: without it one Python number, with it a numpy
// array filled with the GIL released (the same numbers, in order, as repeated single draws).
#include "interrupt.hpp"
#include "numpy_boundary.hpp"

#include <massline/core/ids.hpp>
#include <massline/core/random.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace massline::python {
namespace {

constexpr std::uint64_t kAllOnes = ~std::uint64_t{0};

// A Python int as a 64-bit word: `wrap` reduces modulo 2^64 (key parts), otherwise the value
// must lie in 0 .. 2^64-1 (seeds, replications) and anything else is a located error.
std::uint64_t to_word(const py::handle& value, const char* field, bool wrap) {
  if (!py::isinstance<py::int_>(value) || py::isinstance<py::bool_>(value))
    throw py::type_error(std::string("RandomStream: ") + field + " must be an int, got " +
                         py::str(py::type::of(value).attr("__name__")).cast<std::string>());
  const py::int_ number = py::reinterpret_borrow<py::int_>(value);
  if (wrap) return (number & py::int_(kAllOnes)).cast<std::uint64_t>();
  if (number < py::int_(0) || number > py::int_(kAllOnes))
    throw InvalidArgument("random.invalid_argument", std::string(field) + " out of range",
                          Location::of("RandomStream", field),
                          "must be 0 .. 2**64-1, got " + py::repr(number).cast<std::string>());
  return number.cast<std::uint64_t>();
}

// One derivation step for a Python key part: int (mod 2^64), str, or a typed id.
template <class Tag, class... Rest>
bool derive_id(RandomStream& stream, const py::handle& part) {
  if (py::isinstance<Id<Tag>>(part)) {
    stream = stream.derive(part.cast<Id<Tag>>());
    return true;
  }
  if constexpr (sizeof...(Rest) > 0) return derive_id<Rest...>(stream, part);
  return false;
}

RandomStream derive_parts(RandomStream stream, const py::args& parts) {
  for (const py::handle part : parts) {
    if (py::isinstance<py::str>(part)) {
      stream = stream.derive(part.cast<std::string>());
    } else if (py::isinstance<py::int_>(part) && !py::isinstance<py::bool_>(part)) {
      stream = stream.derive(to_word(part, "key part", true));
    } else if (!derive_id<OrgTag, MemberTag, HouseholdTag, PairingTag, CommitmentTag, ServicePostTag, ContactTag,
                          AppealTag, SurveyResponseTag>(stream, part)) {
      throw py::type_error("RandomStream.derive: key parts are int, str or a massline id, got " +
                           py::str(py::type::of(part).attr("__name__")).cast<std::string>());
    }
  }
  return stream;
}

// Draws between two looks at the cancellation flag.
constexpr std::size_t kDrawsPerCancelCheck = std::size_t{1} << 16;

// One draw, or `size` draws into a new array with the GIL released.
template <class T, class Draw>
py::object draw(RandomStream& stream, const std::optional<py::ssize_t>& size, Draw&& one) {
  if (!size) return py::cast(one(stream));
  if (*size < 0)
    throw InvalidArgument("random.invalid_argument", "negative size", Location::of("RandomStream", "size"),
                          "size must be >= 0, got " + std::to_string(*size));
  RandomStream probe = stream;  // bad parameters fail here, before anything is drawn (also for size 0)
  (void)one(probe);
  auto out = new_array<T>(static_cast<std::size_t>(*size));
  // The stream is mutable and shared with Python, so the GIL stays held (docs/python.md,
  // "Threads"); the draws go into a copy that replaces the stream only when all were drawn,
  // so Ctrl-C leaves it where it was.
  const auto values = elements(out);
  stream = interruptible(Gil::keep, [&] {
    RandomStream work = stream;
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i % kDrawsPerCancelCheck == 0) throw_if_cancelled();
      values[i] = one(work);
    }
    return work;
  });
  return out;
}

py::tuple key_tuple(const StreamKey& key) { return py::make_tuple(key.hi, key.lo); }

py::tuple state_tuple(const RandomStream& s) {
  const auto& st = s.state();
  return py::make_tuple(st[0], st[1], st[2], st[3]);
}

StreamKey key_from(const py::handle& key) {
  const auto parts = key.cast<py::sequence>();
  if (parts.size() != 2) throw py::type_error("RandomStream: a key is a pair (hi, lo) of ints");
  return {to_word(parts[0], "key.hi", false), to_word(parts[1], "key.lo", false)};
}

std::array<std::uint64_t, 4> state_from(const py::handle& state) {
  const auto words = state.cast<py::sequence>();
  if (words.size() != 4) throw py::type_error("RandomStream: a state is a sequence of 4 ints");
  std::array<std::uint64_t, 4> out{};
  for (std::size_t i = 0; i < 4; ++i) out[i] = to_word(words[i], "state", false);
  return out;
}

}  // namespace

void register_random(py::module_& core) {
  using Size = std::optional<py::ssize_t>;
  py::class_<RandomStream> cls(
      core, "RandomStream",
      "A deterministic random stream (xoshiro256** keyed by hashing): the same key gives the same "
      "sequence on every machine and thread count, and streams for different keys are independent. "
      "Name streams by what they are for, never by creation order: "
      "RandomStream(seed).derive(replication, household_id, 'visits').");
  cls.def(py::init([](const py::int_& seed) { return RandomStream(to_word(seed, "seed", false)); }), py::arg("seed"),
          "The root stream of `seed` (0 .. 2**64-1).")
      .def(py::init([](const py::int_& seed, const py::int_& replication, const py::object& entity) {
             return derive_parts(RandomStream(to_word(seed, "seed", false)),
                                 py::make_tuple(to_word(replication, "replication", false), entity));
           }),
           py::arg("seed"), py::arg("replication"), py::arg("entity"),
           "The stream of one entity (an int or a massline id) in one replication: "
           "RandomStream(seed).derive(replication, entity).")
      .def_static(
          "from_checkpoint",
          [](const py::object& key, const std::optional<py::object>& state) {
            const StreamKey k = key_from(key);
            return state ? RandomStream(k, state_from(*state)) : RandomStream(k);
          },
          py::arg("key"), py::arg("state") = py::none(),
          "The stream with `key` (a pair from .key) at the start of its sequence, or resumed at "
          "`state` (from .state). Raises InvalidArgument 'random.invalid_state' for an all-zero state.")
      .def("derive", &derive_parts,
           "A child stream named by the parts (int, str or massline id). It depends on this stream's "
           "key only, not on how many numbers were drawn: derive(a, b) == derive(a).derive(b).")
      .def_property_readonly("key", [](const RandomStream& s) { return key_tuple(s.key()); },
                             "The stream's 128-bit identity as (hi, lo).")
      .def_property_readonly(
          "state",
          &state_tuple,
          "The engine's position (4 ints): with .key a checkpoint for from_checkpoint().")
      .def("copy", [](const RandomStream& s) { return RandomStream(s); },
           "An independent copy that continues with the same numbers.")
      .def("__copy__", [](const RandomStream& s) { return RandomStream(s); })
      .def("__deepcopy__", [](const RandomStream& s, const py::dict&) { return RandomStream(s); }, py::arg("memo"))
      .def("__eq__", [](const RandomStream& a, const RandomStream& b) { return a.key() == b.key() && a.state() == b.state(); },
           py::is_operator())
      .def("__repr__",
           [](const RandomStream& s) {
             return "RandomStream(key=(" + std::to_string(s.key().hi) + ", " + std::to_string(s.key().lo) + "))";
           })
      .def(py::pickle([](const RandomStream& s) { return py::make_tuple(key_tuple(s.key()), state_tuple(s)); },
                      [](const py::tuple& t) {
                        require_state_size(t, 2, "RandomStream");
                        return RandomStream(key_from(t[0]), state_from(t[1]));
                      }))
      .def(
          "bits", [](RandomStream& s, Size size) { return draw<std::uint64_t>(s, size, [](RandomStream& r) { return r(); }); },
          py::arg("size") = py::none(), "Raw 64-bit outputs (int, or a uint64 array of `size`).")
      .def(
          "uniform",
          [](RandomStream& s, double low, double high, Size size) {
            return draw<double>(s, size, [low, high](RandomStream& r) { return r.uniform(low, high); });
          },
          py::arg("low") = 0.0, py::arg("high") = 1.0, py::arg("size") = py::none(),
          "Uniform on [low, high) (default [0, 1) with 53 random bits).")
      .def(
          "uniform_index",
          [](RandomStream& s, std::uint64_t n, Size size) {
            return draw<std::uint64_t>(s, size, [n](RandomStream& r) { return r.uniform_index(n); });
          },
          py::arg("n"), py::arg("size") = py::none(), "Uniform integer in [0, n), without modulo bias; n > 0.")
      .def(
          "uniform_int",
          [](RandomStream& s, std::int64_t low, std::int64_t high, Size size) {
            return draw<std::int64_t>(s, size, [low, high](RandomStream& r) { return r.uniform_int(low, high); });
          },
          py::arg("low"), py::arg("high"), py::arg("size") = py::none(), "Uniform integer in the closed range [low, high].")
      .def(
          "bernoulli",
          [](RandomStream& s, double p, Size size) {
            return draw<bool>(s, size, [p](RandomStream& r) { return r.bernoulli(p); });
          },
          py::arg("p"), py::arg("size") = py::none(), "True with probability p in [0, 1].")
      .def(
          "normal",
          [](RandomStream& s, double mean, double sd, Size size) {
            return draw<double>(s, size, [mean, sd](RandomStream& r) { return r.normal(mean, sd); });
          },
          py::arg("mean") = 0.0, py::arg("sd") = 1.0, py::arg("size") = py::none(),
          "Normal with `mean` and standard deviation `sd` >= 0 (Box-Muller).")
      .def(
          "exponential",
          [](RandomStream& s, double rate, Size size) {
            return draw<double>(s, size, [rate](RandomStream& r) { return r.exponential(rate); });
          },
          py::arg("rate") = 1.0, py::arg("size") = py::none(), "Exponential with `rate` > 0 (mean 1 / rate).")
      .def(
          "poisson",
          [](RandomStream& s, double lam, Size size) {
            return draw<std::uint64_t>(s, size, [lam](RandomStream& r) { return r.poisson(lam); });
          },
          py::arg("lam"), py::arg("size") = py::none(), "Poisson with mean `lam` (exact sampler).")
      .def(
          "binomial",
          [](RandomStream& s, std::uint64_t n, double p, Size size) {
            return draw<std::uint64_t>(s, size, [n, p](RandomStream& r) { return r.binomial(n, p); });
          },
          py::arg("n"), py::arg("p"), py::arg("size") = py::none(), "Binomial(n, p) (exact sampler).");
}

}  // namespace massline::python
