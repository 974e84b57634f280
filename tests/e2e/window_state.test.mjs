// End-to-end: the window comes back the size it was left, with the views that
// were open; quitting through the menu bar (File › Quit) saves it.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { startApp } from './harness.mjs'

const xdotool = (...args) => execFileSync('xdotool', args, { encoding: 'utf8', timeout: 30000 }).trim()

test('size and views are kept from one run to the next', async () => {
  const config = mkdtempSync(path.join(os.tmpdir(), 'quotemap-e2e-config-'))
  const library = path.join(config, 'library.sqlite3')
  const first = await startApp({ library, env: { XDG_CONFIG_HOME: config, XDG_DATA_HOME: config, XDG_CACHE_HOME: config } })
  try {
    const { browser } = first
    await browser.setWindowRect(null, null, 1100, 720)
    await browser.$('#tab-speakers').click()
    await browser.$('#show-map').click()
    // WebKit writes the page's storage to disk a moment after a change.
    await browser.pause(1500)
    const window = xdotool('search', '--name', `${library} — Quotemap`).split('\n')[0]
    // File › Quit from the menu bar: the first menu's last item.
    xdotool('mousemove', '--window', window, '18', '11', 'click', '1')
    await new Promise((resolve) => setTimeout(resolve, 700))
    xdotool('key', 'Up', 'Return')
    await new Promise((resolve) => setTimeout(resolve, 1500))
    assert.throws(() => xdotool('search', '--name', `${library} — Quotemap`), 'the window is gone after File › Quit')
  } finally {
    await first.stop()
  }
  const second = await startApp({ library, env: { XDG_CONFIG_HOME: config, XDG_DATA_HOME: config, XDG_CACHE_HOME: config } })
  try {
    const { browser } = second
    const rect = await browser.getWindowRect()
    assert.deepEqual([rect.width, rect.height], [1100, 720])
    assert.equal(await browser.$('#tab-speakers').getAttribute('aria-selected'), 'true')
    assert.equal(await browser.$('#show-map').getAttribute('aria-selected'), 'true')
  } finally {
    await second.stop()
  }
})
