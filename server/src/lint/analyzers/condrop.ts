// condrop (CD101): dropping a foreign-key constraint (not when its column is dropped in the same statement).
import type { Analyzer } from '../analyzer';
import { alterOf, q } from '../analyzer';

export const condrop: Analyzer = {
  name: 'condrop',
  header: 'constraint deletion detected',
  defaultError: false,
  codes: ['CD101'],
  check(ctx) {
    const alter = alterOf(ctx);
    if (!alter?.table) return [];
    const droppedCols = new Set(alter.cmds.filter((c) => c.subtype === 'AT_DropColumn' && c.name).map((c) => c.name!));
    return alter.cmds
      .filter((c) => c.subtype === 'AT_DropConstraint' && c.name)
      .flatMap((c) => {
        const con = alter.table!.constraints.get(c.name!);
        if (con?.kind !== 'f' || con.columns.every((x) => droppedCols.has(x))) return [];
        return [{ code: 'CD101', text: `Dropping foreign-key constraint ${q(con.name)}`, pos: ctx.stmt.pos }];
      });
  },
};
