//! The worker's sandbox: before it reads its first file, the reader process
//! gives up every right it does not need to turn bytes on stdin into an answer
//! on stdout. Resource limits (no new files, no file writes, no core dumps, a
//! capped address space and processor time per file), a seccomp filter that
//! allows only the system calls of computing and of the two pipes (no `open`,
//! no `socket`, no `fork` or `exec`; reading only from stdin, writing only to
//! stdout and stderr), and Landlock (no file system or network access, no
//! signals or abstract sockets outside) as a second wall where the kernel has it.
//!
//! Seccomp and the limits are required: when one cannot be set the worker
//! answers every file with the reason instead of reading it. Landlock is best
//! effort (Linux ≥ 5.13 with the LSM enabled); [`Sandbox::landlock`] says what
//! the kernel gave.

use std::time::Duration;

/// What the sandbox holds, as reported by `--extract-worker --sandbox-check`.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Sandbox {
    /// The seccomp filter is installed (always, or the worker refuses to read).
    pub seccomp: bool,
    /// Landlock's state: "fully enforced", "partially enforced" or "not available: …".
    pub landlock: String,
}

/// Enters the sandbox: limits, Landlock, the open-file limit, seccomp, in that
/// order (Landlock needs a descriptor for its rules, and its system calls are
/// not in the filter). `memory_limit` caps the address space.
pub fn enter(memory_limit: u64) -> Result<Sandbox, String> {
    set_limits(memory_limit)?;
    let landlock = linux::landlock()?;
    // stdin, stdout and stderr are all it needs; nothing new can be opened.
    rlimit::setrlimit(rlimit::Resource::NOFILE, 3, 3)
        .map_err(|e| format!("the open files limit could not be set: {e}"))?;
    linux::seccomp()?;
    Ok(Sandbox {
        seccomp: true,
        landlock,
    })
}

/// Lets the next file use `budget` more processor time; past it the kernel
/// stops the worker with SIGXCPU (see [`CPU_LIMIT_SIGNAL`]).
#[cfg(target_os = "linux")]
pub fn allow_cpu_time(budget: Duration) -> Result<(), String> {
    let used = rustix::time::clock_gettime(rustix::time::ClockId::ProcessCPUTime);
    let used = u64::try_from(used.tv_sec).unwrap_or(0);
    let soft = used.saturating_add(budget.as_secs().max(1));
    rlimit::setrlimit(rlimit::Resource::CPU, soft, rlimit::INFINITY)
        .map_err(|e| format!("the processor-time limit could not be set: {e}"))
}

/// Without the process clock there is no processor-time limit: the file fails.
#[cfg(not(target_os = "linux"))]
pub fn allow_cpu_time(_budget: Duration) -> Result<(), String> {
    Err("the processor-time limit exists only on Linux".to_owned())
}

/// The signal the kernel stops a worker with when its processor time runs out.
#[cfg(target_os = "linux")]
pub const CPU_LIMIT_SIGNAL: i32 = libc::SIGXCPU;
#[cfg(not(target_os = "linux"))]
pub const CPU_LIMIT_SIGNAL: i32 = 24;

fn set_limits(memory_limit: u64) -> Result<(), String> {
    use rlimit::Resource;
    let limits = [
        // Over the cap an allocation fails and the process aborts: the parent sees a crash.
        (Resource::AS, memory_limit, "address space"),
        (Resource::FSIZE, 0, "file size"),
        (Resource::CORE, 0, "core dumps"),
    ];
    for (resource, limit, name) in limits {
        rlimit::setrlimit(resource, limit, limit)
            .map_err(|e| format!("the {name} limit could not be set: {e}"))?;
    }
    Ok(())
}

#[cfg(target_os = "linux")]
mod linux {
    use landlock::{
        ABI, Access, AccessFs, AccessNet, Ruleset, RulesetAttr, RulesetStatus,
        Scope,
    };
    use seccompiler::{
        SeccompAction, SeccompCmpArgLen, SeccompCmpOp, SeccompCondition, SeccompFilter,
        SeccompRule,
    };
    use std::collections::BTreeMap;

    /// Handles every file system and network access right and both scopes, and
    /// grants none: the worker can reach no path, port, socket or process outside.
    pub(super) fn landlock() -> Result<String, String> {
        let abi = ABI::V6;
        let failed = |e: landlock::RulesetError| format!("the Landlock rules failed: {e}");
        let status = Ruleset::default()
            .handle_access(AccessFs::from_all(abi))
            .map_err(failed)?
            .handle_access(AccessNet::from_all(abi))
            .map_err(failed)?
            .scope(Scope::from_all(abi))
            .map_err(failed)?
            .create()
            .map_err(failed)?
            .restrict_self()
            .map_err(failed)?;
        Ok(match status.ruleset {
            RulesetStatus::FullyEnforced => "fully enforced".to_owned(),
            RulesetStatus::PartiallyEnforced => "partially enforced (an older kernel)".to_owned(),
            RulesetStatus::NotEnforced => "not available on this kernel".to_owned(),
        })
    }

