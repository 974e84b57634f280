// Start-up benchmark (not a test): the app binary (BENCH_APP, by default the release
// build of `make package`) started BENCH_RUNS times (default 5) on a fresh library
// (the sample article) and, when BENCH_LIBRARY names one, on that library; the median
// and the spread of the time from asking WebKitWebDriver for the window to a usable
// window (the list shown, listeners registered). Run with `make bench-start`.
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ROOT, startApp } from './harness.mjs'

const APP = path.resolve(ROOT, process.env.BENCH_APP ?? 'target/release/quotemap-desktop')
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const LIBRARY = process.env.BENCH_LIBRARY ? path.resolve(process.env.BENCH_LIBRARY) : null

async function startOnce(library) {
  const app = await startApp({ binary: APP, library })
  try {
    const readyAt = Number(await app.browser.execute(() => document.body.dataset.readyAt))
    const articles = await app.browser.execute(() => document.querySelector('#library-info')?.textContent?.trim())
    return { ms: readyAt - app.requestedAt, articles }
  } finally {
    await app.stop()
  }
}

async function measure(name, makeLibrary) {
  const times = []
  let articles = ''
  for (let i = 0; i < RUNS; i++) {
    const run = await startOnce(makeLibrary())
    times.push(run.ms)
    articles = run.articles
  }
  times.sort((a, b) => a - b)
  return { library: name, articles, runs: RUNS, median_ms: times[Math.floor(times.length / 2)], min_ms: times[0], max_ms: times.at(-1) }
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
