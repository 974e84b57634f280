// Run by frozenPrototype.test.ts in a process of its own: freezes
// Object.prototype as Tauri's `freezePrototype` does, then loads Cytoscape and
// fcose's layout-base as the window's bundle gets them (argument `rewritten`)
// or as published (`published`), builds a small graph and lays it out; prints
// "drawn" or "failed: <reason>".
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { rewriteForFrozenPrototype } from '../../build/frozenPrototype.mjs'

const modules = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../node_modules')
const load = (name) => {
  const file = path.join(modules, name)
  const source = readFileSync(file, 'utf8')
  return process.argv[2] === 'rewritten' ? rewriteForFrozenPrototype(source, file) : source
}
const folder = mkdtempSync(path.join(os.tmpdir(), 'quotemap-frozen-'))
writeFileSync(path.join(folder, 'cytoscape.mjs'), load('cytoscape/dist/cytoscape.esm.mjs'))
const layoutBase = load('layout-base/layout-base.js')

Object.freeze(Object.prototype)
try {
  const cytoscape = (await import(path.join(folder, 'cytoscape.mjs'))).default
  const cy = cytoscape({
    headless: true,
    elements: [{ data: { id: 'a' } }, { data: { id: 'b' } }, { data: { id: 'ab', source: 'a', target: 'b' } }],
    style: [{ selector: 'node', style: { label: 'data(id)' } }],
  })
  cy.layout({ name: 'grid' }).run()
  cy.$('node[id = "a"]').select()
  // layout-base is CommonJS: run as the bundle runs it, in strict mode.
  const module = { exports: {} }
  new Function('module', 'exports', `"use strict";\n${layoutBase}`)(module, module.exports)
  const point = new module.exports.Point(1, 2)
  console.log(cy.$(':selected').length === 1 && String(point) === 'Point[x=1,y=2]' ? 'drawn' : 'failed: wrong result')
} catch (error) {
  console.log(`failed: ${error.message}`)
}
