//! The Quotemap desktop shell: opens the library, registers the commands,
//! turns native file drops into imports, and keeps the webview on the app's
//! own pages. All logic lives in `quotemap_core`; this layer only translates.

mod commands;
mod logging;
pub mod memory_settings;
mod menu;
mod single_instance;
mod startup;
mod theme;

use quotemap_core::api::{self, Library, resolve_library_path};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tauri::{DragDropEvent, Emitter, Manager, WebviewWindowBuilder, WindowEvent};

/// Event sent when a drop starts importing; payload: number of paths.
pub const IMPORT_STARTED: &str = "import-started";
/// Event sent when a drop has been imported; payload: `ImportReport`.
pub const IMPORT_FINISHED: &str = "import-finished";
/// Event sent while a drop is imported (at most ten a second); payload: `ImportProgress`.
pub const IMPORT_PROGRESS: &str = "import-progress";

/// Event sent when another connection has written to the library (the app's
/// importer, the CLI, another process): the window reads its views again.
pub const LIBRARY_CHANGED: &str = "library-changed";

/// How often the library is asked whether another connection wrote to it.
const WATCH_INTERVAL: Duration = Duration::from_millis(700);

/// State shared by the commands: the open library.
pub struct AppState {
    /// The window's connection: reads and the user's edits. An import writes
    /// through a connection of its own, so reading never waits for one.
    library: Mutex<Library>,
    /// Where the library lives, for the importers' connections.
    library_path: PathBuf,
    /// The running imports' cancel tokens, by import number.
    imports: Mutex<HashMap<u64, Arc<AtomicBool>>>,
    next_import: AtomicU64,
    /// Set by the Export dialog's Cancel; the running export stops and writes no file.
    cancel_export: AtomicBool,
    /// Files given on the command line ("Open with"), imported once the window
    /// listens for the import's events.
    launch_files: Mutex<Vec<PathBuf>>,
    /// The re-analysis of older articles behind the window, for its status bar.
    reanalysis: Mutex<api::ReanalysisStatus>,
}

impl AppState {
    /// The library, even if a previous holder panicked (SQLite transactions
    /// keep the file consistent whatever happened in memory).
    fn library(&self) -> MutexGuard<'_, Library> {
        self.library
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The re-analysis behind the window, as it stands.
    pub(crate) fn reanalysis(&self) -> MutexGuard<'_, api::ReanalysisStatus> {
        self.reanalysis
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The running imports' cancel tokens.
    fn imports(&self) -> MutexGuard<'_, HashMap<u64, Arc<AtomicBool>>> {
        self.imports
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The files the app was started with, once (later calls get none).
    pub(crate) fn take_launch_files(&self) -> Vec<PathBuf> {
        std::mem::take(
            &mut self
                .launch_files
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        )
    }

    /// Stops the running imports before their next file (what is in stays in).
    pub(crate) fn cancel_imports(&self) {
        for token in self.imports().values() {
            token.store(true, Ordering::SeqCst);
        }
    }
}

/// What the app was started with: `--library PATH` (or `--library=PATH`) and
/// the files and folders to import, as a file manager's "Open with" gives them.
#[derive(Debug, Default, PartialEq)]
struct Launch {
    library: Option<PathBuf>,
    files: Vec<PathBuf>,
}

fn parse_launch(args: impl Iterator<Item = String>) -> Launch {
    let mut launch = Launch::default();
    let mut args = args.skip(1);
    let mut options_done = false;
    while let Some(arg) = args.next() {
        if options_done || !arg.starts_with('-') || arg == "-" {
            // Relative to where the app was started: the running window may be elsewhere.
            let path = PathBuf::from(&arg);
            launch
                .files
                .push(std::path::absolute(&path).unwrap_or(path));
        } else if arg == "--" {
            options_done = true;
        } else if arg == "--library" {
            launch.library = args.next().map(PathBuf::from);
        } else if let Some(path) = arg.strip_prefix("--library=") {
            launch.library = Some(PathBuf::from(path));
        } else {
            eprintln!("quotemap: ignoring the unknown option {arg}");
        }
    }
    launch
}

