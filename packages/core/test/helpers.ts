import ts from 'typescript';
import { buildDataModel, createEnv, resolveConfig, analyseSourceFile, type TenantAuditConfig, type LocalFinding, type GapKind } from '../src/index.js';

export const PRISMA_SCHEMA = `
model Document {
  id String @id
  tenantId String
  title String
}
model Conversation {
  id String @id
  tenantId String
  messages Message[]
}
model Message {
  id String @id
  tenantId String
  @@map("messages")
}
model Plan {
  id String @id
  name String
}
model Country {
  code String @id
}
`;

export function envFor(config: TenantAuditConfig = {}, schema = PRISMA_SCHEMA) {
  const resolved = resolveConfig(config);
  const model = buildDataModel([{ path: 'schema.prisma', text: schema }], resolved);
  return createEnv(ts, resolved, model);
}

export function parse(code: string, file = 'file.ts'): ts.SourceFile {
  return ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

export interface Reported { kind: GapKind; line: number; messageId: string }

export function findings(code: string, config: TenantAuditConfig = {}, schema?: string): Reported[] {
  const sf = parse(code);
  const env = envFor(config, schema);
  return analyseSourceFile(sf, env).findings.map((f: LocalFinding) => ({
    kind: f.kind,
    line: sf.getLineAndCharacterOfPosition(f.node.getStart(sf)).line + 1,
    messageId: f.messageId,
  }));
}

export function kinds(code: string, config: TenantAuditConfig = {}): GapKind[] {
  return findings(code, config).map((f) => f.kind);
}
