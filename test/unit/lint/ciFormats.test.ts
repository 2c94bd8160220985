import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import draft04 from 'ajv/lib/refs/json-schema-draft-04.json';
import { memoryIO } from '../../../server/src/cli/io';
import { run } from '../../../server/src/cli/migrateLint';
import { escapeData, escapeProperty } from '../../../server/src/lint/githubAnnotations';
import { ruleDescriptions } from '../../../server/src/lint/ruleCatalog';
import { analyzers } from '../../../server/src/lint/analyzers';

const schemaPath = path.join(__dirname, '../../fixtures/sarif/sarif-schema-2.1.0.json');

/** A project folder (cwd) with migrations/ holding `files`. */
function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-ci-'));
  fs.mkdirSync(path.join(root, 'db', 'migrations'), { recursive: true });
  for (const [n, t] of Object.entries(files)) fs.writeFileSync(path.join(root, 'db', 'migrations', n), t);
  return root;
}

async function lint(root: string, format: string, ...args: string[]): Promise<{ code: number; out: string }> {
  const io = memoryIO(root);
  const code = await run(['--dir', 'file://db/migrations', '--static', '--latest', '1', '--format', format, ...args], io);
  return { code, out: io.stdout };
}

function sarifValidator() {
  const ajv = new Ajv({ schemaId: 'id', allErrors: true, format: 'full', logger: false });
  ajv.addMetaSchema(draft04);
  return ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as object);
}

const files = {
  '1_init.sql': 'CREATE TABLE pets (id int, name text);\nCREATE TABLE owners (id int);\n',
  // a multi-byte character before the statement on its line checks the UTF-16 column
  '2_change.sql': "-- drops\nSELECT 'é'; DROP TABLE pets;\nALTER TABLE owners ADD COLUMN age int NOT NULL;\n",
};

interface SarifDoc {
  version: string;
  runs: Array<{
    tool: {
      driver: { name: string; rules: Array<{ id: string; helpUri?: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }> };
    };
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }>;
    }>;
  }>;
}

describe('cli: migrate lint --format sarif | github (CI outputs)', () => {
  it('prints a SARIF 2.1.0 log that validates against the official schema, with rules, levels and locations', async () => {
    const root = project(files);
    const { code, out } = await lint(root, 'sarif');
    assert.equal(code, 1); // DS102 is an error
    const doc = JSON.parse(out) as SarifDoc;
    const validate = sarifValidator();
    assert.ok(validate(doc), JSON.stringify(validate.errors, null, 2));
    assert.equal(doc.version, '2.1.0');
    // the validator does reject a log that breaks the schema
    assert.equal(validate({ ...doc, version: '2.0.0' }), false);
    assert.equal(validate({ ...doc, runs: [{ ...doc.runs[0], results: [{ level: 'fatal', message: { text: 'x' } }] }] }), false);
    const r = doc.runs[0];
    assert.equal(r.tool.driver.name, 'atlas-wb');
    const ds102 = r.tool.driver.rules.find((x) => x.id === 'DS102')!;
    assert.equal(ds102.helpUri, 'https://atlasgo.io/lint/analyzers#DS102');
    assert.equal(ds102.defaultConfiguration.level, 'error');
    const got = r.results.map((x) => [
      x.ruleId,
      x.level,
      x.locations[0].physicalLocation.artifactLocation.uri,
      x.locations[0].physicalLocation.region.startLine,
      x.locations[0].physicalLocation.region.startColumn,
    ]);
    assert.deepEqual(got, [
      ['DS102', 'error', 'db/migrations/2_change.sql', 2, 13],
      ['MF103', 'warning', 'db/migrations/2_change.sql', 3, 1],
      ['AW101', 'warning', 'db/migrations/2_change.sql', 3, 1],
    ]);
    for (const x of r.results) assert.equal(r.tool.driver.rules[x.ruleIndex].id, x.ruleId);
    assert.match(r.results[0].message.text, /^Dropping table "pets"/);
  });

  it('follows atlas.hcl severities (error = false) and reports syntax problems as results that still validate', async () => {
    const root = project({ '1.sql': 'CREATE TABLE t (id int);\n', '2.sql': 'DROP TABLE t;\n', '3.sql': '\nCREATE TABLE (;\n' });
    fs.writeFileSync(
      path.join(root, 'atlas.hcl'),
      'env "ci" {\n  migration {\n    dir = "file://db/migrations"\n  }\n}\nlint {\n  destructive {\n    error = false\n  }\n}\n',
    );
    const io = memoryIO(root);
    await run(['--env', 'ci', '--static', '--latest', '2', '--format', 'sarif'], io);
    const doc = JSON.parse(io.stdout) as SarifDoc;
    const validate = sarifValidator();
    assert.ok(validate(doc), JSON.stringify(validate.errors, null, 2));
    const levels = doc.runs[0].results.map((x) => `${x.ruleId}:${x.level}:${x.locations[0].physicalLocation.region.startLine}`);
    assert.deepEqual(levels, ['DS102:warning:1', 'syntax:error:2']);
    assert.equal(doc.runs[0].tool.driver.rules.find((x) => x.id === 'DS102')!.defaultConfiguration.level, 'warning');
  });

  it('prints GitHub workflow commands with escaped properties and messages', async () => {
    const root = project(files);
    const { code, out } = await lint(root, 'github');
    assert.equal(code, 1);
    const lines = out.trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.equal(
      lines[0],
      '::error file=db/migrations/2_change.sql,line=2,col=13,title=DS102 (destructive)::Dropping table "pets" https://atlasgo.io/lint/analyzers#DS102' +
        '%0ASuggested fix: Add a pre-migration check to ensure table "pets" is empty before dropping it',
    );
    assert.match(
      lines[1],
      /^::warning file=db\/migrations\/2_change\.sql,line=3,col=1,title=MF103 \(data_depend\)::Adding a non-nullable "integer" column "age"/,
    );
    // the suggested fix goes on a second message line, escaped as %0A
    assert.match(lines[2], /^::warning [^:]+title=AW101 \(workbench\)::.*%0ASuggested fix: Add SET lock_timeout/);
  });

  it("escapes the runner's special characters", () => {
    assert.equal(escapeData('50% done\r\nnext'), '50%25 done%0D%0Anext');
    assert.equal(escapeProperty('a,b: c%'), 'a%2Cb%3A c%25');
  });

  it('keeps the rule catalog in step with the analyzers', () => {
    const codes = analyzers.flatMap((a) => a.codes).sort();
    assert.deepEqual(Object.keys(ruleDescriptions).sort(), codes);
  });
});
