// The relations map as data: which entities and relations a view shows
// (filters, time window, the top entities by evidence), where new nodes go
// beside the ones the user placed, which labels fit without overlapping, and
// the shortest chains between two entities. Pure functions: the component
// draws, these decide.
import type { MapView } from './api'

export const RELATION_LABELS: Record<string, string> = {
  affiliation: 'affiliation',
  met_with: 'met with',
  said_about: 'said about',
  cooperation: 'cooperation',
  opposition: 'opposition',
}

export const ENTITY_KINDS = ['person', 'organisation', 'country', 'city'] as const

/** Above this many connected entities the overview shows only the top ones. */
export const OVERVIEW_LIMIT = 300
/** How many the overview shows first when there are more. */
export const OVERVIEW_DEFAULT = 150

/** An inclusive range of days, `YYYY-MM-DD`. */
export interface DayWindow {
  from: string
  to: string
}

export interface MapFilter {
  relations: Set<string>
  kinds: Set<string>
  minEvidence: number
  /** Only relations stated in this period (by their evidence's days). */
  window: DayWindow | null
  /** At most this many connected entities, the best evidenced; `null` for all. */
  limit: number | null
}

export function defaultMapFilter(): MapFilter {
  return {
    relations: new Set(Object.keys(RELATION_LABELS)),
    kinds: new Set(ENTITY_KINDS),
    minEvidence: 1,
    window: null,
    limit: null,
  }
}

export type SizeBy = 'mentions' | 'quotes'

export interface NodeData {
  id: string
  entity: number
  label: string
  kind: string
  mentions: number
  quotes: number
}

export interface EdgeData {
  id: string
  source: string
  target: string
  kind: string
  stance: string
  weight: number
  days: string[]
  label: string
}

export interface MapElements {
  nodes: NodeData[]
  edges: EdgeData[]
}

/** Nodes and edges for Cytoscape; ids are stable, so a redraw keeps positions. */
export function mapElements(map: MapView): MapElements {
  const nodes = map.nodes.map((n) => ({
    id: `n${n.id}`,
    entity: n.id,
    label: n.name,
    kind: n.kind,
    mentions: n.n_mentions,
    quotes: n.n_quotes,
  }))
  const edges = map.edges.map((e) => ({
    id: `e-${e.kind}-${e.from}-${e.to}`,
    source: `n${e.from}`,
    target: `n${e.to}`,
    kind: e.kind,
    stance: e.stance,
    weight: e.weight,
    days: e.days,
    label: RELATION_LABELS[e.kind] ?? e.kind,
  }))
  return { nodes, edges }
}

/** A node's diameter: by mentions or by quotations, on a square-root scale. */
export function nodeSize(node: NodeData, sizeBy: SizeBy): number {
  const count = sizeBy === 'quotes' ? node.quotes : node.mentions
  return 18 + Math.min(40, 6 * Math.sqrt(count))
}

/** How many evidence sentences of an edge fall in the window (all without one). */
export function evidenceIn(edge: EdgeData, window: DayWindow | null): number {
  if (!window) return edge.weight
  let n = 0
  for (const day of edge.days) if (day >= window.from && day <= window.to) n++
  return n
}

export interface Shown {
  nodes: Set<string>
  edges: Set<string>
  /** Evidence of each shown node in the shown relations (its rank). */
  evidence: Map<string, number>
  /** Entities of a shown kind without any shown relation, most mentioned first. */
  unconnected: NodeData[]
  /** Connected entities left out by the limit. */
  limited: number
  /** Connected entities before the limit. */
  connected: number
}

/** Which elements a filter shows: relations of a chosen kind, with enough
 * evidence in the window, between entities of a chosen kind; the entities they
 * connect, the best evidenced first up to the limit. Entities without a shown
 * relation are listed apart, never drawn. */
