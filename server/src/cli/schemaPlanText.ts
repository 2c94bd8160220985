// Atlas's review text of a declarative plan (cmdlog.SchemaPlanTemplate), and the plan's lint findings after it.
import type { SchemaPlan } from '../engine/schemaApply';
import { planLintText } from '../lint/planLint';
import { planReviewText } from '../schema/planReview';

export function planReview(plan: Pick<SchemaPlan, 'changes' | 'statements'>): string {
  return planReviewText(plan.changes.map((c, i) => ({ comment: c.comment, statement: plan.statements[i] }))).text;
}

/** The review, then (only when there are findings) the lint of the plan, before the approval prompt. */
export function planReviewWithLint(plan: SchemaPlan): string {
  return planReview(plan) + planLintText(plan.lint);
}
