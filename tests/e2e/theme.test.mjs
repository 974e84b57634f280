// End-to-end: View › Dark colours and Light colours from the menu bar, whatever
// the desktop's theme; the choice is kept for the next start, which paints in it
// from the first frame.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { screenshot, startApp } from './harness.mjs'

const xdotool = (...args) => execFileSync('xdotool', args, { encoding: 'utf8', timeout: 30000 }).trim()
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Chooses a View item by its place from the end of the menu (1: the last). */
async function chooseFromViewMenu(window, fromEnd) {
  // File opens on a click at its title; Right twice is View, its first item selected.
  xdotool('mousemove', '--window', window, '18', '11', 'click', '1')
  await pause(700)
  xdotool('key', 'Right', 'Right')
  await pause(400)
  // Up from the first item wraps to the last.
  for (let i = 0; i < fromEnd; i += 1) xdotool('key', 'Up')
  xdotool('key', 'Return')
}

/** Chooses the View item `fromEnd` places from the end and waits for the page to be in `theme`. */
async function choose(browser, library, fromEnd, theme, what) {
  const window = xdotool('search', '--name', `${library} — Quotemap`).split('\n')[0]
  await chooseFromViewMenu(window, fromEnd)
  await browser.waitUntil(async () => (await pageTheme(browser)).theme === theme, {
    timeout: 5000,
    timeoutMsg: `View › ${what} did not give the ${theme} colours`,
  })
}

const pageTheme = (browser) =>
  browser.execute(() => ({
    theme: document.documentElement.dataset.theme,
    background: getComputedStyle(document.documentElement).backgroundColor,
  }))

test('View › Dark colours darkens a light desktop’s window, and the choice is kept', async () => {
  const config = mkdtempSync(path.join(os.tmpdir(), 'quotemap-e2e-theme-'))
  const env = { XDG_CONFIG_HOME: config, XDG_DATA_HOME: config, XDG_CACHE_HOME: config }
  const library = path.join(config, 'library.sqlite3')
  const first = await startApp({ library, env })
  try {
    const { browser } = first
    assert.deepEqual(await pageTheme(browser), { theme: 'light', background: 'rgb(251, 251, 250)' })
    await choose(browser, library, 1, 'dark', 'Dark colours')
    assert.equal((await pageTheme(browser)).background, 'rgb(27, 28, 30)')
    await screenshot(browser, 'theme-dark-chosen')
  } finally {
    await first.stop()
  }
  const second = await startApp({ library, env })
  try {
    const { browser } = second
    // Dark before anything else ran: the theme came with the page.
    assert.deepEqual(await pageTheme(browser), { theme: 'dark', background: 'rgb(27, 28, 30)' })
    await choose(browser, library, 2, 'light', 'Light colours')
  } finally {
    await second.stop()
  }
})

test('View › Light colours keeps a dark desktop’s window light', async () => {
  const config = mkdtempSync(path.join(os.tmpdir(), 'quotemap-e2e-theme-'))
  const env = { XDG_CONFIG_HOME: config, XDG_DATA_HOME: config, XDG_CACHE_HOME: config }
  const library = path.join(config, 'library.sqlite3')
  const app = await startApp({ library, env, dark: true })
  try {
    const { browser } = app
    assert.equal((await pageTheme(browser)).theme, 'dark', 'the desktop’s colours at first')
    await choose(browser, library, 2, 'light', 'Light colours')
    assert.equal((await pageTheme(browser)).background, 'rgb(251, 251, 250)')
    // And back to the desktop's.
    await choose(browser, library, 3, 'dark', 'Colours of the desktop')
  } finally {
    await app.stop()
  }
})
