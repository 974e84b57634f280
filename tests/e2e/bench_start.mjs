// Start-up benchmark (not a test): the app binary (BENCH_APP, by default the release
// build of `make package`) started BENCH_RUNS times (default 5) on a fresh library
// (the sample article) and, when BENCH_LIBRARY names one, on that library; the median
// and the spread of the time from asking WebKitWebDriver for the window to a usable
// window (the list shown, listeners registered). Run with `make bench-start`.
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { makeLibrary, median, rss } from './bench_common.mjs'
import { ROOT, startApp } from './harness.mjs'

const APP = path.resolve(ROOT, process.env.BENCH_APP ?? 'target/release/quotemap-desktop')
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const LIBRARY = process.env.BENCH_LIBRARY ? path.resolve(process.env.BENCH_LIBRARY) : null
const CLI = path.resolve(ROOT, process.env.BENCH_CLI ?? 'target/release/quotemap')
if (LIBRARY && !existsSync(LIBRARY) && process.env.BENCH_ARTICLES) {
  const seconds = makeLibrary(CLI, LIBRARY, Number(process.env.BENCH_ARTICLES))
  console.error(`made ${LIBRARY} of ${process.env.BENCH_ARTICLES} articles in ${seconds} s`)
}

async function startOnce(library) {
  const app = await startApp({ binary: APP, library })
  try {
    const readyAt = Number(await app.browser.execute(() => document.body.dataset.readyAt))
    const articles = await app.browser.execute(() => document.querySelector('#library-info')?.textContent?.trim())
    // Memory once the window has settled: the app's process and WebKit's web process.
    await app.browser.pause(1000)
    return { ms: readyAt - app.requestedAt, articles, appMb: rss(path.basename(APP)), webMb: rss('WebKitWebProcess') }
  } finally {
    await app.stop()
  }
}

async function measure(name, libraryForRun) {
  const runs = []
  for (let i = 0; i < RUNS; i++) runs.push(await startOnce(libraryForRun()))
  const times = runs.map((r) => r.ms).sort((a, b) => a - b)
  return {
    library: name,
    articles: runs.at(-1).articles,
    runs: RUNS,
    median_ms: median(runs.map((r) => r.ms)),
    min_ms: times[0],
    max_ms: times.at(-1),
    app_mb_median: median(runs.map((r) => r.appMb)),
    webview_mb_median: median(runs.map((r) => r.webMb)),
  }
}

const results = [
  // A fresh library each run: the first start of a new user, sample article included.
  await measure('fresh (sample article)', () => undefined),
]
if (LIBRARY) {
  if (!existsSync(LIBRARY)) throw new Error(`BENCH_LIBRARY ${LIBRARY} does not exist`)
  results.push(
    await measure(path.basename(LIBRARY), () => {
      // A copy per run: the window keeps its map layout in the library.
      const copy = path.join(mkdtempSync(path.join(os.tmpdir(), 'quotemap-bench-start-')), 'library.sqlite3')
      copyFileSync(LIBRARY, copy)
      return copy
    }),
  )
}
console.log(JSON.stringify({ app: path.relative(ROOT, APP), results }, null, 2))
