// End-to-end: untrusted article text is data, never markup. Articles carrying
// script tags, event handlers, javascript: and data: links, SVG and MathML
// payloads, CSS, a right-to-left override, zero-width characters and a 100 kB
// line, in every format we read (text, HTML, Markdown, e-mail, Word, CSV, JSON),
// are imported through the app's command line; the reader, search snippets,
// the speakers, the map's labels and details and the import report then show
// them as inert text: no element made from them, no script run, no navigation.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { screenshot, startApp } from './harness.mjs'

// Each payload, if it ever became markup, would set window.__pwned.
const PAYLOADS = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '<a href="javascript:window.__pwned = \'link\'">read more</a>',
  '<a href="data:text/html,<script>window.__pwned = 1</script>">data link</a>',
  '<svg onload="window.__pwned = \'svg\'"><circle r=9 /></svg>',
  '<math><mtext><img src=x onerror="window.__pwned = \'math\'"></mtext></math>',
  '<style>body { display: none }</style>',
  '<iframe srcdoc="<script>parent.__pwned = 1</script>"></iframe>',
]
const PAYLOAD_TEXT = PAYLOADS.join(' ')
// A bidi override inside a quotation, zero-width characters in a name.
const RLO = '\u202e'
const QUOTE = `"We will not ${RLO}pay the ransom<img src=x onerror="window.__pwned = 'quote'">," said Mayor Jane Sm\u200bith.`
// Numbered, so that it compresses like prose (a Word file of one sentence repeated
// 2,600 times unpacks 118-fold and is refused as a zip bomb, rightly).
const LONG_LINE = Array.from({ length: 3200 }, (_, i) => `Item ${i * 7919 % 10007} of the budget passed.`).join(' ')

/** The article body: the payloads as text, a quotation and a 100 kB line. */
function paragraphs(format) {
  return [
    `Harbour ${format} report`,
    `Officials met on Tuesday. ${PAYLOAD_TEXT}`,
    QUOTE,
    LONG_LINE,
  ]
}

/** Writes one file per format; returns their paths. */
function writeArticles(folder) {
  const files = []
  const write = (name, content) => {
    const file = path.join(folder, name)
    writeFileSync(file, content)
    files.push(file)
  }
  const [title, ...body] = paragraphs('text')
  write('hostile.txt', [title, ...body].join('\n\n'))
  // In a web page, markup is markup: the payloads go in as escaped text, which the
  // page's reader turns back into the literal characters.
  const escape = (s) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
  const html = paragraphs('page')
  write(
    'hostile.html',
    `<!doctype html><html><head><title>${escape(html[0])}</title></head><body><article><h1>${escape(html[0])}</h1>` +
      html.slice(1).map((p) => `<p>${escape(p)}</p>`).join('') +
      '<script>window.__pwned = "page script"</script></article></body></html>',
  )
  // Markdown likewise: its raw HTML is markup (left out), so the payloads go in as
  // entities, and one raw payload besides, which must come to nothing.
  const md = paragraphs('markdown')
  write(
    'hostile.md',
    `# ${md[0]}\n\n${md.slice(1).map(escape).join('\n\n')}\n\n<img src=x onerror="window.__pwned = 'raw md'">\n`,
  )
  const eml = paragraphs('mail')
  write(
    'hostile.eml',
    `From: Desk <desk@example.org>\r\nSubject: ${eml[0]}\r\nDate: Tue, 1 Dec 2026 09:00:00 +0000\r\n` +
      `Content-Type: text/plain; charset=utf-8\r\n\r\n${eml.slice(1).join('\r\n\r\n')}\r\n`,
  )
  const csv = paragraphs('table')
  const cell = (s) => `"${s.replaceAll('"', '""')}"`
  write('hostile.csv', `title,text\n${cell(csv[0])},${cell(csv.slice(1).join('\n\n'))}\n`)
  const json = paragraphs('json')
  write('hostile.json', JSON.stringify([{ title: json[0], text: json.slice(1).join('\n\n') }]))
  // Word: the smallest valid document, made with Python's zipfile.
  const docx = paragraphs('word')
  const docxPath = path.join(folder, 'hostile.docx')
  const xmlEscape = (s) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
  const documentXml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
    docx.map((p) => `<w:p><w:r><w:t xml:space="preserve">${xmlEscape(p)}</w:t></w:r></w:p>`).join('') +
    '</w:body></w:document>'
  execFileSync('/usr/bin/python3', [
    '-c',
    `import sys, zipfile
z = zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED)
z.writestr('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
z.writestr('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
z.writestr('word/document.xml', sys.stdin.read())
z.close()`,
    docxPath,
  ], { input: documentXml })
  files.push(docxPath)
  return files
}

