// Engine API: the rename candidates of a `migrate diff` (a dropped and an added column or table with the same
// definition) described for the editor to ask about: Atlas's question and the `--rename` spelling of each.
import { renameQuestion, renameSpec, type Rename } from '../schema/renames';

export interface RenameCandidateInfo extends Rename {
  /** Atlas's question for it */
  question: string;
  /** its `--rename` spelling */
  spec: string;
}

export function describeRenames(candidates: Rename[]): RenameCandidateInfo[] {
  return candidates.map((c) => ({ ...c, question: renameQuestion(c), spec: renameSpec(c) }));
}
