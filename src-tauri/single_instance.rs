//! One process per library: the first launch on a library listens on a Unix
//! socket named after it; a later launch on the same library hands its files to
//! that process (which imports them and comes to the front) and exits. Keyed by
//! the library, not by the app, so two different libraries may be open at once
//! (ADR 13 says why this is not tauri-plugin-single-instance).

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What a later launch sends: the files it was given (absolute paths).
#[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
pub struct Handover {
    pub files: Vec<PathBuf>,
}

/// A message larger than this is not a list of paths.
const MAX_MESSAGE_BYTES: u64 = 4 << 20;
/// A launch that connects and then says nothing is not waited for longer.
const READ_TIMEOUT: Duration = Duration::from_secs(5);

/// The outcome of asking for the library.
pub enum Claim {
    /// This process is the library's: it listens for later launches.
    First(UnixListener),
    /// Another process has the library and took the files.
    HandedOver,
}

/// Where the socket of `library` lives: the user's runtime folder (private to
/// the user), else a folder of the user's own in the temporary folder; named by
/// a hash of the library's full path, since a socket path is short (108 bytes).
pub fn socket_path(library: &Path, env: impl Fn(&str) -> Option<String>) -> PathBuf {
    let full = std::path::absolute(library).unwrap_or_else(|_| library.to_path_buf());
    let folder = match env("XDG_RUNTIME_DIR").filter(|dir| !dir.is_empty()) {
        Some(runtime) => PathBuf::from(runtime).join("quotemap"),
        None => std::env::temp_dir().join(format!("quotemap-{}", user_id())),
    };
    folder.join(format!(
        "{:016x}.sock",
        fnv1a(full.as_os_str().as_encoded_bytes())
    ))
}

/// Becomes the library's process, or hands `files` to the one that is.
pub fn claim(socket: &Path, files: &[PathBuf]) -> std::io::Result<Claim> {
    if let Some(folder) = socket.parent() {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(folder)?;
        // Only this user may reach the socket (a shared temporary folder).
        std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o700))?;
    }
    // Twice: a socket left by a process that died is removed and bound again.
    for _ in 0..2 {
        match UnixListener::bind(socket) {
            Ok(listener) => return Ok(Claim::First(listener)),
            Err(error) if error.kind() == std::io::ErrorKind::AddrInUse => {
                match hand_over(socket, files) {
                    Ok(()) => return Ok(Claim::HandedOver),
                    // Nobody listens: the owner died without removing it.
                    Err(error)
                        if matches!(
                            error.kind(),
                            std::io::ErrorKind::ConnectionRefused | std::io::ErrorKind::NotFound
                        ) =>
                    {
                        std::fs::remove_file(socket)?;
                    }
                    // Someone listens but did not answer: their socket is left alone.
                    Err(error) => return Err(error),
                }
            }
            Err(error) => return Err(error),
        }
    }
    Err(std::io::Error::other(format!(
        "{} is in use and does not answer",
        socket.display()
    )))
}

/// Sends `files` to the library's process and waits for its word that it has them.
fn hand_over(socket: &Path, files: &[PathBuf]) -> std::io::Result<()> {
    let mut stream = UnixStream::connect(socket)?;
    stream.set_read_timeout(Some(READ_TIMEOUT))?;
    let message = serde_json::to_string(&Handover {
        files: files.to_vec(),
    })?;
    stream.write_all(message.as_bytes())?;
    stream.write_all(b"\n")?;
    let mut answer = String::new();
    BufReader::new(stream).read_line(&mut answer)?;
    if answer.trim_end() == "ok" {
        Ok(())
    } else {
        Err(std::io::Error::other(
            "the running Quotemap did not take the files",
        ))
    }
}

/// Answers later launches for as long as the process runs: each one's files
/// go to `received` (an empty list: just come to the front).
pub fn listen(listener: UnixListener, received: impl Fn(Handover) + Send + 'static) {
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            match read_handover(&stream) {
                Ok(handover) => {
                    let _ = (&stream).write_all(b"ok\n");
                    received(handover);
                }
                Err(error) => log::warn!("a later launch sent nothing usable: {error}"),
            }
        }
    });
}

fn read_handover(stream: &UnixStream) -> std::io::Result<Handover> {
    stream.set_read_timeout(Some(READ_TIMEOUT))?;
    let mut line = String::new();
    BufReader::new(stream.take(MAX_MESSAGE_BYTES)).read_line(&mut line)?;
    serde_json::from_str(&line).map_err(std::io::Error::other)
}

/// FNV-1a over bytes: the same name from every build of the app (std's hasher
/// may change between Rust releases, and two versions must find each other).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// This process's user id (the owner of `/proc/self`); only for naming a private
/// folder when there is no runtime folder.
fn user_id() -> u32 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").map_or(0, |m| m.uid())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn a_later_launch_hands_its_files_to_the_first_and_a_stale_socket_is_replaced() {
        let folder = tempfile::tempdir().unwrap();
        let socket = folder.path().join("run/lib.sock");
        let Claim::First(listener) = claim(&socket, &[]).unwrap() else {
            panic!("the first launch owns the library");
        };
        let (sent, got) = mpsc::channel();
        listen(listener, move |handover| sent.send(handover).unwrap());
        let files = vec![
            PathBuf::from("/news/a.html"),
            PathBuf::from("/news/b c.pdf"),
        ];
        assert!(matches!(claim(&socket, &files).unwrap(), Claim::HandedOver));
        let handover = got.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!(handover, Handover { files });
        let mode = std::fs::metadata(socket.parent().unwrap())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700, "the folder is the user's alone");

        // A socket nobody listens on (its process died): the next launch takes over.
        let stale = folder.path().join("run/stale.sock");
        drop(UnixListener::bind(&stale).unwrap());
        assert!(matches!(claim(&stale, &[]).unwrap(), Claim::First(_)));
    }

    #[test]
    fn the_socket_is_named_by_the_library_and_short() {
        let env = |name: &str| (name == "XDG_RUNTIME_DIR").then(|| "/run/user/1000".to_owned());
        let long = PathBuf::from(format!("/home/{}/library.sqlite3", "x".repeat(300)));
        let one = socket_path(&long, env);
        assert!(one.starts_with("/run/user/1000/quotemap"));
        assert!(one.as_os_str().len() < 108);
        assert_ne!(one, socket_path(Path::new("/home/u/other.sqlite3"), env));
        assert_eq!(one, socket_path(&long, env));
    }
}
