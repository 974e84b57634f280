import { describe, expect, it } from 'vitest'
import {
  defaultLimit,
  defaultMapFilter,
  evidenceIn,
  mapElements,
  monthWindow,
  monthsSpanned,
  nodeSize,
  pickLabels,
  placeNew,
  shortestChains,
  visible,
  type Point,
} from '../../src/lib/map'

const map = {
  nodes: [
    { id: 1, kind: 'country', name: 'Iraq', n_mentions: 20, n_articles: 1, n_quotes: 0 },
    { id: 2, kind: 'country', name: 'Russia', n_mentions: 7, n_articles: 1, n_quotes: 0 },
    { id: 3, kind: 'person', name: 'Sergei Lavrov', n_mentions: 4, n_articles: 1, n_quotes: 5 },
    { id: 4, kind: 'city', name: 'Baghdad', n_mentions: 9, n_articles: 1, n_quotes: 0 },
  ],
  edges: [
    { kind: 'cooperation', from: 1, to: 2, stance: 'supportive', weight: 2, days: ['2019-01-30', '2019-03-02'] },
    { kind: 'affiliation', from: 3, to: 2, stance: 'neutral', weight: 1, days: ['2019-01-30'] },
  ],
}

describe('relations map elements', () => {
  it('makes stable elements, sized by mentions or by quotations', () => {
    const { nodes, edges } = mapElements(map)
    expect(nodes.map((n) => n.id)).toEqual(['n1', 'n2', 'n3', 'n4'])
    expect(nodeSize(nodes[0], 'mentions')).toBeGreaterThan(nodeSize(nodes[2], 'mentions'))
    expect(nodeSize(nodes[2], 'quotes')).toBeGreaterThan(nodeSize(nodes[0], 'quotes'))
    expect(edges[0]).toMatchObject({ id: 'e-cooperation-1-2', source: 'n1', target: 'n2', label: 'cooperation' })
  })
})

describe('what a map shows', () => {
  it('filters by relation kind, entity kind and evidence, keeping edges between shown nodes only', () => {
    const elements = mapElements(map)
    const all = visible(elements, defaultMapFilter())
    expect([...all.edges]).toHaveLength(2)
    const filter = defaultMapFilter()
    filter.minEvidence = 2
    expect([...visible(elements, filter).edges]).toEqual(['e-cooperation-1-2'])
    const noPeople = defaultMapFilter()
    noPeople.kinds.delete('person')
    const shown = visible(elements, noPeople)
    expect(shown.nodes.has('n3')).toBe(false)
    expect(shown.edges.has('e-affiliation-3-2')).toBe(false)
  })

  it('never draws an entity without a shown relation: it is listed apart, most mentioned first', () => {
    const elements = mapElements(map)
    const shown = visible(elements, defaultMapFilter())
    expect(shown.nodes.has('n4')).toBe(false)
    expect(shown.unconnected.map((n) => n.label)).toEqual(['Baghdad'])
    const onlyCooperation = defaultMapFilter()
    onlyCooperation.relations = new Set(['cooperation'])
    const fewer = visible(elements, onlyCooperation)
    expect([...fewer.nodes].sort()).toEqual(['n1', 'n2'])
    expect(fewer.unconnected.map((n) => n.label)).toEqual(['Baghdad', 'Sergei Lavrov'])
  })

  it('shows the relations stated in a time window, counting the evidence inside it', () => {
    const elements = mapElements(map)
    const february = { from: '2019-02-01', to: '2019-03-31' }
    expect(evidenceIn(elements.edges[0], february)).toBe(1)
    expect(evidenceIn(elements.edges[0], null)).toBe(2)
    const filter = defaultMapFilter()
    filter.window = february
    const shown = visible(elements, filter)
    expect([...shown.edges]).toEqual(['e-cooperation-1-2'])
    expect(shown.nodes.has('n3')).toBe(false)
    filter.minEvidence = 2
    expect(visible(elements, filter).edges.size).toBe(0)
  })

  it('keeps the best evidenced entities up to the limit and says how many it left out', () => {
    const elements = mapElements(map)
    const filter = defaultMapFilter()
    filter.limit = 2
    const shown = visible(elements, filter)
    // Russia has 3 sentences of evidence, Iraq 2, Lavrov 1.
    expect([...shown.nodes]).toEqual(['n2', 'n1'])
    expect(shown.limited).toBe(1)
    expect(shown.connected).toBe(3)
    expect([...shown.edges]).toEqual(['e-cooperation-1-2'])
    expect(defaultLimit(40)).toBeNull()
    expect(defaultLimit(5000)).toBe(150)
  })
})

