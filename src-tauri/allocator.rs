//! The C allocator's settings for the app: glibc reads them (`GLIBC_TUNABLES`)
//! only when a process starts, so the app starts itself again with them when it
//! was started without.
//!
//! Why: with glibc's defaults, freeing a large block raises the size under which
//! freed memory is kept rather than given back (up to 32 MB, in each of up to
//! eight arenas per core), so the memory of an import or of a large query
//! stayed with the app: after `make bench-ui`'s map, foci and 2,000 dropped
//! files it held 127 MB allocated, 81 MB with these settings (BENCHMARKS.md).
//! A fixed threshold makes blocks over 128 kB their own mappings, returned when
//! freed; two arenas bound what the app's threads keep. (Setting them from
//! inside, with `mallopt`, would need `unsafe`, which the workspace forbids.)

/// The settings: large blocks mapped on their own and given back; two arenas.
pub const GLIBC_TUNABLES: &str = "glibc.malloc.mmap_threshold=131072:glibc.malloc.arena_max=2";

/// Replaces this process with the same program, same arguments, started with
/// the allocator settings; returns only when it did not: the settings (or the
/// user's own `GLIBC_TUNABLES`) are in place already, or the program could not
/// be started again (it then runs with glibc's defaults, and says so).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn restart_with_allocator_settings() {
    use std::os::unix::process::CommandExt;
    if std::env::var_os("GLIBC_TUNABLES").is_some() {
        return;
    }
    let Ok(program) = std::env::current_exe() else {
        return;
    };
    let mut args = std::env::args_os();
    let mut command = std::process::Command::new(&program);
    if let Some(name) = args.next() {
        command.arg0(name);
    }
    let error = command
        .args(args)
        .env("GLIBC_TUNABLES", GLIBC_TUNABLES)
        .exec();
    // The log is not open yet: standard error is where this can go.
    eprintln!(
        "quotemap-desktop: could not start again with the allocator settings ({}: {error}); running with the defaults",
        program.display()
    );
}

/// Other systems' allocators have no such settings.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn restart_with_allocator_settings() {}
