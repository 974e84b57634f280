// End-to-end: help inside the app — the pages, the keyboard shortcuts on `?`,
// About with the versions and the open library — and the window's title naming
// the library it has open.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { screenshot, startApp, texts } from './harness.mjs'

let app

before(async () => {
  app = await startApp()
})

after(async () => {
  await app?.stop()
})

test('? opens the keyboard shortcuts, Escape closes them, and the reader keys wait meanwhile', async () => {
  const { browser } = app
  await browser.$('[data-article-id="1"]').click()
  await browser.$('#reader-title').waitForExist({ timeout: 5000 })
  await browser.keys('?')
  const table = await browser.$('#help-shortcuts')
  await table.waitForExist({ timeout: 5000 })
  const rows = await texts(browser, '#help-shortcuts th')
  for (const key of ['Ctrl+O', 'Ctrl+F', 'n / p', 'a', '?']) assert.ok(rows.includes(key), `${key} in ${rows.join('|')}`)
  // n would select a quotation behind the dialog; it must not.
  await browser.keys('n')
  assert.equal(await browser.execute(() => document.querySelectorAll('.quote.selected').length), 0)
  await browser.keys('Escape')
  await browser.waitUntil(async () => !(await browser.$('#help-dialog').isExisting()), { timeout: 5000 })
})

test('Help has its pages, and About gives the versions and the library that is open', async () => {
  const { browser } = app
  await browser.$('#open-help').click()
  await browser.$('#help-dialog').waitForExist({ timeout: 5000 })
  for (const page of ['map', 'search', 'notes', 'export']) {
    await browser.$(`#help-page-${page}`).click()
    assert.ok((await browser.$('#help-content').getText()).length > 100, `${page} says something`)
  }
  await browser.$('#help-page-about').click()
  await browser.$('#about-library').waitForExist({ timeout: 5000 })
  assert.equal((await texts(browser, '#about-library'))[0], app.libraryPath)
  assert.match((await texts(browser, '#about-version'))[0], /^\d+\.\d+\.\d+/)
  assert.match((await texts(browser, '#about-engine'))[0], /^quotes-/)
  const diagnostics = (await texts(browser, '#diagnostics'))[0]
  assert.match(diagnostics, new RegExp(`library ${app.libraryPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))
  assert.doesNotMatch(diagnostics, /Iraq/, 'no article text in the diagnostics')
  // The log: in the user's log folder (here the run's XDG_DATA_HOME), its last lines in the diagnostics.
  const logFile = path.join(app.workDir, 'data/org.quotemap.desktop/logs/quotemap.log')
  assert.equal((await texts(browser, '#about-log'))[0], logFile)
  assert.match(diagnostics, /last \d+ log lines \(UTC\):\n.*Quotemap \d+\.\d+\.\d+ \(engine quotes-[^)]*\) started on /)
  assert.ok((await texts(browser, '#about-licences th')).some((t) => t.includes('Given names')))
  await screenshot(browser, 'help-about')
  await browser.$('#help-close').click()
  assert.equal(await browser.getTitle(), `${app.libraryPath} — Quotemap`)
  // The native window's title too (what the task bar and window switcher show).
  const windows = execFileSync('xdotool', ['search', '--name', `${app.libraryPath} — Quotemap`], { encoding: 'utf8' })
  assert.ok(windows.trim().length > 0, 'a window titled with the library')
})
