//! Start-up: the library this process will have. It claims the library (or
//! hands its files to the process that has it) and opens it; when the library
//! cannot be opened, a dialog gives the reason and the choices — open another,
//! make a new one, quit — before any window exists (rfd, the same GTK dialogs
//! tauri-plugin-dialog uses).

use crate::single_instance;
use quotemap_core::api::{self, Library};
use std::path::{Path, PathBuf};

/// How the start-up ended up with its library.
pub enum Opened {
    /// This process has the library (and listens for later launches, if it can).
    Library {
        path: PathBuf,
        library: Box<Library>,
        listener: Option<std::os::unix::net::UnixListener>,
        socket: PathBuf,
    },
    /// Another process has the library and took the files.
    HandedOver,
    /// The library could not be opened and the user chose to quit.
    Quit,
}

/// Claims `path` for this process (or hands `files` to the one that has it) and
/// opens it; when it cannot be opened (locked, newer, damaged, not allowed), a
/// dialog gives the reason and the choices: open another, make a new one, quit.
pub fn open_or_ask(mut path: PathBuf, files: &[PathBuf]) -> Opened {
    loop {
        let socket = single_instance::socket_path(&path, |name| std::env::var(name).ok());
        let listener = match single_instance::claim(&socket, files) {
            Ok(single_instance::Claim::HandedOver) => {
                eprintln!(
                    "quotemap: {} is open in a Quotemap window already; {} file(s) handed to it",
                    path.display(),
                    files.len()
                );
                return Opened::HandedOver;
            }
            Ok(single_instance::Claim::First(listener)) => Some(listener),
            Err(error) => {
                // Not fatal: the window works, only later launches open their own.
                eprintln!(
                    "quotemap: cannot listen for later launches on {}: {error}",
                    socket.display()
                );
                None
            }
        };
        let error = match api::open_library(&path) {
            Ok(library) => {
                return Opened::Library {
                    path,
                    library: Box::new(library),
                    listener,
                    socket,
                };
            }
            Err(error) => error,
        };
        drop(listener);
        let _ = std::fs::remove_file(&socket);
        eprintln!(
            "quotemap: cannot open the library {}: {error}",
            path.display()
        );
        match ask_after_open_failure(&path, &api::open_failure_reason(&error)) {
            AfterOpenFailure::OpenAnother(other) | AfterOpenFailure::New(other) => path = other,
            AfterOpenFailure::Quit => return Opened::Quit,
        }
    }
}

/// What the user chose when the library would not open.
enum AfterOpenFailure {
    OpenAnother(PathBuf),
    New(PathBuf),
    Quit,
}

const OPEN_ANOTHER: &str = "Open another library…";
const NEW_LIBRARY: &str = "New library…";
const QUIT: &str = "Quit";

fn ask_after_open_failure(path: &Path, reason: &str) -> AfterOpenFailure {
    loop {
        let choice = rfd::MessageDialog::new()
            .set_level(rfd::MessageLevel::Error)
            .set_title("Quotemap cannot open the library")
            .set_description(format!(
                "{}\n\n{reason}\n\nThe file has not been changed. \
                 You can open another library, make a new one, or quit.",
                path.display()
            ))
            .set_buttons(rfd::MessageButtons::YesNoCancelCustom(
                OPEN_ANOTHER.to_owned(),
                NEW_LIBRARY.to_owned(),
                QUIT.to_owned(),
            ))
            .show();
        let folder = path.parent().unwrap_or(Path::new("/"));
        match choice {
            rfd::MessageDialogResult::Custom(label) if label == OPEN_ANOTHER => {
                if let Some(other) = rfd::FileDialog::new()
                    .set_title("Open a Quotemap library")
                    .set_directory(folder)
                    .add_filter("Quotemap library", &["sqlite3", "sqlite", "db"])
                    .pick_file()
                {
                    return AfterOpenFailure::OpenAnother(other);
                }
            }
            rfd::MessageDialogResult::Custom(label) if label == NEW_LIBRARY => {
                if let Some(new) = rfd::FileDialog::new()
                    .set_title("Make a new Quotemap library")
                    .set_directory(folder)
                    .set_file_name("library.sqlite3")
                    .save_file()
                {
                    return AfterOpenFailure::New(new);
                }
            }
            // Quit, the window closed, Escape.
            _ => return AfterOpenFailure::Quit,
        }
        // A file dialog cancelled: back to the choices.
    }
}
