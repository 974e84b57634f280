// What the UI benchmarks share: their articles, made from real PolNeAR DEV
// paragraphs when ../shared/eval is present (else from the sample), one JSON
// Lines file each, dated over eight years and spread over five outlets; a
// library of them made by the CLI; and the memory of processes.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ROOT } from './harness.mjs'

function paragraphs() {
  const polnear = path.join(ROOT, '../shared/eval/polnear.dev.jsonl')
  const source = existsSync(polnear)
    ? readFileSync(polnear, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line).text)
        .join('\n\n')
    : readFileSync(path.join(ROOT, 'crates/core/data/iran-press-2019-01-30.txt'), 'utf8')
  return source.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.length > 40)
}

/** Writes articles `offset` to `offset + count` into the folder `files`. */
export function writeArticles(files, count, offset = 0) {
  const pool = paragraphs()
  mkdirSync(files, { recursive: true })
  const outlets = ['Wire Service', 'Daily Example', 'Iran Press', 'Coastal Herald', 'Evening Post']
  for (let j = 0; j < count; j++) {
    const i = j + offset
    const body = []
    for (let k = 0; k < 4 + (i % 9); k++) body.push(pool[(i * 7 + k * 13) % pool.length])
    const day = new Date(Date.UTC(2015, 0, 1) + (i % 3000) * 86400000).toISOString().slice(0, 10)
    const title = `${body[0].split(/\s+/).slice(0, 8).join(' ')} (${i})`
    writeFileSync(
      path.join(files, `a${i}.jsonl`),
      JSON.stringify({ title, text: body.join('\n\n'), date: day, outlet: outlets[i % outlets.length] }) + '\n',
    )
  }
}

/** Makes the library `library` of `count` articles with the CLI `cli`; returns the import's seconds. */
export function makeLibrary(cli, library, count) {
  const files = mkdtempSync(path.join(os.tmpdir(), 'quotemap-bench-files-'))
  writeArticles(files, count)
  const started = Date.now()
  execFileSync(cli, ['--library', library, 'import', files], { stdio: ['ignore', 'ignore', 'inherit'] })
  return (Date.now() - started) / 1000
}

/** Resident memory (MB) of the processes whose command line matches `pattern`, summed. */
export function rss(pattern) {
  try {
    const pids = execFileSync('pgrep', ['-f', pattern]).toString().trim().split('\n')
    let kb = 0
    for (const pid of pids) {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8')
      kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
    }
    return Math.round(kb / 1024)
  } catch {
    return NaN
  }
}

/**
 * Where the memory of the processes whose command line matches `pattern` is, in MB
 * (from /proc/PID/smaps_rollup): `anon` is what they allocated (heaps, JIT, canvases,
 * painted frames), `mapped` the pages of mapped files and shared memory (libraries,
 * fonts, ICU data: mostly shared with other programs), and `pss` the proportional set
 * size — resident memory with each shared page divided among the processes that map
 * it, so that the sum over the app and its web process counts a library they both map
 * once (a sum of `rss` counts it twice).
 */
export function rssParts(pattern) {
  try {
    const pids = execFileSync('pgrep', ['-f', pattern]).toString().trim().split('\n')
    let rss = 0
    let anon = 0
    let pss = 0
    for (const pid of pids) {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
      const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(rollup)?.[1] ?? 0)
      rss += field('Rss')
      anon += field('Anonymous')
      pss += field('Pss')
    }
    const mb = (kb) => Math.round(kb / 1024)
    return { rss: mb(rss), anon: mb(anon), mapped: mb(rss - anon), pss: mb(pss) }
  } catch {
    return null
  }
}

/** The middle value (the upper one of an even count). */
export function median(values) {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
}
