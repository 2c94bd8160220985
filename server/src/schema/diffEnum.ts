// Enum changes PostgreSQL cannot do in place (a value removed, values reordered): the type is renamed out
// of the way, re-created, every column using it converted through text, and the old type dropped at the
// end. Planned and flagged destructive (rows holding a removed value make the conversion fail).
import { Phase, type Change } from './change';
import type { EnumType, Schema } from './model';
import { enumSql, type Namer } from './render';
import { goq, q } from './sqlText';

export function recreateEnum(old: EnumType, e: EnumType, a: Schema, b: Schema, n: Namer, changedRels: Set<string>): Change[] {
  let tmp = `${e.name}_old`;
  while (a.enums.some((x) => x.name === tmp) || b.enums.some((x) => x.name === tmp)) tmp += '_';
  const out: Change[] = [
    {
      phase: Phase.Types,
      cmd: `ALTER TYPE ${n.name(old.schema, old.name)} RENAME TO ${q(tmp)}`,
      comment: `rename an enum from ${goq(old.name)} to ${goq(tmp)}`,
      destructive: true,
    },
    { phase: Phase.Types, cmd: enumSql(e, n), comment: `create enum type ${goq(e.name)}` },
  ];
  for (const t of a.tables) {
    const to = b.tables.find((x) => x.name === t.name);
    for (const c of t.columns) {
      if (c.inherited || c.typeRef?.schema !== e.schema || c.typeRef.name !== e.name) continue;
      const target = to?.columns.find((x) => x.name === c.name);
      if (!target) continue;
      const dims = '[]'.repeat(c.typeRef.array);
      const type = `${n.name(e.schema, e.name)}${dims}`;
      const col = `ALTER COLUMN ${q(c.name)}`;
      const clauses = [
        ...(c.default !== undefined ? [`${col} DROP DEFAULT`] : []),
        `${col} TYPE ${type} USING ${q(c.name)}::text${dims}::${type}`,
        ...(c.default !== undefined && target.default !== undefined ? [`${col} SET DEFAULT ${target.default}`] : []),
      ];
      out.push({
        phase: Phase.Types,
        cmd: `ALTER TABLE ${n.name(t.schema, t.name)} ${clauses.join(', ')}`,
        comment: `modify ${goq(t.name)} table`,
        destructive: true,
      });
      changedRels.add(`${t.schema}.${t.name}`);
    }
  }
  out.push({ phase: Phase.Drop, cmd: `DROP TYPE ${n.name(old.schema, tmp)}`, comment: `drop enum type ${goq(tmp)}`, destructive: true });
  return out;
}