/// Runs the app until its window closes.
pub fn run() -> ExitCode {
    let launch = parse_launch(std::env::args());
    // GTK would panic without one; say so plainly instead.
    let has_display = ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|name| std::env::var_os(name).is_some_and(|value| !value.is_empty()));
    if !has_display {
        eprintln!(
            "quotemap: no display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset); \
             the `quotemap` command works without one"
        );
        return ExitCode::from(2);
    }
    let Some(path) = resolve_library_path(launch.library, |name| std::env::var(name).ok()) else {
        eprintln!("quotemap: no library path: pass --library PATH or set QUOTEMAP_LIBRARY or HOME");
        return ExitCode::from(2);
    };
    // One process per library: a second launch hands its files over and ends.
    let (path, library, listener, socket) = match startup::open_or_ask(path, &launch.files) {
        startup::Opened::Library {
            path,
            library,
            listener,
            socket,
        } => (path, library, listener, socket),
        startup::Opened::HandedOver => return ExitCode::SUCCESS,
        startup::Opened::Another(other) => {
            let error = startup::start_again_on(&other, &launch.files);
            eprintln!(
                "quotemap: cannot start again on the library {}: {error}",
                other.display()
            );
            return ExitCode::from(1);
        }
        startup::Opened::Quit => return ExitCode::from(1),
    };
    // Only a socket this process listens on is its own to remove at the end.
    let owned_socket = listener.as_ref().map(|_| socket);
    let result = tauri::Builder::default()
        .manage(AppState {
            library: Mutex::new(*library),
            library_path: path,
            imports: Default::default(),
            next_import: AtomicU64::new(1),
            cancel_export: Default::default(),
            launch_files: Mutex::new(launch.files),
            reanalysis: Mutex::new(api::ReanalysisStatus::Idle),
        })
        // The dialog is opened from Rust (`open_import_dialog`); the webview gets no
        // dialog permission and never sees a path it could choose itself.
        .plugin(logging::plugin())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .on_menu_event(|app, event| menu::handle(app, event.id().as_ref()))
        .invoke_handler(tauri::generate_handler![
            commands::list_article_page,
            commands::get_article,
            commands::library_info,
            commands::reanalysis_status,
            commands::cancel_import,
            commands::open_import_dialog,
            commands::search,
            commands::library_facets,
            commands::speaker_quotes,
            commands::quote_timeline,
            commands::relation_map,
            commands::map_positions,
            commands::save_map_positions,
            commands::reset_map_positions,
            commands::edge_evidence,
            commands::entity,
            commands::entity_quotes,
            commands::add_annotation,
            commands::update_annotation,
            commands::delete_annotation,
            commands::list_annotations,
            commands::library_tags,
            commands::set_article_tags,
            commands::set_reviewed,
            commands::confirm_quote,
            commands::reject_quote,
            commands::set_quote_speaker,
            commands::set_quote_kind,
            commands::set_quote_span,
            commands::add_quote,
            commands::rename_entity,
            commands::merge_entities,
            commands::split_entity,
            commands::undo,
            commands::redo,
            commands::export_counts,
            commands::export_file,
            commands::cancel_export,
            commands::save_map_image,
            commands::import_launch_files,
            commands::about,
        ])
        .setup(|app| {
            let config = app
                .config()
                .app
                .windows
                .first()
                .cloned()
                .ok_or("no window configured")?;
            // Which library this window has open, in its title (several may be open).
            let library_path = app.state::<AppState>().library_path.clone();
            log::info!(
                "Quotemap {} (engine {}) started on {}",
                env!("CARGO_PKG_VERSION"),
                api::ENGINE_VERSION,
                library_path.display()
            );
            // The kept theme first: the menu shows it checked, the page paints in it.
            let theme = theme::ThemeState::load(app.handle());
            let choice = theme.get();
            app.manage(theme);
            app.set_menu(menu::build(app.handle())?)?;
            WebviewWindowBuilder::from_config(app.handle(), &config)?
                .title(format!("{} — Quotemap", library_path.display()))
                .initialization_script(theme::initial_script(choice))
                .theme((choice == theme::ThemeChoice::Dark).then_some(tauri::Theme::Dark))
                .on_navigation(is_app_url)
                .build()
                .inspect(composite_in_software)?;
            watch_library(app.handle().clone());
            reanalyse_in_background(app.handle().clone(), library_path.clone());
            if let Some(listener) = listener {
                let app = app.handle().clone();
                single_instance::listen(listener, move |handover| {
                    if !handover.files.is_empty() {
                        import_paths(app.clone(), handover.files);
                    }
                    if let Some(window) = app.get_webview_window("main") {
                        let _ = window.unminimize();
                        let _ = window.show();
                        let _ = window.set_focus();
                    }
                });
            }
            Ok(())
        })
        .on_window_event(|window, event| {
            if let WindowEvent::DragDrop(DragDropEvent::Drop { paths, .. }) = event {
                import_paths(window.app_handle().clone(), paths.clone());
            }
        })
        .run(tauri::generate_context!());
    if let Some(socket) = owned_socket {
        let _ = std::fs::remove_file(socket);
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // Before the logger is up (no display, GTK failed) only standard error hears it.
            if log::max_level() == log::LevelFilter::Off {
                eprintln!("quotemap: {error}");
            } else {
                log::error!("the app ended on an error: {error}");
            }
            ExitCode::from(1)
        }
    }
}

