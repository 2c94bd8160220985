// Planned changes → SQL text in Atlas's migration file format (sql/migrate/dir.go DefaultFormatter):
// `-- <Comment>\n<cmd>;\n` per change, no blank lines, optional directives block first.
import type { Change } from './change';
import { upperFirst } from './sqlText';

export interface PlanFormat {
  /** directive lines (`-- atlas:txmode none`) placed first, followed by a blank line */
  directives?: string[];
  /** `{{ sql . "  " }}`: indent string used to break CREATE TABLE column lists over lines */
  indent?: string;
}

/** The statements of a plan, each ending with `;`. */
export function planStatements(changes: Change[], format: PlanFormat = {}): string[] {
  return changes.map((c) => `${format.indent ? indentCreate(c.cmd, format.indent) : c.cmd};`);
}

/** The full file content of a plan. Empty string for an empty plan. */
export function planText(changes: Change[], format: PlanFormat = {}): string {
  let out = format.directives?.length ? `${format.directives.join('\n')}\n\n` : '';
  for (const c of changes) {
    if (c.comment) out += `-- ${upperFirst(c.comment)}\n`;
    out += `${format.indent ? indentCreate(c.cmd, format.indent) : c.cmd};\n`;
  }
  return out;
}

/** Breaks `CREATE TABLE "t" (a, b)` into one definition per line, as Atlas's indented `sql` format does. */
function indentCreate(cmd: string, indent: string): string {
  const m = /^(CREATE (?:UNLOGGED )?TABLE \S+(?:\.\S+)? )\((.*)\)((?: INHERITS \(.*\))?(?: PARTITION BY .*)?)$/s.exec(cmd);
  if (!m) return cmd;
  const defs = splitTopLevel(m[2]);
  if (!defs.length) return cmd;
  return `${m[1]}(\n${defs.map((d) => indent + d).join(',\n')}\n)${m[3]}`;
}

function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (s.slice(start).trim()) out.push(s.slice(start).trim());
  return out;
}
