// The lint of a declarative plan (pure): statements placed by byte offset (multi-byte names included), only the
// analyzers that judge changes, tables the plan creates hold no data; the text printed after the plan; the review
// text with the line of each statement.
import assert from 'node:assert/strict';
import { lintPlan, planLintText } from '../../../server/src/lint/planLint';
import { planReviewText } from '../../../server/src/schema/planReview';
import { ready } from './helpers';

const CURRENT = 'CREATE TABLE "café" (id int, note text);\nCREATE TABLE users (id int, email text);';

describe('lint: the plan of schema apply', () => {
  before(ready);

  it('places each finding on its statement, after statements with multi-byte names', () => {
    const f = lintPlan(CURRENT, ['ALTER TABLE "café" ADD COLUMN "prix" integer NOT NULL;', 'ALTER TABLE "users" DROP COLUMN "email";', 'DROP TABLE "café";']);
    assert.deepEqual(
      f.map((x) => [x.statement, x.code, x.analyzer, x.error]),
      [
        [1, 'DS103', 'destructive', true],
        [2, 'DS102', 'destructive', true],
        [0, 'MF103', 'data_depend', false],
      ],
    );
  });

  it('tables the plan creates hold no data; migration-file habits (CONCURRENTLY, lock_timeout) are not reported', () => {
    const f = lintPlan(CURRENT, [
      'CREATE TABLE "t" ("a" integer);',
      'ALTER TABLE "t" ADD COLUMN "b" integer NOT NULL;',
      'CREATE INDEX "u_email" ON "users" ("email");',
    ]);
    assert.deepEqual(f, []);
  });

  it('atlas.hcl analyzer settings decide the level', () => {
    const f = lintPlan(CURRENT, ['DROP TABLE "users";'], { destructive: { error: false } });
    assert.deepEqual(
      f.map((x) => [x.code, x.error]),
      [['DS102', false]],
    );
  });

  it('prints nothing without findings, else one group per analyzer with statement numbers and fixes', () => {
    assert.equal(planLintText([]), '');
    const text = planLintText(lintPlan(CURRENT, ['CREATE TABLE "x" ("a" integer);', 'DROP TABLE "users";']));
    assert.equal(
      text,
      '\n-- Lint of the planned changes (1 finding):\n--   destructive changes detected:\n--     DS102: Dropping table "users" (statement 2)\n' +
        '--       Suggested fix: Add a pre-migration check to ensure table "users" is empty before dropping it\n',
    );
  });

  it('the review text gives the line each statement starts on', () => {
    const r = planReviewText([
      { comment: 'create "t" table', statement: 'CREATE TABLE "t" (\n  "a" integer\n);' },
      { comment: '', statement: 'DROP TABLE "u";' },
    ]);
    assert.equal(r.text, '-- Planned Changes:\n-- Create "t" table\nCREATE TABLE "t" (\n  "a" integer\n);\nDROP TABLE "u";\n');
    assert.deepEqual(r.statementLines, [2, 5]);
  });
});
