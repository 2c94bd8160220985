// Starts the embedded dev database in the background when the user edits a desired-state file (devWarm.ts), so the
// first Generate Migration does not wait for it, and tells the client its state for the language status item.
// The engine stops it after a minute without use. Light at initialize: the engine module loads on the first edit.
import type { Feature } from './context';
import { DevDatabaseNotification, type DevDatabaseParams } from '../protocol';
import { URI } from './uri';
import { wantsEmbeddedDev } from './devWarm';

export const feature: Feature = {
  capabilities: {},
  register(ctx) {
    let engine: Promise<typeof import('../engine/devDatabase')> | undefined;
    const load = () =>
      (engine ??= import('../engine/devDatabase').then((m) => {
        const send = (state: DevDatabaseParams['state']) =>
          void ctx.connection.sendNotification(DevDatabaseNotification.method, { state } satisfies DevDatabaseParams);
        m.onEmbeddedState(send);
        send(m.embeddedState());
        return m;
      }));
    ctx.documents.onDidChangeContent((e) => {
      const uri = e.document.uri;
      if (!uri.startsWith('file:') || !/\.(sql|hcl)$/i.test(uri)) return;
      void (async () => {
        const settings = await ctx.settings(uri);
        if (!wantsEmbeddedDev(URI.toPath(uri), ctx.workspaceFolders(), settings.devDatabase)) return;
        // Running already: the idle stop counts from this edit.
        await (await load()).prewarmEmbedded();
      })().catch((err) => ctx.log(`dev database pre-warm: ${err instanceof Error ? err.message : String(err)}`));
    });
  },
};
