// PostgreSQL 18 catalogues every NOT NULL as a named constraint (contype 'n', named `<table>_<column>_not_null`
// unless named by the user); PostgreSQL 15–17 give NOT NULL no name at all. A migration written against an older
// server may therefore name its own constraint `users_last_seen_at_not_null` after `SET NOT NULL` (PG18:
// `constraint … already exists`), or refer by name to a constraint that an older server does not have.
// On a PostgreSQL 18 dev database standing in for an older target, each statement that names a constraint is
// preceded by moving any NOT NULL constraint of that name out of the way (renamed to `<name>_nn<k>`, a name the
// target never sees: inspect skips contype 'n'), so the statement sees what PostgreSQL 15–17 would see.
import type { Queryable } from './types';

const NAMED = /\bCONSTRAINT\s+(?:IF\s+EXISTS\s+)?("(?:[^"]|"")+"|[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*)/gi;

/** Constraint names a statement mentions after the keyword CONSTRAINT (unquoted names folded to lower case). */
export function constraintNamesIn(sql: string): string[] {
  const out = new Set<string>();
  for (const m of sql.matchAll(NAMED)) {
    const raw = m[1];
    out.add(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw.toLowerCase());
  }
  return [...out];
}

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Renames the NOT NULL constraints (contype 'n', defined on the table itself) whose names the statement mentions.
 * Best effort: a failing lookup (e.g. inside an aborted transaction) leaves the statement to report its own error.
 */
export async function moveNotNullNamesAside(db: Queryable, sql: string): Promise<number> {
  const names = constraintNamesIn(sql);
  if (!names.length) return 0;
  let rows: Array<{ rel: string; name: string; taken: string[] }>;
  try {
    rows = (
      await db.query<{ rel: string; name: string; taken: string[] }>(
        `SELECT c.conrelid::regclass::text AS rel, c.conname AS name,
              ARRAY(SELECT o.conname FROM pg_catalog.pg_constraint o WHERE o.conrelid = c.conrelid) AS taken
         FROM pg_catalog.pg_constraint c
        WHERE c.contype = 'n' AND c.conislocal AND c.coninhcount = 0 AND c.conname = ANY($1::text[])`,
        [names],
      )
    ).rows;
  } catch {
    return 0;
  }
  let moved = 0;
  for (const r of rows) {
    const taken = new Set(r.taken);
    let k = 1;
    let to: string;
    do {
      const suffix = `_nn${k++}`;
      to = r.name.slice(0, 63 - suffix.length) + suffix;
    } while (taken.has(to));
    try {
      await db.exec(`ALTER TABLE ${r.rel} RENAME CONSTRAINT ${q(r.name)} TO ${q(to)}`);
      moved++;
    } catch {
      /* leave it: the statement reports what PostgreSQL says */
    }
  }
  return moved;
}
