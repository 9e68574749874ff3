// The `massline` command (docs/cli.md): parses the command line with CLI11, runs the selected
// subcommand inside a cancellation scope that Ctrl-C sets, and turns every outcome into one of
// the documented exit codes (<massline/cli/exit_code.hpp>).
#include "commands.hpp"

#include <massline/cli/exit_code.hpp>
#include <massline/core/cancellation.hpp>
#include <massline/core/error.hpp>

#include <atomic>
#include <csignal>
#include <exception>
#include <iostream>
#include <string>

#include <unistd.h>

#ifndef MASSLINE_VERSION
#define MASSLINE_VERSION "unknown"
#endif

namespace {

std::atomic<bool> interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the SIGINT handler stores into it");

// The first Ctrl-C asks the work to stop at its next safe point; a second one kills the process
// (the handler is reset to the default), for work that does not check in time.
extern "C" void on_interrupt(int) {
  interrupted.store(true);
  std::signal(SIGINT, SIG_DFL);
}

const char* const kFooter =
    "Exit codes: 0 ok, 1 findings (validate problems, --fail-on-short, --fail-on-accountable), 2 usage error,\n"
    "3 bad input file or store (the located error is on stderr), 4 output not written or computation failed,\n"
    "130 interrupted. STORE is a SQLite store (.sqlite, .sqlite3, .db) or a registry JSON file (.json).\n"
    "Documentation: docs/cli.md.";

}  // namespace

int main(int argc, char** argv) {
  using massline::cli::ExitCode;
  using massline::cli::exit_status;

  massline::cli::Console console{std::cout, std::cerr, false};
  CLI::App app{"massline: registries, compliance, simulation and appraisal of the contact-and-service network "
               "(党员联系和服务群众)",
               "massline"};
  app.set_version_flag("--version", std::string(MASSLINE_VERSION));
  app.require_subcommand(1);
  app.footer(kFooter);
  std::string progress = "auto";
  app.add_option("--progress", progress, "draw a progress line on stderr: auto (when stderr is a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();

  massline::cli::Action action;
  massline::cli::add_generate(app, console, action);
  massline::cli::add_import(app, console, action);
  massline::cli::add_validate(app, console, action);
  massline::cli::add_export(app, console, action);
  massline::cli::add_check(app, console, action);
  massline::cli::add_simulate(app, console, action);
  massline::cli::add_sweep(app, console, action);
  massline::cli::add_score(app, console, action);
  massline::cli::add_report(app, console, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    (void)app.exit(e);  // prints the message and a pointer to --help
    return exit_status(ExitCode::Usage);
  }
  console.progress = progress == "always" || (progress == "auto" && isatty(STDERR_FILENO) == 1);

  const std::string command = app.get_subcommands().empty() ? "" : app.get_subcommands().front()->get_name();
  const auto fail = [&command](ExitCode code, const std::string& message) {
    std::cout.flush();
    std::cerr << "massline " << command << ": " << message << '\n';
    return exit_status(code);
  };
  std::signal(SIGINT, on_interrupt);
  const massline::CancellationScope scope(&interrupted);
  try {
    const ExitCode code = action();
    massline::throw_if_cancelled();  // interrupted after the last check: say so rather than claim success
    return exit_status(code);
  } catch (const massline::Cancelled&) {
    return fail(ExitCode::Cancelled, "interrupted; nothing was written");
  } catch (const massline::cli::Exit& e) {
    return fail(e.code(), e.what());
  } catch (const massline::InvalidArgument& e) {
    // What reaches here came from the command line's values (parameter names and values,
    // presets, keys): the inputs' own errors were turned into BadInput where they were read.
    return fail(ExitCode::Usage, e.what());
  } catch (const massline::NotFound& e) {
    return fail(ExitCode::Usage, e.what());
  } catch (const std::exception& e) {
    return fail(ExitCode::Failed, e.what());
  }
}
