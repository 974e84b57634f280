//! Where the library file lives: `--library PATH`, else `QUOTEMAP_LIBRARY`,
//! else `$XDG_DATA_HOME/quotemap/library.sqlite3` (default `~/.local/share`).

use std::path::PathBuf;

/// Environment variable that names the library file.
pub const LIBRARY_ENV: &str = "QUOTEMAP_LIBRARY";

/// Resolves the library path from an explicit choice and an environment
/// lookup (passed in, so that tests do not touch the process environment).
pub fn resolve_library_path(
    explicit: Option<PathBuf>,
    env: impl Fn(&str) -> Option<String>,
) -> Option<PathBuf> {
    if let Some(path) = explicit {
        return Some(path);
    }
    let non_empty = |name: &str| env(name).filter(|value| !value.is_empty());
    if let Some(path) = non_empty(LIBRARY_ENV) {
        return Some(PathBuf::from(path));
    }
    let data_home = non_empty("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| non_empty("HOME").map(|home| PathBuf::from(home).join(".local/share")))?;
    Some(data_home.join("quotemap").join("library.sqlite3"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn precedence() {
        let all = [
            ("QUOTEMAP_LIBRARY", "/env/lib.sqlite3"),
            ("XDG_DATA_HOME", "/xdg"),
            ("HOME", "/home/u"),
        ];
        assert_eq!(
            resolve_library_path(Some("/flag.sqlite3".into()), env(&all)),
            Some(PathBuf::from("/flag.sqlite3"))
        );
        assert_eq!(
            resolve_library_path(None, env(&all)),
            Some(PathBuf::from("/env/lib.sqlite3"))
        );
        assert_eq!(
            resolve_library_path(None, env(&all[1..])),
            Some(PathBuf::from("/xdg/quotemap/library.sqlite3"))
        );
        assert_eq!(
            resolve_library_path(None, env(&all[2..])),
            Some(PathBuf::from(
                "/home/u/.local/share/quotemap/library.sqlite3"
            ))
        );
        assert_eq!(resolve_library_path(None, env(&[])), None);
    }
}
