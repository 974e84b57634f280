// End-to-end: the real Quotemap binary in a real window (WebKitGTK under
// Xvfb), driven through WebKitWebDriver, on a fresh library.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { ROOT, screenshot, startApp, texts } from './harness.mjs'
import { dragFilesOnto } from './native_drag.mjs'

let app

before(async () => {
  app = await startApp()
})

after(async () => {
  await app?.stop()
})

test('a new library holds the sample article, and the reader shows it as text', async () => {
  const { browser } = app
  const titles = await texts(browser, '#library-list .title')
  assert.deepEqual(titles, ['Iraq not to enter anti Iran alliance'])
  await browser.$('[data-article-id="1"]').click()
  const heading = await browser.$('#reader-title')
  await heading.waitForExist({ timeout: 5000 })
  assert.equal(await heading.getText(), 'Iraq not to enter anti Iran alliance')
  assert.equal((await texts(browser, '#reader-outlet'))[0], 'Iran Press')
  assert.match((await texts(browser, '#reader-date'))[0], /30 Jan 2019, 17:41 \(Asia\/Tehran, UTC\+03:30\)/)
  const body = (await texts(browser, '#reader p.body')).join('\n')
  assert.match(body, /Military and security cooperation with Russia guarantees defeat of ISIS/)
  // Related-news headlines are shown apart from the body, never inside it.
  const related = await texts(browser, '#reader .related .related-link')
  assert.ok(related.includes('Iraqi FM: Baghdad boycotts anti-Iran event in Poland'), related.join('|'))
  assert.doesNotMatch(body, /Iraqi FM: Baghdad boycotts/)
  await screenshot(browser, 'sample-article')
})

test('the sample article shows its quotations with the speakers of the design table', async () => {
  const { browser } = app
  await browser.$('[data-article-id="1"]').click()
  await browser.$('#speaker-panel').waitForExist({ timeout: 5000 })
  const speakers = await browser.execute(() =>
    Array.from(document.querySelectorAll('#speaker-panel button'), (b) => ({
      name: b.dataset.speakerName,
      text: b.textContent.replace(/\s+/g, ' ').trim(),
    })),
  )
  const names = speakers.map((s) => s.name)
  for (const expected of ['Mohamed Ali Alhakim', 'Sergei Lavrov', 'Mohammad Javad Zarif', 'Mike Pompeo', 'official']) {
    assert.ok(names.includes(expected), `${expected} missing from ${names.join(', ')}`)
  }
  assert.match(speakers.find((s) => s.name === 'Sergei Lavrov').text, /Foreign Minister, Russia/)
  // Every quotation is a highlighted mark; nine in the body and four headline attributions.
  const quoteIndices = await browser.execute(() => [
    ...new Set(Array.from(document.querySelectorAll('#reader mark.quote'), (m) => m.dataset.quote)),
  ])
  assert.ok(quoteIndices.length >= 13, `only ${quoteIndices.length} quotes highlighted`)

  // Clicking Lavrov emphasises exactly his quotes.
  await browser.$('[data-speaker-name="Sergei Lavrov"]').click()
  await browser.pause(100)
  const emphasised = await browser.execute(() => {
    const marks = Array.from(document.querySelectorAll('#reader mark.quote.emphasised'))
    return [...new Set(marks.map((m) => m.closest('mark.quote.emphasised').textContent))]
  })
  const joined = emphasised.join(' | ')
  assert.match(joined, /Russia will help Iraq develop its military capabilities/)
  assert.match(joined, /The US presence in Iraq should be in coordination/)
  assert.match(joined, /importance of security on the border between Iraq and Syria/)
  assert.match(joined, /Russia considers anti-Iran conference in Poland as nonconstructive/)
  assert.doesNotMatch(joined, /Military and security cooperation/)
  await screenshot(browser, 'sample-quotes-lavrov')

  // Clicking a quote shows its details and evidence.
  await browser.execute(() => document.querySelector('#reader mark.quote.emphasised').click())
  await browser.$('#quote-details').waitForExist({ timeout: 3000 })
  assert.match(await browser.$('#quote-speaker').getText(), /Sergei Lavrov/)
  assert.ok((await browser.$('#quote-evidence').getText()).length > 20)
  await browser.keys('Escape')
})

