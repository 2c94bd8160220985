// Expression comparison as PostgreSQL normalizes it. PostgreSQL's deparse of its own output is not always
// textually stable: `col IN ('a','b')` on a varchar column prints as
// `(col)::text = ANY ((ARRAY['a'::character varying, …])::text[])`, which re-parses into a different tree and
// prints as `ARRAY[('a'::character varying)::text, …]`. Two models can therefore describe the same CHECK
// (default, index, generated column, view) with different texts. Before diffing, every pair of corresponding
// expressions whose texts differ is sent through the dev database until its printed form stops changing
// (a fixed point), for each side; when both sides reach the same form, the current side takes the desired
// side's text, so the diff sees no change and the plan keeps the desired text.
//
// The round trip re-creates the objects in a scratch schema inside one transaction (a savepoint when the dev
// database is already in one) that is always rolled back, so the dev database is left exactly as it was (also
// when a statement fails: each object is created under its own savepoint, and an object that cannot be created
// keeps its text and stays a difference).
import type { Database } from '../db/types';
import { inspect } from './inspect';
import type { CheckConstraint, Column, Index, Realm, Table, View } from './model';
import { checkSql, indexSignature, indexSql, namer, typeSql } from './render';
import { q, stripParens } from './sqlText';

type Kind = 'check' | 'default' | 'generated' | 'index' | 'view';

/** One expression of one side: its comparable text and how to put a new text back. */
interface Item {
  kind: Kind;
  /** scratch relation name (t<N> / v<N>) and item name inside it */
  rel: string;
  name: string;
  text: string;
  table?: Table;
  view?: View;
}

interface Pair {
  a: Item;
  b: Item;
  apply: () => void;
}

export interface NormalizeStats {
  /** pairs of expressions whose texts differed */
  compared: number;
  /** of those, pairs PostgreSQL prints the same way (the current side now carries the desired text) */
  aligned: number;
}

const MAX_ROUNDS = 4;
const indexText = (i: Index) =>
  JSON.stringify({ unique: i.unique, method: i.method, parts: i.parts, include: i.include, where: i.where, nullsNotDistinct: i.nullsNotDistinct });

/**
 * Aligns the texts of `from` with those of `to` where PostgreSQL normalizes both to the same form. `db` is a
 * dev database holding the desired state (functions and types the expressions use resolve there, under the
 * same search_path the models were inspected with). `from` is changed in place.
 */
export async function alignExpressions(db: Database, from: Realm, to: Realm): Promise<NormalizeStats> {
  const pairs = collectPairs(from, to);
  if (!pairs.length) return { compared: 0, aligned: 0 };
  let fa: (string | undefined)[];
  let fb: (string | undefined)[];
  try {
    fa = await fixedPoints(
      db,
      pairs.map((p) => p.a),
    );
    fb = await fixedPoints(
      db,
      pairs.map((p) => p.b),
    );
  } catch {
    // The comparison itself failed (a lost connection): compare by text, as without a dev database.
    return { compared: pairs.length, aligned: 0 };
  }
  let aligned = 0;
  pairs.forEach((p, i) => {
    if (fa[i] !== undefined && fa[i] === fb[i]) {
      p.apply();
      aligned++;
    }
  });
  return { compared: pairs.length, aligned };
}

function collectPairs(from: Realm, to: Realm): Pair[] {
  const pairs: Pair[] = [];
  let rel = 0;
  for (const sb of to.schemas) {
    const sa = from.schemas.find((s) => s.name === sb.name);
    if (!sa) continue;
    for (const tb of sb.tables) {
      const ta = sa.tables.find((t) => t.name === tb.name);
      if (!ta) continue;
      const ra = `t${rel++}`;
      const rb = `t${rel++}`;
      const item = (kind: Kind, name: string, a: string, b: string): [Item, Item] => [
        { kind, rel: ra, name, text: a, table: ta },
        { kind, rel: rb, name, text: b, table: tb },
      ];
      for (const cb of tb.checks) {
        const ca = ta.checks.find((c) => c.name === cb.name);
        if (ca && ca.expr !== cb.expr) {
          const [a, b] = item('check', cb.name, ca.expr, cb.expr);
          pairs.push({
            a,
            b,
            apply: () => {
              ca.expr = cb.expr;
            },
          });
        }
      }
      for (const cb of tb.columns) {
        const ca = ta.columns.find((c) => c.name === cb.name);
        if (!ca || ca.inherited || cb.inherited) continue;
        if (ca.default !== undefined && cb.default !== undefined && ca.default !== cb.default && ca.generated === undefined && cb.generated === undefined) {
          const [a, b] = item('default', cb.name, ca.default, cb.default);
          pairs.push({
            a,
            b,
            apply: () => {
              ca.default = cb.default;
            },
          });
        }
        if (ca.generated !== undefined && cb.generated !== undefined && ca.generated !== cb.generated) {
          const [a, b] = item('generated', cb.name, ca.generated, cb.generated);
          pairs.push({
            a,
            b,
            apply: () => {
              ca.generated = cb.generated;
            },
          });
        }
      }
      for (const ib of tb.indexes) {
        const ia = ta.indexes.find((i) => i.name === ib.name);
        if (ia && indexSignature(ia) !== indexSignature(ib)) {
          const [a, b] = item('index', ib.name, indexText(ia), indexText(ib));
          pairs.push({
            a,
            b,
            apply: () => {
              Object.assign(ia, JSON.parse(indexText(ib)) as Partial<Index>);
              if (ib.where === undefined) delete ia.where;
            },
          });
        }
      }
    }
    for (const vb of sb.views) {
      const va = sa.views.find((v) => v.name === vb.name);
      if (!va || va.def === vb.def || va.materialized !== vb.materialized) continue;
      pairs.push({
        a: { kind: 'view', rel: `v${rel++}`, name: va.name, text: va.def, view: va },
        b: { kind: 'view', rel: `v${rel++}`, name: vb.name, text: vb.def, view: vb },
        apply: () => {
          va.def = vb.def;
        },
      });
    }
  }
  return pairs;
}

