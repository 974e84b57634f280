// Memory by step (not a test): the web process's resident memory, split into what it
// allocated and what it maps from files, after each of a list of user actions in the
// real window, on BENCH_LIBRARY (made of BENCH_ARTICLES articles when missing). It is how
// the library list's leak was found (a date formatter made per row and scroll frame):
// run one action many times and see whether the allocated part comes back.
//
//   make bench-memory BENCH_STEPS=scroll,jiggle,open,search,map,pan,wait BENCH_REPEAT=600
//
// Steps: scroll (the whole list, a page a frame), jiggle (10 px up and down: the same
// rows), pingpong (a page up and down), jumps (to far rows), open (15 articles), search
// (8 queries), map (the library map laid out and warmed up), focus (ten foci on the most
// connected nodes, each opening its panel), window (the time window stepped through twelve
// months), pan (120 frames), canvases
// (what the map's canvases and Cytoscape's texture caches hold), drop (2,000 new article
// files dropped on the window, imported), wait (5 s). The app's memory is printed too.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { makeLibrary, rssParts, writeArticles } from './bench_common.mjs'
import { ROOT, startApp } from './harness.mjs'
import { dragFilesOnto } from './native_drag.mjs'

const CLI = path.resolve(ROOT, process.env.BENCH_CLI ?? 'target/release/quotemap')
const KEPT = path.resolve(process.env.BENCH_LIBRARY ?? 'target/bench/library-10k.sqlite3')
const REPEAT = Number(process.env.BENCH_REPEAT ?? 200)
const steps = (process.env.BENCH_STEPS ?? 'scroll,open,search,map,pan,wait').split(',')

if (!existsSync(KEPT)) {
  mkdirSync(path.dirname(KEPT), { recursive: true })
  makeLibrary(CLI, KEPT, Number(process.env.BENCH_ARTICLES ?? 10000))
}
const work = mkdtempSync(path.join(os.tmpdir(), 'quotemap-bench-memory-'))
const library = path.join(work, 'library.sqlite3')
copyFileSync(KEPT, library)
const app = await startApp({ library })
const { browser } = app
let dropped = 0
const report = (label, extra) =>
  console.log(
    label.padEnd(10),
    'web',
    JSON.stringify(rssParts('WebKitWebProcess')),
    'app',
    JSON.stringify(rssParts('target/(debug|release)/quotemap-desktop')),
    extra ? JSON.stringify(extra) : '',
  )

/** Sets the list's scroll position once a frame, `count` times, as `kind` says. */
const scrollList = (kind, count) =>
  browser.executeAsync(
    (kind, count, done) => {
      const list = document.querySelector('#library-list')
      let frame = 0
      const step = () => {
        if (kind === 'scroll') list.scrollTop += list.clientHeight
        else if (kind === 'jiggle') list.scrollTop = frame % 2 ? 0 : 10
        else if (kind === 'pingpong') list.scrollTop = frame % 2 ? 0 : list.clientHeight
        else list.scrollTop = (frame * 7919 * 58) % list.scrollHeight
        if (++frame < count) requestAnimationFrame(step)
        else done()
      }
      requestAnimationFrame(step)
    },
    kind,
    count,
  )

try {
  await browser.pause(1000)
  report('start')
  for (const step of steps) {
    let extra
    if (['scroll', 'jiggle', 'pingpong', 'jumps'].includes(step)) await scrollList(step, REPEAT)
    else if (step === 'open') {
      for (let i = 1; i <= 15; i++) {
        await browser.execute((index) => document.querySelectorAll('#library-list button[data-article-id]')[index]?.click(), i % 5)
        await browser.pause(100)
      }
    } else if (step === 'search') {
      for (const query of ['minister', 'election', 'president said', 'court', 'tax', 'police', 'war', 'trade', '']) {
        await browser.execute((query) => {
          const box = document.querySelector('#search')
          box.value = query
          box.dispatchEvent(new Event('input', { bubbles: true }))
        }, query)
        await browser.pause(400)
      }
    } else if (step === 'map') {
      await browser.execute(() => document.querySelector('#show-map').click())
      await browser.waitUntil(async () => browser.execute(() => Number(document.querySelector('#map-canvas')?.dataset.draws ?? 0) > 0), {
        timeout: 60000,
      })
      await browser.execute(() => document.querySelector('input[name="scope"][value="library"]').click())
      await browser.waitUntil(
        async () =>
          browser.execute(() => {
            const canvas = document.querySelector('#map-canvas')
            return canvas.dataset.laidOut === '1' && canvas.dataset.warm === '1'
          }),
        { timeout: 60000 },
      )
    } else if (step === 'pan') {
      await browser.executeAsync((done) => {
        const cy = document.querySelector('#map-canvas').cy
        let frame = 0
        const step = () => {
          cy.panBy({ x: 7, y: 3 })
          if (++frame < 120) requestAnimationFrame(step)
          else done()
        }
        requestAnimationFrame(step)
      })
    } else if (step === 'focus') {
      // Ten foci over the five most connected nodes, each cleared (as make bench-ui does).
      for (let i = 0; i < 10; i++) {
        await browser.execute((i) => {
          const cy = document.querySelector('#map-canvas').cy
          cy.nodes().sort((a, b) => b.degree() - a.degree())[i % 5].emit('tap')
        }, i)
        await browser.pause(300)
        await browser.execute(() => {
          document.querySelector('#map-canvas').cy.emit('tap')
        })
        await browser.pause(300)
      }
    } else if (step === 'window') {
      // The time window switched on and stepped through its last twelve months.
      await browser.execute(() => {
        const on = document.querySelector('#map-window-on')
        if (on && !on.checked) on.click()
      })
      for (let i = 12; i > 0; i--) {
        await browser.execute((back) => {
          const slider = document.querySelector('#map-window-end')
          if (!slider) return
          slider.value = String(Math.max(0, Number(slider.max) - back))
          slider.dispatchEvent(new Event('input', { bubbles: true }))
        }, i)
        await browser.pause(200)
      }
    } else if (step === 'canvases') {
      extra = await browser.execute(() => {
        const data = document.querySelector('#map-canvas').cy.renderer().data
        const mb = (list) => Math.round(list.reduce((sum, c) => sum + (c.width * c.height * 4) / 1e6, 0))
        const caches = {}
        for (const name of ['eleTxrCache', 'lblTxrCache', 'slbTxrCache', 'tlbTxrCache']) {
          const queues = data[name].eleImgCaches ?? {}
          caches[name] = mb(Object.entries(queues).filter(([height]) => height !== 'retired').flatMap(([, list]) => list))
        }
        const layers = Object.values(data.lyrTxrCache.layersByLevel).flat().map((layer) => layer.canvas)
        return { visible_mb: mb(data.canvases), buffers_mb: mb(data.bufferCanvases), layers_mb: mb(layers), textures_mb: caches }
      })
    } else if (step === 'drop') {
      const folder = path.join(work, `dropped-${dropped}`)
      writeArticles(folder, 2000, 100000 + 2000 * dropped++)
      await browser.execute(() => document.querySelector('#show-reader')?.click())
      await dragFilesOnto([folder])
      await browser.waitUntil(
        async () => /\d+ imported/.test((await browser.execute(() => document.querySelector('#import-report')?.textContent ?? '')) || ''),
        { timeout: 600000, interval: 250 },
      )
      await browser.execute(() => document.querySelector('#import-report-dismiss')?.click())
    } else if (step === 'wait') await browser.pause(5000)
    else throw new Error(`unknown step ${step}`)
    await browser.pause(1500)
    report(step, extra)
  }
} finally {
  await app.stop()
}
