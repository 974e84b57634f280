import { describe, expect, test } from 'vitest'
import { parseThemeChoice, themeFor } from '../../src/lib/theme'

describe('the window theme', () => {
  test('a choice follows the desktop only when it is the desktop’s', () => {
    expect(themeFor('system', true)).toBe('dark')
    expect(themeFor('system', false)).toBe('light')
    expect(themeFor('light', true)).toBe('light')
    expect(themeFor('dark', false)).toBe('dark')
  })

  test('anything but a known choice is the desktop’s', () => {
    expect(parseThemeChoice('dark')).toBe('dark')
    expect(parseThemeChoice('light')).toBe('light')
    expect(parseThemeChoice(undefined)).toBe('system')
    expect(parseThemeChoice('<b>dark</b>')).toBe('system')
  })
})