export function visible(elements: MapElements, filter: MapFilter): Shown {
  const byId = new Map(elements.nodes.map((n) => [n.id, n]))
  const kindShown = (id: string) => {
    const node = byId.get(id)
    return node !== undefined && filter.kinds.has(node.kind)
  }
  const edges = elements.edges.filter(
    (e) =>
      filter.relations.has(e.kind) &&
      kindShown(e.source) &&
      kindShown(e.target) &&
      e.source !== e.target &&
      evidenceIn(e, filter.window) >= filter.minEvidence,
  )
  const evidence = new Map<string, number>()
  for (const e of edges) {
    const n = evidenceIn(e, filter.window)
    evidence.set(e.source, (evidence.get(e.source) ?? 0) + n)
    evidence.set(e.target, (evidence.get(e.target) ?? 0) + n)
  }
  const ranked = [...evidence.keys()].sort(
    (a, b) =>
      evidence.get(b)! - evidence.get(a)! ||
      byId.get(b)!.mentions - byId.get(a)!.mentions ||
      byId.get(a)!.label.localeCompare(byId.get(b)!.label),
  )
  const kept = filter.limit === null ? ranked : ranked.slice(0, Math.max(1, filter.limit))
  const nodes = new Set(kept)
  const shownEdges = new Set(edges.filter((e) => nodes.has(e.source) && nodes.has(e.target)).map((e) => e.id))
  const unconnected = elements.nodes
    .filter((n) => filter.kinds.has(n.kind) && !evidence.has(n.id))
    .sort((a, b) => b.mentions - a.mentions || a.label.localeCompare(b.label))
  return {
    nodes,
    edges: shownEdges,
    evidence: new Map(kept.map((id) => [id, evidence.get(id)!])),
    unconnected,
    limited: ranked.length - kept.length,
    connected: ranked.length,
  }
}

/** The limit a map opens with: all connected entities when they are few. */
export function defaultLimit(connected: number): number | null {
  return connected > OVERVIEW_LIMIT ? OVERVIEW_DEFAULT : null
}

export interface Point {
  x: number
  y: number
}

/** Positions for nodes the user has not placed: beside their placed
 * neighbours (their centre, then around it), else on a ring outside the
 * placed ones. Placed nodes do not move. Deterministic. */
export function placeNew(
  newIds: string[],
  placed: Map<string, Point>,
  edges: { source: string; target: string }[],
  spacing = 60,
): Map<string, Point> {
  const result = new Map<string, Point>()
  const taken: Point[] = [...placed.values()]
  // Taken spots by grid cell of `spacing`, so a free spot is found without scanning them all.
  const grid = new Map<string, Point[]>()
  const cellOf = (p: Point) => [Math.floor(p.x / spacing), Math.floor(p.y / spacing)]
  const take = (p: Point) => {
    const [gx, gy] = cellOf(p)
    const key = `${gx},${gy}`
    const cell = grid.get(key)
    if (cell) cell.push(p)
    else grid.set(key, [p])
  }
  taken.forEach(take)
  const free = (p: Point) => {
    const [gx, gy] = cellOf(p)
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const q of grid.get(`${gx + dx},${gy + dy}`) ?? [])
          if (Math.hypot(p.x - q.x, p.y - q.y) < spacing * 0.75) return false
    return true
  }
  const neighbours = new Map<string, string[]>()
  const link = (a: string, b: string) => {
    const list = neighbours.get(a)
    if (list) list.push(b)
    else neighbours.set(a, [b])
  }
  for (const e of edges) {
    link(e.source, e.target)
    link(e.target, e.source)
  }
  const xs = taken.map((p) => p.x)
  const ys = taken.map((p) => p.y)
  const centre = taken.length
    ? { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2 }
    : { x: 0, y: 0 }
  const radius = taken.length
    ? Math.max(...taken.map((p) => Math.hypot(p.x - centre.x, p.y - centre.y))) + spacing * 1.5
    : 0
  let ring = 0
  const golden = Math.PI * (3 - Math.sqrt(5))
  for (const id of newIds) {
    const anchors = (neighbours.get(id) ?? [])
      .map((n) => placed.get(n) ?? result.get(n))
      .filter((p): p is Point => p !== undefined)
    let point: Point
    if (anchors.length > 0) {
      const c = {
        x: anchors.reduce((s, p) => s + p.x, 0) / anchors.length,
        y: anchors.reduce((s, p) => s + p.y, 0) / anchors.length,
      }
      // Around the centre of its neighbours, on a spiral until a free spot.
      point = c
      for (let k = 1; k < 400 && !free(point); k++) {
        const r = spacing * Math.sqrt(k)
        point = { x: c.x + r * Math.cos(k * golden), y: c.y + r * Math.sin(k * golden) }
      }
    } else {
      // Nothing placed near it: on a ring outside the map, one step each.
      const circumference = Math.max(1, Math.floor((2 * Math.PI * Math.max(radius, spacing)) / spacing))
      const angle = (2 * Math.PI * (ring % circumference)) / circumference
      const r = Math.max(radius, spacing) + spacing * Math.floor(ring / circumference)
      point = { x: centre.x + r * Math.cos(angle), y: centre.y + r * Math.sin(angle) }
      ring++
    }
    result.set(id, point)
    take(point)
  }
  return result
}

