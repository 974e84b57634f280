import { defineConfig } from 'vitest/config'
import { svelte } from '@sveltejs/vite-plugin-svelte'

export default defineConfig({
  plugins: [svelte()],
  // Svelte 5's mount() needs the browser build in jsdom.
  resolve: { conditions: ['browser'] },
  // No pre-bundling of Svelte for the test environment: the bundler (rolldown) panicked
  // while pre-bundling on a clean CI clone (stop 31), and Node loads Svelte's modules as they are.
  environments: { __vitest__: { optimizeDeps: { exclude: ['svelte'], noDiscovery: true } } },
  test: { environment: 'jsdom', include: ['tests/unit/**/*.test.ts'] },
})
