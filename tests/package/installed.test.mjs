// The installed-package test (`make test-package`): the .deb that `make package`
// built is installed with apt as a user would, the installed program is started on
// a fresh home under Xvfb, a file is imported through its command line (as a file
// manager's "Open with" does), and the package is removed again, leaving nothing
// outside the user's own folders. Needs root or sudo; not part of `make test`
// (the release build alone takes longer than the whole of it).
import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { ROOT, screenshot, startApp, texts } from '../e2e/harness.mjs'

const DEB_FOLDER = path.join(ROOT, 'target/release/bundle/deb')
const SUDO = process.getuid() === 0 ? [] : ['sudo']
const fixture = (name) => path.join(ROOT, 'tests/fixtures/ingest', name)

/** Runs a command as root (apt, dpkg); throws with its output when it fails. */
function asRoot(command, args, { check = true } = {}) {
  const [program, ...rest] = [...SUDO, command, ...args]
  const run = spawnSync(program, rest, {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
  if (check && run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${run.stdout}${run.stderr}`)
  return run
}

/** Every file (not folder) under `dir`, relative to it. */
function filesUnder(dir) {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
}

const debs = existsSync(DEB_FOLDER) ? readdirSync(DEB_FOLDER).filter((name) => name.endsWith('.deb')) : []
assert.equal(debs.length, 1, `one .deb in ${DEB_FOLDER} (run make package): ${debs.join(', ')}`)
const deb = path.join(DEB_FOLDER, debs[0])
const packageName = execFileSync('dpkg-deb', ['--field', deb, 'Package'], { encoding: 'utf8' }).trim()

// A fresh home: the user's folders as a desktop session has them.
const home = mkdtempSync(path.join(os.tmpdir(), 'quotemap-home-'))
const userEnv = {
  HOME: home,
  XDG_CONFIG_HOME: path.join(home, '.config'),
  XDG_DATA_HOME: path.join(home, '.local/share'),
  XDG_CACHE_HOME: path.join(home, '.cache'),
  XDG_RUNTIME_DIR: path.join(home, 'run'),
}
mkdirSync(userEnv.XDG_RUNTIME_DIR, { mode: 0o700 })
let app
let installedFiles = []

before(() => {
  // A package left by an earlier, interrupted run would hide what this one installs.
  asRoot('dpkg', ['--purge', packageName], { check: false })
  asRoot('apt-get', ['install', '-y', '-qq', '--no-install-recommends', deb])
  installedFiles = execFileSync('dpkg', ['-L', packageName], { encoding: 'utf8' })
    .split('\n')
    .filter((file) => file && existsSync(file) && !statSync(file).isDirectory())
})

after(async () => {
  await app?.stop()
})

test('the package installs the program, its command, completions, manual pages, desktop entry and icons', () => {
  for (const file of [
    '/usr/bin/quotemap-desktop',
    '/usr/bin/quotemap',
    '/usr/share/bash-completion/completions/quotemap',
    '/usr/share/zsh/vendor-completions/_quotemap',
    '/usr/share/fish/vendor_completions.d/quotemap.fish',
    '/usr/share/man/man1/quotemap.1.gz',
    '/usr/share/man/man1/quotemap-import.1.gz',
    '/usr/share/icons/hicolor/scalable/apps/quotemap-desktop.svg',
  ]) {
    assert.ok(installedFiles.includes(file), `${file} installed`)
  }
  for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
    const icon = `/usr/share/icons/hicolor/${size}x${size}/apps/quotemap-desktop.png`
    assert.ok(installedFiles.includes(icon), `${icon} installed`)
  }
  const version = execFileSync('/usr/bin/quotemap', ['--version'], { encoding: 'utf8' })
  assert.match(version, /^quotemap \d+\.\d+\.\d+/)
  // man finds the page where the package put it.
  assert.equal(execFileSync('man', ['-w', 'quotemap-import'], { encoding: 'utf8' }).trim(), '/usr/share/man/man1/quotemap-import.1.gz')

  const entries = installedFiles.filter((file) => file.startsWith('/usr/share/applications/') && file.endsWith('.desktop'))
  assert.equal(entries.length, 1, `one desktop entry: ${entries}`)
  const validation = spawnSync('desktop-file-validate', [entries[0]], { encoding: 'utf8' })
  assert.equal(validation.status, 0, `desktop-file-validate: ${validation.stdout}${validation.stderr}`)
  assert.equal(validation.stdout.trim(), '', 'the desktop entry draws no warning')
  const entry = readFileSync(entries[0], 'utf8')
  assert.match(entry, /^Exec=quotemap-desktop %F$/m)
  assert.match(entry, /^Icon=quotemap-desktop$/m)
  assert.match(entry, /^Keywords=.*quotes;/m)
  const mimeTypes = entry.match(/^MimeType=(.*)$/m)[1].split(';')
  for (const type of ['text/plain', 'text/html', 'text/markdown', 'application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'message/rfc822', 'text/csv', 'application/json']) {
    assert.ok(mimeTypes.includes(type), `${type} in MimeType`)
  }
})

test('the installed program starts on a fresh home with the sample article', async () => {
  app = await startApp({ binary: '/usr/bin/quotemap-desktop', defaultLibrary: true, env: userEnv })
  const { browser } = app
  await browser.waitUntil(async () => (await texts(browser, '#library-info'))[0] === '1 article', {
    timeout: 20000,
    timeoutMsg: 'the sample article was not listed',
  })
  await browser.$('[data-article-id="1"]').click()
  await browser.$('#reader-title').waitForExist({ timeout: 5000 })
  assert.ok(existsSync(path.join(home, '.local/share/quotemap/library.sqlite3')), 'the library in the user’s data folder')
  await screenshot(browser, 'installed-first-start')
})

test('a file given to the installed program on its command line is imported and shown', async () => {
  const { browser } = app
  // A second start, as "Open with Quotemap" does: handed to the open window.
  const opened = spawnSync('/usr/bin/quotemap-desktop', [fixture('windows-1252.txt')], {
    env: { ...process.env, ...userEnv, QUOTEMAP_LIBRARY: undefined },
    encoding: 'utf8',
    timeout: 20000,
  })
  assert.equal(opened.status, 0, opened.stderr)
  await browser.waitUntil(async () => (await texts(browser, '#reader-title'))[0] === 'Minister’s visit to Café Tehran', {
    timeout: 20000,
    timeoutMsg: 'the file was not imported and shown',
  })
  // The installed command sees the same library.
  const listed = execFileSync('/usr/bin/quotemap', ['list'], {
    env: { ...process.env, ...userEnv, QUOTEMAP_LIBRARY: undefined },
    encoding: 'utf8',
  })
  assert.match(listed, /Minister’s visit to Café Tehran/)
  await screenshot(browser, 'installed-opened-with-file')
  await app.stop()
  app = null
})

test('removing the package leaves nothing outside the user’s folders', () => {
  asRoot('apt-get', ['purge', '-y', '-qq', packageName])
  assert.notEqual(spawnSync('dpkg', ['-s', packageName]).status, 0, 'the package is gone')
  const left = installedFiles.filter((file) => existsSync(file))
  assert.deepEqual(left, [], 'every installed file removed')
  // Nothing of it anywhere on the system (dpkg's own records included).
  const found = spawnSync('find', ['/usr', '/etc', '/opt', '/var/lib', '-iname', '*quotemap*'], { encoding: 'utf8' })
  assert.deepEqual(found.stdout.split('\n').filter(Boolean), [], 'no file named after Quotemap outside the home')
  // What the program wrote is in the user's folders: its library, log and webview
  // data under its own names; caches and runtime files (Mesa's shader cache, dconf,
  // the single-instance socket) where the desktop keeps such things.
  const allowed = [
    '.local/share/quotemap/',
    '.local/share/org.quotemap.desktop/',
    '.config/org.quotemap.desktop/',
    '.cache/',
    'run/',
  ]
  const written = filesUnder(home)
  const elsewhere = written.filter((file) => !allowed.some((folder) => file.startsWith(folder)))
  assert.deepEqual(elsewhere, [], 'files outside the user’s data, config, cache and runtime folders')
  assert.ok(written.includes('.local/share/quotemap/library.sqlite3'), 'the library is the user’s, and stays')
  assert.ok(written.some((file) => file.startsWith('.local/share/org.quotemap.desktop/logs/')), `a log was written: ${written}`)
})
