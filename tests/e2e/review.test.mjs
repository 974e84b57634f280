// End-to-end: the analyst's layer in the real window. A note made by
// selecting text with the mouse survives a restart; rejecting a quotation and
// giving another one a new speaker change the speaker panel and the map; two
// entities merged on the map; undo and redo with the keyboard.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { screenshot, startApp, texts } from './harness.mjs'

let app

before(async () => {
  app = await startApp()
})

after(async () => {
  await app?.stop()
})

/** Selects `words` in the reader by dragging the mouse over them. */
async function dragSelect(browser, words) {
  const box = await browser.execute((wanted) => {
    for (const node of document.querySelectorAll('#reader .seg')) {
      const text = node.firstChild
      if (!text) continue
      const at = text.data.indexOf(wanted)
      if (at < 0) continue
      const range = document.createRange()
      range.setStart(text, at)
      range.setEnd(text, at + wanted.length)
      range.startContainer.parentElement.scrollIntoView({ block: 'center' })
      const rects = range.getClientRects()
      const first = rects[0]
      const last = rects[rects.length - 1]
      return { x0: first.left + 1, y0: first.top + first.height / 2, x1: last.right - 1, y1: last.top + last.height / 2 }
    }
    return null
  }, words)
  assert.ok(box, `“${words}” is not in the reader`)
  await browser
    .action('pointer')
    .move({ x: Math.round(box.x0), y: Math.round(box.y0) })
    .down()
    .move({ x: Math.round(box.x1), y: Math.round(box.y1), duration: 200 })
    .up()
    .perform()
  const selected = await browser.execute(() => document.getSelection().toString())
  assert.equal(selected.trim(), words)
}

async function openSample(browser) {
  await browser.$('[data-article-id="1"]').click()
  await browser.$('#speaker-panel').waitForExist({ timeout: 5000 })
}

async function speakerCounts(browser) {
  return browser.execute(() =>
    Object.fromEntries(
      Array.from(document.querySelectorAll('#speaker-panel button'), (b) => [
        b.dataset.speakerName,
        Number(b.querySelector('.count').textContent),
      ]),
    ),
  )
}

test('a note made on a mouse selection is still there after a restart', async () => {
  const { browser } = app
  await openSample(browser)
  await dragSelect(browser, 'Military and security cooperation')
  await browser.$('#selection-actions').waitForExist({ timeout: 3000 })
  await browser.keys('a')
  const note = await browser.$('#annotation-note')
  await note.waitForExist({ timeout: 3000 })
  await note.setValue('Check against the Moscow readout <b>not bold</b>')
  await browser.$('#annotation-tags').setValue('follow-up')
  await browser.$('#annotation-save').click()
  await browser.waitUntil(async () => (await texts(browser, '#reader .annotated')).length > 0, {
    timeout: 5000,
    timeoutMsg: 'the highlight never showed',
  })
  assert.equal((await texts(browser, '#reader .annotated')).join(''), 'Military and security cooperation')
  await screenshot(browser, 'review-note')

  // Restart on the same library: the note is stored, not kept in the window.
  const libraryPath = app.libraryPath
  await app.stop()
  app = await startApp({ library: libraryPath })
  const again = app.browser
  await openSample(again)
  assert.equal((await texts(again, '#reader .annotated')).join(''), 'Military and security cooperation')
  await again.$('#tab-notes').click()
  await again.$('#annotations-view [data-annotation]').waitForExist({ timeout: 5000 })
  const listed = (await texts(again, '#annotations-view [data-annotation]')).join(' ')
  assert.match(listed, /Check against the Moscow readout <b>not bold<\/b>/, 'the note, markup shown as text')
  assert.match(listed, /follow-up/)
  await again.$('#tab-articles').click()
})

