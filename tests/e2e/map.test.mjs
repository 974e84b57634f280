// End-to-end: the relations map of a library in the real window. Four
// articles of our own over four months (fisheries ministers meeting, each
// naming a partner country) are dropped on the window beside the sample;
// then: only connected entities are drawn and the others listed, labels are
// readable and never overlap at any zoom, a node brings its neighbours
// forward, two entities are connected by their shortest chain, a time
// window keeps the relations of its months, and the layout is the same
// after a restart.
import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { screenshot, startApp, texts } from './harness.mjs'
import { dragFilesOnto } from './native_drag.mjs'

let app

const ROUNDS = [
  ['Jan', 'Canada', 'Canadian', 'Norway', 'Norwegian'],
  ['Feb', 'Canada', 'Canadian', 'Iceland', 'Icelandic'],
  ['Mar', 'Chile', 'Chilean', 'Peru', 'Peruvian'],
  ['Apr', 'Japan', 'Japanese', 'Norway', 'Norwegian'],
]
const PEOPLE = ['Ann Petit', 'Lars Eide', 'Rosa Quinteros', 'Kenji Abe']

before(async () => {
  app = await startApp()
  const folder = path.join(app.workDir, 'rounds')
  mkdirSync(folder, { recursive: true })
  ROUNDS.forEach(([month, a, adjA, b, adjB], i) => {
    const [p1, p2] = [PEOPLE[i % 4], PEOPLE[(i + 1) % 4]]
    writeFileSync(
      path.join(folder, `round-${i + 1}.txt`),
      `${month} 3, 2021 10:00 Europe/Oslo\n\nFishing talks, round ${i + 1}\n\n` +
        `${adjA} Fisheries Minister ${p1} met with ${adjB} Trade Minister ${p2} in Oslo on Tuesday.\n\n` +
        `"${b} is a friend, and this agreement will help both our fleets," ${p1.split(' ')[1]} said.\n\n` +
        `"We will work with ${a} on the quotas," ${p2.split(' ')[1]} said.\n`,
    )
  })
  await dragFilesOnto([folder])
  await app.browser.waitUntil(async () => /4 imported/.test(await app.browser.$('#import-report').getText()), {
    timeout: 30000,
    timeoutMsg: 'the four rounds were not imported',
  })
})

after(async () => {
  await app?.stop()
})

/** Opens the map of the whole library and waits for it to be drawn and labelled. */
async function libraryMap(browser) {
  await browser.$('#show-map').click()
  await browser.$('input[name="scope"][value="library"]').click()
  await browser.waitUntil(
    async () =>
      browser.execute(() => {
        const cy = document.querySelector('#map-canvas')?.cy
        // Both the sample's people and the rounds': the library's map, not an article's.
        const names = cy ? cy.nodes().map((n) => n.data('label')) : []
        return names.includes('Kenji Abe') && names.includes('Sergei Lavrov') && cy.nodes('.labelled').length > 0
      }),
    { timeout: 15000, timeoutMsg: 'the library map was not drawn' },
  )
}

/** Labelled nodes: each label's size on screen, and whether any two labels overlap. */
function labelsOnScreen(browser) {
  return browser.execute(() => {
    const cy = document.querySelector('#map-canvas').cy
    const zoom = cy.zoom()
    const labelled = cy.nodes('.labelled')
    const boxes = labelled.map((n) => n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false, includeUnderlays: false }))
    let overlaps = 0
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]]
        if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) {
          overlaps++
          globalThis.__pairs = [...(globalThis.__pairs ?? []), [labelled[i].data('label'), labelled[j].data('label'), a, b, labelled[i].renderedPosition(), labelled[i].data('size'), zoom]]
        }
      }
    return {
      count: labelled.length,
      smallest: Math.min(...labelled.map((n) => parseFloat(n.style('font-size')) * zoom)),
      overlaps,
    }
  })
}

test('the library map draws connected entities only, with readable labels that never overlap', async () => {
  const { browser } = app
  await libraryMap(browser)
  const drawn = await browser.execute(() => {
    const cy = document.querySelector('#map-canvas').cy
    return { nodes: cy.nodes().length, isolated: cy.nodes().filter((n) => n.degree() === 0).map((n) => n.data('label')) }
  })
  assert.ok(drawn.nodes >= 15, `${drawn.nodes} entities drawn`)
  assert.deepEqual(drawn.isolated, [], 'no entity without a relation is drawn')
  // The others are a list, not a grid on the canvas: Oslo is only where they met.
  await browser.$('#map-unconnected').click()
  const unconnected = await texts(browser, '#map-unconnected-list li')
  assert.ok(unconnected.some((t) => t.startsWith('Oslo')), unconnected.join('|'))
  await browser.$('#map-unconnected').click()
  const overview = await labelsOnScreen(browser)
  assert.ok(overview.count >= 5, `${overview.count} labels at the overview`)
  assert.ok(overview.smallest >= 11, `smallest label ${overview.smallest} px`)
  assert.equal(overview.overlaps, 0, JSON.stringify(await browser.execute(() => globalThis.__pairs?.slice(0, 3))))
  await screenshot(browser, 'map-library-overview')
  // Zoomed far out: still readable, fewer labels, none overlapping.
  await browser.execute(() => {
    const cy = document.querySelector('#map-canvas').cy
    cy.zoom({ level: cy.zoom() * 0.3, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } })
  })
  await browser.waitUntil(async () => (await labelsOnScreen(browser)).smallest >= 11, { timeout: 3000 })
  const far = await labelsOnScreen(browser)
  assert.ok(far.count >= 1 && far.count <= overview.count, JSON.stringify(far))
  assert.equal(far.overlaps, 0)
  await browser.execute(() => {
    document.querySelector('#map-canvas').cy.fit(undefined, 50)
  })
})