    /// The system calls a parser needs once its input is on stdin: memory,
    /// the two pipes, signals of its own, time and randomness. Anything else
    /// fails with EPERM.
    pub(super) fn seccomp() -> Result<(), String> {
        let failed = |e: seccompiler::BackendError| format!("the seccomp filter failed: {e}");
        let fd_is = |fd: u64| -> Result<SeccompRule, String> {
            SeccompRule::new(vec![
                SeccompCondition::new(0, SeccompCmpArgLen::Dword, SeccompCmpOp::Eq, fd)
                    .map_err(failed)?,
            ])
            .map_err(failed)
        };
        let mut rules: BTreeMap<i64, Vec<SeccompRule>> = BTreeMap::new();
        rules.insert(libc::SYS_read, vec![fd_is(0)?]);
        rules.insert(libc::SYS_write, vec![fd_is(1)?, fd_is(2)?]);
        rules.insert(libc::SYS_writev, vec![fd_is(1)?, fd_is(2)?]);
        // Memory only, never a file: mmap's descriptor (argument 4) must be -1.
        rules.insert(
            libc::SYS_mmap,
            vec![
                SeccompRule::new(vec![
                    SeccompCondition::new(4, SeccompCmpArgLen::Dword, SeccompCmpOp::Eq, 0xffff_ffff)
                        .map_err(failed)?,
                ])
                .map_err(failed)?,
            ],
        );
        // Its own limits only (pid 0), for the processor time of the next file.
        rules.insert(libc::SYS_prlimit64, vec![fd_is(0)?]);
        for call in [
            libc::SYS_munmap,
            libc::SYS_mremap,
            libc::SYS_mprotect,
            libc::SYS_madvise,
            libc::SYS_brk,
            libc::SYS_futex,
            libc::SYS_sched_yield,
            libc::SYS_close,
            libc::SYS_rt_sigaction,
            libc::SYS_rt_sigprocmask,
            libc::SYS_rt_sigreturn,
            libc::SYS_sigaltstack,
            libc::SYS_clock_gettime,
            libc::SYS_getrandom,
            libc::SYS_exit,
            libc::SYS_exit_group,
        ] {
            rules.insert(call, Vec::new());
        }
        let arch = std::env::consts::ARCH
            .try_into()
            .map_err(|_| "no seccomp filter for this processor".to_owned())?;
        let filter = SeccompFilter::new(
            rules,
            SeccompAction::Errno(libc::EPERM as u32),
            SeccompAction::Allow,
            arch,
        )
        .map_err(failed)?;
        let program: seccompiler::BpfProgram = filter
            .try_into()
            .map_err(|e: seccompiler::BackendError| failed(e))?;
        seccompiler::apply_filter(&program)
            .map_err(|e| format!("the seccomp filter could not be installed: {e}"))
    }
}

#[cfg(not(target_os = "linux"))]
mod linux {
    pub(super) fn landlock() -> Result<String, String> {
        Ok("not available on this system".to_owned())
    }
    pub(super) fn seccomp() -> Result<(), String> {
        Err("the reader's sandbox exists only on Linux".to_owned())
    }
}

/// What a reader that was taken over would try first, each attempt and how it
/// ended; run by `--extract-worker --sandbox-check` inside the sandbox. Every
/// line should say "stopped".
pub fn escape_attempts() -> Vec<(String, String)> {
    fn outcome<T>(result: std::io::Result<T>) -> String {
        match result {
            Ok(_) => "succeeded".to_owned(),
            Err(e) => format!("stopped: {e}"),
        }
    }
    let temporary = std::env::temp_dir().join("quotemap-sandbox-check");
    vec![
        (
            "read /etc/passwd".to_owned(),
            outcome(std::fs::read("/etc/passwd")),
        ),
        (
            "list /".to_owned(),
            outcome(std::fs::read_dir("/").map(|_| ())),
        ),
        (
            format!("create {}", temporary.display()),
            outcome(std::fs::write(&temporary, b"x")),
        ),
        (
            "connect to 127.0.0.1:9".to_owned(),
            outcome(std::net::TcpStream::connect(("127.0.0.1", 9))),
        ),
        (
            "bind a UDP socket".to_owned(),
            outcome(std::net::UdpSocket::bind(("127.0.0.1", 0))),
        ),
        (
            "start /bin/sh".to_owned(),
            outcome(
                std::process::Command::new("/bin/sh")
                    .arg("-c")
                    .arg("true")
                    .status(),
            ),
        ),
        (
            "start a thread".to_owned(),
            outcome(std::thread::Builder::new().spawn(|| ()).map(|_| ())),
        ),
    ]
}
