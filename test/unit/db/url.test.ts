// Atlas URL parsing (postgres/postgresql, search_path scope, sslmode, encoded passwords, docker://, pglite://)
// and password masking.
import assert from 'node:assert/strict';
import { maskUrl, parseDbUrl, redactPassword, type PostgresUrl, type DockerUrl, type PgliteUrl } from '../../../server/src/db/url';

describe('db/url', () => {
  it('masks the password and nothing else', () => {
    assert.equal(maskUrl('postgres://user:p%40ss@host:5432/db?sslmode=disable'), 'postgres://user:****@host:5432/db?sslmode=disable');
    assert.equal(maskUrl('postgres://user@host/db'), 'postgres://user@host/db');
    assert.equal(maskUrl('postgresql://u:@h/d'), 'postgresql://u:****@h/d');
    assert.equal(maskUrl('docker://postgres/16/dev'), 'docker://postgres/16/dev');
    assert.equal(maskUrl('not a url'), 'not a url');
    assert.equal(maskUrl('postgres://u:p@ss:w@rd@host/db'), 'postgres://u:****@host/db');
    assert.equal(maskUrl('postgres://u:pw@host/db?x=a@b'), 'postgres://u:****@host/db?x=a@b');
  });

  it('redacts raw and decoded passwords from driver texts', () => {
    const url = 'postgres://u:s%2Fcr%40t@h/d';
    assert.equal(redactPassword('failed for s/cr@t and s%2Fcr%40t', url), 'failed for **** and ****');
    assert.equal(redactPassword('bad p@ss here', 'postgres://u:p@ss@h/d'), 'bad **** here');
  });

  it('parses postgres URLs like lib/pq: decoded credentials, default sslmode require, search_path scope', () => {
    const p = parseDbUrl('postgresql://al%20ice:p%3Aw%2Fd@db.example.com:6543/app%2Dx?search_path=tenant&application_name=wb') as PostgresUrl;
    assert.deepEqual(
      [p.kind, p.host, p.port, p.user, p.password, p.database, p.schema, p.sslmode],
      ['postgres', 'db.example.com', 6543, 'al ice', 'p:w/d', 'app-x', 'tenant', 'require'],
    );
    assert.deepEqual(p.ssl, { rejectUnauthorized: false });
    assert.deepEqual(p.params, { application_name: 'wb' });
    const local = parseDbUrl('postgres://postgres@localhost/db?sslmode=disable') as PostgresUrl;
    assert.equal(local.ssl, false);
    assert.equal(local.schema, undefined);
    assert.equal(local.port, 5432);
    const full = parseDbUrl('postgres://h/db?sslmode=verify-full') as PostgresUrl;
    assert.deepEqual(full.ssl, { rejectUnauthorized: true, servername: 'h' });
    assert.throws(() => parseDbUrl('postgres://h/db?sslmode=bogus'), /unsupported sslmode "bogus"/);
    assert.throws(
      () => parseDbUrl('mysql://u:secret@h/db'),
      (e: Error) => !e.message.includes('secret') && /unsupported database URL scheme "mysql"/.test(e.message),
    );
  });

  it('parses docker:// and pglite:// URLs', () => {
    const d = parseDbUrl('docker://postgres/16/dev?search_path=public') as DockerUrl;
    assert.deepEqual([d.kind, d.image, d.tag, d.database, d.schema], ['docker', 'postgres', '16', 'dev', 'public']);
    const v = parseDbUrl('docker://pgvector/pgvector:pg16') as DockerUrl;
    assert.deepEqual([v.image, v.tag, v.database], ['pgvector', 'pgvector:pg16', undefined]);
    const l = parseDbUrl('pglite:///var/data/app?search_path=s') as PgliteUrl;
    assert.deepEqual([l.kind, l.dataDir, l.schema], ['pglite', '/var/data/app', 's']);
    assert.equal((parseDbUrl('pglite://memory') as PgliteUrl).dataDir, undefined);
  });
});
