// Mantine's theme, darkened where its defaults miss WCAG 2.2 AA: text at 4.5:1 (links, buttons, light
// badges and alerts, dimmed and error text) and borders of inputs at 3:1 against white.
import { createTheme, DEFAULT_THEME, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core'

const deeper = (colors: MantineColorsTuple, shade8: string, shade9: string): MantineColorsTuple =>
  [...colors.slice(0, 8), shade8, shade9] as unknown as MantineColorsTuple

export const theme = createTheme({
  primaryShade: { light: 8, dark: 8 },
  colors: {
    green: deeper(DEFAULT_THEME.colors.green, '#237a38', '#1e6b30'),
    yellow: deeper(DEFAULT_THEME.colors.yellow, '#9a5800', '#8a4b00'),
  },
})

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-8)',
    '--mantine-color-default-border': 'var(--mantine-color-gray-6)',
  },
  dark: {},
})
