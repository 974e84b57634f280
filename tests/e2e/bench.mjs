// UI benchmark (not a test): a library of N articles (default 10,000, made
// from real PolNeAR DEV text when ../shared/eval is present, else from the
// sample), then, in the real window, measured from the webview: start to
// usable window, opening an article, a search round trip; and the app's
// memory. Run with `make bench-ui`; the numbers go in BENCHMARKS.md.
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { makeLibrary, median, rss, rssParts, writeArticles } from './bench_common.mjs'
import { ROOT, screenshot, startApp } from './harness.mjs'
import { dragFilesOnto } from './native_drag.mjs'

const N = Number(process.env.BENCH_ARTICLES ?? 10000)
// The release CLI by default; BENCH_CLI=target/debug/quotemap while iterating on the window.
const CLI = path.resolve(ROOT, process.env.BENCH_CLI ?? 'target/release/quotemap')
const work = mkdtempSync(path.join(os.tmpdir(), 'quotemap-bench-ui-'))
const library = path.join(work, 'library.sqlite3')
// BENCH_KEEP=path: the library made once is kept there and a fresh copy of it is
// measured in later runs (the map keeps its layout in the library, so every run
// starts from the same state).
const KEEP = process.env.BENCH_KEEP ? path.resolve(process.env.BENCH_KEEP) : null

