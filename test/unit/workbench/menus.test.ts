// package.json menus: the env commands that write to the env's database (Apply, Down, Set) are offered only on env
// items whose URL resolved (the tree item's contextValue carries `unresolved` otherwise); the others on every env.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

interface MenuItem {
  command: string;
  when?: string;
}
const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as { contributes: { menus: Record<string, MenuItem[]> } };
const envItems = pkg.contributes.menus['view/item/context'].filter((m) => m.when?.includes('view == atlasWorkbench.environments'));

/** Whether the `viewItem =~ /.../` clause of the menu entry accepts a contextValue. */
function shown(command: string, contextValue: string): boolean {
  const m = envItems.find((i) => i.command === `atlasWorkbench.${command}`);
  assert.ok(m, `no environments menu entry for ${command}`);
  const re = /viewItem =~ \/(.*)\//.exec(m.when!)![1];
  return new RegExp(re).test(contextValue);
}

describe('client: env menus follow the tree item flags', () => {
  it('Apply, Down and Set are hidden on unresolved envs and shown on resolved ones', () => {
    for (const c of ['migrateApply', 'migrateDown', 'migrateSet']) {
      assert.equal(shown(c, 'env production active migrations'), true, c);
      assert.equal(shown(c, 'env migrations'), true, c);
      assert.equal(shown(c, 'env production unresolved migrations'), false, c);
    }
  });

  it('read-only and local commands stay on every env item; detail rows get none', () => {
    for (const c of ['migrateStatus', 'migrateLint', 'migrateHash', 'openEnv']) {
      assert.equal(shown(c, 'env unresolved'), true, c);
      assert.equal(shown(c, 'envDetail url'), false, c);
    }
    assert.equal(shown('migrateApply', 'envDetail url'), false);
  });
});
