//! Entry point of the desktop app.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    // Started again by ourselves to read one PDF, DOCX or e-mail in isolation.
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some(quotemap_core::ingest::worker::WORKER_FLAG) {
        let code = quotemap_core::ingest::worker::run_worker(
            &args[1..],
            std::io::stdin().lock(),
            std::io::stdout().lock(),
        );
        return std::process::ExitCode::from(code as u8);
    }
    quotemap_desktop::run()
}
