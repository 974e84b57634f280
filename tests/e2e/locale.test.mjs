// End-to-end: dates follow the user's locale (here German), in the real window.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { startApp, texts } from './harness.mjs'

let app

before(async () => {
  app = await startApp({ env: { LANG: 'de_DE.UTF-8', LANGUAGE: 'de_DE' } })
})

after(async () => {
  await app?.stop()
})

test("dates are written the way the user's locale writes them, in the article's own time", async () => {
  const { browser } = app
  const meta = await texts(browser, '#library-list .meta')
  assert.match(meta[0], /30\. Jan\. 2019/)
  await browser.$('[data-article-id="1"]').click()
  await browser.$('#reader-date').waitForExist({ timeout: 5000 })
  // The article's wall clock (17:41 in Tehran) with its zone, not converted.
  assert.equal((await texts(browser, '#reader-date'))[0], '30. Jan. 2019, 17:41 (Asia/Tehran, UTC+03:30)')
})
