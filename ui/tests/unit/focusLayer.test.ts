// The focus layer copies what a focus brings forward and keeps the copies
// where the map draws the originals (headless Cytoscape: no canvas needed).
import cytoscape from 'cytoscape'
import { describe, expect, it } from 'vitest'
import { FocusLayer, chainsFront, neighbourhoodFront } from '../../src/lib/focusLayer'

function map(): cytoscape.Core {
  return cytoscape({
    headless: true,
    styleEnabled: true,
    layout: { name: 'preset' },
    elements: [
      { data: { id: 'a' }, position: { x: 0, y: 0 } },
      { data: { id: 'b' }, position: { x: 100, y: 0 } },
      { data: { id: 'c' }, position: { x: 200, y: 0 } },
      { data: { id: 'd' }, position: { x: 300, y: 0 } },
      { data: { id: 'ab', source: 'a', target: 'b', kind: 'met_with' } },
      { data: { id: 'ba', source: 'b', target: 'a', kind: 'said_about' } },
      { data: { id: 'bc', source: 'b', target: 'c', kind: 'met_with' } },
      { data: { id: 'cd', source: 'c', target: 'd', kind: 'met_with' } },
    ],
  })
}

const ids = (elements: cytoscape.CollectionReturnValue | cytoscape.Collection) => elements.map((e) => e.id()).sort()

describe('FocusLayer', () => {
  it('draws copies of an entity and its neighbourhood, marked, and nothing else', () => {
    const core = map()
    const layer = new FocusLayer(core, null, [])
    layer.show(neighbourhoodFront(core, 'b'), { focus: 'b', path: new Set(), labelled: new Set(['b', 'c']) })
    expect(layer.isShown).toBe(true)
    expect(ids(layer.core.elements())).toEqual(['a', 'ab', 'b', 'ba', 'bc', 'c'])
    expect(ids(layer.core.$('.focus'))).toEqual(['b'])
    expect(ids(layer.core.$('.labelled'))).toEqual(['b', 'c'])
    expect(layer.core.$id('c').position()).toEqual({ x: 200, y: 0 })
    // The map is not touched.
    expect(core.elements().every((e) => e.classes().length === 0)).toBe(true)
  })

  it('follows the map while shown: its viewport, and nodes the user drags', () => {
    const core = map()
    const layer = new FocusLayer(core, null, [])
    layer.show(neighbourhoodFront(core, 'a'), { focus: 'a', path: new Set(), labelled: new Set() })
    core.viewport({ zoom: 2, pan: { x: 40, y: -10 } })
    expect(layer.core.zoom()).toBe(2)
    expect(layer.core.pan()).toEqual({ x: 40, y: -10 })
    core.$id('b').position({ x: 120, y: 30 })
    expect(layer.core.$id('b').position()).toEqual({ x: 120, y: 30 })
    // A node not brought forward moves on the map only.
    core.$id('d').position({ x: 5, y: 5 })
    expect(layer.core.$id('d').empty()).toBe(true)
  })

  it('is emptied when hidden and stops following', () => {
    const core = map()
    const layer = new FocusLayer(core, null, [])
    layer.show(neighbourhoodFront(core, 'a'), { focus: 'a', path: new Set(), labelled: new Set() })
    layer.hide()
    expect(layer.isShown).toBe(false)
    expect(layer.core.elements().length).toBe(0)
    core.zoom(3)
    expect(layer.core.zoom()).not.toBe(3)
  })

  it('labels its copies as the map labels them', () => {
    const core = map()
    const layer = new FocusLayer(core, null, [])
    layer.show(neighbourhoodFront(core, 'c'), { focus: 'c', path: new Set(), labelled: new Set(['c']) })
    layer.label(new Set(['b', 'd', 'a']), false)
    expect(ids(layer.core.$('.labelled'))).toEqual(['b', 'd'])
  })

  it('rehearses a focus unseen: drawn, then emptied, the map still uncovered', async () => {
    const core = map()
    const layer = new FocusLayer(core, null, [])
    core.viewport({ zoom: 1.5, pan: { x: 10, y: 20 } })
    const rehearsed = new Promise<void>((done) =>
      layer.rehearse(neighbourhoodFront(core, 'b'), { focus: 'b', path: new Set(), labelled: new Set(['b']) }, done),
    )
    // Drawn where the map has it, but not shown.
    expect(ids(layer.core.elements())).toEqual(['a', 'ab', 'b', 'ba', 'bc', 'c'])
    expect(layer.core.zoom()).toBe(1.5)
    expect(layer.isShown).toBe(false)
    await rehearsed
    expect(layer.core.elements().length).toBe(0)
    expect(layer.isShown).toBe(false)
  })

  it('keeps a focus shown while a rehearsal was drawing', async () => {
    const core = map()
    const layer = new FocusLayer(core, null, [])
    const rehearsed = new Promise<void>((done) =>
      layer.rehearse(neighbourhoodFront(core, 'b'), { focus: 'b', path: new Set(), labelled: new Set() }, done),
    )
    layer.show(neighbourhoodFront(core, 'd'), { focus: 'd', path: new Set(), labelled: new Set() })
    await rehearsed
    expect(layer.isShown).toBe(true)
    expect(ids(layer.core.elements())).toEqual(['c', 'cd', 'd'])
  })

  it('does not rehearse over a focus already shown', async () => {
    const core = map()
    const layer = new FocusLayer(core, null, [])
    layer.show(neighbourhoodFront(core, 'd'), { focus: 'd', path: new Set(), labelled: new Set() })
    await new Promise<void>((done) =>
      layer.rehearse(neighbourhoodFront(core, 'a'), { focus: 'a', path: new Set(), labelled: new Set() }, done),
    )
    expect(ids(layer.core.elements())).toEqual(['c', 'cd', 'd'])
    expect(ids(layer.core.$('.focus'))).toEqual(['d'])
  })

  it('stops following the map once destroyed', () => {
    const core = map()
    const layer = new FocusLayer(core, null, [])
    layer.show(neighbourhoodFront(core, 'a'), { focus: 'a', path: new Set(), labelled: new Set() })
    layer.destroy()
    expect(() => core.viewport({ zoom: 2, pan: { x: 1, y: 1 } })).not.toThrow()
    expect(() => core.$id('a').position({ x: 1, y: 1 })).not.toThrow()
  })
})

describe('chainsFront', () => {
  it('brings the chain forward with the relations parallel to its links', () => {
    const core = map()
    const front = chainsFront(core, new Set(['a', 'b', 'c']), new Set(['ab', 'bc']))
    // "ba" runs beside "ab": drawn too, so that each curve lies where the map draws it.
    expect(ids(front)).toEqual(['a', 'ab', 'b', 'ba', 'bc', 'c'])
  })
})
