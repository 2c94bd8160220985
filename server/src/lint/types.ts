// Column type naming for lint texts: the name PostgreSQL's catalog reports (format_type), which is what
// Atlas shows after inspecting the dev database (e.g. int → "integer", varchar(20) → "character varying(20)").
import type { Node, TypeName } from 'libpg-query';
import { nodeAs, strings } from '../sql/parser';

const catalogNames: Record<string, string> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  bool: 'boolean',
  float4: 'real',
  float8: 'double precision',
  varchar: 'character varying',
  bpchar: 'character',
  timestamptz: 'timestamp with time zone',
  timestamp: 'timestamp without time zone',
  timetz: 'time with time zone',
  time: 'time without time zone',
  varbit: 'bit varying',
  serial: 'integer',
  serial4: 'integer',
  bigserial: 'bigint',
  serial8: 'bigint',
  smallserial: 'smallint',
  serial2: 'smallint',
  int: 'integer',
  integer: 'integer',
  decimal: 'numeric',
};

const serials = new Set(['serial', 'serial4', 'bigserial', 'serial8', 'smallserial', 'serial2']);

export interface ColumnType {
  /** base name without modifiers as the catalog knows it (e.g. "character varying") */
  base: string;
  /** type modifiers (e.g. [255] for varchar(255)); empty when none */
  mods: number[];
  array: boolean;
  /** display name, e.g. "character varying(255)", "integer[]" */
  display: string;
  serial: boolean;
}

export function columnType(t: TypeName | undefined): ColumnType {
  const names = strings(t?.names);
  const raw = names[names.length - 1] ?? 'unknown';
  const base = catalogNames[raw] ?? raw;
  const mods = (t?.typmods ?? []).map(typmodValue).filter((n): n is number => n !== undefined);
  const array = (t?.arrayBounds?.length ?? 0) > 0;
  let display = base;
  if (base === 'numeric' && mods.length === 1) mods.push(0); // numeric(p) is numeric(p,0)
  if (mods.length && /^(timestamp|time)\b/.test(base)) display = base.replace(/^(timestamp|time)\b/, `$1(${mods.join(',')})`);
  else if (mods.length) display = `${base}(${mods.join(',')})`;
  if (array) display += '[]';
  return { base, mods, array, display, serial: serials.has(raw) };
}

function typmodValue(n: Node): number | undefined {
  const c = nodeAs(n, 'A_Const');
  if (c?.ival) return c.ival.ival ?? 0;
  return undefined;
}

/**
 * True when changing a column from `from` to `to` needs no table rewrite (binary-coercible or a relaxed
 * length limit), following PostgreSQL's ALTER COLUMN TYPE rules.
 */
export function isRewriteFree(from: ColumnType, to: ColumnType): boolean {
  if (from.array !== to.array) return false;
  const textual = new Set(['character varying', 'text']);
  if (from.base === to.base) {
    if (to.mods.length === 0) return true; // dropping the limit: varchar(n) → varchar, numeric(p,s) → numeric
    if (from.mods.length === 0) return false; // adding a limit needs a scan at least
    if (from.base === 'character varying' || from.base === 'bit varying') return to.mods[0] >= from.mods[0];
    if (from.base === 'numeric') return to.mods[0] >= from.mods[0] && (to.mods[1] ?? 0) === (from.mods[1] ?? 0);
    if (/^(timestamp|time)/.test(from.base)) return true; // precision change on timestamps is free since PG 12
    return to.mods.every((m, i) => m === from.mods[i]);
  }
  if (textual.has(from.base) && textual.has(to.base)) {
    // varchar(n) → text, varchar → text, text → varchar (no limit) are binary-coercible
    return to.base === 'text' || to.mods.length === 0;
  }
  if (from.base === 'character' && to.base === 'text') return false; // bpchar → text strips padding: rewrite
  if (from.base === 'cidr' && to.base === 'inet') return true;
  if (from.base === 'xml' && to.base === 'text') return true;
  return false;
}