test('searching for a phrase from a quotation lands on it', async () => {
  const { browser } = app
  const box = await browser.$('#search')
  await box.setValue('enter any treaty')
  const hit = await browser.$('#search-results .hit')
  await hit.waitForExist({ timeout: 5000, timeoutMsg: 'no search result' })
  assert.match(await hit.$('mark').getText(), /enter|any|treaty/i)
  await hit.click()
  const selected = await browser.$('#reader mark.quote.selected')
  await selected.waitForExist({ timeout: 5000, timeoutMsg: 'the quotation was not selected' })
  assert.match(await selected.getText(), /will not enter any treaty/)
  await screenshot(browser, 'search-lands-on-quote')
  // Escape in the box clears the search and brings the library back.
  await box.click()
  await browser.keys('Escape')
  await browser.$('#library-list').waitForExist({ timeout: 3000 })
})

test('filtering by speaker keeps the articles that quote them', async () => {
  const { browser } = app
  await browser.$('#filter-speaker').selectByAttribute('value', 'Sergei Lavrov')
  await browser.waitUntil(async () => (await texts(browser, '#library-list .title')).length === 1, {
    timeout: 5000,
    timeoutMsg: 'the speaker filter did not apply',
  })
  assert.deepEqual(await texts(browser, '#library-list .title'), ['Iraq not to enter anti Iran alliance'])
  // An entity the sample names keeps it; the speaker filter still holds.
  const russia = await browser.execute(
    () => [...document.querySelectorAll('#filter-entity option')].find((o) => o.textContent.startsWith('Russia ('))?.value,
  )
  assert.ok(russia, 'Russia is offered by the entity filter')
  await browser.$('#filter-entity').selectByAttribute('value', russia)
  await browser.pause(300)
  assert.deepEqual(await texts(browser, '#library-list .title'), ['Iraq not to enter anti Iran alliance'])
  await browser.$('#filter-kind').selectByAttribute('value', 'mixed')
  await browser.$('#library-empty').waitForExist({ timeout: 5000, timeoutMsg: 'Lavrov has no mixed quote in the sample' })
  await screenshot(browser, 'filter-by-speaker')
  await browser.$('#filter-clear').click()
  await browser.$('#library-list').waitForExist({ timeout: 5000 })
  // The speakers view: Lavrov's quotations over time, each leading to its article.
  await browser.$('#tab-speakers').click()
  await browser.$('.speaker[data-speaker-name="Sergei Lavrov"]').click()
  await browser.waitUntil(async () => (await texts(browser, '#speaker-quotes .quote')).length >= 3, {
    timeout: 5000,
    timeoutMsg: 'no quotations for Lavrov',
  })
  await screenshot(browser, 'speakers-view')
  await browser.$$('#speaker-quotes .quote')[0].click()
  await browser.$('#reader mark.quote.selected').waitForExist({ timeout: 5000 })
  // The timeline: the sample's quotations in January 2019.
  await browser.$('#tab-timeline').click()
  await browser.$('#timeline-view .month[data-month="2019-01"]').waitForExist({ timeout: 5000 })
  await screenshot(browser, 'timeline')
  await browser.$('#tab-articles').click()
})

/** Clicks a Cytoscape element of the map where it is drawn, with a real pointer. */
async function clickOnMap(browser, selector) {
  const point = await browser.execute((sel) => {
    const canvas = document.querySelector('#map-canvas')
    const element = canvas.cy.$(sel)
    if (element.empty()) return null
    const at = element.isNode() ? element.renderedPosition() : element.renderedMidpoint()
    const box = canvas.getBoundingClientRect()
    return { x: Math.round(box.left + at.x), y: Math.round(box.top + at.y) }
  }, selector)
  assert.ok(point, `${selector} is on the map`)
  await browser.performActions([
    {
      type: 'pointer',
      id: 'mouse',
      parameters: { pointerType: 'mouse' },
      actions: [
        { type: 'pointerMove', duration: 0, x: point.x, y: point.y },
        { type: 'pointerDown', button: 0 },
        { type: 'pointerUp', button: 0 },
      ],
    },
  ])
  await browser.releaseActions()
}

