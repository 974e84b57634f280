// End-to-end: exports from the real window. The Export dialog with a speaker
// filter writes a CSV holding exactly that speaker's rows (the native Save
// dialog's answer comes from QUOTEMAP_TEST_SAVE_PATH, which only the tests
// set); the map saved as PNG and SVG; a quotation copied with its citation;
// Parquet tables written into a folder.
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, existsSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { screenshot, startApp } from './harness.mjs'

let app
const outDir = mkdtempSync(path.join(os.tmpdir(), 'quotemap-export-e2e-'))
const savePath = path.join(outDir, 'saved.out')

before(async () => {
  app = await startApp({ env: { QUOTEMAP_TEST_SAVE_PATH: savePath } })
})

after(async () => {
  await app?.stop()
})

/** RFC 4180 rows of a CSV text (quoted fields with commas, quotes and line breaks). */
function parseCsv(text) {
  const rows = [[]]
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      rows.at(-1).push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      rows.at(-1).push(field)
      field = ''
      rows.push([])
      i++
    } else field += c
  }
  if (field !== '' || rows.at(-1).length > 0) rows.at(-1).push(field)
  if (rows.at(-1).length === 0) rows.pop()
  return rows
}

test('the Export dialog writes the filtered speaker’s quotations as CSV', async () => {
  const { browser } = app
  await browser.$('[data-article-id="1"]').waitForExist({ timeout: 10000 })
  await browser.$('#filter-speaker').selectByAttribute('value', 'Sergei Lavrov')
  await browser.keys(['Control', 'e'])
  await browser.$('#export-dialog').waitForDisplayed({ timeout: 5000 })
  await browser.$('#export-format').selectByAttribute('value', 'csv')
  await browser.waitUntil(async () => (await browser.$('#export-preview').getText()).includes('4 quotations'), {
    timeout: 5000,
    timeoutMsg: 'the preview counts the filtered quotations',
  })
  await browser.$('#export-run').click()
  await browser.$('#export-result').waitForExist({ timeout: 15000 })
  assert.match(await browser.$('#export-result').getText(), /Saved saved\.out: 1 article, 4 quotations/)
  await screenshot(browser, 'export-dialog')
  const bytes = readFileSync(savePath)
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte-order mark')
  const rows = parseCsv(bytes.toString('utf8').slice(1))
  const speaker = rows[0].indexOf('speaker')
  assert.ok(speaker >= 0)
  assert.equal(rows.length - 1, 4)
  assert.ok(rows.slice(1).every((r) => r[speaker] === 'Sergei Lavrov'), JSON.stringify(rows.map((r) => r[speaker])))
  assert.deepEqual(
    readdirSync(outDir).filter((n) => n.startsWith('.quotemap-export')),
    [],
    'no temporary file left',
  )
  await browser.$('#export-close').click()
  await browser.$('#export-dialog').waitForExist({ reverse: true, timeout: 3000 })
  await browser.$('#filter-clear').click()
})

test('the map is saved as drawn, as PNG and as SVG', async () => {
  const { browser } = app
  await browser.$('[data-article-id="1"]').click()
  await browser.$('#show-map').click()
  await browser.waitUntil(
    async () => browser.execute(() => (document.querySelector('#map-canvas')?.cy?.nodes().length ?? 0) > 5),
    { timeout: 10000, timeoutMsg: 'the map is drawn' },
  )
  const shown = await browser.execute(() => document.querySelector('#map-canvas').cy.nodes(':visible').length)
  await browser.$('#map-save-png').click()
  await browser.$('#map-saved').waitForExist({ timeout: 10000 })
  const png = readFileSync(savePath)
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG')
  assert.ok(png.length > 5000, `a drawn map, not an empty image (${png.length} bytes)`)
  await browser.$('#map-save-svg').click()
  await browser.waitUntil(() => readFileSync(savePath).subarray(0, 5).toString() === '<?xml', {
    timeout: 10000,
    timeoutMsg: 'the SVG replaces the PNG',
  })
  const svg = readFileSync(savePath, 'utf8')
  assert.match(svg, /<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/)
  assert.equal((svg.match(/<g transform=/g) ?? []).length, shown, 'one drawn node per node shown')
  assert.ok(svg.includes('>Sergei Lavrov</text>'))
  await browser.$('#show-reader').click()
})

test('a quotation is copied with its citation', async () => {
  const { browser } = app
  await browser.$('[data-article-id="1"]').click()
  await browser.$('#speaker-panel').waitForExist({ timeout: 5000 })
  const quote = await browser.$('[data-quote="4"]')
  await quote.click()
  await browser.$('#quote-copy').waitForExist({ timeout: 3000 })
  await browser.$('#quote-copy').click()
  await browser.$('#quote-copied').waitForExist({ timeout: 3000 })
  const cited = await browser.$('#quote-copied').getAttribute('data-citation')
  assert.match(cited, /^“.+” — .+ \(Iran Press, 2019-01-30\)$/)
  assert.ok(existsSync(savePath))
})

test('the Export dialog writes Parquet tables into a folder', async () => {
  const { browser } = app
  rmSync(savePath, { recursive: true, force: true })
  await browser.keys(['Control', 'e'])
  await browser.$('#export-dialog').waitForDisplayed({ timeout: 5000 })
  await browser.$('#export-format').selectByAttribute('value', 'parquet')
  await browser.$('#export-run').click()
  await browser.$('#export-result').waitForExist({ timeout: 15000 })
  assert.match(await browser.$('#export-result').getText(), /Saved saved\.out: 1 article, \d+ quotations, \d+ entities, \d+ relations/)
  const tables = readdirSync(savePath).sort()
  assert.deepEqual(tables, [
    'annotations.parquet',
    'articles.parquet',
    'entities.parquet',
    'evidence.parquet',
    'quotes.parquet',
    'relations.parquet',
    'speakers.parquet',
  ])
  for (const table of tables) {
    const bytes = readFileSync(path.join(savePath, table))
    // A Parquet file starts and ends with its magic number.
    assert.equal(bytes.subarray(0, 4).toString('latin1'), 'PAR1', table)
    assert.equal(bytes.subarray(-4).toString('latin1'), 'PAR1', table)
  }
  assert.deepEqual(readdirSync(outDir).filter((n) => n.startsWith('.quotemap-')), [], 'nothing temporary left')
  await browser.$('#export-close').click()
  await browser.$('#export-dialog').waitForExist({ reverse: true, timeout: 3000 })
  rmSync(savePath, { recursive: true, force: true })
})