/** Each item's text after repeated round trips until it stops changing; undefined when it cannot be loaded. */
async function fixedPoints(db: Database, items: Item[]): Promise<(string | undefined)[]> {
  const result: (string | undefined)[] = items.map(() => undefined);
  let open = items.map((it, i) => ({ it, i }));
  for (let round = 0; round < MAX_ROUNDS && open.length; round++) {
    const printed = await roundTrip(
      db,
      open.map((o) => o.it),
    );
    const next: typeof open = [];
    open.forEach((o, k) => {
      const p = printed[k];
      if (p === undefined) return;
      if (p === o.it.text) result[o.i] = p;
      else next.push({ it: { ...o.it, text: p }, i: o.i });
    });
    open = next;
  }
  return result;
}

let scratchCounter = 0;

/** Creates every item in a scratch schema (rolled back) and returns each one's text as inspect prints it. */
async function roundTrip(db: Database, items: Item[]): Promise<(string | undefined)[]> {
  const scratch = `atlas_wb_normalize_${process.pid}_${scratchCounter++}`;
  const n = namer(true);
  const rel = (name: string) => `${q(scratch)}.${q(name)}`;
  const ok = new Set<Item>();
  // Inside a transaction already (the dev database's scratch lease, which protects its kept state), a savepoint:
  // a ROLLBACK would end that transaction and take the loaded desired state with it.
  const nested = await db.exec('SAVEPOINT atlas_wb_roundtrip').then(
    () => true,
    () => false,
  );
  if (!nested) await db.exec('BEGIN');
  try {
    await db.exec(`CREATE SCHEMA ${q(scratch)}`);
    const tried = async (sql: string) => {
      await db.exec('SAVEPOINT atlas_wb_normalize');
      try {
        await db.exec(sql);
        await db.exec('RELEASE SAVEPOINT atlas_wb_normalize');
        return true;
      } catch {
        await db.exec('ROLLBACK TO SAVEPOINT atlas_wb_normalize');
        return false;
      }
    };
    const tables = new Map<string, Table>();
    for (const it of items) if (it.table) tables.set(it.rel, it.table);
    const created = new Set<string>();
    for (const [name, t] of tables) {
      const cols = t.columns
        .filter((c) => c.generated === undefined)
        .map((c: Column) => `${q(c.name)} ${typeSql(c, n)}${c.collation ? ` COLLATE ${q(c.collation)}` : ''}`);
      if (await tried(`CREATE TABLE ${rel(name)} (${cols.join(', ')})`)) created.add(name);
    }
    const indexName = new Map<Item, string>();
    for (const it of items) {
      if (it.kind === 'view') {
        const v = it.view!;
        const sql = `CREATE ${v.materialized ? 'MATERIALIZED ' : ''}VIEW ${rel(it.rel)} AS ${it.text.replace(/;\s*$/, '')}${v.materialized ? ' WITH NO DATA' : ''}`;
        if (await tried(sql)) ok.add(it);
        continue;
      }
      if (!created.has(it.rel)) continue;
      const col = it.table!.columns.find((c) => c.name === it.name);
      let sql: string;
      if (it.kind === 'check')
        sql = `ALTER TABLE ${rel(it.rel)} ADD ${checkSql({ name: it.name, expr: it.text, noInherit: false, validated: true } as CheckConstraint)}`;
      else if (it.kind === 'default') sql = `ALTER TABLE ${rel(it.rel)} ALTER COLUMN ${q(it.name)} SET DEFAULT ${it.text}`;
      else if (it.kind === 'generated')
        sql = `ALTER TABLE ${rel(it.rel)} ADD COLUMN ${q(it.name)} ${typeSql(col!, n)} GENERATED ALWAYS AS (${stripParens(it.text)}) STORED`;
      else {
        indexName.set(it, `${it.rel}_i${indexName.size}`);
        sql = indexSql({ ...(JSON.parse(it.text) as Index), name: indexName.get(it)! }, scratch, it.rel, n);
      }
      if (await tried(sql)) ok.add(it);
    }
    const model = await inspect(db, { schema: scratch });
    const s = model.schemas[0];
    return items.map((it) => {
      if (!ok.has(it)) return undefined;
      if (it.kind === 'view') return s?.views.find((v) => v.name === it.rel)?.def;
      const t = s?.tables.find((x) => x.name === it.rel);
      if (it.kind === 'check') return t?.checks.find((c) => c.name === it.name)?.expr;
      if (it.kind === 'default') return t?.columns.find((c) => c.name === it.name)?.default;
      if (it.kind === 'generated') return t?.columns.find((c) => c.name === it.name)?.generated;
      const i = t?.indexes.find((x) => x.name === indexName.get(it));
      return i ? indexText(i) : undefined;
    });
  } finally {
    await db.exec(nested ? 'ROLLBACK TO SAVEPOINT atlas_wb_roundtrip; RELEASE SAVEPOINT atlas_wb_roundtrip' : 'ROLLBACK');
  }
}
