// `atlas-wb devdb serve [--data-dir DIR]`: serves the embedded PostgreSQL (PGlite) on 127.0.0.1.
// The engine forks this command for the dev database and for pglite:// targets (one code path through
// `pg`); it can also be run by hand, printing a URL any PostgreSQL client can use.
import { parseArgs, str } from './args';
import { UserError, type CliCommand } from './io';

export const usage = 'atlas-wb devdb serve [--data-dir DIR] [--cache-dir DIR]';

export const run: CliCommand = async (args, io) => {
  const p = parseArgs(args, { 'data-dir': { type: 'string' }, 'cache-dir': { type: 'string' } });
  if (p.positional.length > 0) throw new UserError(`unexpected argument ${JSON.stringify(p.positional[0])}. Usage: ${usage}`);
  const { servePglite } = await import('../db/pgliteServer');
  let server: Awaited<ReturnType<typeof servePglite>>;
  try {
    server = await servePglite({ dataDir: str(p, 'data-dir'), cacheDir: str(p, 'cache-dir') });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (process.send) process.send({ error: msg });
    throw new UserError(`starting the embedded database: ${msg}`);
  }
  const { info } = server;
  return new Promise<number>((resolve) => {
    const finish = () => {
      void server.stop().then(() => resolve(0));
    };
    if (process.send) {
      process.send({ ready: true, ...info });
      // The parent went away (exit, crash or SIGKILL closes the IPC channel): stop with it.
      process.on('disconnect', finish);
      process.on('message', (m: unknown) => {
        if (m && (m as { stop?: boolean }).stop) finish();
      });
    } else {
      io.out(`postgres://postgres@127.0.0.1:${info.port}/postgres?sslmode=disable\n`);
    }
    process.once('SIGINT', finish);
    process.once('SIGTERM', finish);
  });
};
