// The HCL language features: atlas.hcl (config/*, lsp/hcl*.ts) and PostgreSQL HCL schema files (`*.pg.hcl`,
// lsp/schemaHcl*.ts) — thin wiring of the pure handlers to the connection; one handler per request dispatches on
// the document's language.
// Diagnostics are published right after each change (no debounce: a parse + check takes a few ms).
// tree-sitter (WASM) is loaded on the first atlas.hcl opened or asked about, not at start: a workspace without
// one never pays for it.
import path from 'node:path';
import { findEnvFile } from '../config/dotenv';
import { URI } from './uri';
import type { Feature, ServerContext } from './context';
import type { HclStore } from './hclStore';
import type { SchemaHclWorkspace } from './schemaHclWorkspace';
import { handlerHub } from './sumHandlerHub';
import {
  SchemaHclErdRequest,
  SchemaHclFileRequest,
  type SchemaHclErdParams,
  type SchemaHclErdResult,
  type SchemaHclFileParams,
  type SchemaHclFileResult,
} from '../protocol';
import { schemaFilesOf } from './schemaHclSources';

type Engine = typeof import('./hclEngine');
let engine: Engine | undefined;
let store: HclStore | undefined;
let schemas: SchemaHclWorkspace | undefined;
let storeReady: Promise<void> | undefined;

function ensureStore(): Promise<void> {
  storeReady ??= import('./hclEngine').then(async (m) => {
    const parser = await m.loadParser();
    store = new m.HclStore(parser);
    schemas = new m.SchemaHclWorkspace(parser, store);
    engine = m;
  });
  return storeReady;
}

/** An atlas.hcl document (by language id or file name). */
export function isAtlasConfig(uri: string, languageId?: string): boolean {
  return languageId === 'atlas-config' || /(^|\/)([^/]*\.)?atlas\.hcl$/.test(uri);
}

/** A PostgreSQL HCL schema document: by language id (the client sets it for `.hcl` files an env's src names), or `*.pg.hcl`. */
export function isSchemaHcl(uri: string, languageId?: string): boolean {
  return languageId === 'atlas-schema-postgresql' || /\.pg\.hcl$/.test(uri);
}