describe('placing new nodes', () => {
  it('leaves placed nodes where they are and puts a new one beside its neighbours, on a free spot', () => {
    const placed = new Map<string, Point>([
      ['a', { x: 0, y: 0 }],
      ['b', { x: 100, y: 0 }],
    ])
    const edges = [
      { source: 'c', target: 'a' },
      { source: 'c', target: 'b' },
    ]
    const result = placeNew(['c', 'd'], placed, edges)
    expect([...result.keys()]).toEqual(['c', 'd'])
    const c = result.get('c')!
    // Near the middle of its two neighbours, not on top of either.
    expect(Math.hypot(c.x - 50, c.y)).toBeLessThan(61)
    for (const p of placed.values()) expect(Math.hypot(c.x - p.x, c.y - p.y)).toBeGreaterThanOrEqual(45)
    // No neighbour placed: outside the map.
    const d = result.get('d')!
    expect(Math.hypot(d.x - 50, d.y)).toBeGreaterThan(100)
    expect(placeNew(['c', 'd'], placed, edges)).toEqual(result)
  })

  it('spreads many new neighbours of one node without stacking them', () => {
    const placed = new Map<string, Point>([['hub', { x: 0, y: 0 }]])
    const ids = Array.from({ length: 50 }, (_, i) => `n${i}`)
    const result = [...placeNew(ids, placed, ids.map((id) => ({ source: 'hub', target: id }))).values()]
    for (let i = 0; i < result.length; i++)
      for (let j = i + 1; j < result.length; j++)
        expect(Math.hypot(result[i].x - result[j].x, result[i].y - result[j].y)).toBeGreaterThanOrEqual(45)
  })
})

describe('labels', () => {
  const box = (id: string, x: number, y: number, w = 80) => ({ id, x1: x, y1: y, x2: x + w, y2: y + 15 })

  it('draws the most important labels and drops the ones they would overlap', () => {
    const boxes = [box('small', 10, 0), box('big', 0, 5), box('apart', 200, 0)]
    const priority = (id: string) => ({ small: 1, big: 10, apart: 0 })[id] ?? 0
    expect([...pickLabels(boxes, priority, new Set())].sort()).toEqual(['apart', 'big'])
  })

  it('always draws a hovered or selected label, and the others give way to it', () => {
    const boxes = [box('small', 10, 0), box('big', 0, 5)]
    const priority = (id: string) => ({ small: 1, big: 10 })[id] ?? 0
    expect([...pickLabels(boxes, priority, new Set(['small']))]).toEqual(['small'])
  })
})

describe('chains between two entities', () => {
  const edges = [
    { id: 'ab', source: 'a', target: 'b' },
    { id: 'bd', source: 'b', target: 'd' },
    { id: 'ca', source: 'c', target: 'a' },
    { id: 'cd', source: 'c', target: 'd' },
    { id: 'de', source: 'd', target: 'e' },
    { id: 'af', source: 'a', target: 'f' },
    { id: 'fg', source: 'f', target: 'g' },
    { id: 'ge', source: 'g', target: 'e' },
  ]

  it('finds every shortest chain, reading relations both ways', () => {
    const chains = shortestChains(edges, 'a', 'e')
    expect(chains.map((c) => c.map((s) => s.node).join('>')).sort()).toEqual(['b>d>e', 'c>d>e', 'f>g>e'])
    expect(chains[0].map((s) => s.edge)).toHaveLength(3)
  })

  it('stops at the maximum, and finds none between unconnected entities', () => {
    expect(shortestChains(edges, 'a', 'e', 2)).toHaveLength(2)
    expect(shortestChains(edges, 'a', 'zzz')).toEqual([])
    expect(shortestChains(edges, 'a', 'a')).toEqual([])
  })
})

describe('the time window', () => {
  it('spans the months of the evidence, across years', () => {
    const edges = mapElements({
      nodes: map.nodes,
      edges: [{ kind: 'cooperation', from: 1, to: 2, stance: 'neutral', weight: 2, days: ['2018-11-20', '2019-02-03'] }],
    }).edges
    const months = monthsSpanned(edges)
    expect(months).toEqual(['2018-11', '2018-12', '2019-01', '2019-02'])
    expect(monthWindow(months, 3, 3)).toEqual({ from: '2018-12-01', to: '2019-02-31' })
    expect(monthWindow(months, 0, 3)).toEqual({ from: '2018-11-01', to: '2018-11-31' })
    expect(monthsSpanned([])).toEqual([])
  })
})
