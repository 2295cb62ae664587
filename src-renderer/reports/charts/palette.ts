/** Chart colours, read from the app's CSS variables (styles/app.css) so charts match the theme. */
export interface Palette {
  text: string;
  muted: string;
  line: string;
  panel: string;
  accent: string;
  red: string;
  amber: string;
  green: string;
  /** One colour per reach tier, everyday first. */
  tiers: [string, string, string, string, string];
}

const LIGHT: Palette = {
  text: '#1c2230',
  muted: '#667085',
  line: '#e3e6eb',
  panel: '#ffffff',
  accent: '#2f6fec',
  red: '#c0262d',
  amber: '#b45309',
  green: '#18794e',
  tiers: ['#d9480f', '#e8890c', '#7c8a9e', '#3b82c4', '#2f5fb3'],
};
const DARK_TIERS: Palette['tiers'] = ['#ff8a4c', '#f5b041', '#9aa3af', '#6aa8e8', '#8aa8ff'];

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  return style.getPropertyValue(name).trim() || fallback;
}

/** The palette in force; `print` forces the light one (paper is white). */
export function readPalette(print: boolean): Palette {
  const dark = !print && typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches;
  if (!dark) return LIGHT;
  const s = getComputedStyle(document.documentElement);
  return {
    text: cssVar(s, '--text', '#e6e8eb'),
    muted: cssVar(s, '--muted', '#9aa3af'),
    line: cssVar(s, '--line', '#2a3039'),
    panel: cssVar(s, '--panel', '#161a20'),
    accent: cssVar(s, '--accent', '#5b8cff'),
    red: cssVar(s, '--red', '#ff7b7b'),
    amber: cssVar(s, '--amber', '#f0b45a'),
    green: cssVar(s, '--green', '#4cc38a'),
    tiers: DARK_TIERS,
  };
}
