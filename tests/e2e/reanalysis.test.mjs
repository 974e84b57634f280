// End-to-end: a library analysed by an older engine (as after an upgrade) opens
// at once, and its articles are analysed again behind the window, which says how
// many are left and then that none are; the user's note survives it. One
// article whose stored row is damaged keeps its earlier analysis, and the
// status line then says so instead of "Updating…" for ever.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { ROOT, startApp } from './harness.mjs'

const N = 4000
let app
let library

/** Runs SQL on the library file with Python's sqlite3 (what a user's tools would). */
function sql(statement) {
  const run = spawnSync('python3', ['-c', 'import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nr = c.execute(sys.argv[2]).fetchall()\nc.commit()\nprint(r[0][0] if r else "")', library, statement], {
    encoding: 'utf8',
  })
  assert.equal(run.status, 0, run.stderr)
  return run.stdout.trim()
}

before(async () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'quotemap-reanalysis-'))
  library = path.join(folder, 'library.sqlite3')
  const lines = []
  for (let n = 1; n <= N; n++) {
    lines.push(JSON.stringify({ title: `Harbour report ${n}`, text: `Ships came in.\n\n"Traffic is steady," said the mayor, Ana Ruiz. Report ${n}.` }))
  }
  const batch = path.join(folder, 'reports.jsonl')
  writeFileSync(batch, lines.join('\n'))
  const cli = (...args) => spawnSync(path.join(ROOT, 'target/debug/quotemap'), ['--library', library, ...args], { encoding: 'utf8' })
  let run = cli('import', batch)
  assert.equal(run.status, 0, run.stderr)
  run = cli('annotate', '2', '--start', '0', '--end', '5', '--note', 'check the ships')
  assert.equal(run.status, 0, run.stderr)
  // As if an older engine had analysed every article.
  sql("UPDATE article_analysis SET engine_version = 'quotes-0'")
  sql("UPDATE articles SET blocks_json = 'not json' WHERE title = 'Harbour report 7'")
  app = await startApp({ library })
})

after(async () => {
  await app?.stop()
})

test('older articles are analysed again behind an open window', async () => {
  const { browser } = app
  // The window is usable while the work goes on: it says how much is left.
  const status = await browser.$('#reanalysis-status')
  await status.waitForExist({ timeout: 10000, timeoutMsg: 'no status while older articles wait' })
  assert.match(await status.getText(), /Updating the analysis of \d+ older articles/)
  assert.ok(await browser.$('#library-list button[data-article-id]').isExisting())
  // Once the run has ended, only the damaged article is left, and the line says so.
  await browser.waitUntil(async () => /keeps its earlier analysis/.test(await status.getText()), {
    timeout: 120000,
    timeoutMsg: 'the status line never said that the run had ended',
  })
  assert.match(await status.getText(), /^1 older article keeps its earlier analysis: each is named in the log/)
  assert.match(await status.getAttribute('class'), /\bwarning\b/)
  assert.equal(sql("SELECT count(*) FROM article_analysis WHERE engine_version = 'quotes-0'"), '1')
  assert.equal(
    sql("SELECT a.title FROM articles a JOIN article_analysis s ON s.article_id = a.id WHERE s.engine_version = 'quotes-0'"),
    'Harbour report 7',
  )
  assert.equal(sql('SELECT count(*) FROM articles'), String(N + 1))
  // The note made before is still there.
  assert.equal(sql("SELECT count(*) FROM user_annotations WHERE note = 'check the ships'"), '1')
})
