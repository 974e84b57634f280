// The relations map as Cytoscape elements, and which of them a filter shows.
// Pure functions: the component draws, these decide.
import type { MapView } from './api'

export const RELATION_LABELS: Record<string, string> = {
  affiliation: 'affiliation',
  met_with: 'met with',
  said_about: 'said about',
  cooperation: 'cooperation',
  opposition: 'opposition',
}

export const ENTITY_KINDS = ['person', 'organisation', 'country', 'city'] as const

export interface MapFilter {
  relations: Set<string>
  kinds: Set<string>
  minEvidence: number
}

export function defaultMapFilter(): MapFilter {
  return { relations: new Set(Object.keys(RELATION_LABELS)), kinds: new Set(ENTITY_KINDS), minEvidence: 1 }
}

export interface NodeData {
  id: string
  entity: number
  label: string
  kind: string
  size: number
}

export interface EdgeData {
  id: string
  source: string
  target: string
  kind: string
  stance: string
  weight: number
  label: string
}

/** Nodes and edges for Cytoscape; ids are stable, so a redraw keeps positions. */
export function mapElements(map: MapView): { nodes: NodeData[]; edges: EdgeData[] } {
  const nodes = map.nodes.map((n) => ({
    id: `n${n.id}`,
    entity: n.id,
    label: n.name,
    kind: n.kind,
    size: 18 + Math.min(40, 6 * Math.sqrt(n.n_mentions)),
  }))
  const edges = map.edges.map((e) => ({
    id: `e-${e.kind}-${e.from}-${e.to}`,
    source: `n${e.from}`,
    target: `n${e.to}`,
    kind: e.kind,
    stance: e.stance,
    weight: e.weight,
    label: RELATION_LABELS[e.kind] ?? e.kind,
  }))
  return { nodes, edges }
}

/** Which elements a filter shows: edges of a chosen kind with enough evidence
 * between shown nodes; nodes of a chosen kind. */
export function visible(
  elements: { nodes: NodeData[]; edges: EdgeData[] },
  filter: MapFilter,
): { nodes: Set<string>; edges: Set<string> } {
  const nodes = new Set(elements.nodes.filter((n) => filter.kinds.has(n.kind)).map((n) => n.id))
  const edges = new Set(
    elements.edges
      .filter(
        (e) =>
          filter.relations.has(e.kind) &&
          e.weight >= filter.minEvidence &&
          nodes.has(e.source) &&
          nodes.has(e.target),
      )
      .map((e) => e.id),
  )
  return { nodes, edges }
}