/** A label where it would be drawn, on screen. */
export interface LabelBox {
  id: string
  x1: number
  y1: number
  x2: number
  y2: number
}

/** The labels to draw: those in `always` first (hovered, selected), then by
 * priority, each only if it overlaps none already taken. A grid keeps this
 * near linear. */
export function pickLabels(boxes: LabelBox[], priority: (id: string) => number, always: Set<string>): Set<string> {
  const CELL = 64
  const grid = new Map<string, LabelBox[]>()
  const cells = (b: LabelBox) => {
    const keys: string[] = []
    for (let gx = Math.floor(b.x1 / CELL); gx <= Math.floor(b.x2 / CELL); gx++)
      for (let gy = Math.floor(b.y1 / CELL); gy <= Math.floor(b.y2 / CELL); gy++) keys.push(`${gx},${gy}`)
    return keys
  }
  const overlaps = (a: LabelBox, b: LabelBox) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2
  const order = [...boxes].sort(
    (a, b) => Number(always.has(b.id)) - Number(always.has(a.id)) || priority(b.id) - priority(a.id),
  )
  const taken = new Set<string>()
  for (const box of order) {
    const keys = cells(box)
    if (keys.some((k) => (grid.get(k) ?? []).some((other) => overlaps(box, other)))) continue
    taken.add(box.id)
    for (const k of keys) {
      const cell = grid.get(k)
      if (cell) cell.push(box)
      else grid.set(k, [box])
    }
  }
  return taken
}

/** One step of a chain: the relation and the entity it leads to. */
export interface ChainStep {
  edge: string
  node: string
}

/** The shortest chains of relations between two entities (relations read
 * both ways), at most `max` of them, each as the steps from `from` to `to`. */
export function shortestChains(
  edges: { id: string; source: string; target: string }[],
  from: string,
  to: string,
  max = 5,
): ChainStep[][] {
  if (from === to) return []
  const links = new Map<string, ChainStep[]>()
  const link = (a: string, step: ChainStep) => {
    const list = links.get(a)
    if (list) list.push(step)
    else links.set(a, [step])
  }
  for (const e of edges) {
    link(e.source, { edge: e.id, node: e.target })
    link(e.target, { edge: e.id, node: e.source })
  }
  // Breadth first: the distance of each entity from `from` and the steps that reach it first.
  const distance = new Map<string, number>([[from, 0]])
  const reachedBy = new Map<string, { prev: string; edge: string }[]>()
  let frontier = [from]
  while (frontier.length > 0 && !distance.has(to)) {
    const next: string[] = []
    for (const node of frontier) {
      for (const step of links.get(node) ?? []) {
        const d = distance.get(node)! + 1
        if (!distance.has(step.node)) {
          distance.set(step.node, d)
          next.push(step.node)
        }
        if (distance.get(step.node) === d) {
          const ways = reachedBy.get(step.node)
          if (ways) ways.push({ prev: node, edge: step.edge })
          else reachedBy.set(step.node, [{ prev: node, edge: step.edge }])
        }
      }
    }
    frontier = next
  }
  if (!distance.has(to)) return []
  // Walk back from `to`, every way, until `max` chains.
  const chains: ChainStep[][] = []
  const walk = (node: string, suffix: ChainStep[]) => {
    if (chains.length >= max) return
    if (node === from) {
      chains.push(suffix)
      return
    }
    for (const { prev, edge } of reachedBy.get(node) ?? []) walk(prev, [{ edge, node }, ...suffix])
  }
  walk(to, [])
  return chains
}

/** The months (`YYYY-MM`) from the first to the last day any relation was stated. */
export function monthsSpanned(edges: EdgeData[]): string[] {
  let first: string | null = null
  let last: string | null = null
  for (const e of edges) {
    for (const day of e.days) {
      if (first === null || day < first) first = day
      if (last === null || day > last) last = day
    }
  }
  if (first === null || last === null) return []
  const months: string[] = []
  let [y, m] = first.slice(0, 7).split('-').map(Number)
  const [ly, lm] = last.slice(0, 7).split('-').map(Number)
  while (y < ly || (y === ly && m <= lm)) {
    months.push(`${y}-${String(m).padStart(2, '0')}`)
    m++
    if (m > 12) {
      m = 1
      y++
    }
  }
  return months
}

/** The window of `length` months ending with month `end` (an index into `months`). */
export function monthWindow(months: string[], end: number, length: number): DayWindow | null {
  if (months.length === 0) return null
  const last = Math.min(Math.max(end, 0), months.length - 1)
  const first = Math.max(0, last - length + 1)
  return { from: `${months[first]}-01`, to: `${months[last]}-31` }
}
