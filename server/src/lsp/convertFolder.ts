// atlas/convertFolder: the editor's "Convert Folder to Atlas Format" (engine importFolder, `migrate import`).
// A pure function of its params; errors come back as typed failures, never as text to parse.
import type { ConvertFolderParams, ConvertFolderResult } from '../protocol';
import { shownDeep } from '../secrets';
import { URI } from './uri';

export async function convertFolder(p: ConvertFolderParams): Promise<ConvertFolderResult> {
  const { detectFolderFormat, importFolder, toEngineError } = await import('../engine');
  const folder = URI.toPath(p.folderUri);
  try {
    const format = p.format ?? detectFolderFormat(folder)?.format;
    if (!format)
      return {
        output: '',
        error: { kind: 'invalidInput', message: `cannot tell which tool ${folder} was written for: choose golang-migrate, goose, flyway, liquibase or dbmate` },
      };
    // dir URLs as a user writes them: file://<absolute path>
    const r = importFolder({ from: `file://${folder}?format=${encodeURIComponent(format)}`, to: `file://${URI.toPath(p.targetUri)}`, cwd: folder });
    const output = r.files.length ? `Converted ${r.files.length} files (${format}) into ${r.target}\n` : 'nothing to import\n';
    return shownDeep({ format, files: r.files.map((f) => URI.fromPath(f)), output });
  } catch (e) {
    const err = toEngineError(e);
    return shownDeep({ output: err.detail.preamble ?? '', error: { kind: err.kind, message: err.message } });
  }
}
