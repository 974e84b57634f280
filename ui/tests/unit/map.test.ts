import { describe, expect, it } from 'vitest'
import { defaultMapFilter, mapElements, visible } from '../../src/lib/map'

const map = {
  nodes: [
    { id: 1, kind: 'country', name: 'Iraq', n_mentions: 20, n_articles: 1 },
    { id: 2, kind: 'country', name: 'Russia', n_mentions: 7, n_articles: 1 },
    { id: 3, kind: 'person', name: 'Sergei Lavrov', n_mentions: 4, n_articles: 1 },
  ],
  edges: [
    { kind: 'cooperation', from: 1, to: 2, stance: 'supportive', weight: 2 },
    { kind: 'affiliation', from: 3, to: 2, stance: 'neutral', weight: 1 },
  ],
}

describe('relations map', () => {
  it('makes stable elements with sizes by mentions', () => {
    const { nodes, edges } = mapElements(map)
    expect(nodes.map((n) => n.id)).toEqual(['n1', 'n2', 'n3'])
    expect(nodes[0].size).toBeGreaterThan(nodes[2].size)
    expect(edges[0]).toMatchObject({ id: 'e-cooperation-1-2', source: 'n1', target: 'n2', label: 'cooperation' })
  })

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
})
