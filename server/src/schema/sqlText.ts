// Small SQL text helpers shared by the planner, the ERD and the inspector.

/** Atlas always double-quotes identifiers. */
export const q = (id: string): string => `"${id.replace(/"/g, '""')}"`;

/** Single-quoted string literal. */
export const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** Upper-cases the first byte, as Atlas's DefaultFormatter does with change comments. */
export const upperFirst = (s: string): string => (s ? s[0].toUpperCase() + s.slice(1) : s);

/** Go's %q for the identifiers Atlas puts in comments (plain names need only `"` and `\` escaped). */
export const goq = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * Canonical type names in Atlas's style (sql/postgres/convert.go FormatType) from `format_type` output:
 * `timestamp without time zone` → `timestamp`, `timestamp(4) with time zone` → `timestamptz(4)`, etc.
 */
export function canonicalType(t: string): string {
  let s = t.trim();
  let array = '';
  const m = /((?:\[\])+)$/.exec(s);
  if (m) {
    array = m[1];
    s = s.slice(0, -m[1].length);
  }
  const lower = s.toLowerCase();
  const tm = /^(timestamp|time)(\(\d+\))? with(out)? time zone$/.exec(lower);
  if (tm) s = `${tm[1]}${tm[3] ? '' : 'tz'}${tm[2] ?? ''}`;
  else {
    const alias: Record<string, string> = {
      int: 'integer',
      int4: 'integer',
      int8: 'bigint',
      int2: 'smallint',
      bool: 'boolean',
      float8: 'double precision',
      float4: 'real',
      varchar: 'character varying',
      char: 'character',
      decimal: 'numeric',
    };
    s = alias[lower] ?? s;
  }
  return s + array;
}

/** Strips one pair of parentheses around a whole expression: `((a > 0))` → `(a > 0)`. */
export function stripParens(expr: string): string {
  const s = expr.trim();
  if (!s.startsWith('(') || !s.endsWith(')')) return s;
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0 && i < s.length - 1) return s;
    }
  }
  return s.slice(1, -1).trim();
}

/** The INCLUDE columns of a key's definition (`PRIMARY KEY (id) INCLUDE (c)`), unquoted. */
export function includeOf(def: string): string[] {
  const m = /\) INCLUDE \((.*?)\)(?: DEFERRABLE.*)?$/s.exec(def);
  return m ? m[1].split(', ').map((c) => (/^".*"$/.test(c) ? c.slice(1, -1).replace(/""/g, '"') : c)) : [];
}
