// naming (NM101–NM106): names of new schemas, tables, columns, indexes, foreign keys and checks must match the
// patterns of atlas.hcl `lint { naming { match, message, <object> { match, message } } }`. An object's own block
// wins over the naming block's pattern; without any pattern nothing is checked. Warnings unless `error = true`.
// Texts as Atlas's naming analyzer: `<Resource> named "<name>" violates the naming policy[: <message>]`.
import type { Constraint, Node } from 'libpg-query';
import type { AnalyzerConfig } from '../../config/types';
import { compileGoRegexp } from '../../config/goRegexp';
import { nodeAs } from '../../sql/parser';
import type { Analyzer, Finding, StmtContext } from '../analyzer';
import { q } from '../analyzer';
import { constraintState, constraintsOf, indexColumns, relName } from '../ddl';
import { defaultIndexName } from '../state';

type ObjectKind = 'schema' | 'table' | 'column' | 'index' | 'foreign_key' | 'check';

const objects: Record<ObjectKind, { code: string; resource: string }> = {
  schema: { code: 'NM101', resource: 'Schema' },
  table: { code: 'NM102', resource: 'Table' },
  column: { code: 'NM103', resource: 'Column' },
  index: { code: 'NM104', resource: 'Index' },
  foreign_key: { code: 'NM105', resource: 'Foreign-key constraint' },
  check: { code: 'NM106', resource: 'Check constraint' },
};

interface Rule {
  re: RegExp;
  message?: string;
}

export type NamingPolicy = Partial<Record<ObjectKind, Rule>>;

/** The policy of a `naming` settings object, or the first invalid pattern (`naming.index.match: <error>`). */
export function namingPolicy(cfg: AnalyzerConfig | undefined): { policy: NamingPolicy; error?: string } {
  const policy: NamingPolicy = {};
  if (!cfg) return { policy };
  const read = (o: unknown, where: string): Rule | string | undefined => {
    const m = (o as { match?: unknown } | undefined)?.match;
    if (typeof m !== 'string') return undefined;
    const c = compileGoRegexp(m);
    if (!c.ok) return `${where}.match: invalid regular expression ${q(m)}: ${c.error}`;
    const message = (o as { message?: unknown }).message;
    return { re: c.re, message: typeof message === 'string' && message ? message : undefined };
  };
  const all = read(cfg, 'naming');
  if (typeof all === 'string') return { policy, error: all };
  for (const kind of Object.keys(objects) as ObjectKind[]) {
    const own = read(cfg[kind], `naming.${kind}`);
    if (typeof own === 'string') return { policy, error: own };
    const rule = own ?? all;
    if (rule) policy[kind] = rule;
  }
  return { policy };
}

const cache = new WeakMap<AnalyzerConfig, NamingPolicy>();

function policyOf(ctx: StmtContext): NamingPolicy | undefined {
  const cfg = ctx.settings.naming;
  if (!cfg) return undefined;
  let p = cache.get(cfg);
  if (!p) {
    p = namingPolicy(cfg).policy; // an invalid pattern is reported by the atlas.hcl checks and the CLI
    cache.set(cfg, p);
  }
  return p;
}

/** The objects a statement creates or renames, in Atlas's order: table, columns, indexes, foreign keys, checks. */
function namedObjects(node: Node | undefined, defaultSchema: string): Array<[ObjectKind, string]> {
  const out: Array<[ObjectKind, string]> = [];
  const schema = nodeAs(node, 'CreateSchemaStmt');
  if (schema?.schemaname) out.push(['schema', schema.schemaname]);
  const create = nodeAs(node, 'CreateStmt');
  if (create?.relation?.relname) {
    const table = create.relation.relname;
    out.push(['table', table]);
    const cons: Array<{ c: Constraint; column?: string }> = [];
    for (const el of create.tableElts ?? []) {
      const def = nodeAs(el, 'ColumnDef');
      if (def?.colname) {
        out.push(['column', def.colname]);
        for (const c of constraintsOf(def.constraints)) cons.push({ c, column: def.colname });
      }
      const con = nodeAs(el, 'Constraint');
      if (con) cons.push({ c: con });
    }
    out.push(...constraintObjects(cons, table, defaultSchema));
  }
  const idx = nodeAs(node, 'IndexStmt');
  if (idx?.relation?.relname) out.push(['index', idx.idxname ?? defaultIndexName(idx.relation.relname, indexColumns(idx))]);
  const rename = nodeAs(node, 'RenameStmt');
  if (rename?.newname) {
    if (rename.renameType === 'OBJECT_TABLE') out.push(['table', rename.newname]);
    else if (rename.renameType === 'OBJECT_COLUMN') out.push(['column', rename.newname]);
    else if (rename.renameType === 'OBJECT_INDEX') out.push(['index', rename.newname]);
  }
  const alter = nodeAs(node, 'AlterTableStmt');
  if (alter?.relation?.relname && alter.objtype === 'OBJECT_TABLE') {
    const table = relName(alter.relation, defaultSchema).name;
    const cons: Array<{ c: Constraint; column?: string }> = [];
    for (const c of alter.cmds ?? []) {
      const cmd = nodeAs(c, 'AlterTableCmd');
      const def = cmd?.subtype === 'AT_AddColumn' ? nodeAs(cmd.def, 'ColumnDef') : undefined;
      if (def?.colname) {
        out.push(['column', def.colname]);
        for (const k of constraintsOf(def.constraints)) cons.push({ c: k, column: def.colname });
      }
      const con = cmd?.subtype === 'AT_AddConstraint' ? nodeAs(cmd.def, 'Constraint') : undefined;
      if (con) cons.push({ c: con });
    }
    out.push(...constraintObjects(cons, table, defaultSchema));
  }
  return out;
}

/** UNIQUE constraints are indexes in PostgreSQL (Atlas inspects them as such); primary keys are not named objects here. */
function constraintObjects(cons: Array<{ c: Constraint; column?: string }>, table: string, defaultSchema: string): Array<[ObjectKind, string]> {
  const out: Array<[ObjectKind, string]> = [];
  const states = cons.map(({ c, column }) => constraintState(c, table, defaultSchema, column)).filter((s) => s !== undefined);
  for (const kind of ['u', 'f', 'c'] as const)
    for (const s of states) if (s.kind === kind) out.push([kind === 'u' ? 'index' : kind === 'f' ? 'foreign_key' : 'check', s.name]);
  return out;
}

export const naming: Analyzer = {
  name: 'naming',
  header: 'naming violations detected',
  defaultError: false,
  codes: ['NM101', 'NM102', 'NM103', 'NM104', 'NM105', 'NM106'],
  check(ctx) {
    const policy = policyOf(ctx);
    if (!policy || !Object.keys(policy).length) return [];
    const out: Finding[] = [];
    for (const [kind, name] of namedObjects(ctx.stmt.node, ctx.before.defaultSchema)) {
      const rule = policy[kind];
      if (!rule || rule.re.test(name)) continue;
      const { code, resource } = objects[kind];
      out.push({ code, pos: ctx.stmt.pos, text: `${resource} named ${q(name)} violates the naming policy${rule.message ? `: ${rule.message}` : ''}` });
    }
    return out;
  },
};
