//! Memory settings of the app and its web process, given in the environment:
//! glibc and JavaScriptCore read them only when a process starts, so the app
//! starts itself again with them when it was started without (the web process
//! inherits the app's environment).
//!
//! Why (measured in BENCHMARKS.md, `make bench-ui` on 10,000 articles):
//! - `GLIBC_TUNABLES`: with glibc's defaults, freeing a large block raises the
//!   size under which freed memory is kept rather than given back (up to 32 MB
//!   in each arena, one arena per thread), so the memory of an import or of a
//!   large query stayed with the app (127 MB allocated after the benchmark's
//!   steps, 81 MB with these settings). A fixed threshold makes blocks over
//!   128 kB their own mappings, returned when freed; two arenas bound what the
//!   threads keep.
//! - `JSC_forceRAMSize`: JavaScriptCore lets its heap grow between collections
//!   in proportion to the machine's memory, so on a machine with many GB the
//!   web process kept hundreds of MB of garbage after the map and the panels
//!   (317–598 MB from run to run). Sized as if the machine had 384 MB, it
//!   collects once the heap passes ~100 MB (314–336 MB), for a few ms more on
//!   a focus or a time-window step.
//!
//! A variable the user has set is left as it is. (Setting the allocator's
//! options from inside, with `mallopt`, would need `unsafe`, which the
//! workspace forbids; so would setting the environment of this process.)

/// The settings, each applied unless its variable is set already.
pub const SETTINGS: [(&str, &str); 2] = [
    (
        "GLIBC_TUNABLES",
        "glibc.malloc.mmap_threshold=131072:glibc.malloc.arena_max=2",
    ),
    ("JSC_forceRAMSize", "402653184"),
];

/// The settings missing from an environment where `is_set` tells which
/// variables are set.
pub fn missing_settings(is_set: impl Fn(&str) -> bool) -> Vec<(&'static str, &'static str)> {
    SETTINGS
        .into_iter()
        .filter(|(name, _)| !is_set(name))
        .collect()
}

/// Replaces this process with the same program, same arguments, started with
/// the settings missing from its environment; returns only when it did not:
/// none was missing, or the program could not be started again (it then runs
/// without them, and says so).
#[cfg(target_os = "linux")]
pub fn restart_with_memory_settings() {
    use std::os::unix::process::CommandExt;
    let missing = missing_settings(|name| std::env::var_os(name).is_some());
    if missing.is_empty() {
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
    let error = command.args(args).envs(missing).exec();
    // The log is not open yet: standard error is where this can go.
    eprintln!(
        "quotemap-desktop: could not start again with the memory settings ({}: {error}); running without them",
        program.display()
    );
}

/// Elsewhere the program runs as it was started.
#[cfg(not(target_os = "linux"))]
pub fn restart_with_memory_settings() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_variables_not_set_are_added() {
        assert_eq!(missing_settings(|_| false), SETTINGS.to_vec());
        assert!(missing_settings(|_| true).is_empty());
        // The user's own allocator settings stay; the web process's are added.
        assert_eq!(
            missing_settings(|name| name == "GLIBC_TUNABLES"),
            vec![("JSC_forceRAMSize", "402653184")]
        );
    }
}
