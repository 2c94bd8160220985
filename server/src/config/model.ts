// The project model of one atlas.hcl: its declarations (variables, locals, data sources, docker blocks, envs) indexed by name.
import { attributes, blocks, type Attribute, type Block, type HclFile, type Range } from './ast';

export interface Declaration {
  name: string;
  range: Range;
  block: Block;
}

export interface ProjectModel {
  file: HclFile;
  variables: Map<string, Declaration>;
  locals: Map<string, Attribute>;
  /** key: "<kind>.<name>" */
  data: Map<string, Block>;
  /** key: "<driver>.<name>" */
  docker: Map<string, Block>;
  envs: Block[];
}

export function buildModel(file: HclFile): ProjectModel {
  const m: ProjectModel = { file, variables: new Map(), locals: new Map(), data: new Map(), docker: new Map(), envs: [] };
  for (const b of blocks(file.body)) {
    if (b.type === 'variable' && b.labels[0]) m.variables.set(b.labels[0].value, { name: b.labels[0].value, range: b.labels[0].range, block: b });
    else if (b.type === 'locals') for (const a of attributes(b.body)) m.locals.set(a.name, a);
    else if (b.type === 'data' && b.labels.length >= 2) m.data.set(`${b.labels[0].value}.${b.labels[1].value}`, b);
    else if (b.type === 'docker' && b.labels.length >= 2) m.docker.set(`${b.labels[0].value}.${b.labels[1].value}`, b);
    else if (b.type === 'env') m.envs.push(b);
  }
  return m;
}
