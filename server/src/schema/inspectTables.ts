// Turns catalog rows about tables (columns, constraints, indexes, triggers, policies) into model objects.
import type { Column, FkAction, Index, Policy, Sequence, Table } from './model';
import { canonicalType, includeOf } from './sqlText';

type Row = Record<string, unknown>;
const s = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const opt = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

const fkActions: Record<string, FkAction> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };
const matchTypes: Record<string, 'SIMPLE' | 'FULL' | 'PARTIAL'> = { s: 'SIMPLE', f: 'FULL', p: 'PARTIAL' };
const policyCmds: Record<string, Policy['command']> = { '*': 'ALL', r: 'SELECT', a: 'INSERT', w: 'UPDATE', d: 'DELETE' };
const serialTypes: Record<string, Column['serial']> = { integer: 'serial', bigint: 'bigserial', smallint: 'smallserial' };

/** Sequences by the column that owns them (`schema`, `table`, `column`): one lookup per column, not a scan of all. */
export type SequencesByOwner = Map<string, Sequence[]>;

const ownerKey = (schema: string, table: string, column: string) => JSON.stringify([schema, table, column]);

export function sequencesByOwner(sequences: Sequence[]): SequencesByOwner {
  const out: SequencesByOwner = new Map();
  for (const q of sequences) {
    if (!q.ownedBy) continue;
    const k = ownerKey(q.schema, q.ownedBy.table, q.ownedBy.column);
    const list = out.get(k);
    if (list) list.push(q);
    else out.set(k, [q]);
  }
  return out;
}

export function columnFrom(r: Row, table: Table, sequences: SequencesByOwner): Column {
  const c: Column = { name: s(r.name), type: canonicalType(s(r.type)), notNull: r.not_null === true };
  const def = opt(r.default);
  if (def !== undefined) c.default = literalDefault(def);
  if (opt(r.generated) !== undefined) c.generated = s(r.generated);
  if (opt(r.collation)) c.collation = s(r.collation);
  if (opt(r.comment) !== undefined) c.comment = s(r.comment);
  if (r.local === false) c.inherited = true;
  if (['e', 'd', 'c'].includes(s(r.elem_kind)) && !['pg_catalog', 'information_schema'].includes(s(r.type_schema))) {
    c.typeRef = { schema: s(r.type_schema), name: s(r.type_name), array: Number(r.dims ?? 0) };
  }
  // an owned sequence is in its table's schema (PostgreSQL requires it)
  const owned = sequences.get(ownerKey(table.schema, table.name, c.name)) ?? [];
  const ident = s(r.identity);
  if (ident === 'a' || ident === 'd') {
    const seq = owned[0];
    c.identity = { always: ident === 'a', start: seq?.start ?? '1', increment: seq?.increment ?? '1' };
  }
  const serial = serialTypes[c.type];
  const m = def ? /^nextval\('(.+)'::regclass\)$/.exec(def) : null;
  if (serial && m) {
    const seqName = m[1].split('.').pop()!.replace(/^"|"$/g, '').replace(/""/g, '"');
    const seq = owned.find((q) => q.name === seqName);
    if (seq && seqName === `${table.name}_${c.name}_seq` && seq.start === '1' && seq.increment === '1' && seq.type === c.type) c.serial = serial;
  }
  return c;
}

export function addConstraint(t: Table, r: Row): void {
  const name = s(r.name);
  const def = s(r.def);
  const deferral = { deferrable: r.deferrable === true, initiallyDeferred: r.deferred === true };
  const columns = json<string[]>(r.columns) ?? [];
  switch (s(r.type)) {
    case 'p':
      t.primaryKey = { name, columns, ...deferral };
      if (includeOf(def).length) t.primaryKey.include = includeOf(def);
      break;
    case 'u':
      t.uniques.push({ name, columns, nullsNotDistinct: /NULLS NOT DISTINCT/.test(def), def, ...deferral });
      break;
    case 'c': {
      const m = /^CHECK \((.*)\)( NO INHERIT)?( NOT VALID)?$/s.exec(def);
      t.checks.push({ name, expr: m ? m[1] : def, noInherit: r.noinherit === true, validated: r.validated !== false });
      break;
    }
    case 'x':
      t.exclusions.push({ name, def, ...deferral });
      break;
    case 'f':
      t.foreignKeys.push({
        name,
        columns,
        refSchema: s(r.ref_schema),
        refTable: s(r.ref_table),
        refColumns: json<string[]>(r.ref_columns) ?? [],
        onUpdate: fkActions[s(r.on_update)] ?? 'NO ACTION',
        onDelete: fkActions[s(r.on_delete)] ?? 'NO ACTION',
        match: matchTypes[s(r.match)] ?? 'SIMPLE',
        validated: r.validated !== false,
        ...deferral,
      });
      break;
  }
}

interface PartRow {
  key: number;
  text: string;
  opt: number;
  attname: string | null;
  opclass: string | null;
}

export function indexFrom(r: Row): Index {
  const parts = json<PartRow[]>(r.parts) ?? [];
  const nkeys = Number(r.nkeys);
  const keyParts = parts.slice(0, nkeys).map((p) => {
    const desc = (Number(p.opt) & 1) === 1;
    const nullsFirst = (Number(p.opt) & 2) === 2;
    // pg_get_indexdef(oid, k, true) prints the column (quoted if needed) or the expression, without opclass.
    return {
      ...(p.key !== 0 && p.attname !== null ? { column: p.attname } : { expr: p.text }),
      desc,
      nullsFirst,
      ...(p.opclass ? { opclass: p.opclass } : {}),
    };
  });
  const idx: Index = {
    name: s(r.name),
    unique: r.unique === true,
    method: s(r.method),
    parts: keyParts,
    include: parts.slice(nkeys).map((p) => p.attname ?? p.text),
    nullsNotDistinct: r.nulls_not_distinct === true,
  };
  if (opt(r.pred) !== undefined) idx.where = s(r.pred);
  if (opt(r.comment) !== undefined) idx.comment = s(r.comment);
  return idx;
}

export function policyFrom(r: Row): Policy {
  const p: Policy = {
    name: s(r.name),
    permissive: r.permissive !== false,
    command: policyCmds[s(r.cmd)] ?? 'ALL',
    roles: json<string[]>(r.roles) ?? [],
  };
  if (opt(r.using) !== undefined) p.using = s(r.using);
  if (opt(r.with_check) !== undefined) p.withCheck = s(r.with_check);
  return p;
}

/**
 * Atlas shows a literal default without its cast: `'active'::status` → `'active'`,
 * `'unknown'::character varying` → `'unknown'` (the column type applies the cast anyway).
 */
export function literalDefault(def: string): string {
  const m = /^('(?:[^']|'')*')::[A-Za-z_][\w ."]*(?:\(\d+(?:,\d+)?\))?(?:\[\])*$/.exec(def);
  return m ? m[1] : def;
}
