import { isMap, LineCounter, parseAllDocuments, type Document } from 'yaml';

export interface Manifest {
  kind: string | undefined;
  name: string | undefined;
  namespace: string | undefined;
  /** The document as plain data. */
  data: Record<string, unknown>;
  file: string;
  /** 1-based position of the `kind:` entry (where findings point). */
  kindLine: number;
  kindColumn: number;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function kindPosition(doc: Document, counter: LineCounter): { line: number; col: number } {
  const contents = doc.contents;
  if (isMap(contents)) {
    for (const item of contents.items) {
      const key = item.key as { value?: unknown; range?: [number, number, number] } | null;
      if (key && key.value === 'kind' && key.range) return counter.linePos(key.range[0]);
    }
    if (contents.range) return counter.linePos(contents.range[0]);
  }
  return { line: 1, col: 1 };
}

/** Every YAML document of a file that is a Kubernetes object (has `kind`); a parse error is one line. */
export function parseManifests(text: string, file: string): { manifests: Manifest[]; error: string | undefined } {
  const counter = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { lineCounter: counter, uniqueKeys: false }) as Document.Parsed[];
  } catch (e) {
    return { manifests: [], error: `invalid YAML: ${(e as Error).message.split('\n')[0]}` };
  }
  if (!Array.isArray(docs)) return { manifests: [], error: undefined };
  const manifests: Manifest[] = [];
  let error: string | undefined;
  for (const doc of docs) {
    const first = doc.errors[0];
    if (first) {
      error ??= `invalid YAML: ${first.message.split('\n')[0]}`;
      continue;
    }
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      error ??= `invalid YAML: ${(e as Error).message.split('\n')[0]}`;
      continue;
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) continue;
    const obj = data as Record<string, unknown>;
    const kind = str(obj.kind);
    if (!kind) continue;
    const meta = (typeof obj.metadata === 'object' && obj.metadata !== null ? obj.metadata : {}) as Record<string, unknown>;
    const pos = kindPosition(doc, counter);
    manifests.push({ kind, name: str(meta.name), namespace: str(meta.namespace), data: obj, file, kindLine: pos.line, kindColumn: pos.col });
  }
  return { manifests, error };
}
