// The window's colours: the user's choice in View (kept by the app, src-tauri/theme.rs),
// applied as <html data-theme="light|dark">, which app.css reads. "system" follows the
// desktop's light or dark setting as it changes. The app hands the kept choice to the
// page before its first paint (window.__QUOTEMAP_THEME__), so a dark window never
// flashes light.

export type ThemeChoice = 'system' | 'light' | 'dark'
export type Theme = 'light' | 'dark'

/** Sent on `document` when the colours in use change (the map restyles itself). */
export const THEME_CHANGE = 'quotemap-theme-change'

const CHOICES: ThemeChoice[] = ['system', 'light', 'dark']

/** The choice a name stands for; the desktop's for anything else. */
export function parseThemeChoice(name: unknown): ThemeChoice {
  return CHOICES.includes(name as ThemeChoice) ? (name as ThemeChoice) : 'system'
}

/** The colours in use for a choice, given whether the desktop is dark. */
export function themeFor(choice: ThemeChoice, desktopDark: boolean): Theme {
  if (choice === 'system') return desktopDark ? 'dark' : 'light'
  return choice
}

let choice: ThemeChoice = 'system'
let desktopDark: MediaQueryList | null = null

/** The colours in use now. */
export function currentTheme(): Theme {
  return themeFor(choice, desktopDark?.matches ?? false)
}

function apply() {
  const theme = currentTheme()
  const root = document.documentElement
  if (root.dataset.theme === theme) return
  root.dataset.theme = theme
  document.dispatchEvent(new CustomEvent(THEME_CHANGE, { detail: theme }))
}

/** Makes `next` the window's choice (from the app's `theme` event). */
export function setThemeChoice(next: ThemeChoice) {
  choice = next
  apply()
}

/** Applies the choice the app handed the page, and follows the desktop from now on. */
export function startTheme() {
  choice = parseThemeChoice((window as { __QUOTEMAP_THEME__?: unknown }).__QUOTEMAP_THEME__)
  desktopDark = matchMedia('(prefers-color-scheme: dark)')
  desktopDark.addEventListener('change', apply)
  apply()
}
