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
    /// The library could not be opened and the user chose another one (or a new
    /// one): the program starts again on it (see [`start_again_on`]).
    Another(PathBuf),
    /// The library could not be opened and the user chose to quit.
    Quit,
}

/// Claims `path` for this process (or hands `files` to the one that has it) and
/// opens it; when it cannot be opened (locked, newer, damaged, not allowed), a
/// dialog gives the reason and the choices: open another, make a new one, quit.
pub fn open_or_ask(path: PathBuf, files: &[PathBuf]) -> Opened {
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
    // Articles an older engine analysed are analysed again behind the window
    // (`reanalyse_in_background`): after an upgrade a large library would
    // otherwise open minutes late.
    let error = match api::open_library_leaving_outdated(&path) {
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
        AfterOpenFailure::OpenAnother(other) | AfterOpenFailure::New(other) => {
            Opened::Another(other)
        }
        AfterOpenFailure::Quit => Opened::Quit,
    }
}

/// Replaces this process with the program started again on `library`, with the
/// same files to import. A fresh process because the dialogs above ran GTK on a
/// thread of rfd's own, which keeps GTK's main context: the window's event loop
/// could not have it (tao panics "Failed to acquire ownership of main context").
/// Returns only when the program cannot be started again.
pub fn start_again_on(library: &Path, files: &[PathBuf]) -> std::io::Error {
    use std::os::unix::process::CommandExt;
    match std::env::current_exe() {
        Ok(program) => std::process::Command::new(program)
            .arg("--library")
            .arg(library)
            .arg("--")
            .args(files)
            .exec(),
        Err(error) => error,
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
                    .set_file_name(unused_library_name(folder))
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

/// The name the "New library…" dialog suggests in `folder`: `library.sqlite3`,
/// else the first `library-N.sqlite3` not taken, so that pressing Save never
/// offers to replace a file (the library that would not open is often
/// `library.sqlite3` itself).
fn unused_library_name(folder: &Path) -> String {
    (1..)
        .map(|n| match n {
            1 => "library.sqlite3".to_owned(),
            n => format!("library-{n}.sqlite3"),
        })
        .find(|name| !folder.join(name).exists())
        .unwrap_or_else(|| "library.sqlite3".to_owned())
}

#[cfg(test)]
mod tests {
    use super::unused_library_name;

    #[test]
    fn the_new_library_name_is_one_the_folder_does_not_have() {
        let folder = tempfile::tempdir().unwrap();
        assert_eq!(unused_library_name(folder.path()), "library.sqlite3");
        std::fs::write(folder.path().join("library.sqlite3"), "not a library").unwrap();
        assert_eq!(unused_library_name(folder.path()), "library-2.sqlite3");
        std::fs::write(folder.path().join("library-2.sqlite3"), "").unwrap();
        assert_eq!(unused_library_name(folder.path()), "library-3.sqlite3");
    }
}
