// A throw-away PostgreSQL 15 that requires a password (scram-sha-256), for wrong-password tests.
// The shared integration server trusts every local connection, so it cannot show authentication errors.
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore — a plain .mjs script without types
import { startPostgres } from '../../../scripts/pg.mjs';

export interface AuthServer {
  port: number;
  password: string;
  stop(): void;
}

export async function startAuthServer(password: string): Promise<AuthServer | undefined> {
  const server = (await startPostgres({ password })) as { port: number; stop(): void } | undefined;
  return server && { port: server.port, password, stop: () => server.stop() };
}
