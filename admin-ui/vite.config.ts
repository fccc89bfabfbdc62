import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const GQL_DIR = path.resolve(__dirname, 'src/gql');

const VIRTUAL = '\0vdi-graphql-document:';

/**
 * The generated `graphql()` looks a document up in a map of every operation in the app, so any page
 * calling it pulls all of them in (and the shell pulled them into the first load). This swaps each
 * `graphql(`…`)` call for an import of that one document, served as its own tiny module (its AST
 * from `src/gql/graphql.ts`), so a chunk carries only the documents its code sends.
 */
function graphqlDocumentImports(): Plugin {
  const byText = new Map<string, string>();
  const asts = new Map<string, string>();
  const load = () => {
    const map = fs.readFileSync(path.join(GQL_DIR, 'gql.ts'), 'utf8');
    const block = map.slice(map.indexOf('const documents'));
    for (const m of block.matchAll(/^\s+("(?:[^"\\]|\\.)*"): types\.(\w+),$/gm)) byText.set(JSON.parse(m[1] ?? '""') as string, m[2] ?? '');
    const docs = fs.readFileSync(path.join(GQL_DIR, 'graphql.ts'), 'utf8');
    for (const m of docs.matchAll(/^export const (\w+) = (\{.*\}) as unknown as DocumentNode<.*$/gm)) asts.set(m[1] ?? '', m[2] ?? '');
  };
  return {
    name: 'vdi:graphql-document-imports',
    enforce: 'pre',
    buildStart: () => {
      byText.clear();
      asts.clear();
      load();
    },
    resolveId: (id) => (id.startsWith(VIRTUAL) ? id : null),
    load: (id) => (id.startsWith(VIRTUAL) ? `export default ${asts.get(id.slice(VIRTUAL.length))};` : null),
    transform(code, id) {
      if (!/\.tsx?$/.test(id) || id.startsWith(GQL_DIR) || !code.includes('graphql(')) return null;
      if (byText.size === 0) load();
      const imports = new Set<string>();
      const out = code.replace(/\bgraphql\(\s*`([^`]*)`\s*,?\s*\)/g, (_call, text: string) => {
        const name = byText.get(text);
        if (!name || !asts.has(name)) throw new Error(`${id}: a graphql() document is not in src/gql (run \`npm run codegen\`)`);
        imports.add(name);
        return `__gqlDocument_${name}`;
      });
      if (imports.size === 0) return null;
      const head = [...imports].map((name) => `import __gqlDocument_${name} from ${JSON.stringify(VIRTUAL + name)};`);
      return { code: `${head.join('\n')}\n${out}`, map: null };
    },
  };
}

/** The admin SPA; the control plane serves `dist/` at `/`. noVNC needs ES2022 (top-level await). */
export default defineConfig({
  root: __dirname,
  esbuild: { jsx: 'automatic' },
  plugins: [graphqlDocumentImports()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // Mantine marks its modules 'use client' for React Server Components; a client-only SPA has nothing to preserve.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: { proxy: { '/graphql': { target: 'http://127.0.0.1:4000', ws: true }, '/desktop': { target: 'ws://127.0.0.1:4000', ws: true } } },
});