test("the sample's map: Lavrov's node lists his quotes, the Russia–Iraq edge leads to its sentence", async () => {
  const { browser } = app
  await browser.$('[data-article-id="1"]').click()
  await browser.$('#show-map').click()
  await browser.waitUntil(
    async () => browser.execute(() => (document.querySelector('#map-canvas')?.cy?.nodes().length ?? 0) > 5),
    { timeout: 10000, timeoutMsg: 'the map was not drawn' },
  )
  // Drawn with Object.prototype frozen (freezePrototype; ui/build/frozenPrototype.mjs).
  assert.equal(await browser.execute(() => Object.isFrozen(Object.prototype)), true)
  await screenshot(browser, 'map-sample')
  // Lavrov's node: his quotations in the side panel.
  const lavrov = await browser.execute(
    () => document.querySelector('#map-canvas').cy.nodes().filter((n) => n.data('label') === 'Sergei Lavrov').id(),
  )
  await clickOnMap(browser, `#${lavrov}`)
  await browser.$('#map-entity-quotes').waitForExist({ timeout: 5000, timeoutMsg: 'no quotations for the node' })
  assert.equal(await browser.$('#map-entity-name').getText(), 'Sergei Lavrov')
  // His neighbourhood is brought forward on the focus layer; the next click goes through it.
  assert.deepEqual(
    await browser.execute(() => document.querySelector('#map-focus').cy.nodes('.focus').map((n) => n.data('label'))),
    ['Sergei Lavrov'],
  )
  assert.ok((await texts(browser, '#map-entity-quotes li')).length >= 3)
  // The edge between Russia and Iraq: its evidence, then the article with the sentence marked.
  const edge = await browser.execute(() => {
    const cy = document.querySelector('#map-canvas').cy
    const id = (name) => cy.nodes().filter((n) => n.data('label') === name).id()
    const [russia, iraq] = [id('Russia'), id('Iraq')]
    return cy
      .edges()
      .filter(
        (e) =>
          e.data('kind') === 'cooperation' &&
          [e.data('source'), e.data('target')].sort().join() === [russia, iraq].sort().join(),
      )
      .id()
  })
  assert.ok(edge, 'a cooperation edge between Russia and Iraq')
  await clickOnMap(browser, `[id = "${edge}"]`)
  await browser.$('#map-edge-evidence').waitForExist({ timeout: 5000, timeoutMsg: 'no evidence for the edge' })
  const sentences = await texts(browser, '#map-edge-evidence .sentence')
  assert.ok(sentences.some((s) => /Russia will help Iraq|cooperation with Russia/.test(s)), sentences.join('|'))
  await screenshot(browser, 'map-edge-evidence')
  await browser.$('#map-edge-evidence button').click()
  const marked = await browser.$('#reader .evidence')
  await marked.waitForExist({ timeout: 5000, timeoutMsg: 'the evidence sentence is not marked in the article' })
  assert.match((await texts(browser, '#reader .evidence')).join(' '), /Russia|Iraq/)
  await screenshot(browser, 'evidence-in-article')
})

test('files dropped on the window by a native drag are imported, and failures are reported', async () => {
  const { browser, workDir } = app
  const good = path.join(workDir, 'ceasefire.txt')
  const empty = path.join(workDir, 'empty.txt')
  writeFileSync(
    good,
    'Mar 3, 2020 09:15 Europe/Paris\n\nCeasefire holds in the north\n\n' +
      'The ceasefire held overnight, a spokesman said on Tuesday.\n',
  )
  writeFileSync(empty, '')
  const page = path.join(workDir, 'saved-page.html')
  copyFileSync(path.join(ROOT, 'tests/fixtures/ingest/saved-page.html'), page)
  await dragFilesOnto([good, empty, page])
  const report = await browser.$('#import-report')
  await report.waitForExist({ timeout: 15000, timeoutMsg: 'no import report after the drop' })
  const reportText = await report.getText()
  assert.match(reportText, /2 imported, 0 already in the library, 1 failed/)
  assert.match(reportText, /empty\.txt: the file is empty/)
  await browser.waitUntil(async () => (await texts(browser, '#library-list .title')).length === 3, {
    timeout: 5000,
    timeoutMsg: 'the dropped article did not appear in the list',
  })
  const titles = await texts(browser, '#library-list .title')
  assert.ok(titles.includes('Ceasefire holds in the north'), titles.join('|'))
  assert.ok(titles.includes('Ceasefire talks resume in Geneva'), titles.join('|'))
  // The new article is opened.
  assert.equal(await browser.$('#reader-title').getText(), 'Ceasefire holds in the north')
  await screenshot(browser, 'native-drop-import')
})