/// The webview may show only the app's own pages: article links never navigate it.
fn is_app_url(url: &tauri::Url) -> bool {
    match url.scheme() {
        "tauri" => true,
        "http" | "https" => {
            matches!(url.host_str(), Some("tauri.localhost"))
                || (cfg!(dev) && matches!(url.host_str(), Some("localhost")))
        }
        _ => false,
    }
}

/// The start of an import: its number and how many paths were dropped or chosen.
#[derive(Clone, serde::Serialize)]
struct ImportStarted {
    import: u64,
    items: usize,
}

/// An import's event payload: its number beside the core's progress or report.
#[derive(Clone, serde::Serialize)]
struct ImportEvent<'a, T: serde::Serialize> {
    import: u64,
    #[serde(flatten)]
    body: &'a T,
}

/// Imports dropped or chosen paths on a thread of their own, through a connection
/// of their own: the window keeps reading (and the list grows) while it runs.
/// Each import has its own cancel token, so a second drop never revives a
/// cancelled one.
pub(crate) fn import_paths(app: tauri::AppHandle, paths: Vec<PathBuf>) {
    std::thread::spawn(move || {
        let state = app.state::<AppState>();
        let import = state.next_import.fetch_add(1, Ordering::SeqCst);
        let cancelled = Arc::new(AtomicBool::new(false));
        state.imports().insert(import, cancelled.clone());
        let _ = app.emit(
            IMPORT_STARTED,
            ImportStarted {
                import,
                items: paths.len(),
            },
        );
        let report = match api::open_library(&state.library_path) {
            Ok(mut library) => {
                let mut last_emit: Option<Instant> = None;
                api::import_files(
                    &mut library,
                    &paths,
                    &api::ImportOptions::with_worker_process(api::DEFAULT_MAX_FILE_BYTES),
                    &api::now_utc(),
                    &mut |step| {
                        // Throttled: the window hears at most ten updates a second.
                        if last_emit.is_none_or(|at| at.elapsed() >= Duration::from_millis(100)) {
                            let _ = app.emit(IMPORT_PROGRESS, ImportEvent { import, body: step });
                            last_emit = Some(Instant::now());
                        }
                        !cancelled.load(Ordering::SeqCst)
                    },
                )
            }
            Err(error) => api::ImportReport::library_unavailable(&paths, &error),
        };
        state.imports().remove(&import);
        // A warning when a file failed: the lines after it say which and why.
        let level = if report.failures.is_empty() {
            log::Level::Info
        } else {
            log::Level::Warn
        };
        log::log!(
            level,
            "import {import} of {} path(s): {} added, {} already in the library, {} failed{}",
            paths.len(),
            report.added.len(),
            report.duplicates.len(),
            report.failures.len(),
            if report.cancelled { ", cancelled" } else { "" }
        );
        for line in report.log_lines() {
            log::info!("{line}");
        }
        let _ = app.emit(
            IMPORT_FINISHED,
            ImportEvent {
                import,
                body: &report,
            },
        );
    });
}

/// Analyses again, on a thread and connection of their own, the articles an
/// older engine analysed (after an upgrade). The window shows them as they were
/// until then and hears of each change through [`watch_library`]; the status bar
/// counts what is left (`LibraryInfo::outdated`) while the status is `Running`,
/// and says what was left and why once it has ended (an article that could not
/// be analysed again is named in the log). Each article is one transaction:
/// quitting halfway loses none, and the rest waits for the next start.
fn reanalyse_in_background(app: tauri::AppHandle, library_path: PathBuf) {
    *app.state::<AppState>().reanalysis() = api::ReanalysisStatus::Running;
    std::thread::spawn(move || {
        let ended = reanalyse(&library_path);
        *app.state::<AppState>().reanalysis() = ended;
        // The window reads the status again (nothing may have been written).
        let _ = app.emit(LIBRARY_CHANGED, ());
    });
}

