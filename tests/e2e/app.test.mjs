// End-to-end: the real Quotemap binary in a real window (WebKitGTK under
// Xvfb), driven through WebKitWebDriver, on a fresh library.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { screenshot, startApp, texts } from './harness.mjs'
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
  await dragFilesOnto([good, empty])
  const report = await browser.$('#import-report')
  await report.waitForExist({ timeout: 15000, timeoutMsg: 'no import report after the drop' })
  const reportText = await report.getText()
  assert.match(reportText, /1 imported, 0 already in the library, 1 failed/)
  assert.match(reportText, /empty\.txt: the file is empty/)
  await browser.waitUntil(async () => (await texts(browser, '#library-list .title')).length === 2, {
    timeout: 5000,
    timeoutMsg: 'the dropped article did not appear in the list',
  })
  const titles = await texts(browser, '#library-list .title')
  assert.ok(titles.includes('Ceasefire holds in the north'), titles.join('|'))
  // The new article is opened.
  assert.equal(await browser.$('#reader-title').getText(), 'Ceasefire holds in the north')
  await screenshot(browser, 'native-drop-import')
})
