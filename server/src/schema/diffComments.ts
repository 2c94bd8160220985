// COMMENT ON statements for types, sequences and functions (tables, columns, indexes and views are handled
// with their objects). A re-created object loses its comment, so it is compared against "no comment".
import { Phase, type Change } from './change';
import { funcKey, type Schema } from './model';
import type { Namer } from './render';
import { goq, lit } from './sqlText';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const without = <T extends { comment?: string }>(o: T) => ({ ...o, comment: undefined });

export function commentChanges(a: Schema, b: Schema, n: Namer): Change[] {
  const out: Change[] = [];
  const emit = (kind: string, target: string, label: string, prev: string | undefined, next: string | undefined) => {
    if (prev === next) return;
    out.push({ phase: Phase.Attach, cmd: `COMMENT ON ${kind} ${target} IS ${next === undefined ? 'NULL' : lit(next)}`, comment: `set comment to ${label}` });
  };
  for (const e of b.enums) {
    const old = a.enums.find((x) => x.name === e.name);
    const kept =
      old &&
      same(
        e.values.filter((v) => old.values.includes(v)),
        old.values,
      );
    emit('TYPE', n.name(e.schema, e.name), `enum type: ${goq(e.name)}`, kept ? old.comment : undefined, e.comment);
  }
  for (const d of b.domains) {
    const old = a.domains.find((x) => x.name === d.name);
    emit('DOMAIN', n.name(d.schema, d.name), `domain type: ${goq(d.name)}`, old && same(without(old), without(d)) ? old.comment : undefined, d.comment);
  }
  for (const c of b.composites) {
    const old = a.composites.find((x) => x.name === c.name);
    emit('TYPE', n.name(c.schema, c.name), `composite type: ${goq(c.name)}`, old && same(without(old), without(c)) ? old.comment : undefined, c.comment);
  }
  for (const s of b.sequences) {
    const old = a.sequences.find((x) => x.name === s.name);
    emit('SEQUENCE', n.name(s.schema, s.name), `sequence: ${goq(s.name)}`, old?.comment, s.comment);
  }
  for (const f of b.functions) {
    const old = a.functions.find((x) => funcKey(x) === funcKey(f));
    const kept = old && old.result === f.result && old.kind === f.kind;
    emit(f.kind.toUpperCase(), `${n.name(f.schema, f.name)}(${f.args})`, `${f.kind}: ${goq(f.name)}`, kept ? old.comment : undefined, f.comment);
  }
  return out;
}
