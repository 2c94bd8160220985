// Seeds one mistake at a time into a real atlas.hcl: typo'd attribute and block names, undefined references,
// unknown functions, wrong enum values, broken syntax, bad URL schemes. Each mutation knows its line.
import { allBlocks, attributes, walkExpr, type Range } from '../../../server/src/config/ast';
import type { ProjectModel } from '../../../server/src/config/model';
import { specForBlock, type BlockSpec } from '../../../server/src/config/schema';

export interface Mutation {
  kind: string;
  line: number;
  text: string;
  description: string;
}

function replaceAt(text: string, r: Range, newText: string): string {
  const lines = text.split('\n');
  const l = lines[r.start.line];
  lines[r.start.line] = l.slice(0, r.start.character) + newText + l.slice(r.start.line === r.end.line ? r.end.character : l.length);
  return lines.join('\n');
}

/** A typo: swap two inner letters, or double the last one for short names. */
function typo(name: string): string {
  if (name.length >= 4) {
    const i = Math.floor(name.length / 2);
    const t = name.slice(0, i - 1) + name[i] + name[i - 1] + name.slice(i + 1);
    if (t !== name) return t;
  }
  return name + name[name.length - 1];
}

export function mutations(model: ProjectModel, text: string, perKind = 3): Mutation[] {
  const out: Mutation[] = [];
  const add = (kind: string, r: Range, newText: string, description: string) => {
    if (out.filter((m) => m.kind === kind).length >= perKind) return;
    out.push({ kind, line: r.start.line, text: replaceAt(text, r, newText), description });
  };
  const specs = new Map<object, BlockSpec | undefined>();
  for (const { block, parents } of allBlocks(model.file.body)) {
    let parent: BlockSpec | undefined;
    for (const p of parents) {
      parent = specs.get(p) ?? undefined;
    }
    const spec =
      parents.length && !parent
        ? undefined
        : specForBlock(
            block.type,
            block.labels.map((l) => l.value),
            parent,
          );
    specs.set(block, spec);
    if (!spec) continue;
    // typo'd block name (not when the parent accepts free-form blocks and the typo is far)
    if (!parent?.anyBlocks || block.type.length >= 4) add('block-typo', block.typeRange, typo(block.type), `block ${block.type} → ${typo(block.type)}`);
    for (const a of attributes(block.body)) {
      if (spec.attrs?.some((s) => s.name === a.name)) add('attribute-typo', a.nameRange, typo(a.name), `attribute ${a.name} → ${typo(a.name)}`);
      const as = spec.attrs?.find((s) => s.name === a.name);
      if (as?.enum && a.expr.range.start.line === a.expr.range.end.line) add('enum-value', a.expr.range, '"BOGUS"', `${a.name} = "BOGUS"`);
      if (as && a.expr.range.start.line === a.expr.range.end.line) add('syntax', a.nameRange, `${a.name} = =`, `${a.name} = = …`);
      if (as?.url) {
        walkExpr(a.expr, (e) => {
          if (e.kind !== 'template' || typeof e.parts[0] !== 'string') return;
          const m = /^([a-z+]+):\/\//.exec(e.parts[0]);
          if (!m || m[1] === 'env') return;
          const r = {
            start: { line: e.range.start.line, character: e.range.start.character + 1 },
            end: { line: e.range.start.line, character: e.range.start.character + 1 + m[1].length },
          };
          add('url-scheme', r, `${m[1]}s`, `${m[1]}:// → ${m[1]}s://`);
        });
      }
    }
  }
  // references and function calls anywhere
  for (const { block } of allBlocks(model.file.body)) {
    for (const a of attributes(block.body)) {
      walkExpr(a.expr, (e) => {
        if (e.kind === 'traversal' && (e.root === 'var' || e.root === 'local') && e.steps[0]?.kind === 'attr') {
          add('undefined-ref', e.steps[0].range, `${e.steps[0].name}_undefined`, `${e.root}.${e.steps[0].name} → ${e.steps[0].name}_undefined`);
        }
        if (e.kind === 'traversal' && e.root === 'data' && e.steps[1]?.kind === 'attr')
          add('undefined-ref', e.steps[1].range, 'nosuch', `data.….${e.steps[1].name} → nosuch`);
        if (e.kind === 'call') add('unknown-function', e.nameRange, `${e.name}x`, `${e.name}() → ${e.name}x()`);
      });
    }
  }
  return out;
}
