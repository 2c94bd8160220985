// Merging a migration folder with Atlas's `migrate status` JSON into per-file states, and env scanning.
import assert from 'node:assert/strict';
import { mergeStatus, statusErrorKind, statementLine, statusResult, type AtlasStatusJson } from '../../../server/src/lsp/workbenchStatus';
import { splitName } from '../../../server/src/migrate/version';
import { envsFromText, scanEnvBlocks } from '../../../server/src/lsp/workbenchEnvs';
import { findEnvFile, parseDotenv } from '../../../server/src/config/dotenv';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileLabel, formatDuration, envStatusLine } from '../../../client/src/views/migrationLabels';

const file = (name: string, content = 'SELECT 1;\n') => ({ name, path: `/m/${name}`, content });

describe('workbench status merge', () => {
  it('marks applied (time, duration), partial (failing statement line), out of order and pending files', () => {
    const files = [file('1_a.sql'), file('2_b.sql', 'CREATE TABLE t (id int);\n\nALTER TABLE t\n  ADD COLUMN x int;\n'), file('2.5_late.sql'), file('3_c.sql')];
    const status: AtlasStatusJson = {
      Status: 'PENDING',
      Current: '2',
      Next: 'UNKNOWN',
      Applied: [
        { Version: '1', Applied: 1, Total: 1, ExecutedAt: '2026-01-26T10:31:05.123Z', ExecutionTime: 1234567 },
        { Version: '2', Applied: 1, Total: 2, Error: 'column "x" already exists', ErrorStmt: 'ALTER TABLE t ADD COLUMN x int;' },
      ],
      OutOfOrder: [{ Version: '2.5', Name: '2.5_late.sql' }],
      Pending: [{ Version: '3', Name: '3_c.sql' }],
    };
    const merged = mergeStatus(files, status, new Set(['1_a.sql']));
    assert.deepEqual(
      merged.map((f) => f.state),
      ['edited', 'partial', 'outOfOrder', 'pending'],
    );
    assert.equal(merged[0].executionTimeNs, 1234567);
    assert.equal(merged[1].errorLine, 2);
    assert.equal(merged[1].error, 'column "x" already exists');
    const r = statusResult({ env: 'local', projectUri: 'file:///p/atlas.hcl' }, merged, status);
    assert.equal(r.pendingCount, 2);
    assert.equal(r.next, 'UNKNOWN');
  });

  it('splits names like Atlas and finds statements whitespace-insensitively', () => {
    assert.deepEqual(splitName('20240101000000_initial_schema.sql'), { version: '20240101000000', description: 'initial_schema' });
    assert.deepEqual(splitName('1.sql'), { version: '1', description: '' });
    assert.equal(statementLine('-- x\nINSERT INTO a\nVALUES (1);', 'INSERT INTO a VALUES (1);'), 1);
    assert.equal(statementLine('SELECT 1;', 'DROP TABLE nope;'), undefined);
  });

  it('classifies status errors into the welcome states', () => {
    assert.equal(statusErrorKind('unresolved'), 'unresolved');
    assert.equal(statusErrorKind('authFailed'), 'password');
    assert.equal(statusErrorKind('connectionRefused'), 'unreachable');
    assert.equal(statusErrorKind('checksumMismatch'), 'other');
  });

  it('labels states for the tree (durations in Go style)', () => {
    assert.equal(formatDuration(1234567), '1.235ms');
    assert.equal(formatDuration(2_500_000_000), '2.5s');
    const applied = fileLabel({
      name: '1_a.sql',
      version: '1',
      description: 'a',
      path: '/m/1_a.sql',
      state: 'applied',
      executedAt: '2026-01-26T10:31:05.123Z',
      executionTimeNs: 1234567,
    });
    assert.equal(applied.description, 'applied 2026-01-26 10:31:05 UTC in 1.235ms');
    assert.equal(applied.contextValue, 'migration.applied');
    const partial = fileLabel({ name: '2_b.sql', version: '2', description: 'b', path: '/m/2_b.sql', state: 'partial', applied: 1, total: 2, error: 'boom' });
    assert.match(partial.description, /partially applied \(1 of 2 statements\): boom/);
    assert.equal(envStatusLine({ env: 'x', projectUri: '', files: [], pendingCount: 0, status: 'OK', current: '3' }), 'OK · version 3');
  });
});

describe('workbench env scan', () => {
  const hcl = [
    'variable "x" {',
    '  default = "}"',
    '}',
    '',
    '# env "commented" {}',
    'env "local" {',
    '  url = getenv("DATABASE_URL")',
    '  dev = "docker://postgres/16/dev"',
    '  src = ["file://a.sql", "file://b.sql"]',
    '  migration {',
    '    dir = "file://migrations"',
    '  }',
    '  lint {',
    '    url = "nested"',
    '  }',
    '}',
    'env "prod" {',
    '  url = "postgres://app:s3cret@db:5432/app"',
    '}',
    'env {',
    '  name = atlas.env',
    '}',
  ].join('\n');

  it('finds env blocks with ranges, literal attributes and masked URLs', () => {
    const envs = envsFromText('/p/atlas.hcl', hcl, { DATABASE_URL: 'postgres://u:pw@h/db' });
    assert.deepEqual(
      envs.map((e) => e.name),
      ['local', 'prod', 'atlas.env'],
    );
    assert.equal(envs[0].url, 'postgres://u:****@h/db');
    assert.deepEqual(envs[0].src, ['file://a.sql', 'file://b.sql']);
    assert.equal(envs[0].migrationDir, 'file://migrations');
    assert.deepEqual(envs[0].range, { start: { line: 5, character: 0 }, end: { line: 15, character: 1 } });
    assert.equal(envs[1].url, 'postgres://app:****@db:5432/app');
    assert.ok(!JSON.stringify(envs).includes('s3cret'));
  });

  it('reports an unset getenv as unresolved', () => {
    const [local] = envsFromText('/p/atlas.hcl', hcl, {});
    assert.match(local.unresolved ?? '', /getenv\("DATABASE_URL"\) is not set/);
  });

  it('survives unbalanced braces and binary garbage', () => {
    assert.equal(scanEnvBlocks('env "x" {\n url = "a').length, 1);
    assert.doesNotThrow(() => envsFromText('/p/atlas.hcl', '\u0000\u0001env "{{{ <<EOF\n'));
  });

  it('parses .env files', () => {
    assert.deepEqual(parseDotenv('# c\nexport A=1\nB="two words"\nC=\'x#y\'\nD=plain # comment\nbad line'), { A: '1', B: 'two words', C: 'x#y', D: 'plain' });
  });

  it('finds .env beside atlas.hcl, else up to the workspace folder, never above it', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-env-'));
    const nested = path.join(root, 'ws', 'manifests', 'schemas');
    fs.mkdirSync(nested, { recursive: true });
    fs.writeFileSync(path.join(root, '.env'), 'A=outside\n');
    assert.equal(findEnvFile(nested, '.env', [path.join(root, 'ws')]), undefined);
    fs.writeFileSync(path.join(root, 'ws', '.env'), 'A=1\n');
    assert.equal(findEnvFile(nested, '.env', [path.join(root, 'ws')]), path.join(root, 'ws', '.env'));
    fs.writeFileSync(path.join(nested, '.env'), 'A=2\n');
    assert.equal(findEnvFile(nested, '.env', [path.join(root, 'ws')]), path.join(nested, '.env'));
    fs.rmSync(root, { recursive: true, force: true });
  });
});
