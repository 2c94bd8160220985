// All analyzers, in report order (Atlas's order first, then ours).
import type { Analyzer } from '../analyzer';
import { blocking } from './blocking';
import { concurrentIndex } from './concurrentIndex';
import { condrop } from './condrop';
import { dataDepend } from './dataDepend';
import { destructive } from './destructive';
import { incompatible } from './incompatible';
import { naming } from './naming';
import { workbench } from './workbench';

export const analyzers: Analyzer[] = [destructive, dataDepend, condrop, incompatible, naming, concurrentIndex, blocking, workbench];