let app
let files

before(async () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'quotemap-hostile-'))
  files = writeArticles(folder)
  app = await startApp({ args: files })
  // The launch files are imported once the window listens; wait for all seven.
  await app.browser.waitUntil(
    async () => (await app.browser.execute(() => document.querySelector('#library-info')?.textContent?.trim())) === '8 articles',
    { timeout: 60000, timeoutMsg: 'the seven hostile files were not all imported' },
  )
})

after(async () => {
  await app?.stop()
})

/** What a successful attack would leave behind, read from the page. */
const traces = (browser) =>
  browser.execute(() => {
    const inside = (selector) => Array.from(document.querySelectorAll(selector))
    const made = ['script', 'img', 'svg', 'math', 'iframe', 'style', 'a[href^="javascript"]', 'a[href^="data"]']
      .flatMap((tag) => inside(`#app ${tag}`))
      // The map's legend draws its own shapes and lines; the canvas is a canvas.
      .filter((element) => !element.closest('#map-legend, #map-canvas'))
      .map((element) => element.outerHTML.slice(0, 120))
    return { pwned: window.__pwned ?? null, made, location: location.href }
  })

async function assertInert(browser, where) {
  const found = await traces(browser)
  assert.equal(found.pwned, null, `a payload ran (${where})`)
  assert.deepEqual(found.made, [], `elements made from article text (${where})`)
  assert.match(found.location, /^(tauri|http:\/\/tauri\.localhost)/, `the window navigated (${where})`)
}

test('the import report names the hostile files as text', async () => {
  const { browser } = app
  const report = await browser.$('#import-report').getText()
  assert.match(report, /7 imported/)
  await assertInert(browser, 'import report')
})

test('every format shows the payloads in the reader as literal text', async () => {
  const { browser } = app
  const ids = await browser.execute(() =>
    Array.from(document.querySelectorAll('#library-list [data-article-id]'), (row) => row.dataset.articleId),
  )
  assert.equal(ids.length, 8)
  let checked = 0
  for (const id of ids) {
    await browser.$(`#library-list [data-article-id="${id}"]`).click()
    await browser.waitUntil(
      async () => (await browser.execute(() => document.querySelector('#reader')?.dataset.articleId ?? null)) === id,
      { timeout: 10000, timeoutMsg: `article ${id} was not shown` },
    )
    const title = await browser.$('#reader-title').getText()
    if (!/^Harbour .* report$/.test(title)) continue
    checked += 1
    const text = await browser.execute(() => document.querySelector('#reader').textContent)
    for (const payload of ['<script>window.__pwned = "script"</script>', 'onerror="window.__pwned', 'javascript:window.__pwned', '<svg onload=']) {
      assert.ok(text.includes(payload), `${title}: ${payload} shown as text`)
    }
    // The override cannot reverse the text around it: the quotation is isolated.
    const quote = await browser.execute(() => {
      const mark = Array.from(document.querySelectorAll('#reader mark.quote')).find((m) => m.textContent.includes('ransom'))
      return mark ? getComputedStyle(mark).unicodeBidi : null
    })
    assert.equal(quote, 'isolate', `${title}: the quotation with U+202E is isolated`)
    await assertInert(browser, `reader, ${title}`)
  }
  assert.equal(checked, 7, 'one article per format')
  await screenshot(browser, 'hostile-reader')
})

test('search snippets show the payloads as text', async () => {
  const { browser } = app
  const box = await browser.$('#search')
  await box.setValue('onerror pwned')
  await browser.$('#search-results .hit').waitForExist({ timeout: 10000, timeoutMsg: 'no search result' })
  const snippets = await browser.execute(() => Array.from(document.querySelectorAll('#search-results .hit'), (hit) => hit.textContent))
  assert.ok(snippets.some((s) => s.includes('onerror')), snippets.join('\n'))
  await assertInert(browser, 'search results')
  await box.click()
  await browser.keys('Escape')
})

test('the speakers view and the map show names and labels as text', async () => {
  const { browser } = app
  await browser.$('#tab-speakers').click()
  await browser.$('#speakers-view').waitForExist({ timeout: 5000 })
  await assertInert(browser, 'speakers')
  await browser.$('#tab-articles').click()
  await browser.$('#show-map').click()
  // The whole library's map: the sample's relations and the hostile articles' names.
  await browser.$('input[name="scope"][value="library"]').click()
  await browser.waitUntil(
    async () => browser.execute(() => (document.querySelector('#map-canvas')?.cy?.nodes().length ?? 0) > 0),
    { timeout: 20000, timeoutMsg: 'the map was not drawn' },
  )
  await assertInert(browser, 'map')
  await screenshot(browser, 'hostile-map')
})
