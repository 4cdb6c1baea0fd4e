//! The `followup` binary: all the work is in the library.

fn main() -> std::process::ExitCode {
    followup::cli::main()
}
