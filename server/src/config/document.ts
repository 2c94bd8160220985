// One atlas.hcl open in the editor (or read from disk): parse result + project model + where it lives.
import path from 'node:path';
import type { ConfigDiagnostic } from './diagnostic';
import { buildModel, type ProjectModel } from './model';
import { parseHcl, type ParsedDocument } from './parser';
import { validate, type ValidateOptions } from './validate';

export interface HclDocument {
  uri: string;
  /** file system path, when the document is a file */
  path?: string;
  parsed: ParsedDocument;
  model: ProjectModel;
}

export function makeDocument(parsed: ParsedDocument, uri: string, filePath?: string): HclDocument {
  return { uri, path: filePath, parsed, model: buildModel(parsed.file) };
}

export function diagnose(doc: HclDocument, opts: Omit<ValidateOptions, 'baseDir'> = {}): ConfigDiagnostic[] {
  return validate(doc.model, { ...opts, baseDir: doc.path ? path.dirname(doc.path) : undefined });
}

/** Parses and checks a text (tests, CLI): the diagnostics of an atlas.hcl at filePath. */
export async function checkText(text: string, filePath?: string): Promise<{ doc: HclDocument; diagnostics: ConfigDiagnostic[] }> {
  const doc = makeDocument(await parseHcl(text), filePath ? `file://${filePath}` : 'untitled:atlas.hcl', filePath);
  return { doc, diagnostics: diagnose(doc) };
}
