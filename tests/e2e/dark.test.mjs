// The window in a dark desktop theme: the app follows it, and the article,
// its highlighted quotes and the panels stay readable.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { screenshot, startApp } from './harness.mjs'

let app

before(async () => {
  app = await startApp({ dark: true })
})

after(async () => {
  await app?.stop()
})

/** WCAG relative luminance of a CSS rgb() colour. */
function luminance(rgb) {
  const [r, g, b] = rgb.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((v) => {
    const c = v / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

test('in a dark theme the reader is dark with readable text and quotes', async () => {
  const { browser } = app
  assert.equal(await browser.execute(() => matchMedia('(prefers-color-scheme: dark)').matches), true)
  await browser.$('[data-article-id="1"]').click()
  await browser.$('#reader mark.quote').waitForExist({ timeout: 5000 })
  const colours = await browser.execute(() => {
    const style = (selector, property) => getComputedStyle(document.querySelector(selector))[property]
    return {
      background: style('body', 'backgroundColor'),
      text: style('#reader p.body', 'color'),
      quoteText: style('#reader mark.quote', 'color'),
    }
  })
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
    return (hi + 0.05) / (lo + 0.05)
  }
  assert.ok(luminance(colours.background) < 0.1, `dark background: ${colours.background}`)
  assert.ok(contrast(colours.text, colours.background) >= 7, `body text contrast ${JSON.stringify(colours)}`)
  assert.ok(contrast(colours.quoteText, colours.background) >= 4.5, `quote text contrast ${JSON.stringify(colours)}`)
  await screenshot(browser, 'sample-article-dark')
})
