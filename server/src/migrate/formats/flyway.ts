// Flyway folders as Atlas's `sqltool.FlywayDir` reads them: `V`/`B`/`R` files (never `U` undo files) found
// recursively in non-hidden sub-folders, the latest baseline first, then versioned files by numeric version, then
// repeatable files. Names are paths relative to the folder ("/" separated); they are what atlas.sum hashes.
import fs from 'node:fs';
import nodePath from 'node:path';

/** Base name of a relative path. */
const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

/** `flywayVersion`: what follows the prefix letter up to `__`; "" for repeatable (`R`) files. */
export function flywayVersion(p: string): string {
  const b = base(p);
  if (b[0] === 'R') return '';
  const stem = b.endsWith('.sql') ? b.slice(0, -4) : b;
  const i = stem.indexOf('__');
  return (i < 0 ? stem : stem.slice(0, i)).slice(1);
}

/** `flywayDesc`: after the first `__` of the (relative) path, minus `.sql`; "" without `__`. */
export function flywayDesc(p: string): string {
  const i = p.indexOf('__');
  if (i < 0) return '';
  const rest = p.slice(i + 2);
  return rest.endsWith('.sql') ? rest.slice(0, -4) : rest;
}

/** Go's strconv.Atoi as Atlas uses it (errors ignored: 0 for non-numeric, clamped on overflow). */
function atoi(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) return 0;
  const n = Number(s);
  return Math.max(Math.min(n, Number.MAX_SAFE_INTEGER), -Number.MAX_SAFE_INTEGER);
}

/** `flywayVersionCompare`: versions as dot (or underscore) separated numbers, compared part by part. */
export function flywayVersionCompare(a: string, b: string): number {
  const pa = a.replaceAll('_', '.').split('.').map(atoi);
  const pb = b.replaceAll('_', '.').split('.').map(atoi);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
  return pa.length - pb.length;
}

/** Go string comparison (byte-wise for the ASCII names involved). */
const less = (a: string, b: string): boolean => Buffer.compare(Buffer.from(a), Buffer.from(b)) < 0;

/**
 * Selects and orders the migration files among the relative paths given in walk order (lexical, depth first),
 * keeping Atlas's comparisons as they are (they compare version strings, not numbers).
 */
export function orderFlywayFiles(walked: string[]): string[] {
  let baseline = '';
  let versioned: string[] = [];
  const repeatable: string[] = [];
  for (const p of walked) {
    const b = base(p);
    if (!b.endsWith('.sql') || b.length < 4 || !'VBR'.includes(b[0])) continue;
    if (b[0] === 'B') {
      if (baseline !== '' && less(flywayVersion(p), flywayVersion(baseline))) continue;
      baseline = p;
      const bv = flywayVersion(baseline);
      versioned = versioned.filter((v) => less(bv, v));
    } else if (b[0] === 'V') {
      if (baseline === '' || less(flywayVersion(baseline), flywayVersion(p))) versioned.push(p);
    } else repeatable.push(p);
  }
  const byVersion = (x: string, y: string) => flywayVersionCompare(flywayVersion(x), flywayVersion(y));
  return [...(baseline ? [baseline] : []), ...versioned.sort(byVersion), ...repeatable.sort(byVersion)];
}

/** Relative paths of every file under root in `fs.WalkDir` order, hidden sub-folders skipped. */
export function walkFlyway(root: string, rel = ''): string[] {
  const out: string[] = [];
  const entries = fs.readdirSync(nodePath.join(root, rel), { withFileTypes: true }).sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  for (const e of entries) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (!e.name.startsWith('.')) out.push(...walkFlyway(root, p));
    } else out.push(p);
  }
  return out;
}

/** The migration files of a Flyway folder, in Atlas's order. */
export function flywayFiles(root: string): string[] {
  return orderFlywayFiles(walkFlyway(root));
}

/**
 * `SetRepeatableVersion` (import only): from the first file without a version on, every file is renamed
 * `V<v>R__<desc>` where v is the version of the file before it ("0" when it is the first).
 */
export function repeatableNames(names: string[]): string[] {
  const idx = names.findIndex((n) => flywayVersion(n) === '');
  if (idx < 0) return names;
  const v = idx === 0 ? '0' : flywayVersion(names[idx - 1]);
  if (v === '') return names;
  return names.map((n, i) => (i < idx ? n : `V${v}R__${flywayDesc(n)}`));
}
