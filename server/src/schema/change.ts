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
  /** ordering id (model.ts refId) of the object this change creates anew */
  creates?: string;
  /** ids of objects that must exist before this change runs (pg_depend of the desired state) */
  needs?: string[];
  /** id of the object this change drops */
  drops?: string;
  /** ids of objects that depend on the dropped one (pg_depend of the current state): their drops go first */
  dependents?: string[];
}

/**
 * Orders changes: by phase, then (inside a phase) topologically by `after`, keeping input order otherwise;
 * changes sharing a key keep their relative order.
 */
export function orderChanges(changes: Change[]): Change[] {
  const out: Change[] = [];
  for (let phase = Phase.Top; phase <= Phase.Drop; phase++) {
    const items = changes.filter((c) => c.phase === phase);
    const remaining = new Map<string, number>();
    const queue = new Map<string, Change[]>();
    for (const c of items) {
      if (c.key === undefined) continue;
      remaining.set(c.key, (remaining.get(c.key) ?? 0) + 1);
      queue.set(c.key, [...(queue.get(c.key) ?? []), c]);
    }
    const done = new Set<Change>();
    const emit = (c: Change) => {
      done.add(c);
      out.push(c);
      if (c.key !== undefined) {
        remaining.set(c.key, remaining.get(c.key)! - 1);
        queue.get(c.key)!.shift();
      }
    };
    while (done.size < items.length) {
      let progressed = false;
      for (const c of items) {
        if (done.has(c)) continue;
        if (c.key !== undefined && queue.get(c.key)![0] !== c) continue;
        if ((c.after ?? []).some((k) => k !== c.key && (remaining.get(k) ?? 0) > 0)) continue;
        emit(c);
        progressed = true;
      }
      // A cycle: emit the first remaining change and carry on.
      if (!progressed) emit(items.find((x) => !done.has(x) && (x.key === undefined || queue.get(x.key)![0] === x))!);
    }
  }
  return out;
}

/**
 * Moves changes earlier where a real dependency asks for it, and only there: walking the phase order, a change
 * whose `needs` are created by a later change has that change (and, recursively, what it needs) pulled in
 * front of it; a drop has the drops of its `dependents` pulled in front of it. Everything else keeps the
 * phase order (Atlas's order is the tie-break). A dependency cycle is broken where it closes.
 */
export function dependencyOrder(changes: Change[]): Change[] {
  const creator = new Map<string, Change>();
  const dropper = new Map<string, Change>();
  for (const c of changes) {
    if (c.creates !== undefined && !creator.has(c.creates)) creator.set(c.creates, c);
    if (c.drops !== undefined && !dropper.has(c.drops)) dropper.set(c.drops, c);
  }
  if (!creator.size && !dropper.size) return changes;
  const out: Change[] = [];
  const seen = new Set<Change>();
  const visit = (c: Change) => {
    if (seen.has(c)) return;
    seen.add(c);
    for (const id of c.needs ?? []) {
      const p = creator.get(id);
      if (p) visit(p);
    }
    for (const id of c.dependents ?? []) {
      const p = dropper.get(id);
      if (p) visit(p);
    }
    out.push(c);
  };
  for (const c of changes) visit(c);
  return out;
}
