/**
 * ESLint rule `earshot/renderer-layers`: the renderer's folders form layers, and a lower layer never
 * imports a higher one (type-only imports count too: they tie the files together all the same).
 *
 *   lib  <  db  <  state  <  features (every other folder: inbox, sla, reports, bridge, …)  <  app
 *
 * Files directly in src-renderer/ (main.tsx) sit above app. Features may import each other.
 */
import { dirname, relative, resolve, sep } from 'node:path';

const RANK = { lib: 0, db: 1, state: 2, app: 4 };
const FEATURE = 3;
const TOP = 5;

/** The layer of a path relative to src-renderer/ ("db/apply.ts" → 1). */
export function layerOf(rel) {
  const parts = rel.split('/');
  if (parts.length < 2) return TOP;
  return RANK[parts[0]] ?? FEATURE;
}

const NAMES = ['lib', 'db', 'state', 'features', 'app', 'the entry point'];

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Renderer layers: lib < db < state < features < app; a lower layer never imports a higher one.' },
    schema: [],
    messages: {
      upward: '{{from}} ({{fromLayer}}) imports {{to}} ({{toLayer}}): a lower layer never imports a higher one (lib < db < state < features < app). Move the shared part down.',
    },
  },
  create(context) {
    const file = context.filename;
    const root = file.slice(0, file.lastIndexOf(`${sep}src-renderer${sep}`) + `${sep}src-renderer`.length);
    if (!file.includes(`${sep}src-renderer${sep}`)) return {};
    const from = relative(root, file).split(sep).join('/');
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = resolve(dirname(file), source.value);
      const to = relative(root, target).split(sep).join('/').replace(/\.(tsx?|jsx?)$/, '');
      if (to.startsWith('..')) return;
      // "../bridge" is the folder's index: it belongs to that folder's layer.
      const toLayer = layerOf(to.includes('/') ? to : `${to}/index`);
      if (toLayer <= layerOf(from)) return;
      context.report({ node, messageId: 'upward', data: { from, to, fromLayer: NAMES[layerOf(from)], toLayer: NAMES[toLayer] } });
    };
    return {
      ImportDeclaration: (n) => check(n, n.source),
      ExportNamedDeclaration: (n) => check(n, n.source),
      ExportAllDeclaration: (n) => check(n, n.source),
      ImportExpression: (n) => check(n, n.source.type === 'Literal' ? n.source : undefined),
    };
  },
};

export default { rules: { 'renderer-layers': rule } };
