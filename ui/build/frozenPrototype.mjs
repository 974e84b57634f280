// Cytoscape.js under a frozen Object.prototype (Tauri's `freezePrototype`):
// with the prototype frozen, assigning a property that Object.prototype has
// (`toString`, `valueOf`, …) to an object that inherits it throws ("the
// override mistake"), and Cytoscape gives its prototypes their own `toString`
// through `extend` (= Object.assign). This rewrites, at build time, the few
// places that do so into property definitions, which a frozen prototype does
// not forbid. Each rewrite names the exact text it expects and how often: a
// Cytoscape release that changes them fails the build instead of a blank map.

/** The names Object.prototype has: assigning one of them is what throws. */
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype)

/** `extend(target, ...sources)` that defines each own enumerable property of the
 * sources on the target, as Object.assign would set it. It replaces the first line of
 * Cytoscape's own definition; the rest of that definition (its fallback function's
 * body) is left in place under an unused name, so the edit is one line of their text. */
const DEFINING_EXTEND = `var frozenPrototypeNames = Object.create(null);
${JSON.stringify(PROTOTYPE_NAMES)}.forEach(function (name) { frozenPrototypeNames[name] = true; });
var extend = function (tgt) {
  for (var i = 1; i < arguments.length; i++) {
    var obj = arguments[i];
    if (obj == null) continue;
    var keys = Object.keys(obj);
    for (var j = 0; j < keys.length; j++) {
      var k = keys[j];
      if (frozenPrototypeNames[k] === true) {
        Object.defineProperty(tgt, k, { value: obj[k], writable: true, enumerable: true, configurable: true });
      } else {
        tgt[k] = obj[k];
      }
    }
  }
  return tgt;
};
var unusedExtend = Object.assign != null ? Object.assign.bind(Object) : function (tgt) {`

/** Per module (by the end of its path): [what it holds, what replaces it, how many times]. */
export const REWRITES = [
  {
    module: '/cytoscape/dist/cytoscape.esm.mjs',
    edits: [['var extend = Object.assign != null ? Object.assign.bind(Object) : function (tgt) {', DEFINING_EXTEND, 1]],
  },
  {
    // fcose's geometry library (its main-thread draft runs it in the window).
    module: '/layout-base/layout-base.js',
    edits: [
      [
        `Point.prototype.toString = function () {
  return new Point().constructor.name + "[x=" + this.x + ",y=" + this.y + "]";
};`,
        `Object.defineProperty(Point.prototype, "toString", { writable: true, configurable: true, value: function () {
  return new Point().constructor.name + "[x=" + this.x + ",y=" + this.y + "]";
} });`,
        1,
      ],
    ],
  },
]

/** `source` of the module at `id` (a path) with its rewrites, or null when it has none;
 * throws when a rewrite does not match as often as it should. */
export function rewriteForFrozenPrototype(source, id) {
  const path = id.split('?')[0].replaceAll('\\', '/')
  const entry = REWRITES.find((r) => path.endsWith(r.module))
  if (!entry) return null
  let out = source
  for (const [from, to, times] of entry.edits) {
    const found = out.split(from).length - 1
    if (found !== times)
      throw new Error(
        `${path}: expected ${times} × ${JSON.stringify(from.slice(0, 60))}, found ${found}: check ui/build/frozenPrototype.mjs against this version`,
      )
    out = out.split(from).join(to)
  }
  return out
}

/** The Vite plugin: the rewrites applied to the bundle's modules. */
export function frozenPrototype() {
  const applied = new Set()
  return {
    name: 'quotemap-frozen-prototype',
    enforce: 'pre',
    transform(code, id) {
      const out = rewriteForFrozenPrototype(code, id)
      if (out === null) return null
      applied.add(id.split('?')[0])
      return { code: out, map: null }
    },
    buildEnd(error) {
      // Each module that needs a rewrite must have been seen (and rewritten).
      if (!error && applied.size < REWRITES.length)
        this.error(`frozen-prototype rewrites applied to ${applied.size} of ${REWRITES.length} modules`)
    },
  }
}
