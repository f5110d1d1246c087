import ts from 'typescript';
import { buildDataModel, createEnv, resolveConfig, analyseSourceFile, classifyValue, type TenantAuditConfig, type LocalFinding, type GapKind } from '../src/index.js';

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

/** How core classifies the first argument of the first `probe(<expr>)` call in `code`. */
export function probeOrigin(code: string, env = envFor()): ReturnType<typeof classifyValue> {
  const sf = parse(code);
  let found: ts.Expression | undefined;
  const visit = (n: ts.Node): void => {
    if (!found && ts.isCallExpression(n) && n.expression.getText(sf) === 'probe') found = n.arguments[0];
    n.forEachChild(visit);
  };
  visit(sf);
  if (!found) throw new Error('no probe(…) call');
  return classifyValue(found, env);
}
