import { collectionFallback, normalizeFieldName, normalizeModelName } from './names.js';

export interface ModelFact {
  /** The name as written where it was found (model, table or variable). */
  name: string;
  /** The tenant column, when the model has one. */
  tenantField: string | undefined;
  /** Where the fact came from, e.g. `prisma/schema.prisma`. */
  source: string;
  /** Field names, for drift checks and for recognising relation filters. */
  fields: string[];
  /** Foreign keys: the field that holds the key and the model it points at. */
  relations?: { field: string; target: string }[];
  /** The ORM whose model definition declared it, when code (not a schema file) did: tells `X.findOne` apart. */
  orm?: 'typeorm' | 'sequelize' | 'mongoose';
}

/** The principal's own model: rows with a foreign key to it belong to one user. */
const USER_MODEL = /^(user|appuser|authuser)$/;
/** Keys that say "this row is that user's" (not `createdById`, `lastModifiedByUserId`: who touched a shared row). */
const OWNER_KEY = /^(user|owner)(id|uid|_id)?$/i;

/**
 * The foreign key that makes a row one user's own (`PersonalAccessToken.userUid` → `User`), when the
 * model has no tenant column: such rows are private to their owner exactly as tenant rows are to
 * their tenant, so a by-id read or write of them needs the owner in the filter (or a check).
 */
function ownerFieldOf(fact: ModelFact): string | undefined {
  if (USER_MODEL.test(normalizeModelName(fact.name))) return undefined;
  const self = normalizeModelName(fact.name);
  const others = (fact.relations ?? []).filter((r) => normalizeModelName(r.target) !== self);
  // Only rows whose one way out is their user (a token, a personal collection); a row that also points
  // elsewhere (`PartnerUser`: a user in a partner) is a membership, not a user's own row.
  const owner = others.find((r) => USER_MODEL.test(normalizeModelName(r.target)) && OWNER_KEY.test(r.field));
  return owner && others.every((r) => USER_MODEL.test(normalizeModelName(r.target))) ? owner.field : undefined;
}

/**
 * Which models carry a tenant column and which are global, read from the code base itself and
 * overridden by config. Unknown models answer `undefined`: callers decide how cautious to be.
 */
export class DataModel {
  private readonly facts = new Map<string, ModelFact>();
  /** Tenant fields learnt from the schema (foreign keys to the tenant entity), beyond the configured ones. */
  inferredTenantFields: string[] = [];
  /**
   * The tenants themselves (what tenant fields point at): such a row is tenant data only through its
   * own tenant column (a Team under an Organisation), never through the relations that lead back to it
   * (an Organisation's settings row, which points at the organisation's e-mail, which points at the organisation).
   */
  tenantEntities: ReadonlySet<string> = new Set();
  private readonly forcedTenant = new Set<string>();
  private readonly forcedGlobal = new Set<string>();

  constructor(overrides: { tenantModels?: readonly string[]; globalModels?: readonly string[] } = {}) {
    for (const m of overrides.tenantModels ?? []) this.forcedTenant.add(normalizeModelName(m));
    for (const m of overrides.globalModels ?? []) this.forcedGlobal.add(normalizeModelName(m));
  }

  /**
   * The key a name is stored under: its own spelling, or, for a Mongo collection name no model
   * carries (`usersCollection`), the model it holds.
   */
  private keyOf(name: string): string {
    const key = normalizeModelName(name);
    if (this.facts.has(key) || this.forcedTenant.has(key) || this.forcedGlobal.has(key)) return key;
    const fallback = collectionFallback(key);
    return fallback && (this.facts.has(fallback) || this.forcedTenant.has(fallback) || this.forcedGlobal.has(fallback)) ? fallback : key;
  }

  add(fact: ModelFact): void {
    const key = normalizeModelName(fact.name);
    const existing = this.facts.get(key);
    if (!existing) this.facts.set(key, fact);
    else mergeInto(existing, fact);
    this.changed();
  }

  /**
   * Registers another spelling (table name, variable name) of a model already known. When the other
   * spelling already has facts of its own (a migration's table, later renamed), both are one model.
   */
  alias(alias: string, name: string): void {
    const fact = this.facts.get(this.keyOf(name));
    if (!fact) return;
    const aliasKey = normalizeModelName(alias);
    const other = this.facts.get(aliasKey);
    if (other && other !== fact) {
      mergeInto(fact, other);
      for (const [k, v] of this.facts) if (v === other) this.facts.set(k, fact);
    }
    this.facts.set(aliasKey, fact);
    this.changed();
  }

  private changed(): void {
    this.anchorNames = undefined;
    this.anchorCache.clear();
    this.primaryField = undefined;
  }

  private primaryField: { field: string | undefined } | undefined;

  /**
   * The tenant column most tenant models of the code base use (`organizationId`), for advice that is
   * not about one model; undefined when no model declares one. Ties go to the first one seen.
   */
  primaryTenantField(): string | undefined {
    if (this.primaryField) return this.primaryField.field;
    const counts = new Map<string, number>();
    for (const fact of this.all()) if (fact.tenantField) counts.set(fact.tenantField, (counts.get(fact.tenantField) ?? 0) + 1);
    let best: string | undefined;
    for (const [field, n] of counts) if (best === undefined || n > (counts.get(best) ?? 0)) best = field;
    this.primaryField = { field: best };
    return best;
  }

