// End-to-end: a library list longer than one page in the real window. 250
// articles of our own (a harbour report a day, three outlets, some undated)
// imported by the CLI beside the sample; the window reads the list a page at
// a time in SQL's order: the newest first, the end reached by scrolling, the
// title order by number value, End and Home across pages, a filter's count.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { ROOT, screenshot, startApp, texts } from './harness.mjs'

const N = 250
const OUTLETS = ['Bay Herald', 'Coast Wire', 'Delta Post']
let app

/** Day `n` (1-based) of 2020 as YYYY-MM-DD. */
const day = (n) => new Date(Date.UTC(2020, 0, n)).toISOString().slice(0, 10)

before(async () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'quotemap-list-'))
  const library = path.join(folder, 'library.sqlite3')
  const lines = []
  for (let n = 1; n <= N; n++) {
    lines.push(
      JSON.stringify({
        title: `Harbour report ${n}`,
        outlet: OUTLETS[n % 3],
        // Every tenth report is undated: it goes after the dated ones.
        published: n % 10 === 0 ? null : day(n),
        text: `The harbour master said ${n} ships came in.\n\n"Traffic is steady," said Ana Ruiz.`,
      }),
    )
  }
  const batch = path.join(folder, 'reports.jsonl')
  writeFileSync(batch, lines.join('\n'))
  const cli = spawnSync(path.join(ROOT, 'target/debug/quotemap'), ['--library', library, 'import', batch], {
    encoding: 'utf8',
  })
  assert.equal(cli.status, 0, cli.stderr)
  app = await startApp({ library })
})

after(async () => {
  await app?.stop()
})

/** The titles of the rows drawn, once no row waits for its page. */
async function shownTitles(browser) {
  await browser.waitUntil(async () => (await browser.$$('#library-list .placeholder')).length === 0, {
    timeout: 5000,
    timeoutMsg: 'rows still wait for their page',
  })
  return texts(browser, '#library-list .title')
}

/** Sets the list's scroll position and waits for the rows there. */
async function scrollListTo(browser, top) {
  await browser.execute((y) => {
    const list = document.querySelector('#library-list')
    list.scrollTop = y
    list.dispatchEvent(new Event('scroll'))
  }, top)
  await browser.pause(100)
  return shownTitles(browser)
}

test('the list opens on its first page, newest first, and reads the rest as it scrolls', async () => {
  const { browser } = app
  assert.equal(await browser.$('#library-info').getText(), `${N + 1} articles`)
  const first = await shownTitles(browser)
  // Day 249 is the newest dated report (250 is undated).
  assert.deepEqual(first.slice(0, 3), ['Harbour report 249', 'Harbour report 248', 'Harbour report 247'])
  // Only the rows in view exist, but the list is as tall as all of them.
  assert.ok(first.length < 60, `${first.length} rows drawn`)
  const height = await browser.execute(() => document.querySelector('#library-list').scrollHeight)
  assert.equal(height, (N + 1) * 58)
  // The end: after the oldest dated articles (the sample is from 2019) come
  // the undated reports by title: 10, 20, …, 250.
  const last = await scrollListTo(browser, height)
  assert.deepEqual(last.slice(-4), ['Harbour report 220', 'Harbour report 230', 'Harbour report 240', 'Harbour report 250'])
  const sampleRow = await scrollListTo(browser, (N + 1 - 26) * 58 - 200)
  assert.ok(sampleRow.includes('Iraq not to enter anti Iran alliance'), sampleRow.join('|'))
  await browser.pause(1500)
  await screenshot(browser, 'library-list-end')
})

test('sorting by title is by number value, and End and Home move across pages', async () => {
  const { browser } = app
  await scrollListTo(browser, 0)
  await browser.$('#sort').selectByAttribute('value', 'title')
  await browser.waitUntil(async () => (await shownTitles(browser))[0] === 'Harbour report 1', {
    timeout: 5000,
    timeoutMsg: 'the title order did not come',
  })
  const titles = await shownTitles(browser)
  assert.deepEqual(
    titles.slice(0, 11),
    Array.from({ length: 11 }, (_, i) => `Harbour report ${i + 1}`),
  )
  // End from the first row: the last article (the sample's "Iraq…" after every
  // "Harbour…"), three pages on, is read, drawn, opened and focused.
  await browser.$('#library-list [data-article-id]').click()
  await browser.keys('End')
  await browser.waitUntil(async () => (await browser.$('#reader-title').getText()) === 'Iraq not to enter anti Iran alliance', {
    timeout: 5000,
    timeoutMsg: 'End did not open the last article',
  })
  const focused = await browser.execute(() => document.activeElement?.querySelector('.title')?.textContent)
  assert.equal(focused, 'Iraq not to enter anti Iran alliance')
  await browser.keys('ArrowUp')
  await browser.waitUntil(async () => (await browser.$('#reader-title').getText()) === 'Harbour report 250', {
    timeout: 5000,
    timeoutMsg: 'ArrowUp did not open the row above',
  })
  await browser.keys('Home')
  await browser.waitUntil(async () => (await browser.$('#reader-title').getText()) === 'Harbour report 1', {
    timeout: 5000,
    timeoutMsg: 'Home did not open the first article',
  })
})

test('a filter shows its count of articles, a page at a time', async () => {
  const { browser } = app
  await browser.$('#filter-outlet').selectByAttribute('value', 'Coast Wire')
  // n % 3 === 1: 84 of the 250 reports.
  await browser.waitUntil(async () => {
    const height = await browser.execute(() => document.querySelector('#library-list')?.scrollHeight)
    return height === 84 * 58
  }, { timeout: 5000, timeoutMsg: 'the filtered list is not 84 rows long' })
  const titles = await shownTitles(browser)
  assert.deepEqual(titles.slice(0, 3), ['Harbour report 1', 'Harbour report 4', 'Harbour report 7'])
  await browser.$('#filter-outlet').selectByAttribute('value', '')
})