test('a dropped folder of mixed formats is imported with progress, and each bad file is named', async () => {
  const { browser, workDir } = app
  const folder = path.join(workDir, 'desk')
  const nested = path.join(folder, 'archive', '2021')
  mkdirSync(nested, { recursive: true })
  const fixture = (name, to = folder) => copyFileSync(path.join(ROOT, 'tests/fixtures/ingest', name), path.join(to, name))
  for (const name of ['harbour-strike.pdf', 'council-minutes.docx', 'wire-story.eml', 'interview-notes.md', 'news-export.csv'])
    fixture(name)
  for (const name of ['encrypted.pdf', 'zip-bomb.docx']) fixture(name)
  fixture('windows-1252.txt', nested)
  // Enough files that the import takes a moment and reports its progress.
  const generated = 150
  for (let i = 0; i < generated; i++)
    writeFileSync(
      path.join(nested, `brief-${i}.txt`),
      `Brief number ${i} on the harbour\n\nThe harbour reopened on day ${i}, officials said.\n`,
    )
  await browser.execute(() => delete document.body.dataset.importTotal)
  await dragFilesOnto([folder])
  const report = await browser.$('#import-report')
  await browser.waitUntil(async () => /\b\d+ imported\b/.test(await report.getText()) && (await report.getText()).includes('zip-bomb'), {
    timeout: 60000,
    timeoutMsg: 'no report for the folder',
  })
  const reportText = await report.getText()
  // 150 briefs + PDF + DOCX + EML + Markdown + 1 good CSV row + the Windows-1252 text.
  assert.match(reportText, new RegExp(`${generated + 6} imported, 0 already in the library, 3 failed`), reportText)
  assert.match(reportText, /encrypted\.pdf: the PDF is encrypted/)
  assert.match(reportText, /zip-bomb\.docx: refused/)
  assert.match(reportText, /news-export\.csv \(row 3\): no text/)
  // The progress bar heard of every file found in the folder and its subfolders.
  const total = await browser.execute(() => document.body.dataset.importTotal)
  assert.equal(total, String(generated + 8))
  // The list is windowed (only rows in view exist): find the PDF's article by searching.
  const box = await browser.$('#search')
  await box.setValue('harbour strike talks')
  await browser.waitUntil(async () => (await texts(browser, '#search-results .title')).includes('Harbour strike ends after talks'), {
    timeout: 5000,
    timeoutMsg: 'the PDF article cannot be found',
  })
  await box.click()
  await browser.keys('Escape')
  await screenshot(browser, 'folder-drop-import')
})

test('articles a terminal imports into the open library appear in the list and its count without a restart', async () => {
  const { browser, workDir, libraryPath } = app
  const before = Number((await browser.$('#library-info').getText()).split(' ')[0])
  const folder = path.join(workDir, 'from-terminal')
  mkdirSync(folder, { recursive: true })
  for (let i = 0; i < 3; i++)
    writeFileSync(
      path.join(folder, `wire-${i}.txt`),
      `Port talks, day ${i}\n\nThe port authority said talks would continue on day ${i}.\n`,
    )
  // Another process writes to the library the window has open (WAL: both work at once).
  const cli = spawnSync(path.join(ROOT, 'target/debug/quotemap'), ['--library', libraryPath, 'import', folder], {
    encoding: 'utf8',
  })
  assert.equal(cli.status, 0, cli.stderr)
  await browser.waitUntil(
    async () => Number((await browser.$('#library-info').getText()).split(' ')[0]) === before + 3,
    { timeout: 10000, timeoutMsg: 'the count did not grow after a terminal import' },
  )
  const box = await browser.$('#search')
  await box.setValue('port authority talks')
  await browser.waitUntil(async () => (await texts(browser, '#search-results .title')).includes('Port talks, day 2'), {
    timeout: 5000,
    timeoutMsg: 'the imported article cannot be found',
  })
  await box.click()
  await browser.keys('Escape')
})
