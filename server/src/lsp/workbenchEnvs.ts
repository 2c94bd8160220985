// Finds the atlas.hcl files of the workspace (multi-root, nested projects) and lists their envs for the sidebar.
// Env details come from the config engine (`listEnvs` in config/resolve.ts) when present; until then a small
// block scanner reads names, ranges and the literal url/dev/src/dir attributes. URLs are always masked.
import fs from 'node:fs';
import path from 'node:path';
import { maskUrl } from '../db/url';
import type { EnvSummary } from '../protocol';
import { URI } from './uri';

const SKIP = new Set(['node_modules', '.git', 'dist', 'out', '.atlas-wb', '.vscode-test', 'target', 'vendor']);

/** atlas.hcl / *.atlas.hcl files under the folders (breadth-first, bounded). */
export function findProjects(folders: string[], maxDepth = 6, maxFiles = 200): string[] {
  const found: string[] = [];
  let queue = folders.map((f) => ({ dir: f, depth: 0 }));
  while (queue.length && found.length < maxFiles) {
    const next: typeof queue = [];
    for (const { dir, depth } of queue) {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        if (e.isFile() && (e.name === 'atlas.hcl' || e.name.endsWith('.atlas.hcl'))) found.push(path.join(dir, e.name));
        else if (e.isDirectory() && depth < maxDepth && !SKIP.has(e.name) && !e.name.startsWith('.'))
          next.push({ dir: path.join(dir, e.name), depth: depth + 1 });
      }
    }
    queue = next;
  }
  return [...new Set(found)];
}

interface Block {
  name: string;
  start: number;
  end: number;
  body: string;
}

/** Top-level `env "name" { … }` blocks (or `env { name = atlas.env }`), skipping strings, heredocs and comments. */
export function scanEnvBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const re = /^[ \t]*env[ \t]+(?:"([^"\n]*)"[ \t]*)?\{/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const open = m.index + m[0].length - 1;
    const end = matchBrace(text, open);
    const body = text.slice(open + 1, end < 0 ? text.length : end);
    const name = m[1] ?? /\bname\s*=\s*"([^"]*)"/.exec(body)?.[1] ?? 'atlas.env';
    blocks.push({ name, start: m.index + (m[0].length - m[0].trimStart().length), end: end < 0 ? text.length : end + 1, body });
    if (end > 0) re.lastIndex = end;
  }
  return blocks;
}

function matchBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i = skipString(text, i);
      continue;
    }
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      i = text.indexOf('\n', i);
      if (i < 0) return -1;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2);
      if (i < 0) return -1;
      i++;
      continue;
    }
    if (c === '<' && text[i + 1] === '<') {
      const h = /^<<-?([A-Za-z_][A-Za-z0-9_]*)\r?\n/.exec(text.slice(i, i + 80));
      if (h) {
        const close = new RegExp(`^[ \\t]*${h[1]}[ \\t]*$`, 'm');
        const rest = text.slice(i + h[0].length);
        const cm = close.exec(rest);
        if (!cm) return -1;
        i += h[0].length + cm.index + cm[0].length - 1;
        continue;
      }
    }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

function skipString(text: string, i: number): number {
  let tmpl = 0;
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') {
      j++;
      continue;
    }
    if (c === '$' && text[j + 1] === '{') {
      tmpl++;
      j++;
      continue;
    }
    if (c === '}' && tmpl > 0) {
      tmpl--;
      continue;
    }
    if (c === '"' && tmpl === 0) return j;
    if (c === '\n' && tmpl === 0) return j;
  }
  return text.length;
}

/** Literal value or expression text of `attr = …` directly in a block body (not in nested blocks). */
export function attribute(body: string, attr: string): string | undefined {
  let depth = 0;
  for (const line of body.split('\n')) {
    const t = line.trim();
    if (depth === 0) {
      const m = new RegExp(`^${attr}\\s*=\\s*(.+)$`).exec(t);
      if (m) {
        const v = m[1].trim();
        const s = /^"((?:[^"\\]|\\.)*)"$/.exec(v);
        return s ? s[1] : v;
      }
    }
    depth += (t.match(/\{/g)?.length ?? 0) - (t.match(/\}/g)?.length ?? 0);
  }
  return undefined;
}

function nested(body: string, block: string): string | undefined {
  const m = new RegExp(`(^|\\n)\\s*${block}\\s*\\{`).exec(body);
  if (!m) return undefined;
  const open = m.index + m[0].length - 1;
  const end = matchBrace(body, open);
  return body.slice(open + 1, end < 0 ? body.length : end);
}

function position(text: string, offset: number) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** `getenv("X")` or `"${getenv("X")}…"` with X set → the value; undefined when nothing to expand. */
function expandGetenv(v: string, environ: Record<string, string | undefined>): string | undefined {
  const whole = /^getenv\("([^"]+)"\)$/.exec(v);
  if (whole) return environ[whole[1]];
  if (!v.includes('${getenv(')) return undefined;
  return v.replace(/\$\{getenv\("([^"]+)"\)\}/g, (_, n: string) => environ[n] ?? '');
}

/** Envs of one atlas.hcl from its text (pure). */
export function envsFromText(configPath: string, text: string, environ: Record<string, string | undefined> = {}): EnvSummary[] {
  return scanEnvBlocks(text).map((b) => {
    const url = attribute(b.body, 'url');
    const dev = attribute(b.body, 'dev');
    const srcRaw = attribute(b.body, 'src');
    const migration = nested(b.body, 'migration');
    const dir = migration ? attribute(migration, 'dir') : undefined;
    const format = migration ? attribute(migration, 'format') : undefined;
    const env: EnvSummary = {
      projectUri: URI.fromPath(configPath),
      name: b.name,
      range: { start: position(text, b.start), end: position(text, b.end) },
    };
    if (url !== undefined) env.url = maskUrl(expandGetenv(url, environ) ?? url);
    if (dev !== undefined) env.dev = maskUrl(expandGetenv(dev, environ) ?? dev);
    if (srcRaw !== undefined) env.src = srcRaw.startsWith('[') ? [...srcRaw.matchAll(/"([^"]*)"/g)].map((x) => x[1]) : [srcRaw];
    if (dir !== undefined) env.migrationDir = dir;
    if (format !== undefined) env.migrationFormat = format;
    const unset = url ? [...url.matchAll(/getenv\("([^"]+)"\)/g)].map((x) => x[1]).filter((n) => !environ[n]) : [];
    if (unset.length) env.unresolved = `getenv("${unset[0]}") is not set (set it in the environment or the .env file)`;
    return env;
  });
}
