// Starts WebKitWebDriver, which starts the real Quotemap binary under the
// current X display, and opens a WebDriver session on its window. Every run
// gets a fresh library in a temporary folder.
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, mkdirSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { remote } from 'webdriverio'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const SHOTS = path.join(ROOT, 'target/e2e')
export const APP = process.env.QUOTEMAP_APP ?? path.join(ROOT, 'target/debug/quotemap-desktop')
const PORT = Number(process.env.WEBDRIVER_PORT ?? 4444)

function waitPort(port, deadline = Date.now() + 15000) {
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, '127.0.0.1')
      socket.once('connect', () => socket.end(resolve))
      socket.once('error', () => {
        if (Date.now() > deadline) reject(new Error(`WebDriver did not listen on ${port}`))
        else setTimeout(attempt, 100)
      })
    }
    attempt()
  })
}

/** Resolves once nothing listens on `port` any more (a killed driver lets go of it). */
function waitPortFree(port, deadline = Date.now() + 10000) {
  return new Promise((resolve) => {
    const attempt = () => {
      const socket = net.connect(port, '127.0.0.1')
      socket.once('connect', () => {
        socket.destroy()
        if (Date.now() > deadline) resolve()
        else setTimeout(attempt, 50)
      })
      socket.once('error', () => resolve())
    }
    attempt()
  })
}

function withTimeout(promise, ms, what) {
  let timer
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/**
 * Starts the app on a fresh library (or on `library`, for benchmarks; or, with
 * `defaultLibrary`, on the one its environment names, as a user's start does), with
 * `env` added to its environment and `args` on its command line; `binary` is
 * another build of the app (an installed one). Returns
 * { browser, libraryPath, workDir, stop, requestedAt } where `requestedAt` is
 * the wall-clock time (ms) the app was asked for.
 */
export async function startApp({ library, defaultLibrary = false, binary = APP, dark = false, env = {}, args = [] } = {}) {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'quotemap-e2e-'))
  const libraryPath = defaultLibrary ? null : (library ?? path.join(workDir, 'library.sqlite3'))
  let requestedAt = 0
  mkdirSync(SHOTS, { recursive: true })
  // Detached: killing the process group also ends the app the driver started.
  const driver = spawn('WebKitWebDriver', [`--port=${PORT}`, '--host=127.0.0.1'], {
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      TAURI_WEBVIEW_AUTOMATION: 'true',
      // Undefined: not passed on, so the app finds its library as a user's start does.
      QUOTEMAP_LIBRARY: libraryPath ?? undefined,
      // WebKitGTK answers prefers-color-scheme from the GTK theme.
      GTK_THEME: dark ? 'Adwaita:dark' : 'Adwaita',
      // The window's locale (dates, numbers) comes from these: one known locale for
      // the tests, whatever the machine's (a test may ask for another).
      LANG: 'en_GB.UTF-8',
      LANGUAGE: 'en_GB',
      // The window's kept size and position, and the webview's storage (the views
      // left open), live here: each run starts from none.
      XDG_CONFIG_HOME: path.join(workDir, 'config'),
      XDG_DATA_HOME: path.join(workDir, 'data'),
      XDG_CACHE_HOME: path.join(workDir, 'cache'),
      ...env,
    },
  })
  const stopDriver = () => {
    try {
      process.kill(-driver.pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
  try {
    await waitPort(PORT)
    requestedAt = Date.now()
    const browser = await withTimeout(
      remote({
        hostname: '127.0.0.1',
        port: PORT,
        logLevel: 'warn',
        connectionRetryCount: 0,
        capabilities: {
          'webkitgtk:browserOptions': { binary, args },
          'wdio:enforceWebDriverClassic': true,
        },
      }),
      30000,
      'opening a WebDriver session on the app',
    )
    await browser.waitUntil(
      async () => (await browser.execute(() => document.body.dataset.ready)) === '1',
      { timeout: 20000, timeoutMsg: 'the app never set body[data-ready]' },
    )
    const stop = async () => {
      await browser.deleteSession().catch(() => {})
      stopDriver()
      // The next test file starts its own driver on the same port: it must not reach this one.
      await waitPortFree(PORT)
    }
    return { browser, libraryPath, workDir, stop, requestedAt }
  } catch (error) {
    stopDriver()
    throw error
  }
}

/** Saves the X screen as a person sees it (GDK) to `file`. */
export function captureScreen(file) {
  execFileSync('/usr/bin/python3', [
    '-c',
    `import sys, gi; gi.require_version('Gdk', '3.0'); from gi.repository import Gdk
w = Gdk.get_default_root_window(); Gdk.pixbuf_get_from_window(w, 0, 0, w.get_width(), w.get_height()).savev(sys.argv[1], 'png', [], [])`,
    file,
  ])
}

/** Saves a screenshot after the last DOM change has been painted: the X screen, not
 * WebDriver's snapshot of the page (with GPU compositing off, the app's default,
 * WebKitGTK's WebDriver snapshot of a page with the map's canvas does not return). */
export async function screenshot(browser, name) {
  await browser.pause(250)
  captureScreen(path.join(SHOTS, `${name}.png`))
}

/** Texts of all elements matching a selector. */
export async function texts(browser, selector) {
  return browser.execute(
    (s) => Array.from(document.querySelectorAll(s), (e) => e.textContent.trim()),
    selector,
  )
}
