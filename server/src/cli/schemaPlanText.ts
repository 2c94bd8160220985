// Atlas's review text of a declarative plan (cmdlog.SchemaPlanTemplate): `-- Planned Changes:`, then each change's
// comment (first letter upper-cased) and statement.
import type { SchemaPlan } from '../engine/schemaApply';
import { upperFirst } from '../schema/sqlText';

export function planReview(plan: SchemaPlan): string {
  let out = '-- Planned Changes:\n';
  plan.changes.forEach((c, i) => {
    if (c.comment) out += `-- ${upperFirst(c.comment)}\n`;
    out += `${plan.statements[i]}\n`;
  });
  return out;
}