  /** Whether the model is a tenant itself (an Organization that `organizationId` points at). */
  isTenantEntity(name: string): boolean {
    return this.tenantEntities.has(this.keyOf(name));
  }

  /** true: carries a tenant (its own column or inherited through a parent); false: global; undefined: unknown. */
  isTenantModel(name: string): boolean | undefined {
    const key = this.keyOf(name);
    if (this.forcedGlobal.has(key)) return false;
    if (this.forcedTenant.has(key)) return true;
    const fact = this.facts.get(key);
    if (!fact) return undefined;
    return this.ownsTenant(key, 0, new Set());
  }

  /**
   * The fields that scope rows of a model: its own tenant column, plus foreign keys to parents that
   * carry a tenant themselves (`ProgramEnrollment.programId` → `Program.workspaceId`). A child filtered
   * by a parent id is scoped exactly as well as that id is verified, which the analysers judge from
   * where the value comes from.
   */
  tenantAnchors(name: string): string[] {
    const key = this.keyOf(name);
    const cached = this.anchorCache.get(key);
    if (cached) return cached;
    const fact = this.facts.get(key);
    const anchors = new Set(this.relationAnchors(key));
    // A field named like a declared parent key elsewhere (`ActivityLog.programId` with no @relation, while
    // other models declare `programId` → Program) is the same parent key by the code base's own naming.
    // A field the model declares a relation for is judged by that relation alone.
    const related = new Set((fact?.relations ?? []).map((r) => normalizeFieldName(r.field)));
    // The model's own key named for it (`bitbucket.bitbucketId`, which other tables hold as a parent
    // key) picks its rows; it is not a parent of them.
    const ownKey = `${key}id`;
    if (fact && this.isTenantModel(key)) for (const f of fact.fields) if (!related.has(normalizeFieldName(f)) && normalizeFieldName(f) !== ownKey && this.isAnchorField(f)) anchors.add(f);
    const list = [...anchors];
    this.anchorCache.set(key, list);
    return list;
  }

  private relationAnchors(key: string): string[] {
    const fact = this.facts.get(key);
    const anchors = new Set<string>();
    if (fact?.tenantField) anchors.add(fact.tenantField);
    for (const r of fact?.relations ?? []) if (this.ownsTenant(this.keyOf(r.target), 1, new Set([key]))) anchors.add(r.field);
    // The owner scopes the row only where nothing else does (a PartnerUser belongs to its partner).
    const owner = fact && anchors.size === 0 ? ownerFieldOf(fact) : undefined;
    if (owner) anchors.add(owner);
    return [...anchors];
  }

  private readonly anchorCache = new Map<string, string[]>();
  private anchorNames: Set<string> | undefined;

  /**
   * Whether some tenant model is scoped by a field of this name (`programId` when programs belong to a
   * workspace): a lookup that pairs an id with such a key checks the id against that parent.
   */
  isAnchorField(field: string): boolean {
    if (!this.anchorNames) {
      this.anchorNames = new Set();
      for (const key of this.facts.keys()) for (const a of this.relationAnchors(key)) this.anchorNames.add(normalizeFieldName(a));
    }
    return this.anchorNames.has(normalizeFieldName(field));
  }

  /** Own tenant column, or a chain of at most three foreign keys to a model that has one. */
  private ownsTenant(key: string, depth: number, seen: Set<string>): boolean {
    if (this.forcedGlobal.has(key)) return false;
    if (this.forcedTenant.has(key)) return true;
    const fact = this.facts.get(key);
    if (!fact) return false;
    if (fact.tenantField || ownerFieldOf(fact)) return true;
    if (depth >= 3 || seen.has(key) || this.tenantEntities.has(key)) return false;
    seen.add(key);
    return (fact.relations ?? []).some((r) => this.ownsTenant(this.keyOf(r.target), depth + 1, seen));
  }

  /** Every normalised spelling the model knows (names and aliases). */
  names(): string[] {
    return [...this.facts.keys()];
  }

  fact(name: string): ModelFact | undefined {
    return this.facts.get(this.keyOf(name));
  }

  /** Distinct facts (aliases collapsed). */
  all(): ModelFact[] {
    return [...new Set(this.facts.values())];
  }

  get size(): number {
    return this.facts.size;
  }
}

/**
 * A model seen with a tenant column anywhere (e.g. a migration added it) is a tenant model; its other
 * sightings add their fields and foreign keys (a migration's CREATE TABLE often lacks the constraints
 * a later ALTER TABLE or the Prisma schema declares). Aliases share the fact object: it is updated in
 * place so every spelling sees the merge.
 */
function mergeInto(existing: ModelFact, fact: ModelFact): void {
  const merged: ModelFact = {
    ...(existing.tenantField || !fact.tenantField ? existing : fact),
    fields: [...new Set([...existing.fields, ...fact.fields])],
    orm: existing.orm ?? fact.orm,
    relations: [...(existing.relations ?? []), ...(fact.relations ?? []).filter((r) => !(existing.relations ?? []).some((e) => e.field === r.field && e.target === r.target))],
  };
  Object.assign(existing, merged);
}

/** The tenant field among `fields`, comparing spellings loosely (tenant_id ~ tenantId). */
export function findTenantField(fields: readonly string[], tenantFields: readonly string[]): string | undefined {
  const wanted = new Set(tenantFields.map(normalizeFieldName));
  return fields.find((f) => wanted.has(normalizeFieldName(f)));
}