test('rejecting a quotation and giving another a new speaker change the panel and the map', async () => {
  const { browser } = app
  await openSample(browser)
  const before = await speakerCounts(browser)
  assert.ok(before['Sergei Lavrov'] >= 2, JSON.stringify(before))
  // Reject one of Lavrov's quotations with the keyboard.
  const lavrov = await browser.$('#reader mark.quote[title="Sergei Lavrov"]')
  await lavrov.click()
  await browser.$('#quote-details').waitForExist({ timeout: 3000 })
  await browser.keys('x')
  await browser.waitUntil(async () => (await speakerCounts(browser))['Sergei Lavrov'] === before['Sergei Lavrov'] - 1, {
    timeout: 5000,
    timeoutMsg: 'the speaker panel did not lose the rejected quotation',
  })
  // Give one of Zarif's quotations to a speaker the article never named.
  await browser.$('#reader mark.quote[title="Mohammad Javad Zarif"]').click()
  await browser.$('#quote-change-speaker').click()
  await browser.$('#speaker-name').setValue('Hassan Testperson')
  await browser.$('#speaker-save').click()
  await browser.waitUntil(async () => (await speakerCounts(browser))['Hassan Testperson'] === 1, {
    timeout: 5000,
    timeoutMsg: 'the new speaker never showed in the panel',
  })
  assert.equal((await speakerCounts(browser))['Mohammad Javad Zarif'], before['Mohammad Javad Zarif'] - 1)
  assert.equal(await browser.$('#quote-status').getText(), 'corrected by you')
  // The article's map has the new speaker as a node.
  await browser.$('#show-map').click()
  await browser.waitUntil(
    async () =>
      browser.execute(() => {
        const cy = document.getElementById('map-canvas')?.cy
        return Boolean(cy && cy.nodes().some((n) => n.data('label') === 'Hassan Testperson'))
      }),
    { timeout: 10000, timeoutMsg: 'the map never showed the new speaker' },
  )
  await screenshot(browser, 'review-map-after-correction')
  await browser.$('#show-reader').click()
})

test('two entities merged on the map; undo and redo with the keyboard', async () => {
  const { browser } = app
  await openSample(browser)
  await browser.$('#show-map').click()
  const nodes = () =>
    browser.execute(() => {
      const cy = document.getElementById('map-canvas')?.cy
      return cy ? cy.nodes().map((n) => n.data('label')) : []
    })
  await browser.waitUntil(async () => (await nodes()).includes('Mike Pompeo'), { timeout: 10000 })
  const before = (await nodes()).length
  await browser.$('#map-find').setValue('Hassan Testperson')
  await browser.keys('Enter')
  await browser.$('#entity-merge-into').waitForExist({ timeout: 5000 })
  const target = await browser.execute(
    () => Array.from(document.querySelectorAll('#entity-merge-into option')).find((o) => o.textContent === 'Mohammad Javad Zarif')?.value,
  )
  assert.ok(target, 'Zarif is offered as the entity to merge into')
  await browser.$('#entity-merge-into').selectByAttribute('value', target)
  await browser.$('#entity-merge').click()
  await browser.waitUntil(async () => (await nodes()).length === before - 1, {
    timeout: 10000,
    timeoutMsg: 'the merged entity is still drawn',
  })
  assert.ok(!(await nodes()).includes('Hassan Testperson'))
  await browser.waitUntil(async () => (await texts(browser, '#map-entity-aliases li')).some((a) => a.includes('Hassan Testperson')), {
    timeout: 5000,
    timeoutMsg: 'the merged name is not among the aliases',
  })
  // Undo (Ctrl+Z) brings the entity back; redo (Ctrl+Shift+Z) merges again.
  await browser.execute(() => document.activeElement?.blur())
  await browser.keys(['Control', 'z'])
  await browser.waitUntil(async () => (await nodes()).includes('Hassan Testperson'), {
    timeout: 10000,
    timeoutMsg: 'undo did not bring the entity back',
  })
  assert.match(await browser.$('#history-status').getText(), /Undid: merge entities/)
  await browser.keys(['Control', 'Shift', 'z'])
  await browser.waitUntil(async () => !(await nodes()).includes('Hassan Testperson'), {
    timeout: 10000,
    timeoutMsg: 'redo did not merge again',
  })
  assert.match(await browser.$('#history-status').getText(), /Redid: merge entities/)
  await screenshot(browser, 'review-map-merged')
  await browser.$('#show-reader').click()
})
