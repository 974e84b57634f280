// End-to-end: files given on the command line ("Open with") are imported and
// the first one shown; a second launch on the same library hands its files to
// the open window instead of starting a second process on the library.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, readlinkSync } from 'node:fs'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { APP, ROOT, screenshot, startApp } from './harness.mjs'

const fixture = (name) => path.join(ROOT, 'tests/fixtures/ingest', name)
let app

before(async () => {
  app = await startApp({ args: [fixture('windows-1252.txt')] })
})

after(async () => {
  await app?.stop()
})

const readerTitle = (browser) => browser.execute(() => document.querySelector('#reader-title')?.textContent ?? '')
const articleCount = (browser) => browser.execute(() => document.querySelector('#library-info')?.textContent?.trim() ?? '')

test('a file given on the command line is imported and shown', async () => {
  const { browser } = app
  await browser.waitUntil(async () => (await readerTitle(browser)) === 'Minister’s visit to Café Tehran', {
    timeout: 20000,
    timeoutMsg: 'the launch file was not shown',
  })
  assert.equal(await articleCount(browser), '2 articles')
})

test('a second launch on the same library hands its files to the open window and ends', async () => {
  const { browser } = app
  const started = Date.now()
  const second = spawnSync(APP, [fixture('crlf-no-dateline.txt')], {
    env: { ...process.env, QUOTEMAP_LIBRARY: app.libraryPath },
    encoding: 'utf8',
    timeout: 20000,
  })
  assert.equal(second.status, 0, second.stderr)
  assert.match(second.stderr, /open in a Quotemap window already; 1 file\(s\) handed to it/)
  assert.ok(Date.now() - started < 10000, 'the second launch ended at once')
  await browser.waitUntil(async () => (await readerTitle(browser)) === 'Ceasefire holds in the north', {
    timeout: 20000,
    timeoutMsg: 'the handed-over file was not imported and shown',
  })
  assert.equal(await articleCount(browser), '3 articles')
  // A file the library holds already is shown, not imported twice.
  const again = spawnSync(APP, [fixture('windows-1252.txt')], {
    env: { ...process.env, QUOTEMAP_LIBRARY: app.libraryPath },
    encoding: 'utf8',
    timeout: 20000,
  })
  assert.equal(again.status, 0, again.stderr)
  await browser.waitUntil(async () => (await readerTitle(browser)) === 'Minister’s visit to Café Tehran', {
    timeout: 20000,
    timeoutMsg: 'the known file was not shown',
  })
  assert.equal(await articleCount(browser), '3 articles')
  await screenshot(browser, 'opened-with-files')
})

test('the log names the imported files, never their text', async () => {
  const log = readFileSync(path.join(app.workDir, 'data/org.quotemap.desktop/logs/quotemap.log'), 'utf8')
  assert.match(log, /started on /)
  assert.match(log, new RegExp(`imported ${fixture('windows-1252.txt').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} as #2`))
  assert.match(log, /import \d+ of 1 path\(s\): 0 added, 1 already in the library, 0 failed/)
  assert.doesNotMatch(log, /Minister|Ceasefire|Tehran/, 'no title or article text in the log')
})

test('the app and its web process run with the memory settings', () => {
  // Started without them, the app starts itself again with them (src-tauri/memory_settings.rs);
  // the web process inherits them.
  const processes = (matches) =>
    readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((pid) => {
        try {
          return matches(readlinkSync(`/proc/${pid}/exe`)) && readFileSync(`/proc/${pid}/environ`, 'utf8').includes(app.workDir)
        } catch {
          return false
        }
      })
  const environment = (pid) => readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')
  const ours = processes((exe) => exe === path.resolve(APP))
  const web = processes((exe) => exe.endsWith('/WebKitWebProcess'))
  assert.ok(ours.length >= 1, 'the app process is found')
  assert.ok(web.length >= 1, 'its web process is found')
  for (const pid of [...ours, ...web]) {
    const variables = environment(pid)
    // (As read back from /proc, glibc has cut the variable after the first setting it parsed.)
    assert.ok(variables.some((v) => v.startsWith('GLIBC_TUNABLES=glibc.malloc.mmap_threshold=131072')), `process ${pid}`)
    assert.ok(variables.includes('JSC_forceRAMSize=402653184'), `process ${pid}`)
  }
})
