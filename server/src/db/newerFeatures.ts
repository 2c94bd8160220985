// What PostgreSQL 16–18 accept and an older target refuses, seen on the embedded dev database (PostgreSQL 18) when
// its dev URL names the older major (`docker://postgres/15/dev`): the statement fails on the dev database before it
// runs, as it would on the target, instead of replaying fine and failing later in production.
//  - built-in functions added in 16–18 (uuidv7(), any_value(), …) called outside function bodies, unless the folder
//    defines a function of that name itself;
//  - virtual generated columns (PostgreSQL 18's default for `GENERATED ALWAYS AS (…)` without STORED), and DDL
//    syntax added in 16–18 (IS JSON, SET EXPRESSION AS, NOT ENFORCED, WITHOUT OVERLAPS).
import type { Queryable } from './types';

/** Built-in functions by the major that added them (the ones seen in DDL: defaults, checks, generated columns). */
export const NEWER_FUNCTIONS: Record<string, number> = {
  any_value: 16,
  random_normal: 16,
  date_add: 16,
  date_subtract: 16,
  uuidv7: 18,
  uuidv4: 18,
  casefold: 18,
  array_sort: 18,
  array_reverse: 18,
};

/** The statement without comments, string literals and dollar-quoted bodies (not checked when created). */
export function codeOnly(sql: string): string {
  return sql
    .replace(/\$([A-Za-z_]\w*)?\$[\s\S]*?\$\1\$/g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ');
}

/** Error text of PostgreSQL for a call to a function it does not have. */
export class OlderTargetError extends Error {}

/** Before a statement: a call to a function the target major lacks (and the folder did not define) fails. */
export async function checkNewerFunctions(db: Queryable, sql: string, targetMajor: number): Promise<void> {
  const code = codeOnly(sql);
  for (const [name, since] of Object.entries(NEWER_FUNCTIONS)) {
    const call = new RegExp(`(?<![\\w.$"])(?<!(?:FUNCTION|ROUTINE|PROCEDURE|AGGREGATE)\\s+)"?${name}"?\\s*\\(`, 'i');
    if (targetMajor >= since || !call.test(code)) continue;
    const own = await db.query(`SELECT 1 FROM pg_catalog.pg_proc WHERE proname = $1 AND pronamespace <> 'pg_catalog'::regnamespace`, [name]);
    if (own.rows.length) continue;
    throw new OlderTargetError(
      `function ${name}() does not exist on PostgreSQL ${targetMajor} (added in PostgreSQL ${since}; the embedded dev database is PostgreSQL 18)`,
    );
  }
}

/** DDL syntax by the major that added it. */
export const NEWER_SYNTAX: Array<{ re: RegExp; text: string; since: number }> = [
  { re: /\bIS\s+(?:NOT\s+)?JSON\b/i, text: 'IS JSON', since: 16 },
  { re: /\bSET\s+EXPRESSION\s+AS\b/i, text: 'ALTER COLUMN … SET EXPRESSION AS', since: 17 },
  { re: /\bNOT\s+ENFORCED\b/i, text: 'NOT ENFORCED constraints', since: 18 },
  { re: /\bWITHOUT\s+OVERLAPS\b/i, text: 'WITHOUT OVERLAPS', since: 18 },
];

/**
 * Before a statement: syntax the target major lacks fails, and `GENERATED ALWAYS AS (…)` not followed by STORED
 * (virtual, PostgreSQL 18) fails before 18.
 */
export function checkNewerSyntax(sql: string, targetMajor: number): void {
  if (targetMajor >= 18) return;
  const code = codeOnly(sql);
  for (const s of NEWER_SYNTAX) {
    if (targetMajor < s.since && s.re.test(code)) {
      throw new OlderTargetError(`${s.text} needs PostgreSQL ${s.since}; the target is PostgreSQL ${targetMajor} (the embedded dev database is PostgreSQL 18)`);
    }
  }
  for (const m of code.matchAll(/\bGENERATED\s+ALWAYS\s+AS\s*\(/gi)) {
    let depth = 0;
    let i = m.index! + m[0].length - 1;
    for (; i < code.length; i++) {
      if (code[i] === '(') depth++;
      else if (code[i] === ')' && --depth === 0) break;
    }
    if (/^\s*STORED\b/i.test(code.slice(i + 1))) continue;
    throw new OlderTargetError(
      `virtual generated columns need PostgreSQL 18; PostgreSQL ${targetMajor} requires GENERATED ALWAYS AS (…) STORED (the embedded dev database is PostgreSQL 18)`,
    );
  }
}
