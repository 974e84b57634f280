/// <reference types="node" />
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

// The window runs with Object.prototype frozen (tauri.conf.json `freezePrototype`);
// Cytoscape and fcose's layout-base work under it only as build/frozenPrototype.mjs
// rewrites them. The check runs in a process of its own: freezing the prototype here
// would freeze the test runner's.
const check = path.join(__dirname, 'frozen_prototype_check.mjs')
const run = (mode: string) => spawnSync(process.execPath, [check, mode], { encoding: 'utf8' }).stdout.trim()

describe('a frozen Object.prototype', () => {
  it('lets the rewritten Cytoscape and layout-base draw and lay out a graph', () => {
    expect(run('rewritten')).toBe('drawn')
  })

  it('stops them as published (so the rewrite is what makes the difference)', () => {
    expect(run('published')).toMatch(/^failed: Cannot assign to read only property 'toString'/)
  })
})