export const feature: Feature = {
  capabilities: {
    completionProvider: { triggerCharacters: ['.', '"', '/', '=', ' '] },
    hoverProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    documentSymbolProvider: true,
    documentFormattingProvider: true,
    codeActionProvider: { codeActionKinds: ['quickfix'] },
    renameProvider: { prepareProvider: true },
  },
  register(ctx: ServerContext) {
    const { connection, documents } = ctx;
    // completion, hover, navigation and symbols are shared with the SQL features: the hub asks each in turn
    const hub = handlerHub(connection);
    const pending = new Set<string>();
    const refresh = (uri: string) => {
      const td = documents.get(uri);
      if (!td || !(isAtlasConfig(uri, td.languageId) || isSchemaHcl(uri, td.languageId))) return undefined;
      if (!store || !engine) {
        pending.add(uri);
        loadStore();
        return undefined;
      }
      try {
        const doc = store.update(uri, td.getText());
        if (isSchemaHcl(uri, td.languageId)) {
          // a change in one file of a schema can break or mend references in the others
          schemas!.open.add(uri);
          for (const u of schemas!.siblingsOpen(uri))
            ctx.publish(
              u,
              'hcl',
              engine.checkSchemaFile(schemas!.modelFor(u), u).map((d) => engine!.toLspDiagnostic(d, 'atlas schema')),
            );
          return doc;
        }
        ctx.publish(
          uri,
          'hcl',
          engine.diagnose(doc, { cacheKey: uri }).map((d) => engine!.toLspDiagnostic(d)),
        );
        return doc;
      } catch (e) {
        // Never let one bad document take the server down: drop its state, the next change re-parses it.
        store.close(uri);
        ctx.log(`atlas.hcl: checking ${uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        return undefined;
      }
    };
    const docFor = async (uri: string) => {
      const td = documents.get(uri);
      if (!td || !isAtlasConfig(uri, td.languageId) || isSchemaHcl(uri, td.languageId)) return undefined;
      if (!store) await ensureStore();
      return { d: store!.update(uri, td.getText()), e: engine! };
    };
    /** A schema document: its parse, the model of its whole schema (all files) and the engine. */
    const schemaFor = async (uri: string) => {
      const td = documents.get(uri);
      if (!td || !isSchemaHcl(uri, td.languageId)) return undefined;
      if (!store) await ensureStore();
      const d = store!.update(uri, td.getText());
      schemas!.open.add(uri);
      return { d, m: schemas!.modelFor(uri), e: engine!, text: td.getText() };
    };
    documents.onDidChangeContent((e) => {
      refresh(e.document.uri);
    });
    documents.onDidClose((e) => {
      if (!isAtlasConfig(e.document.uri, e.document.languageId) && !isSchemaHcl(e.document.uri, e.document.languageId)) return;
      store?.close(e.document.uri);
      schemas?.open.delete(e.document.uri);
      ctx.publish(e.document.uri, 'hcl', []);
    });
    // Documents opened while the parser loads get their diagnostics once it is there.
    let loading = false;
    const loadStore = () => {
      if (loading) return;
      loading = true;
      ensureStore().then(
        () => {
          const uris = [...pending];
          pending.clear();
          for (const uri of uris) refresh(uri);
        },
        (e: unknown) => ctx.log(`atlas.hcl parser failed to load: ${e instanceof Error ? e.message : String(e)}`),
      );
    };
    hub.document('completion', async (p) => {
      const s = await schemaFor(p.textDocument.uri);
      if (s) return s.e.completeSchema(s.m, p.textDocument.uri, s.text, p.position);
      const r = await docFor(p.textDocument.uri);
      return r ? r.e.complete(r.d, p.position) : null;
    });
    hub.document('hover', async (p) => {
      const s = await schemaFor(p.textDocument.uri);
      if (s) return s.e.schemaNav.hover(s.m, p.textDocument.uri, p.position);
      const r = await docFor(p.textDocument.uri);
      if (!r) return null;
      // getenv() falls back to the env file of the atlasWorkbench.envFile setting (found as the engine finds it).
      const envFile = (await ctx.settings(p.textDocument.uri)).envFile;
      const dir = path.dirname(URI.toPath(p.textDocument.uri));
      return r.e.hover(r.d, p.position, process.env, findEnvFile(dir, envFile, ctx.workspaceFolders()));
    });
    hub.document('definition', async (p) => {
      const s = await schemaFor(p.textDocument.uri);
      if (s) return s.e.schemaNav.definition(s.m, p.textDocument.uri, p.position);
      const r = await docFor(p.textDocument.uri);
      return r ? r.e.definition(r.d, p.position) : null;
    });
    hub.document('references', async (p) => {
      const s = await schemaFor(p.textDocument.uri);
      if (s) return s.e.schemaNav.references(s.m, p.textDocument.uri, p.position, p.context.includeDeclaration);
      const r = await docFor(p.textDocument.uri);
      return r ? r.e.references(r.d, p.position, p.context.includeDeclaration) : null;
    });
    hub.document('documentSymbol', async (p) => {
      const s = await schemaFor(p.textDocument.uri);
      if (s) return s.e.schemaNav.documentSymbols(s.m, p.textDocument.uri);
      const r = await docFor(p.textDocument.uri);
      return r ? r.e.documentSymbols(r.d) : null;
    });
    connection.onDocumentFormatting(async (p) => {
      const s = await schemaFor(p.textDocument.uri);
      if (s) return s.e.formatEdits(s.d);
      const r = await docFor(p.textDocument.uri);
      return r ? r.e.formatEdits(r.d) : null;
    });
    // Code actions go through the shared hub (only one onCodeAction handler may exist per connection).
    hub.codeAction(async (p) => {
      const s = await schemaFor(p.textDocument.uri);
      if (s) return s.e.codeActions(s.d, p.context.diagnostics);
      const r = await docFor(p.textDocument.uri);
      return r ? r.e.codeActions(r.d, p.context.diagnostics) : [];
    });
    connection.onRequest(SchemaHclFileRequest.method, (p: SchemaHclFileParams): SchemaHclFileResult => {
      if (!p.uri.startsWith('file:')) return { schema: isSchemaHcl(p.uri), files: [p.uri] };
      const r = schemaFilesOf(URI.toPath(p.uri));
      return { schema: r.schema, files: r.files.map((f) => URI.fromPath(f)) };
    });
    connection.onRequest(SchemaHclErdRequest.method, async (p: SchemaHclErdParams): Promise<SchemaHclErdResult> => {
      await ensureStore();
      const s = await schemaFor(p.uri);
      const m = s?.m ?? schemas!.modelFor(p.uri);
      const realm = engine!.realmOf(m);
      const { modelErd } = await import('../engine/inspect');
      return { output: modelErd(realm), tables: realm.schemas.reduce((n, x) => n + x.tables.length, 0) };
    });
    connection.onPrepareRename(async (p) => {
      const s = await schemaFor(p.textDocument.uri);
      if (s) return s.e.schemaNav.prepareRename(s.m, p.textDocument.uri, p.position);
      const r = await docFor(p.textDocument.uri);
      return r ? r.e.prepareRename(r.d, p.position) : null;
    });
    connection.onRenameRequest(async (p) => {
      const s = await schemaFor(p.textDocument.uri);
      if (s) return s.e.schemaNav.rename(s.m, p.textDocument.uri, p.position, p.newName);
      const r = await docFor(p.textDocument.uri);
      return r ? r.e.rename(r.d, p.position, p.newName) : null;
    });
  },
};