/// The body of [`reanalyse_in_background`]: what ended it, for the status bar.
fn reanalyse(library_path: &Path) -> api::ReanalysisStatus {
    let stopped = |error: &dyn std::fmt::Display| api::ReanalysisStatus::Ended {
        done: 0,
        failed: 0,
        stopped: Some(error.to_string()),
    };
    let mut library = match api::open_library_leaving_outdated(library_path) {
        Ok(library) => library,
        Err(error) => {
            log::warn!("cannot analyse older articles again: {error}");
            return stopped(&error);
        }
    };
    let started = Instant::now();
    let mut last = None;
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        api::reanalyse_outdated(&mut library, &mut |step| {
            if step.done + step.failed == 1 {
                log::info!(
                    "analysing {} article(s) of an older engine again, behind the window",
                    step.total
                );
            }
            last = Some(step);
            true
        })
    }));
    match outcome {
        Ok(Ok(report)) => {
            for failure in &report.failed {
                log::warn!(
                    "article {} keeps its earlier analysis: {}",
                    failure.article_id,
                    failure.error
                );
            }
            if let Some(step) = last {
                log::info!(
                    "analysed {} of {} older article(s) again in {:.1} s ({} could not be)",
                    report.done,
                    step.total,
                    started.elapsed().as_secs_f64(),
                    report.failed.len()
                );
            }
            api::ReanalysisStatus::Ended {
                done: report.done,
                failed: u32::try_from(report.failed.len()).unwrap_or(u32::MAX),
                stopped: None,
            }
        }
        Ok(Err(error)) => {
            log::warn!("analysing older articles again stopped: {error}");
            api::ReanalysisStatus::Ended {
                done: last.map_or(0, |step| step.done),
                failed: last.map_or(0, |step| step.failed),
                stopped: Some(error.to_string()),
            }
        }
        Err(_) => {
            log::error!("analysing older articles again stopped on an internal error");
            stopped(&"an internal error (see the log)")
        }
    }
}

/// Tells the window when another connection has written to the library: the
/// app's own imports (the list grows while they run) and other processes (a
/// `quotemap import` from a terminal), by SQLite's `data_version`.
fn watch_library(app: tauri::AppHandle) {
    std::thread::spawn(move || {
        let state = app.state::<AppState>();
        let mut seen = api::outside_changes(&state.library()).ok();
        loop {
            std::thread::sleep(WATCH_INTERVAL);
            // `try_lock`: a long read (an export) is not waited for; the next tick asks again.
            let library = match state.library.try_lock() {
                Ok(library) => library,
                Err(std::sync::TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
                Err(std::sync::TryLockError::WouldBlock) => continue,
            };
            let now = api::outside_changes(&library).ok();
            drop(library);
            if now.is_some() && now != seen {
                seen = now;
                let _ = app.emit(LIBRARY_CHANGED, ());
            }
        }
    });
}

/// The web view draws the page without GPU compositing (WebKitGTK's hardware
/// acceleration policy "never"), unless `QUOTEMAP_GPU_COMPOSITING=1`. Measured
/// on this project's machines (software GL, `make bench-ui`, 10,000 articles):
/// the web process holds ~120–300 MB less and the map draws, zooms and focuses
/// faster; the page is text and a 2D canvas, which need no compositor (ADR 17).
fn composite_in_software(window: &tauri::WebviewWindow) {
    #[cfg(target_os = "linux")]
    {
        if std::env::var("QUOTEMAP_GPU_COMPOSITING").is_ok_and(|value| value == "1") {
            return;
        }
        let result = window.with_webview(|webview| {
            use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
            if let Some(settings) = webview.inner().settings() {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
        });
        if let Err(error) = result {
            log::warn!("could not turn the web view's GPU compositing off: {error}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> impl Iterator<Item = String> {
        list.iter()
            .map(|s| (*s).to_owned())
            .collect::<Vec<_>>()
            .into_iter()
    }

    #[test]
    fn launch_arguments_give_the_library_and_the_files_to_open() {
        assert_eq!(
            parse_launch(args(&["app", "--library", "/a.db"])),
            Launch {
                library: Some("/a.db".into()),
                files: vec![]
            }
        );
        assert_eq!(
            parse_launch(args(&[
                "app",
                "--library=/b.db",
                "/news/x.html",
                "--",
                "--odd name.txt"
            ])),
            Launch {
                library: Some("/b.db".into()),
                files: vec![
                    "/news/x.html".into(),
                    std::path::absolute("--odd name.txt").unwrap()
                ],
            }
        );
        let relative = parse_launch(args(&["app", "report.pdf"]));
        assert_eq!(
            relative.files,
            [std::env::current_dir().unwrap().join("report.pdf")]
        );
        assert_eq!(parse_launch(args(&["app"])), Launch::default());
    }

    #[test]
    fn only_app_urls_are_navigable() {
        let url = |s: &str| tauri::Url::parse(s).unwrap();
        assert!(is_app_url(&url("tauri://localhost/index.html")));
        assert!(!is_app_url(&url("https://example.com/")));
        assert!(!is_app_url(&url("file:///etc/passwd")));
        assert!(!is_app_url(&url("javascript:alert(1)")));
    }
}
