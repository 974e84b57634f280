//! The window's colours, chosen in View: the desktop's (light or dark, followed
//! as it changes), always light, or always dark. The choice is kept in the
//! user's config folder (`theme`, one word), shown by the menu's check marks,
//! given to the page before its first paint (so a dark window never flashes
//! light) and sent to it as the `theme` event when changed.

use std::path::PathBuf;
use std::sync::Mutex;
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// Event sent to the window when the choice changes; payload: the choice's name.
pub const THEME_CHANGED: &str = "theme";

/// The user's choice of colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeChoice {
    /// The desktop's light or dark setting.
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark];

    /// The name the page and the file use.
    pub fn name(self) -> &'static str {
        match self {
            ThemeChoice::System => "system",
            ThemeChoice::Light => "light",
            ThemeChoice::Dark => "dark",
        }
    }

    /// The choice a name stands for; `None` for anything else (a hand-edited file).
    pub fn from_name(name: &str) -> Option<ThemeChoice> {
        ThemeChoice::ALL
            .into_iter()
            .find(|choice| choice.name() == name.trim())
    }

    /// The id of its menu item.
    pub fn menu_id(self) -> &'static str {
        match self {
            ThemeChoice::System => "theme-system",
            ThemeChoice::Light => "theme-light",
            ThemeChoice::Dark => "theme-dark",
        }
    }

    /// The choice a menu item stands for.
    pub fn from_menu_id(id: &str) -> Option<ThemeChoice> {
        ThemeChoice::ALL
            .into_iter()
            .find(|choice| choice.menu_id() == id)
    }
}

/// The current choice, shared by the menu and the window.
#[derive(Default)]
pub struct ThemeState(Mutex<ThemeChoice>);

impl ThemeState {
    /// The choice kept from an earlier run (the desktop's when none was kept).
    pub fn load<R: Runtime>(app: &AppHandle<R>) -> ThemeState {
        let kept = choice_file(app)
            .and_then(|file| std::fs::read_to_string(file).ok())
            .and_then(|text| ThemeChoice::from_name(&text))
            .unwrap_or_default();
        ThemeState(Mutex::new(kept))
    }

    pub fn get(&self) -> ThemeChoice {
        *self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn set(&self, choice: ThemeChoice) {
        *self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = choice;
    }
}

/// The script that gives the page the choice before its first paint.
pub fn initial_script(choice: ThemeChoice) -> String {
    format!("window.__QUOTEMAP_THEME__ = {:?};", choice.name())
}

/// Makes `choice` the window's: kept, checked in the menu, the native parts
/// (menu bar) told, the page told.
pub fn choose<R: Runtime>(app: &AppHandle<R>, choice: ThemeChoice) {
    app.state::<ThemeState>().set(choice);
    if let Some(file) = choice_file(app) {
        let written = file
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&file, choice.name()));
        if let Err(error) = written {
            log::warn!("cannot keep the theme in {}: {error}", file.display());
        }
    }
    check_menu_items(app, choice);
    if let Some(window) = app.get_webview_window("main") {
        // Only dark can be asked of GTK: "light" and "system" both leave the
        // desktop's theme to the menu bar; the page's colours follow the choice.
        let native = (choice == ThemeChoice::Dark).then_some(tauri::Theme::Dark);
        let _ = window.set_theme(native);
    }
    let _ = app.emit(THEME_CHANGED, choice.name());
    log::info!("theme: {}", choice.name());
}

/// Puts the check mark on `choice`'s menu item alone.
pub fn check_menu_items<R: Runtime>(app: &AppHandle<R>, choice: ThemeChoice) {
    let Some(bar) = app.menu() else { return };
    let submenus = bar.items().unwrap_or_default();
    for each in ThemeChoice::ALL {
        let item = submenus
            .iter()
            .filter_map(|item| item.as_submenu())
            .find_map(|submenu| submenu.get(each.menu_id()));
        if let Some(check) = item.as_ref().and_then(|item| item.as_check_menuitem()) {
            let _ = check.set_checked(each == choice);
        }
    }
}

fn choice_file<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    Some(app.path().app_config_dir().ok()?.join("theme"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_menu_ids_go_both_ways() {
        for choice in ThemeChoice::ALL {
            assert_eq!(ThemeChoice::from_name(choice.name()), Some(choice));
            assert_eq!(ThemeChoice::from_menu_id(choice.menu_id()), Some(choice));
        }
        assert_eq!(ThemeChoice::from_name("dark\n"), Some(ThemeChoice::Dark));
        assert_eq!(ThemeChoice::from_name("purple"), None);
        assert_eq!(
            initial_script(ThemeChoice::Light),
            "window.__QUOTEMAP_THEME__ = \"light\";"
        );
    }
}
