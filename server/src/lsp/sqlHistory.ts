// Schema history of a table: every statement of the migration folder that changed it, in order (following
// renames back to the earlier names), and the table as it is after a given file. Pure: (model, doc, params).
import type { TableAsOfResult, TableAtParams, TableHistoryResult } from '../protocol';
import type { SchemaState } from '../lint/state';
import { qualify } from '../lint/state';
import { changes, refAt, resolveAt } from './sqlNavigation';
import { tableSql } from './sqlObjects';
import { fileStatements, lineOf, offsetAt, relKey, walkFile, type SqlDoc, type SqlIntel } from './sqlIntelModel';
import { URI } from './uri';

function stateAfterFile(doc: SqlDoc): SchemaState {
  const walk = walkFile(doc.point.file, doc.point.state);
  return walk.length ? walk[walk.length - 1].after : doc.point.state;
}

const tableNames = (state: SchemaState): string[] =>
  [...state.tables.values()].map((t) => (t.schema === state.defaultSchema ? t.name : `${t.schema}.${t.name}`)).sort();

/** "schema.name" of the table the params name (by name, or under the cursor: a table, or the table of a column). */
function targetTable(doc: SqlDoc, p: TableAtParams): string | undefined {
  if (p.table) return p.table.includes('.') ? p.table : `public.${p.table}`;
  if (!p.position) return undefined;
  const r = refAt(doc, offsetAt(doc.point.file.text, p.position));
  if (!r) return undefined;
  if (r.ref.kind === 'table') return relKey(r.ref);
  if (r.ref.table) return relKey(r.ref.table);
  const obj = resolveAt(r)?.obj;
  return obj?.kind === 'index' ? qualify(obj.index.schema, obj.index.table) : undefined;
}

const display = (key: string) => key.replace(/^public\./, '');

export function tableHistory(intel: SqlIntel, doc: SqlDoc, p: TableAtParams): TableHistoryResult {
  const tables = tableNames(stateAfterFile(doc));
  const target = targetTable(doc, p);
  if (!target) return { tables, entries: [] };
  const files = doc.loc.only ? [doc.point.file] : [...doc.point.earlier, doc.point.file, ...intel.lint.filesAfter(doc.loc.folder, doc.point)];
  const names = new Set([`table:${target}`]);
  const entries: TableHistoryResult['entries'] = [];
  for (let f = files.length - 1; f >= 0; f--) {
    const file = files[f];
    const stmts = fileStatements(file);
    for (let i = stmts.length - 1; i >= 0; i--) {
      const s = stmts[i];
      if (![...names].some((k) => changes(s, k))) continue;
      const line = lineOf(file.text, s.index);
      entries.push({
        uri: URI.fromPath(`${doc.loc.folder}/${file.name}`),
        file: file.name,
        line,
        statement: file.text.slice(s.index, s.end).split('\n')[0].trim(),
      });
      const renamed = s.refs.find((r) => r.kind === 'table' && r.role === 'rename' && names.has(`table:${relKey(r)}`));
      const from = renamed && s.refs.find((r) => r.kind === 'table' && r.role === 'alter');
      if (from) names.add(`table:${relKey(from)}`);
    }
  }
  // nothing under the cursor ever changed such a table: let the caller pick one
  if (!entries.length && !p.table) return { tables, entries };
  return { table: display(target), tables, entries: entries.reverse() };
}

export function tableAsOf(doc: SqlDoc, p: TableAtParams): TableAsOfResult {
  const state = stateAfterFile(doc);
  const tables = tableNames(state);
  const target = targetTable(doc, p);
  if (!target) return { tables, file: doc.point.file.name };
  const t = state.tables.get(target);
  const header = `-- ${display(target)} as of ${doc.point.file.name}\n`;
  return { table: display(target), tables, file: doc.point.file.name, sql: t ? header + tableSql(t, state) + '\n' : undefined };
}
