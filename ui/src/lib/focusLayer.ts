// The map's focus (an entity and its neighbours, or the chains between two
// entities), drawn above the map instead of by restyling it.
//
// Why: Cytoscape draws edges without textures, and restyling the ~700
// elements of a library map to fade them made it repaint the whole map in
// software for two frames after a click (100–190 ms at 10,000 articles).
// Here the map stays as drawn: a translucent sheet covers it, and a second,
// small Cytoscape instance on the sheet draws copies of the focused elements
// at the same places, following the map's viewport and node positions. The
// sheet lets every click through to the map, where the same elements lie
// under their copies, so everything seen can still be clicked.
import cytoscape from 'cytoscape'

/** How the copies are marked: the focused node, the elements of chains, the labelled nodes. */
export interface FrontMarks {
  focus: string | null
  path: Set<string>
  labelled: Set<string>
}

export class FocusLayer {
  private readonly layer: cytoscape.Core
  private shown = false
  private readonly follow = () => {
    if (this.shown) this.layer.viewport({ zoom: this.map.zoom(), pan: this.map.pan() })
  }
  private readonly move = (event: cytoscape.EventObject) => {
    if (!this.shown) return
    const copy = this.layer.$id(event.target.id())
    if (copy.nonempty()) copy.position({ ...event.target.position() })
  }

  /** A layer over `map`, drawn in `sheet` (headless without one: for tests). */
  constructor(
    private readonly map: cytoscape.Core,
    private readonly sheet: HTMLElement | null,
    style: cytoscape.StylesheetJson,
  ) {
    this.layer = cytoscape({
      ...(sheet ? { container: sheet } : { headless: true, styleEnabled: true }),
      style,
      // Nothing on the sheet is touched: the map under it takes every gesture.
      userZoomingEnabled: false,
      userPanningEnabled: false,
      boxSelectionEnabled: false,
      autoungrabify: true,
      autounselectify: true,
    })
    map.on('viewport', this.follow)
    map.on('position', 'node', this.move)
  }

  /** The copies drawn now (for the end-to-end tests and the unit tests). */
  get core(): cytoscape.Core {
    return this.layer
  }

  get isShown(): boolean {
    return this.shown
  }

  /** Covers the map and draws `front` (elements of the map) above it. */
  show(front: cytoscape.Collection, marks: FrontMarks) {
    this.fill(front, marks)
    this.shown = true
    this.follow()
    this.sheet?.classList.add('shown')
  }

  /** Draws `front` once on the sheet while it stays hidden, then empties it
   * again: the layer's first drawing (its style and label caches, 2–3 times
   * slower than the ones after) happens before the user's first click, not in
   * it. Calls `done` once that drawing has been made (two frames later). */
  rehearse(front: cytoscape.Collection, marks: FrontMarks, done: () => void) {
    if (this.shown) return done()
    this.fill(front, marks)
    this.layer.viewport({ zoom: this.map.zoom(), pan: this.map.pan() })
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        // A focus shown meanwhile keeps its copies.
        if (!this.shown && !this.layer.destroyed()) this.layer.elements().remove()
        done()
      }),
    )
  }

  private fill(front: cytoscape.Collection, marks: FrontMarks) {
    const copies: cytoscape.ElementDefinition[] = []
    front.nodes().forEach((n) => {
      copies.push({ group: 'nodes', data: { ...n.data() }, position: { ...n.position() }, classes: classesOf(n.id(), marks) })
    })
    front.edges().forEach((e) => {
      copies.push({ group: 'edges', data: { ...e.data() }, classes: classesOf(e.id(), marks) })
    })
    this.layer.batch(() => {
      this.layer.elements().remove()
      this.layer.add(copies)
    })
  }

  /** Uncovers the map. */
  hide() {
    if (!this.shown) return
    this.shown = false
    this.sheet?.classList.remove('shown')
    this.layer.elements().remove()
  }

  /** Labels the copies of the map's labelled nodes; `rescaled` when the label size changed. */
  label(labelled: Set<string>, rescaled: boolean) {
    if (this.shown) applyLabels(this.layer, labelled, rescaled)
  }

  restyle(style: cytoscape.StylesheetJson) {
    this.layer.style(style)
  }

  /** The sheet's box changed with the map's. */
  resize() {
    this.layer.resize()
  }

  destroy() {
    this.map.off('viewport', this.follow)
    this.map.off('position', 'node', this.move)
    this.sheet?.classList.remove('shown')
    this.layer.destroy()
  }
}

/** Labels exactly the `labelled` nodes of `core` (the map, or the focus's copies);
 * `rescaled` when the label size changed, so labelled nodes take the new size. */
export function applyLabels(core: cytoscape.Core, labelled: Set<string>, rescaled: boolean) {
  core.batch(() => {
    core.nodes().forEach((n) => {
      const on = labelled.has(n.id())
      if (on !== n.hasClass('labelled')) n.toggleClass('labelled', on)
      // Cytoscape has `updateStyle` (its typings do not): the label takes the new scale.
      else if (on && rescaled) (n as unknown as { updateStyle(): void }).updateStyle()
    })
  })
}

function classesOf(id: string, marks: FrontMarks): string[] {
  const classes: string[] = []
  if (id === marks.focus) classes.push('focus')
  if (marks.path.has(id)) classes.push('path')
  if (marks.labelled.has(id)) classes.push('labelled')
  return classes
}

/** The elements a focus brings forward: the entity, its neighbours and the relations between it and them. */
export function neighbourhoodFront(map: cytoscape.Core, id: string): cytoscape.Collection {
  return map.$id(id).closedNeighborhood()
}

/** The elements chains bring forward: their entities and relations, with every
 * relation parallel to one of them (so that each curve is drawn where the map draws it). */
export function chainsFront(map: cytoscape.Core, nodes: Set<string>, edges: Set<string>): cytoscape.Collection {
  let front = map.collection()
  for (const id of nodes) front = front.union(map.$id(id))
  for (const id of edges) {
    const edge = map.$id(id)
    if (edge.nonempty()) front = front.union(edge.source().edgesWith(edge.target()))
  }
  return front
}
