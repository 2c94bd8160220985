// Locates PGlite's run-time assets (extension tarballs) both when running from sources (node_modules)
// and from the esbuild bundles in dist/ (scripts/build.mjs copies them beside the bundles), and defines
// the extensions the dev database offers. The packages' own extension objects resolve their tarballs
// relative to their module file, which breaks once bundled; ours point at the located files.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Extension } from '@electric-sql/pglite';

/** SQL names of the extensions the embedded dev database can create. */
export const DEV_EXTENSIONS = ['vector', 'pg_trgm', 'uuid-ossp', 'btree_gin', 'pgcrypto', 'citext', 'hstore'] as const;

function candidates(file: string): string[] {
  const here = __dirname;
  return [
    path.join(here, file),
    path.join(here, 'pglite-ext', file),
    path.resolve(here, '../../../node_modules/@electric-sql/pglite/dist', file),
    path.resolve(here, '../../../node_modules/@electric-sql/pglite-pgvector/dist', file),
  ];
}

export function assetPath(file: string): string {
  for (const c of candidates(file)) if (fs.existsSync(c)) return c;
  throw new Error(`PGlite asset ${file} not found (looked in ${candidates(file).join(', ')})`);
}

/** The extensions object for PGlite.create: JS name → Extension, tarballs located on disk. */
export function devExtensions(): Record<string, Extension> {
  const out: Record<string, Extension> = {};
  for (const sqlName of DEV_EXTENSIONS) {
    const bundle = pathToFileURL(assetPath(`${sqlName}.tar.gz`));
    out[sqlName.replace(/-/g, '_')] = {
      name: sqlName,
      setup: async (_pg, emscriptenOpts) => ({ emscriptenOpts, bundlePath: bundle }),
    };
  }
  return out;
}
