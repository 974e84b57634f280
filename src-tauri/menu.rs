//! The window's menu bar: File, Edit, View, Help. What the window does itself
//! (open, export, undo, find, the views, help) is sent to it as a `menu` event
//! with the item's id, so a menu item and its keyboard shortcut run the same
//! code; what needs the program (quit, another library, the theme) is done here.

use crate::theme::{self, ThemeChoice, ThemeState};
use tauri::menu::{CheckMenuItemBuilder, Menu, MenuBuilder, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// Event sent to the window for a menu item it handles; payload: the item's id.
pub const MENU: &str = "menu";

/// A separator in [`MENUS`].
const SEPARATOR: (&str, &str) = ("-", "");

/// The menu bar: (submenu, [(item id, label)]). Shortcuts are the window's own
/// (shown in Help › Keyboard shortcuts), not menu accelerators: an accelerator
/// would take Ctrl+Z from a text field that has its own undo.
pub const MENUS: &[(&str, &[(&str, &str)])] = &[
    (
        "File",
        &[
            ("open-files", "Open files…"),
            ("open-folder", "Open folder…"),
            ("export", "Export…"),
            SEPARATOR,
            ("open-library", "Open library…"),
            ("new-library", "New library…"),
            SEPARATOR,
            ("quit", "Quit"),
        ],
    ),
    (
        "Edit",
        &[
            ("undo", "Undo"),
            ("redo", "Redo"),
            SEPARATOR,
            ("copy-citation", "Copy with citation"),
            ("find", "Find"),
        ],
    ),
    (
        "View",
        &[
            ("view-reader", "Reader"),
            ("view-map", "Map"),
            SEPARATOR,
            ("view-articles", "Articles"),
            ("view-speakers", "Speakers"),
            ("view-timeline", "Timeline"),
            ("view-notes", "Notes"),
            SEPARATOR,
            ("theme-system", "Colours of the desktop"),
            ("theme-light", "Light colours"),
            ("theme-dark", "Dark colours"),
        ],
    ),
    (
        "Help",
        &[
            ("help", "Help"),
            ("shortcuts", "Keyboard shortcuts"),
            SEPARATOR,
            ("about", "About Quotemap"),
        ],
    ),
];

/// Builds the menu bar from [`MENUS`]; the theme's items carry a check mark on
/// the current choice.
pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let theme = app.state::<ThemeState>().get();
    let mut bar = MenuBuilder::new(app);
    for (title, items) in MENUS {
        let mut submenu = SubmenuBuilder::new(app, *title);
        for &(id, label) in *items {
            submenu = if id == SEPARATOR.0 {
                submenu.separator()
            } else if let Some(choice) = ThemeChoice::from_menu_id(id) {
                submenu.item(
                    &CheckMenuItemBuilder::with_id(id, label)
                        .checked(choice == theme)
                        .build(app)?,
                )
            } else {
                submenu.item(&MenuItemBuilder::with_id(id, label).build(app)?)
            };
        }
        bar = bar.item(&submenu.build()?);
    }
    bar.build()
}

/// Runs a menu item: the program's own here, the window's sent to it.
pub fn handle(app: &AppHandle, id: &str) {
    if let Some(choice) = ThemeChoice::from_menu_id(id) {
        return theme::choose(app, choice);
    }
    match id {
        "quit" => app.exit(0),
        "open-library" => choose_library(app, false),
        "new-library" => choose_library(app, true),
        _ => {
            let _ = app.emit(MENU, id);
        }
    }
}

/// Another library (chosen, or a new file named) opens in a window of its own:
/// the program started again on it, which hands over to a window that has it open
/// already (one process per library).
fn choose_library(app: &AppHandle, new: bool) {
    use tauri_plugin_dialog::DialogExt;
    let dialog = app
        .dialog()
        .file()
        .set_title(if new {
            "Make a new Quotemap library"
        } else {
            "Open a Quotemap library"
        })
        .add_filter("Quotemap library", &["sqlite3", "sqlite", "db"]);
    let open = |path: Option<tauri_plugin_dialog::FilePath>| {
        let Some(path) = path.and_then(|p| p.into_path().ok()) else {
            return;
        };
        let started = std::env::current_exe().and_then(|program| {
            std::process::Command::new(program)
                .arg("--library")
                .arg(&path)
                .spawn()
        });
        match started {
            // Waited for, so that it leaves no zombie when it ends first.
            Ok(mut window) => drop(std::thread::spawn(move || window.wait())),
            Err(error) => log::error!("cannot start a window on {}: {error}", path.display()),
        }
    };
    if new {
        dialog.set_file_name("library.sqlite3").save_file(open);
    } else {
        dialog.pick_file(open);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_menu_item_has_a_distinct_id_and_the_issue_s_items_are_there() {
        let ids: Vec<&str> = MENUS
            .iter()
            .flat_map(|(_, items)| items.iter().map(|&(id, _)| id))
            .filter(|&id| id != SEPARATOR.0)
            .collect();
        let mut distinct = ids.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), ids.len(), "{ids:?}");
        for wanted in [
            "open-files",
            "open-folder",
            "export",
            "open-library",
            "new-library",
            "quit",
            "undo",
            "redo",
            "copy-citation",
            "find",
            "view-reader",
            "view-map",
            "view-speakers",
            "view-timeline",
            "theme-system",
            "theme-light",
            "theme-dark",
            "help",
            "shortcuts",
            "about",
        ] {
            assert!(ids.contains(&wanted), "{wanted} missing");
        }
        let titles: Vec<&str> = MENUS.iter().map(|(title, _)| *title).collect();
        assert_eq!(titles, ["File", "Edit", "View", "Help"]);
    }
}
