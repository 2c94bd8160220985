import assert from 'node:assert/strict';
import path from 'node:path';
import { listEnvs, resolveEnv } from '../../../server/src/config/resolve';
import { envFromFlags, envsFromFlags } from '../../../server/src/cli/project';
import { memoryIO } from '../../../server/src/cli/io';
import { UserError } from '../../../server/src/cli/io';

const dir = path.resolve(__dirname, '../../fixtures/config/resolve');
const configPath = path.join(dir, 'atlas.hcl');

describe('config/resolve', () => {
  it('resolves a labelled env: locals, urlescape, getenv from .env, defaults, bare enums, lint/diff merge', async () => {
    const [env] = await resolveEnv({ configPath, env: 'local', environ: {} });
    assert.equal(env.name, 'local');
    assert.equal(env.url, 'postgres://app:p%40ss+word@db.internal:5432/app?sslmode=disable');
    assert.equal(env.devUrl, 'docker://postgres/16/dev?search_path=public');
    assert.deepEqual(env.src, [`file://${path.join(dir, 'schema.sql')}`, 'file://extra.sql']);
    assert.deepEqual(env.schemas, ['public']);
    assert.deepEqual(env.migration, { dir: 'file://migrations', execOrder: 'linear-skip', lockTimeout: '10s' });
    assert.deepEqual(env.extra, { tenant: 'acme' });
    assert.equal(env.format['migrate.apply'], '{{ json . }}');
    assert.deepEqual(env.lint, { analyzers: { destructive: { error: false } }, latest: 3 });
    assert.deepEqual(env.diff.skip, { drop_schema: true });
    assert.deepEqual(env.unresolved, {});
  });

  it('the process environment wins over .env, and --var overrides defaults (typed)', async () => {
    const [env] = await resolveEnv({ configPath, env: 'local', environ: { DB_HOST: 'h2' }, vars: { db_pass: 'x', port: '6543' } });
    assert.equal(env.url, 'postgres://app:x@h2:6543/app?sslmode=disable');
  });

  it('env:// refers to another attribute; external_schema programs are recorded; env lint analyzers replace global ones', async () => {
    const [env] = await resolveEnv({ configPath, env: 'orm', environ: {} });
    assert.equal(env.url, 'postgres://prod:secret@prod.example.com/app');
    assert.equal(env.devUrl, env.url);
    assert.deepEqual(env.src, ['external_schema://orm']);
    assert.deepEqual(env.externalSchemas, { orm: { program: ['npx', 'orm-loader', '--dialect', 'postgres'], workingDir: 'loader' } });
    assert.deepEqual(env.lint.analyzers, { data_depend: { error: true } });
    assert.equal(env.lint.latest, 3);
  });

  it('for_each env runs once per element', async () => {
    const envs = await resolveEnv({ configPath, env: 'tenants', environ: {} });
    assert.deepEqual(
      envs.map((e) => e.url),
      ['postgres://localhost/a', 'postgres://localhost/b'],
    );
  });

  it("unknown env gives Atlas's error text", async () => {
    await assert.rejects(resolveEnv({ configPath, env: 'nope', environ: {} }), /^Error: env "nope" not defined in project file$/);
  });

  it('listEnvs masks passwords and reports unset getenv', async () => {
    const envs = await listEnvs(configPath, { environ: {}, dotenvPath: path.join(dir, 'missing.env') });
    const orm = envs.find((e) => e.name === 'orm')!;
    assert.equal(orm.url, '');
    assert.match(orm.unresolved['getenv.PROD_URL'], /getenv\("PROD_URL"\) is not set/);
    const local = envs.find((e) => e.name === 'local')!;
    assert.ok(!local.url!.includes('p%40ss'), local.url);
    assert.equal(local.range.start.line, 33);
    const withDotenv = await listEnvs(configPath, { environ: {} });
    assert.ok(withDotenv.find((e) => e.name === 'orm')!.url!.includes('****'));
    assert.ok(!JSON.stringify(withDotenv).split(dir).join('<dir>').includes('secret')); // the checkout path may hold the word
  });
});

describe('cli/project envFromFlags', () => {
  it('defaults to file://atlas.hcl in cwd, applies --var', async () => {
    const io = memoryIO(dir, {});
    const env = await envFromFlags(io, { env: 'local', var: ['db_pass=abc'] });
    assert.equal(env?.url, 'postgres://app:abc@db.internal:5432/app?sslmode=disable');
    assert.equal(await envFromFlags(io, {}), undefined);
    assert.equal((await envsFromFlags(io, { env: 'tenants' })).length, 2);
  });

  it('reports missing env / file / bad --var as user errors', async () => {
    const io = memoryIO(dir, {});
    await assert.rejects(envFromFlags(io, { env: 'prod' }), (e: Error) => e instanceof UserError && e.message === 'env "prod" not defined in project file');
    await assert.rejects(
      envFromFlags(io, { env: 'local', config: 'file://nope.hcl' }),
      (e: Error) => e instanceof UserError && /no such file or directory/.test(e.message),
    );
    await assert.rejects(envFromFlags(io, { env: 'local', config: 'atlas.hcl' }), /file:\/\/ URL/);
    await assert.rejects(envFromFlags(io, { env: 'local', var: ['novalue'] }), /key=value/);
  });
});
