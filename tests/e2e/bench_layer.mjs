// UI benchmark of the analyst's layer (not a test; `make bench-layer` runs it
// after scripts/bench_layer.py made a library of 10,000 articles with 10,000
// notes and 10,000 confirmed quotations): in the real window, the Notes view
// opening and searching, saving a note until its highlight is drawn, and
// rejecting a quotation until the reader shows it gone. Prints the medians.
import assert from 'node:assert/strict'
import { startApp } from './harness.mjs'

const library = process.env.BENCH_LIBRARY
assert.ok(library, 'set BENCH_LIBRARY to the annotated library scripts/bench_layer.py made')

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return Math.round(sorted[Math.floor(sorted.length / 2)])
}

const app = await startApp({ library })
const { browser } = app
try {
  // The Notes view: from the click to the list drawn.
  const openMs = []
  for (let i = 0; i < 5; i++) {
    openMs.push(
      await browser.executeAsync((done) => {
        document.querySelector('#tab-articles').click()
        requestAnimationFrame(() => {
          const started = performance.now()
          document.querySelector('#tab-notes').click()
          const check = () => {
            if (document.querySelector('#annotations-view [data-annotation]'))
              requestAnimationFrame(() => done(performance.now() - started))
            else setTimeout(check, 1)
          }
          check()
        })
      }),
    )
  }
  const shown = await browser.execute(() => document.querySelector('#annotations-view .count')?.textContent)
  // Searching notes: a keystroke to the list that answers it drawn.
  const searchMs = []
  for (const query of ['wire copy 4711', 'claim', 'wire copy 9', 'check this', 'copy 123']) {
    searchMs.push(
      await browser.executeAsync((q, done) => {
        const view = document.querySelector('#annotations-view')
        const box = document.querySelector('#annotations-search')
        const started = performance.now()
        box.value = q
        box.dispatchEvent(new Event('input', { bubbles: true }))
        const check = () => {
          if (view.dataset.search === q) requestAnimationFrame(() => done(performance.now() - started))
          else if (performance.now() - started > 5000) done(NaN)
          else setTimeout(check, 1)
        }
        setTimeout(check, 0)
      }, query),
    )
  }
  // Saving a note and seeing its highlight; rejecting a quotation and seeing it gone.
  await browser.execute(() => document.querySelector('#tab-articles').click())
  const saveMs = []
  const rejectMs = []
  for (let i = 0; i < 5; i++) {
    const id = await browser.execute((index) => {
      const row = document.querySelectorAll('#library-list button[data-article-id]')[index + 1]
      row.click()
      return row.dataset.articleId
    }, i)
    await browser.waitUntil(async () =>
      browser.execute((wanted) => document.querySelector('#reader')?.dataset.articleId === wanted, id),
    )
    await browser.execute(() => {
      const seg = [...document.querySelectorAll('#reader p.body .seg')].find((s) => (s.textContent ?? '').length > 20)
      document.getSelection().setBaseAndExtent(seg.firstChild, 2, seg.firstChild, 14)
      document.dispatchEvent(new Event('selectionchange'))
    })
    await browser.pause(1500)
    await browser.keys('a')
    await browser.$('#annotation-save').waitForExist({ timeout: 3000 })
    saveMs.push(
      await browser.executeAsync((done) => {
        const before = document.querySelectorAll('#reader .annotated').length
        const started = performance.now()
        document.querySelector('#annotation-save').click()
        const check = () => {
          if (document.querySelectorAll('#reader .annotated').length > before)
            requestAnimationFrame(() => done(performance.now() - started))
          else if (document.querySelector('#error')) done(document.querySelector('#error').textContent)
          else if (performance.now() - started > 10000) done(NaN)
          else setTimeout(check, 1)
        }
        check()
      }),
    )
    // A person reads for a moment between edits; the list and filters refresh meanwhile.
    await browser.pause(1500)
    rejectMs.push(
      await browser.executeAsync((done) => {
        const count = () => new Set([...document.querySelectorAll('#reader mark.quote')].map((m) => m.dataset.quote)).size
        const before = count()
        document.querySelector('#reader mark.quote').click()
        requestAnimationFrame(() => {
          const started = performance.now()
          window.dispatchEvent(new KeyboardEvent('keydown', { key: 'x' }))
          const check = () => {
            if (count() < before) requestAnimationFrame(() => done(performance.now() - started))
            else setTimeout(check, 1)
          }
          check()
        })
      }),
    )
  }
  console.log(`Notes view open: median ${median(openMs)} ms (${openMs.map(Math.round).join(', ')}); ${shown}`)
  console.log(`Notes search: median ${median(searchMs)} ms (${searchMs.map(Math.round).join(', ')})`)
  console.log(`save a note to its highlight drawn: median ${median(saveMs)} ms (${saveMs.map(Math.round).join(', ')})`)
  console.log(`reject a quotation to the reader without it: median ${median(rejectMs)} ms (${rejectMs.map(Math.round).join(', ')})`)
} finally {
  await app.stop()
}
