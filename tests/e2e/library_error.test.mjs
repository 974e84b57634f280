// End-to-end: a library that cannot be opened gets a dialog with the reason and
// the choices (open another, make a new one, quit), never a line on stderr alone;
// the file is left exactly as it was.
import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { APP, ROOT, SHOTS, captureScreen } from './harness.mjs'

const xdotool = (...args) => execFileSync('xdotool', args, { encoding: 'utf8', timeout: 30000 }).trim()

/** The first window whose name matches, once there. Polled rather than `search --sync`:
 * windows closing while xdotool walks the tree (the dialogs here) make it fail with
 * BadWindow. */
async function waitForWindow(name, timeoutMs = 30000) {
  const until = Date.now() + timeoutMs
  for (;;) {
    try {
      const found = xdotool('search', '--name', name).split('\n')[0]
      if (found) return found
    } catch {
      // Not there yet, or a window went away during the search: look again.
    }
    if (Date.now() > until) throw new Error(`no window named ${JSON.stringify(name)} in ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

test('a file that is not a library gets a dialog with the reason, and Quit leaves it untouched', async () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'quotemap-e2e-'))
  const library = path.join(work, 'library.sqlite3')
  const content = 'my own notes, not a Quotemap library\n'
  writeFileSync(library, content)
  let stderr = ''
  const app = spawn(APP, [], { env: { ...process.env, QUOTEMAP_LIBRARY: library }, stdio: ['ignore', 'ignore', 'pipe'] })
  app.stderr.on('data', (chunk) => (stderr += chunk))
  const exited = new Promise((resolve) => app.on('exit', (code) => resolve(code)))
  try {
    const window = await waitForWindow('Quotemap cannot open the library')
    // The dialog as a person sees it.
    mkdirSync(SHOTS, { recursive: true })
    captureScreen(path.join(SHOTS, 'library-open-failure.png'))
    // The third button, Quit, at the dialog's lower right.
    const geometry = xdotool('getwindowgeometry', '--shell', window)
    const width = Number(/WIDTH=(\d+)/.exec(geometry)[1])
    const height = Number(/HEIGHT=(\d+)/.exec(geometry)[1])
    xdotool('mousemove', '--window', window, String(width - 60), String(height - 15), 'click', '1')
    const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 15000))])
    assert.equal(code, 1, 'Quit ends the program (exit 1: no library was opened)')
    assert.match(stderr, /cannot open the library .*library\.sqlite3: .*file is not a database/)
    assert.equal(readFileSync(library, 'utf8'), content, 'the file is left as it was')
  } finally {
    app.kill('SIGKILL')
  }
})

test('New library… makes a new library beside the one that would not open, and the window opens on it', async () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'quotemap-e2e-'))
  const library = path.join(work, 'library.sqlite3')
  const content = 'my own notes, not a Quotemap library\n'
  writeFileSync(library, content)
  const app = spawn(APP, [], {
    env: {
      ...process.env,
      QUOTEMAP_LIBRARY: library,
      XDG_CONFIG_HOME: path.join(work, 'config'),
      XDG_DATA_HOME: path.join(work, 'data'),
      XDG_CACHE_HOME: path.join(work, 'cache'),
    },
    stdio: 'ignore',
  })
  try {
    const dialog = await waitForWindow('Quotemap cannot open the library')
    // The three buttons share the dialog's width: New library… is the middle one.
    const geometry = xdotool('getwindowgeometry', '--shell', dialog)
    const width = Number(/WIDTH=(\d+)/.exec(geometry)[1])
    const height = Number(/HEIGHT=(\d+)/.exec(geometry)[1])
    xdotool('mousemove', '--window', dialog, String(Math.round(width / 2)), String(height - 15), 'click', '1')
    // GTK's Save dialog, in the library's folder, suggesting a name not taken there
    // (library.sqlite3 is): Save takes it.
    const chooser = await waitForWindow('Make a new Quotemap library')
    await new Promise((resolve) => setTimeout(resolve, 1000))
    xdotool('windowfocus', '--sync', chooser)
    xdotool('key', '--window', chooser, 'Return')
    const created = path.join(work, 'library-2.sqlite3')
    const main = await waitForWindow(`${created} — Quotemap`)
    assert.ok(main, 'a window on the new library')
    assert.ok(existsSync(created))
    assert.equal(readFileSync(library, 'utf8'), content, 'the file that would not open is left as it was')
  } finally {
    app.kill('SIGKILL')
  }
  // A real library, with the sample article a new library starts with.
  const listing = execFileSync(path.join(ROOT, 'target/debug/quotemap'), ['--library', path.join(work, 'library-2.sqlite3'), 'list'], {
    encoding: 'utf8',
  })
  assert.match(listing, /Iraq not to enter anti Iran alliance/)
})

