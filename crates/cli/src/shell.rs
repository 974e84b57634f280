//! `quotemap completions SHELL` and `quotemap man [SUBCOMMAND | --dir DIR]`: what a shell and
//! `man` need, generated from the same definition as `--help`, so they never
//! drift from it.

use anyhow::{Context, Result, bail};
use clap::CommandFactory;
use clap_complete::Shell;
use std::io::Write;
use std::path::Path;

/// Writes the completion script for `shell` to standard output.
pub fn completions<C: CommandFactory>(shell: Shell) -> Result<()> {
    let mut command = C::command();
    let name = command.get_name().to_owned();
    let mut out = std::io::stdout().lock();
    clap_complete::generate(shell, &mut command, name, &mut out);
    out.flush().context("cannot write the completions")
}

/// Writes the manual page (roff) of the program, or of one subcommand as
/// `quotemap-SUBCOMMAND(1)`, to standard output.
pub fn man<C: CommandFactory>(subcommand: Option<&str>) -> Result<()> {
    let command = C::command();
    let page = match subcommand {
        None => clap_mangen::Man::new(command),
        Some(wanted) => {
            let Some(sub) = command.find_subcommand(wanted) else {
                bail!("no subcommand {wanted:?} (see quotemap --help)");
            };
            let program = command.get_name();
            let usage = format!("{program} {}", sub.get_name());
            clap_mangen::Man::new(sub.clone().bin_name(usage))
                .title(format!("{program}-{}", sub.get_name()))
                .source(format!(
                    "{program} {}",
                    command.get_version().unwrap_or_default()
                ))
        }
    };
    let mut roff = Vec::new();
    page.render(&mut roff)
        .context("cannot render the manual page")?;
    std::io::stdout()
        .lock()
        .write_all(&roff)
        .context("cannot write the manual page")
}

/// Writes the pages of the program and of every subcommand into `dir` (made if
/// missing), as the packages install them in `/usr/share/man/man1`.
pub fn man_pages_into<C: CommandFactory>(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot make {}", dir.display()))?;
    clap_mangen::generate_to(C::command(), dir)
        .with_context(|| format!("cannot write the manual pages into {}", dir.display()))
}
