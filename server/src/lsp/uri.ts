// file:// URI ↔ path conversions for the server (no vscode import).
import { fileURLToPath, pathToFileURL } from 'node:url';

export const URI = {
  toPath(uri: string): string {
    return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  },
  fromPath(p: string): string {
    return pathToFileURL(p).href;
  },
};
