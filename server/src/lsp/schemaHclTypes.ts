// Column types in a PostgreSQL HCL schema: `integer`, `varchar(255)`, `numeric(10,2)`, `enum.status`,
// `sql("int[]")`. Reads a type expression into its SQL spelling and family, and checks names and parameters. Pure.
import { didYouMean, type ConfigDiagnostic } from '../config/diagnostic';
import { staticString, type Expr } from '../config/ast';
import { findObj, segments, type SchemaModel } from './schemaHclModel';
import { COLUMN_TYPES, sqlTypeName, TYPE_BY_NAME } from '../schema/hclSpec';

export interface ColumnType {
  /** as it would appear in CREATE TABLE */
  sql: string;
  /** for foreign key comparisons: int4, text, numeric, uuid, … or `enum:<id>` */
  family: string;
  /** false for a name that is not a PostgreSQL type (reported by checkType) */
  known: boolean;
}

const USER_TYPES = new Set(['enum', 'domain', 'composite']);

export function readType(m: SchemaModel, e: Expr | undefined): ColumnType | undefined {
  if (!e) return undefined;
  if (e.kind === 'traversal' && e.steps.length === 0) {
    const spec = TYPE_BY_NAME.get(e.root);
    return { sql: sqlTypeName(e.root), family: spec?.family ?? e.root, known: !!spec };
  }
  if (e.kind === 'traversal' && USER_TYPES.has(e.root)) {
    const segs = segments(e);
    const name = segs[segs.length - 1]?.name ?? '';
    const d = findObj(m, e.root as 'enum', name, segs.length > 1 ? segs[0].name : undefined);
    const sql = d?.schema ? `"${d.schema}"."${name}"` : `"${name}"`;
    return { sql, family: d ? d.id : `${e.root}:${name}`, known: !!d };
  }
  if (e.kind === 'call') {
    if (e.name === 'sql') {
      const s = e.args[0] && staticString(e.args[0]);
      return s === undefined ? undefined : { sql: s, family: familyOfSql(s), known: true };
    }
    const spec = TYPE_BY_NAME.get(e.name);
    const args = e.args.map((x) => (x.kind === 'literal' ? String(x.value) : '?'));
    return { sql: `${sqlTypeName(e.name)}(${args.join(',')})`, family: spec?.family ?? e.name, known: !!spec };
  }
  return undefined;
}

/** The family of a type written as SQL text (`sql("int4")`, `sql("character varying(10)")`). */
function familyOfSql(s: string): string {
  const base = s.trim().toLowerCase().replace(/\(.*$/, '').trim().replace(/\s+/g, '_');
  if (s.includes('[]')) return `array:${base}`;
  return TYPE_BY_NAME.get(base)?.family ?? base;
}

function numberOf(x: Expr): number | undefined {
  if (x.kind === 'literal' && typeof x.value === 'number') return x.value;
  if (x.kind === 'unary' && x.op === '-' && x.operand.kind === 'literal' && typeof x.operand.value === 'number') return -x.operand.value;
  return undefined;
}

/** Diagnostics of one type expression: unknown names (did-you-mean), parameters that the type does not take or that are out of range. */
export function checkType(e: Expr): ConfigDiagnostic[] {
  const names = COLUMN_TYPES.map((x) => x.name);
  if (e.kind === 'traversal' && e.steps.length === 0) {
    if (TYPE_BY_NAME.has(e.root)) return [];
    return [didYouMean(`Unknown column type "${e.root}".`, e.range, e.root, names, 'unknown-type')];
  }
  if (e.kind === 'call') {
    if (e.name === 'sql') {
      if (e.args.length !== 1 || staticString(e.args[0]) === undefined)
        return [
          {
            range: e.range,
            severity: 'error',
            code: 'bad-type-params',
            message: 'sql() takes one string: the type as PostgreSQL spells it, e.g. sql("int[]").',
          },
        ];
      return [];
    }
    const spec = TYPE_BY_NAME.get(e.name);
    if (!spec) return [didYouMean(`Unknown column type "${e.name}".`, e.nameRange, e.name, names, 'unknown-type')];
    if (spec.params.length === 0)
      return [{ range: e.range, severity: 'error', code: 'bad-type-params', message: `Type "${e.name}" takes no parameters; write \`${e.name}\`.` }];
    if (e.args.length > spec.params.length)
      return [
        {
          range: e.args[spec.params.length].range,
          severity: 'error',
          code: 'bad-type-params',
          message: `Type "${e.name}" takes at most ${spec.params.length} parameter${spec.params.length > 1 ? 's' : ''} (${spec.params.map((p) => p.name).join(', ')}).`,
        },
      ];
    const out: ConfigDiagnostic[] = [];
    e.args.forEach((x, i) => {
      const p = spec.params[i];
      const v = numberOf(x);
      if (v === undefined || !Number.isInteger(v))
        out.push({ range: x.range, severity: 'error', code: 'bad-type-params', message: `The ${p.name} of "${e.name}" must be an integer.` });
      else if (v < p.min || v > p.max)
        out.push({
          range: x.range,
          severity: 'error',
          code: 'bad-type-params',
          message: `The ${p.name} of "${e.name}" must be between ${p.min} and ${p.max}; got ${v}.`,
        });
    });
    return out;
  }
  return [];
}
