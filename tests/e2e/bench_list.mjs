// Library-list benchmark (not a test): the app (BENCH_APP, by default the debug
// build `make run` opens) on a copy of BENCH_LIBRARY (made of BENCH_ARTICLES
// articles by the CLI when missing, as `make bench-start` does), and, in the
// real window, for each order of the Sort menu: the choice to its first rows
// drawn, and a jump to the middle and to the end of the list to their rows
// drawn (each a page read from SQLite); BENCH_RUNS times each (default 5),
// medians. Run with `make bench-list`; the numbers go in BENCHMARKS.md.
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { makeLibrary, median, rss } from './bench_common.mjs'
import { ROOT, startApp } from './harness.mjs'

const APP = path.resolve(ROOT, process.env.BENCH_APP ?? 'target/debug/quotemap-desktop')
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
if (!process.env.BENCH_LIBRARY) throw new Error('BENCH_LIBRARY names the library to measure')
const LIBRARY = path.resolve(process.env.BENCH_LIBRARY)
if (!existsSync(LIBRARY)) {
  if (!process.env.BENCH_ARTICLES) throw new Error(`${LIBRARY} does not exist (BENCH_ARTICLES=N makes it)`)
  const cli = path.resolve(ROOT, process.env.BENCH_CLI ?? 'target/release/quotemap')
  makeLibrary(cli, LIBRARY, Number(process.env.BENCH_ARTICLES))
}
const copy = path.join(mkdtempSync(path.join(os.tmpdir(), 'quotemap-bench-list-')), 'library.sqlite3')
copyFileSync(LIBRARY, copy)

const app = await startApp({ binary: APP, library: copy })
const { browser } = app
try {
  const results = []
  for (const order of ['newest', 'oldest', 'title', 'outlet', 'quotes']) {
    const sortMs = []
    const middleMs = []
    const endMs = []
    for (let run = 0; run < RUNS; run++) {
      // Another order first, so that each choice is a new list read from its first page.
      const other = order === 'title' ? 'outlet' : 'title'
      for (const [value, times] of [
        [other, null],
        [order, sortMs],
      ]) {
        const ms = await browser.executeAsync((value, done) => {
          const select = document.querySelector('#sort')
          const list = document.querySelector('#library-list')
          const before = list.querySelector('.title')?.textContent
          const started = performance.now()
          select.value = value
          select.dispatchEvent(new Event('change', { bubbles: true }))
          const check = () => {
            const first = document.querySelector('#library-list .row .title')?.textContent
            if (first && (first !== before || performance.now() - started > 3000)) done(performance.now() - started)
            else setTimeout(check, 1)
          }
          check()
        }, value)
        times?.push(ms)
      }
      for (const [fraction, times] of [
        [0.5, middleMs],
        [1, endMs],
      ]) {
        times.push(
          await browser.executeAsync((fraction, done) => {
            const list = document.querySelector('#library-list')
            const started = performance.now()
            list.scrollTop = Math.floor((list.scrollHeight - list.clientHeight) * fraction)
            list.dispatchEvent(new Event('scroll'))
            const check = () => {
              const waiting = document.querySelectorAll('#library-list .placeholder').length
              const rows = document.querySelectorAll('#library-list .row .title').length
              if (rows > 0 && waiting === 0) done(performance.now() - started)
              else setTimeout(check, 1)
            }
            setTimeout(check, 0)
          }, fraction),
        )
        await browser.execute(() => {
          const list = document.querySelector('#library-list')
          list.scrollTop = 0
          list.dispatchEvent(new Event('scroll'))
        })
        await browser.pause(100)
      }
    }
    results.push({
      order,
      sort_to_first_rows_ms: Math.round(median(sortMs)),
      jump_to_middle_ms: Math.round(median(middleMs)),
      jump_to_end_ms: Math.round(median(endMs)),
    })
  }
  const articles = await browser.execute(() => document.querySelector('#library-info')?.textContent?.trim())
  console.log(
    JSON.stringify(
      { app: path.relative(ROOT, APP), articles, runs: RUNS, results, app_mb: rss(path.basename(APP)), webview_mb: rss('WebKitWebProcess') },
      null,
      2,
    ),
  )
} finally {
  await app.stop()
}
