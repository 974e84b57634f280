//! Entry point of the desktop app.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    // Started again by ourselves to read one PDF, DOCX or e-mail in isolation.
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(code) = quotemap_core::api::run_extract_worker_if_asked(&args) {
        return std::process::ExitCode::from(code);
    }
    quotemap_desktop::memory_settings::restart_with_memory_settings();
    quotemap_desktop::run()
}