let importSeconds = null
if (KEEP && existsSync(KEEP)) copyFileSync(KEEP, library)
else {
  importSeconds = makeLibrary(CLI, library, N)
  // The CLI has closed the library: its write-ahead log is folded in and gone.
  if (KEEP) copyFileSync(library, KEEP)
}
const app = await startApp({ library })
const { browser } = app
try {
  const readyAt = Number(await browser.execute(() => document.body.dataset.readyAt))
  const startMs = readyAt - app.requestedAt
  await browser.pause(1000)
  const webviewAtStart = rss('WebKitWebProcess')
  const webviewPartsAtStart = rssParts('WebKitWebProcess')
  // Opening articles from the list: click to the reader showing the new title.
  const openMs = []
  for (let i = 1; i <= 15; i++) {
    openMs.push(
      await browser.executeAsync((index, done) => {
        const rows = document.querySelectorAll('#library-list button[data-article-id]')
        const row = rows[index % rows.length]
        const before = document.querySelector('#reader-title')?.textContent
        const started = performance.now()
        row.click()
        const check = () => {
          const now = document.querySelector('#reader-title')?.textContent
          if (now && now !== before) requestAnimationFrame(() => done(performance.now() - started))
          else setTimeout(check, 1)
        }
        check()
      }, i),
    )
  }
  // Search round trips: a keystroke to its results drawn.
  const searchMs = []
  for (const query of ['minister', 'election', 'president said', 'court', 'tax', 'police', 'war', 'trade']) {
    searchMs.push(
      await browser.executeAsync((q, done) => {
        const box = document.querySelector('#search')
        const started = performance.now()
        box.value = q
        box.dispatchEvent(new Event('input', { bubbles: true }))
        const check = () => {
          const count = document.querySelector('#search-results .count')?.textContent ?? ''
          if (count && !count.includes(`“${q}”`) && document.querySelector('#search-results .hit'))
            requestAnimationFrame(() => done(performance.now() - started))
          else if (count.includes('Nothing matches')) requestAnimationFrame(() => done(performance.now() - started))
          else setTimeout(check, 1)
        }
        setTimeout(check, 0)
      }, query),
    )
    await browser.execute(() => {
      const box = document.querySelector('#search')
      box.value = ''
      box.dispatchEvent(new Event('input', { bubbles: true }))
    })
    await browser.pause(50)
  }
  // Scrolling the whole list: frames longer than 50 ms while it scrolls.
  const longFrames = await browser.executeAsync((done) => {
    const list = document.querySelector('#library-list')
    let last = performance.now()
    let long = 0
    let steps = 0
    const step = () => {
      const now = performance.now()
      if (now - last > 50) long++
      last = now
      list.scrollTop += list.clientHeight
      if (++steps < 200) requestAnimationFrame(step)
      else done(long)
    }
    requestAnimationFrame(step)
  })
  const webviewBeforeMap = rss('WebKitWebProcess')
  const webviewPartsBeforeMap = rssParts('WebKitWebProcess')
  // The library's map: from asking for it to the layout drawn, then panning.
  await browser.execute(() => document.querySelector('#show-map').click())
  await browser.waitUntil(async () => browser.execute(() => Number(document.querySelector('#map-canvas')?.dataset.draws ?? 0) > 0), {
    timeout: 60000,
  })
  const mapDraw = await browser.executeAsync((done) => {
    const canvas = document.querySelector('#map-canvas')
    const before = Number(canvas.dataset.draws)
    const started = performance.now()
    document.querySelector('input[name="scope"][value="library"]').click()
    const check = () => {
      if (Number(canvas.dataset.draws) > before) requestAnimationFrame(() => done(performance.now() - started))
      else setTimeout(check, 5)
    }
    check()
  })
  const webviewAtDraft = rss('WebKitWebProcess')
  // A large map is drawn from a quick draft; the finished layout comes from a worker.
  const layoutStarted = Date.now()
  await browser.waitUntil(async () => browser.execute(() => document.querySelector('#map-canvas').dataset.laidOut === '1'), {
    timeout: 60000,
  })
  const mapLayoutMs = Date.now() - layoutStarted
  const webviewAtLayout = rss('WebKitWebProcess')
  const mapStages = await browser.execute(() =>
    Object.fromEntries(
      ['map-query', 'map-sync', 'map-draft', 'map-layout'].map((name) => [name, Math.round(performance.getEntriesByName(name).at(-1)?.duration ?? NaN)]),
    ),
  )
  // Cytoscape makes each element's texture at the first movement; the map does it
  // in the frames after its first drawing. Until then a pan stutters.
  const warmStarted = Date.now()
  await browser.waitUntil(async () => browser.execute(() => document.querySelector('#map-canvas').dataset.warm === '1'), {
    timeout: 30000,
  })
  const mapWarmMs = Date.now() - warmStarted
  const webviewAtWarm = rss('WebKitWebProcess')
  await browser.pause(500)
  // What the map holds in view when the screenshot is taken (a screenshot only shows what WebKit composited).
  const mapView = await browser.execute(() => {
    const cy = document.querySelector('#map-canvas').cy
    const ext = cy.extent()
    const inView = cy.nodes().filter((n) => {
      const p = n.position()
      return p.x >= ext.x1 && p.x <= ext.x2 && p.y >= ext.y1 && p.y <= ext.y2
    }).length
    return { zoom: cy.zoom(), in_view: inView, labelled: cy.nodes('.labelled').length, png_bytes: cy.png({ output: 'base64' }).length }
  })
  await screenshot(browser, 'bench-library-map-overview')
  const mapSize = await browser.execute(() => {
    const cy = document.querySelector('#map-canvas').cy
    return { nodes: cy.nodes().length, edges: cy.edges().length }
  })
  const panLongFrames = await browser.executeAsync((done) => {
    const cy = document.querySelector('#map-canvas').cy
    let last = performance.now()
    let long = 0
    let steps = 0
    const step = () => {
      const now = performance.now()
      if (now - last > 50) long++
      last = now
      cy.panBy({ x: 7, y: 3 })
      if (++steps < 120) requestAnimationFrame(step)
      else done(long)
    }
    requestAnimationFrame(step)
  })
  const webviewAfterMap = rss('WebKitWebProcess')
  const webviewPartsAfterMap = rssParts('WebKitWebProcess')
  // Back to the whole map (the pan moved it out of view) for the zoom.
  await browser.execute(() => {
    document.querySelector('#map-canvas').cy.fit(undefined, 50)
  })
  await browser.pause(300)
  // Zooming in and out around the centre: frames over 50 ms.
  const zoomLongFrames = await browser.executeAsync((done) => {
    const cy = document.querySelector('#map-canvas').cy
    const at = { x: cy.width() / 2, y: cy.height() / 2 }
    const start = cy.zoom()
    let last = performance.now()
    let long = 0
    let steps = 0
    const step = () => {
      const now = performance.now()
      if (now - last > 50) long++
      last = now
      const factor = steps < 60 ? 1.03 : 1 / 1.03
      cy.zoom({ level: cy.zoom() * factor, renderedPosition: at })
      if (++steps < 120) requestAnimationFrame(step)
      else {
        cy.zoom({ level: start, renderedPosition: at })
        done(long)
      }
    }
    requestAnimationFrame(step)
  })
  // Focus on a node: from the click to the next painted frame, ten times over the
  // five most connected nodes (each focus cleared by a click on the background),
  // then the most connected node focused for the zoomed-in screenshot. The map
  // settles first, as between the taps: right after the zoom, Cytoscape is still
  // remaking its element textures for the new zoom in the next frames.
  await browser.pause(400)
  const focusRuns = []
  for (let i = 0; i < 10; i++) {
    focusRuns.push(
      await browser.executeAsync((i, done) => {
        const cy = document.querySelector('#map-canvas').cy
        const node = cy.nodes().sort((a, b) => b.degree() - a.degree())[i % 5]
        const started = performance.now()
        node.emit('tap')
        const handled = performance.now() - started
        requestAnimationFrame(() => requestAnimationFrame(() => done({ total: performance.now() - started, handled })))
      }, i),
    )
    await browser.execute(() => {
      document.querySelector('#map-canvas').cy.emit('tap')
    })
    await browser.pause(400)
  }
  await browser.execute(() => {
    const cy = document.querySelector('#map-canvas').cy
    cy.nodes().max((n) => n.degree()).ele.emit('tap')
  })
  const focusMs = {
    total: median(focusRuns.map((r) => r.total)),
    max: Math.max(...focusRuns.map((r) => r.total)),
    handled: median(focusRuns.map((r) => r.handled)),
  }
  await browser.execute(() => {
    const cy = document.querySelector('#map-canvas').cy
    const node = cy.nodes().max((n) => n.degree()).ele
    cy.zoom({ level: cy.zoom() * 3, position: node.position() })
    cy.center(node)
  })
  await browser.pause(400)
  await screenshot(browser, 'bench-library-map-zoomed')
  await browser.execute(() => {
    const cy = document.querySelector('#map-canvas').cy
    cy.emit('tap')
    cy.fit(undefined, 50)
  })
  // The time window: ten steps of the slider, each until the next painted frame.
  const windowSteps = await browser.executeAsync((done) => {
    const slider = document.querySelector('#map-window-end')
    if (!slider) return done([])
    const times = []
    let value = Math.max(0, Number(slider.max) - 12)
    const step = () => {
      const started = performance.now()
      slider.value = String(value++)
      slider.dispatchEvent(new Event('input', { bubbles: true }))
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          times.push(performance.now() - started)
          if (times.length < 10) step()
          else done(times)
        }),
      )
    }
    step()
  })
  await browser.execute(() => {
    const on = document.querySelector('#map-window-on')
    if (on?.checked) on.click()
  })
  // The library map drawn again (this article, then the library): its nodes where they were.
  const mapRedraw = await browser.executeAsync((done) => {
    const canvas = document.querySelector('#map-canvas')
    document.querySelector('input[name="scope"][value="article"]').click()
    const wait = (before, then) => {
      const check = () => {
        if (Number(canvas.dataset.draws) > before) requestAnimationFrame(then)
        else setTimeout(check, 5)
      }
      check()
    }
    wait(Number(canvas.dataset.draws), () => {
      const before = Number(canvas.dataset.draws)
      const started = performance.now()
      document.querySelector('input[name="scope"][value="library"]').click()
      wait(before, () => done(performance.now() - started))
    })
  })
  // Importing from the window: a folder of 2,000 new article files dropped by a native
  // drag; frames longer than 50 ms while the import runs, and its duration.
  const DROPPED = Number(process.env.BENCH_DROPPED ?? 2000)
  let dropSeconds = null
  let frames = { count: null, long: null, worst: NaN }
  if (DROPPED > 0) {
    const dropFolder = path.join(work, 'dropped')
    writeArticles(dropFolder, DROPPED, N)
    await browser.execute(() => document.querySelector('#show-reader').click())
    await browser.execute(() => {
      window.__frames = { long: 0, worst: 0, count: 0, last: performance.now(), on: true }
      const tick = () => {
        const f = window.__frames
        const now = performance.now()
        const gap = now - f.last
        f.count++
        if (gap > 50) f.long++
        f.worst = Math.max(f.worst, gap)
        f.last = now
        if (f.on) requestAnimationFrame(tick)
      }
      requestAnimationFrame(tick)
    })
    const dropStarted = Date.now()
    await dragFilesOnto([dropFolder])
    await browser.waitUntil(
      async () => /\d+ imported/.test((await browser.execute(() => document.querySelector('#import-report')?.textContent ?? '')) || ''),
      { timeout: 600000, interval: 250 },
    )
    dropSeconds = (Date.now() - dropStarted) / 1000
    frames = await browser.execute(() => {
      window.__frames.on = false
      return window.__frames
    })
  }
  const appParts = rssParts('target/(debug|release)/quotemap-desktop')
  const webParts = rssParts('WebKitWebProcess')
  // The same 10 s later, the window left alone: what the program keeps once the
  // import's and the map's garbage has been collected and given back.
  await browser.pause(10000)
  const appSettled = rssParts('target/(debug|release)/quotemap-desktop')
  const webSettled = rssParts('WebKitWebProcess')
  const result = {
    articles: N,
    import_s: importSeconds,
    start_to_usable_ms: startMs,
    open_article_ms_median: Math.round(median(openMs)),
    open_article_ms_max: Math.round(Math.max(...openMs)),
    search_ms_median: Math.round(median(searchMs)),
    search_ms_max: Math.round(Math.max(...searchMs)),
    long_frames_in_200_scroll_steps: longFrames,
    map_nodes: mapSize.nodes,
    map_edges: mapSize.edges,
    map_first_draw_ms: Math.round(mapDraw),
    map_first_draw_stages_ms: mapStages,
    map_at_overview_screenshot: mapView,
    map_finished_layout_after_draw_ms: mapLayoutMs,
    map_warm_up_after_draw_ms: mapWarmMs,
    map_long_frames_in_120_pan_steps: panLongFrames,
    map_long_frames_in_120_zoom_steps: zoomLongFrames,
    map_focus_ms_median: Math.round(focusMs.total),
    map_focus_ms_max: Math.round(focusMs.max),
    // Each of the ten taps, in order (the five most connected nodes, twice).
    map_focus_ms_each: focusRuns.map((r) => Math.round(r.total)),
    map_focus_handler_ms_median: Math.round(focusMs.handled),
    map_window_step_ms_median: windowSteps.length ? Math.round(median(windowSteps)) : null,
    map_window_step_ms_max: windowSteps.length ? Math.round(Math.max(...windowSteps)) : null,
    map_redraw_kept_layout_ms: Math.round(mapRedraw),
    webview_rss_at_start_mb: webviewAtStart,
    webview_rss_before_map_mb: webviewBeforeMap,
    webview_rss_map_stages_mb: { draft: webviewAtDraft, laid_out: webviewAtLayout, warm: webviewAtWarm, panned: webviewAfterMap },
    webview_rss_after_map_mb: webviewAfterMap,
    dropped_files: DROPPED,
    drop_import_s: dropSeconds,
    drop_frames: frames.count,
    drop_long_frames: frames.long,
    drop_worst_frame_ms: Math.round(frames.worst),
    webview_memory_parts_mb: { start: webviewPartsAtStart, before_map: webviewPartsBeforeMap, after_map: webviewPartsAfterMap, end: webParts },
    app_rss_mb: appParts?.rss ?? null,
    app_memory_parts_mb: appParts,
    // The whole program: a sum of resident sizes counts the libraries both processes map
    // twice; the sum of proportional sizes counts them once.
    whole_program_rss_mb: appParts && webParts ? appParts.rss + webParts.rss : null,
    whole_program_pss_mb: appParts && webParts ? appParts.pss + webParts.pss : null,
    webview_rss_mb: webParts?.rss ?? null,
    settled_10s_later_mb: {
      app: appSettled,
      webview: webSettled,
      whole_program_rss: appSettled && webSettled ? appSettled.rss + webSettled.rss : null,
      whole_program_pss: appSettled && webSettled ? appSettled.pss + webSettled.pss : null,
    },
  }
  console.log(JSON.stringify(result, null, 2))
} finally {
  await app.stop()
}
