//! The copy of a library taken before its schema is upgraded: beside the file,
//! named with the old schema version and the time in UTC (`library.sqlite3.v7-2026-12-03T101530Z.backup`),
//! the last three kept. An upgrade whose copy cannot be made does not run: the
//! library stays as it was and the reason is given.
//!
//! The copy is made with `VACUUM INTO`: like the online backup API it reads one
//! consistent snapshot (another process may be writing), and it is one statement
//! that needs no extra rusqlite feature; the copy comes out compacted.

use super::StoreError;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// Copies before upgrades kept beside a library.
pub(crate) const KEPT_BACKUPS: usize = 3;

/// Copies the library at `library` (open on `connection`, schema `version`) to a
/// new file beside it named with `time`, then removes all but the newest [`KEPT_BACKUPS`] such copies.
/// Returns the copy's path.
pub(crate) fn back_up_before_upgrade(
    connection: &Connection,
    library: &Path,
    version: i64,
    time: &str,
) -> Result<PathBuf, StoreError> {
    let copy = free_backup_path(library, version, time);
    let failed = |reason: String| StoreError::UpgradeBackup {
        path: library.to_owned(),
        copy: copy.clone(),
        reason,
    };
    let target = copy
        .to_str()
        .ok_or_else(|| failed("the path is not valid Unicode".to_owned()))?;
    connection
        .execute("VACUUM INTO ?1", [target])
        .map_err(|error| failed(error.to_string()))?;
    prune(library);
    Ok(copy)
}

/// `<file>.v<version>-<time>.backup`, or with `-2`, `-3`… when that exists already
/// (two upgrades within a second).
fn free_backup_path(library: &Path, version: i64, time: &str) -> PathBuf {
    let name = file_name(library);
    let candidate = |n: u32| {
        let suffix = if n == 1 { String::new() } else { format!("-{n}") };
        library.with_file_name(format!("{name}.v{version}-{time}{suffix}.backup"))
    };
    (1..)
        .map(candidate)
        .find(|path| !path.exists())
        .unwrap_or_else(|| candidate(1))
}

/// Removes the oldest copies beyond [`KEPT_BACKUPS`]; a copy that cannot be
/// removed is left (it costs disk space, not data).
fn prune(library: &Path) {
    let prefix = format!("{}.v", file_name(library));
    let folder = match library.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let mut copies: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            name.starts_with(&prefix) && name.ends_with(".backup")
        })
        .filter_map(|entry| Some((entry.metadata().ok()?.modified().ok()?, entry.path())))
        .collect();
    // Newest first (the name only orders copies of the same instant).
    copies.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.cmp(&a.1)));
    for (_, old) in copies.into_iter().skip(KEPT_BACKUPS) {
        let _ = std::fs::remove_file(old);
    }
}

