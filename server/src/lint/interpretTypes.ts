// The parts of the schema state that editor features read beyond lint's needs: user types (enums, domains,
// composite types, types of created extensions), extensions, and whether the state may be incomplete
// (statements whose effect on the schema cannot be known without running them).
import type { Node } from 'libpg-query';
import { nodeAs, nodeKind, strings } from '../sql/parser';
import { walk } from './ddl';
import { columnType } from './types';
import type { SchemaState } from './state';
import { qualify } from './state';

/** Types that well-known extensions add (name → types), so `vector(3)` is a known type once `vector` is created. */
export const extensionTypes: Record<string, string[]> = {
  vector: ['vector', 'halfvec', 'sparsevec'],
  postgis: ['geometry', 'geography', 'box2d', 'box3d'],
  hstore: ['hstore'],
  citext: ['citext'],
  ltree: ['ltree', 'lquery', 'ltxtquery'],
  cube: ['cube'],
  isn: ['isbn', 'isbn13', 'issn', 'ean13', 'upc'],
  seg: ['seg'],
};

/** Functions that well-known extensions add (completion in defaults and expressions). */
export const extensionFunctions: Record<string, string[]> = {
  'uuid-ossp': ['uuid_generate_v1', 'uuid_generate_v1mc', 'uuid_generate_v4', 'uuid_nil'],
  pgcrypto: ['gen_random_uuid', 'gen_random_bytes', 'crypt', 'gen_salt', 'digest', 'hmac'],
  vector: ['l2_distance', 'cosine_distance', 'inner_product', 'vector_dims', 'l2_normalize'],
  pg_trgm: ['similarity', 'word_similarity', 'show_trgm'],
  postgis: ['st_makepoint', 'st_setsrid', 'st_distance', 'st_dwithin', 'st_asgeojson'],
  citext: [],
  hstore: ['hstore', 'akeys', 'avals'],
};

/** Statement kinds that never create, drop or change objects the editor tracks. */
const transparent = new Set([
  'SelectStmt',
  'InsertStmt',
  'UpdateStmt',
  'DeleteStmt',
  'TransactionStmt',
  'VariableSetStmt',
  'VariableShowStmt',
  'CommentStmt',
  'GrantStmt',
  'GrantRoleStmt',
  'CreateRoleStmt',
  'AlterRoleStmt',
  'CreateTrigStmt',
  'CreatePolicyStmt',
  'AlterPolicyStmt',
  'CreateFunctionStmt',
  'AlterFunctionStmt',
  'CreateSeqStmt',
  'AlterSeqStmt',
  'IndexStmt',
  'CreateStmt',
  'AlterTableStmt',
  'DropStmt',
  'RenameStmt',
  'ViewStmt',
  'CreateTableAsStmt',
  'CreateSchemaStmt',
  'CreateEnumStmt',
  'AlterEnumStmt',
  'CreateDomainStmt',
  'CompositeTypeStmt',
  'CreateExtensionStmt',
  'LockStmt',
  'VacuumStmt',
  'AlterDefaultPrivilegesStmt',
  'AlterOwnerStmt',
  'AlterObjectSchemaStmt',
  'CopyStmt',
  'NotifyStmt',
  'TruncateStmt',
  'RefreshMatViewStmt',
  'AlterDomainStmt',
  'RuleStmt',
  'CreateCastStmt',
  'DefineStmt',
]);

/** Why a statement leaves the state not fully known, or undefined. */
export function opaqueReason(node: Node): string | undefined {
  const kind = nodeKind(node) ?? '';
  if (kind === 'DoStmt') return 'a DO block';
  if (kind === 'CallStmt') return 'a procedure call';
  if (kind === 'CreateExtensionStmt') return `extension "${nodeAs(node, 'CreateExtensionStmt')?.extname ?? ''}"`;
  if (kind === 'SelectStmt' || kind === 'InsertStmt' || kind === 'UpdateStmt') {
    let call: string | undefined;
    walk(node, (n) => {
      const f = nodeAs(n, 'FuncCall');
      if (f && !call) call = strings(f.funcname).join('.');
    });
    return call ? `a call of ${call}()` : undefined;
  }
  return transparent.has(kind) ? undefined : `a ${kind.replace(/Stmt$/, '')} statement`;
}

/** Applies type and extension statements; true when `node` was one. */
export function applyTypeStatement(state: SchemaState, node: Node, origin: string): boolean {
  const d = state.defaultSchema;
  const name = (nodes: Node[] | undefined) => {
    const parts = strings(nodes);
    const n = parts.pop() ?? '';
    return { schema: parts.pop() ?? d, name: n };
  };
  const en = nodeAs(node, 'CreateEnumStmt');
  if (en) {
    const n = name(en.typeName);
    state.types.set(qualify(n.schema, n.name), { ...n, kind: 'enum', labels: strings(en.vals), origin });
    return true;
  }
  const alter = nodeAs(node, 'AlterEnumStmt');
  if (alter) {
    const n = name(alter.typeName);
    const t = state.types.get(qualify(n.schema, n.name));
    if (t && alter.newVal) {
      if (alter.oldVal) t.labels = t.labels.map((l) => (l === alter.oldVal ? alter.newVal! : l));
      else if (!t.labels.includes(alter.newVal)) {
        const at = alter.newValNeighbor ? t.labels.indexOf(alter.newValNeighbor) : -1;
        if (at < 0) t.labels.push(alter.newVal);
        else t.labels.splice(alter.newValIsAfter ? at + 1 : at, 0, alter.newVal);
      }
    }
    return true;
  }
  const dom = nodeAs(node, 'CreateDomainStmt');
  if (dom) {
    const n = name(dom.domainname);
    state.types.set(qualify(n.schema, n.name), { ...n, kind: 'domain', labels: [], base: columnType(dom.typeName).display, origin });
    return true;
  }
  const comp = nodeAs(node, 'CompositeTypeStmt');
  if (comp?.typevar?.relname) {
    const n = { schema: comp.typevar.schemaname ?? d, name: comp.typevar.relname };
    state.types.set(qualify(n.schema, n.name), { ...n, kind: 'composite', labels: [], origin });
    return true;
  }
  const ext = nodeAs(node, 'CreateExtensionStmt');
  if (ext?.extname) {
    state.extensions.set(ext.extname, { name: ext.extname, origin });
    const schema = d;
    for (const t of extensionTypes[ext.extname] ?? [])
      if (!state.types.has(qualify(schema, t)))
        state.types.set(qualify(schema, t), { schema, name: t, kind: 'extension', labels: [], base: ext.extname, origin });
    return true;
  }
  const drop = nodeAs(node, 'DropStmt');
  if (drop && (drop.removeType === 'OBJECT_TYPE' || drop.removeType === 'OBJECT_DOMAIN')) {
    for (const o of drop.objects ?? []) {
      const n = name(nodeAs(o, 'TypeName')?.names);
      state.types.delete(qualify(n.schema, n.name));
    }
    return true;
  }
  if (drop?.removeType === 'OBJECT_EXTENSION') {
    for (const o of drop.objects ?? []) {
      const e = nodeAs(o, 'String')?.sval;
      if (!e) continue;
      state.extensions.delete(e);
      for (const [k, t] of [...state.types]) if (t.kind === 'extension' && t.base === e) state.types.delete(k);
    }
    return true;
  }
  return false;
}
