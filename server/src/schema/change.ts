// A planned change: one SQL statement with Atlas's comment, the phase it runs in and what it depends on.

export enum Phase {
  /** CREATE SCHEMA, CREATE/ALTER EXTENSION */
  Top = 0,
  /** drops that must happen before anything else changes: triggers, policies, views being replaced, detaches */
  PreDrop = 1,
  /** types and sequences */
  Types = 2,
  /** functions not validated against tables (plpgsql, C, ...) */
  EarlyFunctions = 3,
  /** table creates and modifications, ordered by their dependencies */
  Tables = 4,
  /** foreign keys added after all tables exist, sequence ownership, partition attaches */
  Links = 5,
  /** SQL-language functions, views and materialized views (in dependency order) */
  Views = 6,
  /** triggers, policies, comments on objects created above */
  Attach = 7,
  /** drops of tables, sequences, functions, types, extensions, schemas (reverse dependency order) */
  Drop = 8,
}

export interface Change {
  phase: Phase;
  /** statement without the trailing `;` */
  cmd: string;
  /** Atlas's change comment, rendered with the first letter upper-cased */
  comment?: string;
  /** drops data or objects */
  destructive?: boolean;
  /** ordering key of the object this change creates or modifies (qualified name) */
  key?: string;
  /** keys of changes in the same phase that must run first */
  after?: string[];
}

/** Orders changes: by phase, then (inside a phase) topologically by `after`, keeping input order otherwise. */
export function orderChanges(changes: Change[]): Change[] {
  const out: Change[] = [];
  for (let phase = Phase.Top; phase <= Phase.Drop; phase++) {
    const items = changes.filter((c) => c.phase === phase);
    const keys = new Set(items.map((c) => c.key).filter(Boolean));
    const done = new Set<Change>();
    const emitted = new Set<string>();
    const pending = (key: string) => items.some((c) => c.key === key && !done.has(c));
    while (done.size < items.length) {
      let progressed = false;
      for (const c of items) {
        if (done.has(c)) continue;
        const blocked = (c.after ?? []).some((k) => k !== c.key && keys.has(k) && pending(k));
        if (blocked) continue;
        done.add(c); out.push(c); progressed = true;
        if (c.key) emitted.add(c.key);
        break;
      }
      if (!progressed) {
        // A cycle: emit the first remaining change and carry on.
        const c = items.find((x) => !done.has(x))!;
        done.add(c); out.push(c);
      }
    }
  }
  return out;
}
