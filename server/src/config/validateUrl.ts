// URL checks for url/dev/src/dir attributes: unknown schemes, malformed URLs, dev pointing at a non-dev database,
// file:// paths that do not exist (relative to the atlas.hcl folder).
import fs from 'node:fs';
import path from 'node:path';
import { staticString, type Expr, type Range } from './ast';
import { didYouMean, type ConfigDiagnostic } from './diagnostic';
import { URL_SCHEMES, type UrlKind } from './schema';
import { maskUrl } from '../secrets';

export interface UrlContext {
  /** folder of atlas.hcl; file:// checks are skipped without it */
  baseDir?: string;
  /** static `url` of the same env (for the dev check) */
  envUrl?: string;
  exists?: (p: string) => boolean;
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+._-]*):\/\//;

/** The literal text a string expression starts with, and whether that is the whole value. */
function literalPrefix(e: Expr): { text: string; whole: boolean } | undefined {
  const s = staticString(e);
  if (s !== undefined) return { text: s, whole: true };
  if (e.kind === 'template' && typeof e.parts[0] === 'string') return { text: e.parts[0], whole: false };
  return undefined;
}

/** Range of the string's content (inside the quotes) on its first line. */
function contentRange(e: Expr, length: number): Range {
  const start = { line: e.range.start.line, character: e.range.start.character + 1 };
  return { start, end: { line: start.line, character: start.character + Math.max(1, length) } };
}

const URL_BUILDERS = new Set(['format', 'urlsetpath', 'urlqueryset', 'urluserinfo', 'trimspace', 'lower', 'replace']);

export function checkUrlExpr(e: Expr, kind: UrlKind, attrName: string, ctx: UrlContext, out: ConfigDiagnostic[], partial = false): void {
  if (e.kind === 'tuple') {
    for (const it of e.items) checkUrlExpr(it, kind, attrName, ctx, out, partial);
    return;
  }
  if (e.kind === 'conditional') {
    checkUrlExpr(e.then, kind, attrName, ctx, out, partial);
    checkUrlExpr(e.else, kind, attrName, ctx, out, partial);
    return;
  }
  if (e.kind === 'for') {
    checkUrlExpr(e.value, kind, attrName, ctx, out, true);
    return;
  }
  // format("postgres://%s@…", …): only the scheme of the first argument can be checked
  if (e.kind === 'call' && URL_BUILDERS.has(e.name) && e.args[0]) {
    checkUrlExpr(e.args[0], kind, attrName, ctx, out, true);
    return;
  }
  const found = literalPrefix(e);
  if (!found) return;
  const lit = partial ? { text: found.text, whole: false } : found;
  const s = lit.text;
  if (s.includes('\n')) return;
  const m = SCHEME.exec(s);
  if (!m) {
    if (!lit.whole) return;
    if (kind === 'src') {
      checkFile(e, s, ctx, out, true);
      return;
    }
    if (kind === 'db' || kind === 'dev') {
      const broken = /^([A-Za-z][A-Za-z0-9+]*):\/?(?!\/)/.exec(s) ?? /^([A-Za-z][A-Za-z0-9+]*)\/\//.exec(s);
      const hint = broken ? ` (did you mean "${broken[1]}://…"?)` : '';
      out.push({
        range: contentRange(e, s.length),
        severity: 'error',
        code: 'malformed-url',
        message: `Malformed URL "${maskUrl(s)}" for ${attrName}: expected <scheme>://…${hint}.`,
      });
    } else if (kind === 'dir') {
      out.push({
        range: contentRange(e, s.length),
        severity: 'warning',
        code: 'malformed-url',
        message: `${attrName} should be a URL, e.g. "file://${s}".`,
        fix: { title: `Change to "file://${s}"`, range: contentRange(e, s.length), newText: `file://${s}` },
      });
    }
    return;
  }
  const scheme = m[1];
  const schemeRange = contentRange(e, scheme.length);
  if (!URL_SCHEMES.includes(scheme.toLowerCase())) {
    out.push(didYouMean(`Unknown URL scheme "${scheme}://" in ${attrName}.`, schemeRange, scheme, URL_SCHEMES, 'unknown-scheme'));
    return;
  }
  const lower = scheme.toLowerCase();
  if (kind === 'dev' && ['file', 'mem', 'http', 'https', 'ent', 'atlas'].includes(lower)) {
    out.push({
      range: schemeRange,
      severity: 'error',
      code: 'dev-not-database',
      message: `dev must point at an empty dev database (e.g. "docker://postgres/16/dev"), not a ${scheme}:// source.`,
    });
    return;
  }
  if (kind === 'dev' && lit.whole && ctx.envUrl && ctx.envUrl === s && lower !== 'env') {
    out.push({
      range: contentRange(e, s.length),
      severity: 'warning',
      code: 'dev-not-database',
      message: 'dev points at the same database as url: the dev database must be a separate, empty database that Atlas may wipe.',
    });
    return;
  }
  if (!lit.whole) return;
  if (['postgres', 'postgresql', 'mysql', 'maria', 'mariadb', 'sqlserver', 'clickhouse', 'redshift'].includes(lower)) {
    const reason = malformed(s);
    if (reason)
      out.push({
        range: contentRange(e, s.length),
        severity: 'error',
        code: 'malformed-url',
        message: `Malformed URL "${maskUrl(s)}" for ${attrName}: ${reason}.`,
      });
  }
  if (lower === 'file') checkFile(e, s.slice('file://'.length), ctx, out, false);
}

function malformed(s: string): string | undefined {
  try {
    const u = new URL(s.replace(/^[^:]+:/, 'http:'));
    if (!u.hostname && !/^[^:]+:\/\/\//.test(s) && !/^[^:]+:\/\/[^/]*@?\/?$/.test(s)) return 'missing host';
    return undefined;
  } catch {
    const port = /@?[^/@:]+:([^/?]*)/.exec(s.replace(/^[^:]+:\/\//, '').replace(/^[^@]*@/, ''));
    if (port && !/^\d*$/.test(port[1])) return `invalid port "${port[1]}"`;
    return 'it cannot be parsed (escape special characters in passwords with urlescape())';
  }
}

function checkFile(e: Expr, raw: string, ctx: UrlContext, out: ConfigDiagnostic[], plainPath: boolean): void {
  if (!ctx.baseDir) return;
  const p = raw.split('?')[0];
  if (!p || /[*?[{]/.test(p)) return;
  const abs = path.isAbsolute(p) ? p : path.resolve(ctx.baseDir, p);
  const exists = ctx.exists ?? fs.existsSync;
  if (exists(abs)) return;
  const shown = plainPath ? p : `file://${p}`;
  out.push({
    range: contentRange(e, (plainPath ? 0 : 7) + raw.length),
    severity: 'warning',
    code: 'file-not-found',
    message: `${shown} does not exist (paths are relative to the atlas.hcl folder).`,
  });
}