test('a node brings its neighbours forward; two entities are connected by their shortest chain', async () => {
  const { browser } = app
  await libraryMap(browser)
  await browser.$('#map-find').setValue('Kenji Abe')
  await browser.keys('Enter')
  await browser.$('#map-entity-name').waitForExist({ timeout: 5000 })
  // The focus is drawn on its own layer over the map: exactly Abe's neighbourhood,
  // Abe marked; the map itself is not restyled.
  const focus = await browser.execute(() => {
    const cy = document.querySelector('#map-canvas').cy
    const sheet = document.querySelector('#map-focus')
    const abe = cy.nodes().filter((n) => n.data('label') === 'Kenji Abe')
    const ids = (elements) => elements.map((e) => e.id()).sort()
    return {
      shown: getComputedStyle(sheet).visibility,
      sameAsNeighbourhood: JSON.stringify(ids(sheet.cy.elements())) === JSON.stringify(ids(abe.closedNeighborhood())),
      forward: sheet.cy.elements().length,
      marked: sheet.cy.nodes('.focus').map((n) => n.data('label')),
      labelled: sheet.cy.nodes('.labelled').map((n) => n.data('label')).includes('Kenji Abe'),
      restyledOnMap: cy.elements('.faded, .path, .focus').length,
    }
  })
  assert.ok(focus.forward >= 3, `${focus.forward} elements brought forward`)
  assert.deepEqual(
    { ...focus, forward: undefined },
    { shown: 'visible', sameAsNeighbourhood: true, forward: undefined, marked: ['Kenji Abe'], labelled: true, restyledOnMap: 0 },
  )
  // Ann Petit met Kenji Abe in April; Lars Eide is two steps from him.
  await browser.$('summary=Connect two entities').click()
  await browser.$('#map-connect-from').setValue('Lars Eide')
  await browser.$('#map-connect-to').setValue('Kenji Abe')
  await browser.$('#map-connect').click()
  await browser.$('#map-chains').waitForExist({ timeout: 5000, timeoutMsg: 'no chain shown' })
  const links = await texts(browser, '#map-chains > li:first-child button')
  assert.equal(links.length, 2, links.join('|'))
  assert.ok(links.every((l) => / — (met with|affiliation|cooperation|said about) — /.test(l)), links.join('|'))
  const onPath = await browser.execute(() => document.querySelector('#map-focus').cy.edges('.path').length)
  assert.ok(onPath >= 2, `${onPath} edges on the chains`)
  await screenshot(browser, 'map-chain')
  // A link of the chain opens its evidence.
  await browser.$('#map-chains button').click()
  await browser.$('#map-edge-evidence').waitForExist({ timeout: 5000 })
  await browser.$('#map-chains-clear').click()
  assert.equal(await browser.execute(() => getComputedStyle(document.querySelector('#map-focus')).visibility), 'hidden')
})

test('a time window keeps the relations stated in its months', async () => {
  const { browser } = app
  await libraryMap(browser)
  await browser.$('#map-window-on').click()
  await browser.$('#map-window-length').selectByAttribute('value', '1')
  // The slider's months run from the sample (January 2019) to April 2021: January 2021.
  await browser.execute(() => {
    const slider = document.querySelector('#map-window-end')
    slider.value = String(Number(slider.max) - 3)
    slider.dispatchEvent(new Event('input', { bubbles: true }))
  })
  await browser.waitUntil(async () => /Jan 2021 – Jan 2021/.test(await browser.$('#map-window-label').getText()), {
    timeout: 3000,
  })
  const shown = await browser.execute(() => {
    const cy = document.querySelector('#map-canvas').cy
    return {
      labels: cy.nodes().map((n) => n.data('label')),
      allInJanuary: cy.edges().every((e) => e.data('days').some((d) => d.startsWith('2021-01'))),
    }
  })
  assert.ok(shown.allInJanuary, 'every relation drawn was stated in January 2021')
  assert.ok(shown.labels.includes('Ann Petit') && shown.labels.includes('Norway'), shown.labels.join('|'))
  assert.ok(!shown.labels.includes('Kenji Abe') && !shown.labels.includes('Sergei Lavrov'), shown.labels.join('|'))
  await screenshot(browser, 'map-time-window')
  await browser.$('#map-window-on').click()
})

test('the map keeps its layout across a restart', async () => {
  await libraryMap(app.browser)
  const positions = () =>
    app.browser.execute(() =>
      Object.fromEntries(
        document
          .querySelector('#map-canvas')
          .cy.nodes()
          .map((n) => [n.data('label'), n.position()]),
      ),
    )
  const before = await positions()
  const library = app.libraryPath
  await app.stop()
  app = await startApp({ library })
  await libraryMap(app.browser)
  const after = await positions()
  for (const [name, at] of Object.entries(before)) {
    assert.ok(after[name], `${name} is drawn again`)
    assert.ok(Math.hypot(after[name].x - at.x, after[name].y - at.y) < 1, `${name} moved`)
  }
})