fn file_name(library: &Path) -> String {
    library
        .file_name()
        .map_or_else(|| "library".to_owned(), |n| n.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Library, MIGRATIONS, SCHEMA_VERSION};
    use rusqlite_migration::Migrations;

    /// Where the frozen schema of every version lives: written once when a version
    /// is added (`FREEZE_SCHEMA=1 cargo test -p quotemap-core frozen`), never edited.
    fn frozen_path(version: usize) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("sql/frozen/create_v{version}.sql"))
    }

    /// The schema of `connection` as SQL (shadow tables of the full-text index
    /// left out: their virtual table makes them), in creation order, with its version.
    fn schema_sql(connection: &Connection) -> String {
        let shadow: Vec<String> = connection
            .prepare("SELECT name FROM pragma_table_list WHERE type = 'shadow'")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let mut statement = connection
            .prepare(
                "SELECT name, sql FROM sqlite_master
                 WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid",
            )
            .unwrap();
        let rows: Vec<(String, String)> = statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let version: i64 = connection
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap();
        let mut sql = format!(
            "-- A Quotemap library of schema version {version}, as the migrations made it: \
             frozen, never edited.\n"
        );
        for (name, create) in rows {
            if !shadow.contains(&name) {
                sql.push_str(&create);
                sql.push_str(";\n");
            }
        }
        sql.push_str(&format!("PRAGMA user_version = {version};\n"));
        sql
    }

    /// Every schema version's frozen SQL is what the migrations make today: an
    /// edited old migration (which libraries made by older Quotemaps never ran)
    /// fails here, and a new version must be frozen once.
    #[test]
    fn the_migrations_still_make_every_frozen_schema() {
        for version in 1..=SCHEMA_VERSION {
            let mut connection = Connection::open_in_memory().unwrap();
            Migrations::from_slice(MIGRATIONS)
                .to_version(&mut connection, version)
                .unwrap();
            let made = schema_sql(&connection);
            let path = frozen_path(version);
            if !path.exists() && std::env::var_os("FREEZE_SCHEMA").is_some() {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &made).unwrap();
            }
            let frozen = std::fs::read_to_string(&path).unwrap_or_else(|_| {
                panic!(
                    "{} is missing: freeze it with FREEZE_SCHEMA=1 cargo test -p quotemap-core frozen",
                    path.display()
                )
            });
            assert_eq!(made, frozen, "migrations 1..={version} no longer make the frozen schema");
        }
    }

    /// A library of every earlier version, made from its frozen SQL with an article
    /// in it, opens upgraded to the schema of a fresh library with the article
    /// whole, and a copy of it as it was is kept beside it.
    #[test]
    fn a_library_of_every_frozen_version_upgrades_to_a_fresh_one_and_is_copied_first() {
        let folder = tempfile::tempdir().unwrap();
        let fresh = Library::open(&folder.path().join("fresh.sqlite3")).unwrap();
        let fresh_schema = schema_sql(&fresh.connection);
        for version in 1..SCHEMA_VERSION {
            let path = folder.path().join(format!("v{version}.sqlite3"));
            {
                let old = Connection::open(&path).unwrap();
                old.execute_batch(&std::fs::read_to_string(frozen_path(version)).unwrap())
                    .unwrap();
                old.execute(
                    "INSERT INTO articles (content_sha256, source_path, format, title, text,
                                           blocks_json, encoding, imported_at)
                     VALUES ('abc', '/news/a.txt', 'txt', 'Budget passes', 'The mayor said: \"Yes.\"',
                             '[]', 'UTF-8', '2026-01-01T00:00:00Z')",
                    [],
                )
                .unwrap();
            }
            let upgraded = Library::open(&path).unwrap();
            assert_eq!(schema_sql(&upgraded.connection), fresh_schema, "from version {version}");
            let (title, text): (String, String) = upgraded
                .connection
                .query_row("SELECT title, text FROM articles", [], |row| {
                    Ok((row.get(0)?, row.get(1)?))
                })
                .unwrap();
            assert_eq!((title.as_str(), text.as_str()), ("Budget passes", "The mayor said: \"Yes.\""));
            // The copy: the old version, with the article.
            let copies: Vec<PathBuf> = std::fs::read_dir(folder.path())
                .unwrap()
                .map(|entry| entry.unwrap().path())
                .filter(|p| {
                    let name = p.file_name().unwrap().to_string_lossy().into_owned();
                    name.starts_with(&format!("v{version}.sqlite3.v{version}-")) && name.ends_with(".backup")
                })
                .collect();
            assert_eq!(copies.len(), 1, "{copies:?}");
            let copy = Connection::open(&copies[0]).unwrap();
            let copied_version: i64 = copy
                .pragma_query_value(None, "user_version", |row| row.get(0))
                .unwrap();
            assert_eq!(copied_version, version as i64);
            let n: i64 = copy
                .query_row("SELECT count(*) FROM articles", [], |row| row.get(0))
                .unwrap();
            assert_eq!(n, 1);
            drop(upgraded);
            // Opened again: already current, no second copy.
            drop(Library::open(&path).unwrap());
            let again = std::fs::read_dir(folder.path())
                .unwrap()
                .filter(|entry| {
                    let name = entry.as_ref().unwrap().file_name();
                    name.to_string_lossy().starts_with(&format!("v{version}.sqlite3.v"))
                })
                .count();
            assert_eq!(again, 1);
        }
    }

    /// Upgrades within the same second get names of their own, and only the newest three
    /// copies stay.
    #[test]
    fn the_last_three_copies_are_kept() {
        let folder = tempfile::tempdir().unwrap();
        let library = folder.path().join("library.sqlite3");
        let connection = Connection::open(&library).unwrap();
        connection.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").unwrap();
        let mut made = Vec::new();
        for n in 0..5 {
            let time = if n < 2 { "2026-12-03T101530Z".to_owned() } else { format!("2026-12-0{n}T090000Z") };
            made.push(back_up_before_upgrade(&connection, &library, 6, &time).unwrap());
            // Distinct modification times, oldest first.
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let names: Vec<String> = made
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names[0], "library.sqlite3.v6-2026-12-03T101530Z.backup");
        assert_eq!(names[1], "library.sqlite3.v6-2026-12-03T101530Z-2.backup");
        assert_eq!(names[4], "library.sqlite3.v6-2026-12-04T090000Z.backup");
        let left: Vec<bool> = made.iter().map(|p| p.exists()).collect();
        assert_eq!(left, [false, false, true, true, true]);
        // An unrelated file beside it is never touched.
        assert!(library.exists());
    }

    /// A copy that cannot be written is an error naming the library, the copy and
    /// the reason (`Library::open` then stops before the migrations).
    #[test]
    fn a_copy_that_cannot_be_written_is_an_error_with_the_reason() {
        let folder = tempfile::tempdir().unwrap();
        let library = folder.path().join("library.sqlite3");
        let connection = Connection::open(&library).unwrap();
        connection.execute_batch("CREATE TABLE t (x);").unwrap();
        // A "time" with a folder in it that does not exist: SQLite cannot create the copy.
        let error = back_up_before_upgrade(&connection, &library, 1, "x/missing/y").unwrap_err();
        let StoreError::UpgradeBackup { path, copy, reason } = &error else {
            panic!("{error}");
        };
        assert_eq!(path, &library);
        assert!(copy.to_string_lossy().ends_with("library.sqlite3.v1-x/missing/y.backup"));
        assert!(reason.contains("unable to open"), "{reason}");
        assert!(error.to_string().contains("was left as it was"));
    }
}
