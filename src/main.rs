use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use notebench::cli::{Cli, Command};
use notebench::exit::{CmdError, Exit};
use notebench::sanitize::visible;
use notebench::setup::Setup;
use notebench::{commands, logging, tui};

/// Counts allocations per thread for the benchmark runner's allocs/op and bytes/op.
#[global_allocator]
static ALLOCATOR: notebench::bench::alloc::CountingAllocator =
    notebench::bench::alloc::CountingAllocator;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let setup = Setup::new(&cli.global);
    logging::init(&setup.paths.log_file());
    match run(cli, &setup) {
        Ok(exit) => ExitCode::from(exit.code()),
        Err(e) => {
            for line in e.message.lines() {
                eprintln!("notebench: {}", visible(line));
            }
            ExitCode::from(e.exit.code())
        }
    }
}

fn run(cli: Cli, setup: &Setup) -> Result<Exit, CmdError> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // The TUI shows these on screen and `config` reports the config file itself.
    if !matches!(cli.command, None | Some(Command::Config)) {
        for warning in &setup.warnings {
            eprintln!("warning: {}", visible(warning));
        }
    }
    let exit = match cli.command {
        None => {
            drop(out);
            return tui::run(cli.path.as_deref(), setup);
        }
        Some(Command::Read(args)) => commands::read::run(&args, setup, &mut out),
        Some(Command::List(args)) => commands::list::run(&args, setup, &mut out),
        Some(Command::Bench(args)) => commands::bench::run(&args, &setup.paths.context(), &mut out),
        Some(Command::Manifest(args)) => {
            commands::manifest::run(&args, &setup.paths.context(), &mut out)
        }
        Some(Command::Pins(args)) => commands::pins::run(&args, &setup.paths.context(), &mut out),
        Some(Command::Config) => commands::config::run(setup, &mut out),
        Some(Command::Completions { shell }) => {
            // Generated into memory first: the generator panics on a closed pipe.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "notebench", &mut script);
            commands::write_result(out.write_all(&script))
        }
    };
    commands::write_result(out.flush())?;
    exit
}
