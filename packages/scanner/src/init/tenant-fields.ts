/**
 * The tenant field names `tenant-audit init` proposes, read from the data model core builds (Prisma
 * schemas, SQL migrations, Drizzle tables, TypeORM / Sequelize entities, Mongoose models).
 *
 * A tenant field is a column that points at the tenant: a foreign key to the tenant entity core
 * learns (`projectId` → `Project`), or one of the default names. Columns are grouped by the model
 * they point at, because a code base spells one tenant several ways (`orgId` and `organizationId`
 * both point at `Organization`), and a group is proposed only when it scopes at least two models:
 * a lone `tenantId` on one table is more often someone else's id (a partner's tenant in their own
 * system) than the tenant of this code base. The largest group is always proposed. Where some
 * columns point at a tenant entity, columns that point at no model are not proposed either.
 */
import { buildDataModel, DEFAULT_CONFIG, isNamedLikeTenant, normalizeFieldName, normalizeModelName, type DataModel, type SourceText } from '@tenant-audit/core';

export interface TenantGroup {
  /** The model the fields point at (as declared, e.g. `Project`), when one is known. */
  entity: string | undefined;
  /** The field names proposed for it (camelCase, deduplicated loosely). */
  fields: string[];
  /** Spellings seen in the model, e.g. `project_id`, `projectId`. */
  seen: string[];
  /** Distinct models carrying one of the fields, sorted. */
  models: string[];
  /** Why these fields count as tenant fields, one phrase. */
  because: string;
  /** For a group not proposed: why not. */
  notProposedBecause?: string;
}

export interface TenantFieldSuggestion {
  /** What to write as `tenantFields`; empty when nothing was found (the defaults stay). */
  fields: string[];
  kept: TenantGroup[];
  /** Groups seen but not proposed (a single model), for the summary. */
  dropped: TenantGroup[];
  /** Models in the data model. */
  modelCount: number;
  /** Files the model was read from (relative). */
  sources: string[];
  /**
   * When nothing was proposed: the models most foreign keys point at (`Environment`, 2), so the
   * summary can name the likely tenant for the user to confirm instead of init guessing it.
   */
  mostReferenced: { model: string; references: number }[];
}

/** Groups scoping fewer models are reported, not proposed (unless the group is the largest). */
const MIN_MODELS = 2;

/** `project_id` → `projectId`, `OrgID` → `orgID` kept readable; loose comparison makes spelling moot. */
function camel(name: string): string {
  const joined = name.replace(/[_-]+([a-zA-Z0-9])/g, (_m, c: string) => c.toUpperCase());
  return joined.charAt(0).toLowerCase() + joined.slice(1);
}

/**
 * The key name of an entity (`Project` → `projectId`, table `organizations` → `organizationId`):
 * singular, as core normalises model names.
 */
export function entityKeyName(entity: string): string {
  const c = camel(entity);
  const singular = normalizeModelName(entity);
  const base = normalizeFieldName(c).startsWith(singular) ? c.slice(0, singular.length) : singular;
  return `${base}Id`;
}

interface FieldSighting {
  spellings: Set<string>;
  models: Set<string>;
  targets: Map<string, number>;
}

/**
 * The model a field points at: the most common relation target among its sightings (a composite key
 * `fields: [datasetId, projectId]` also points `projectId` at `Dataset` once), else the model its name
 * names (`teamId` → `Team`).
 */
function entityOf(field: string, sighting: FieldSighting, model: DataModel): string | undefined {
  const best = [...sighting.targets].sort((a, b) => b[1] - a[1])[0];
  if (best) return model.fact(best[0])?.name ?? best[0];
  const n = normalizeFieldName(field);
  return n.endsWith('id') && n.length > 4 ? model.fact(n.slice(0, -2))?.name : undefined;
}

function sightings(model: DataModel, candidates: ReadonlySet<string>): Map<string, FieldSighting> {
  const byField = new Map<string, FieldSighting>();
  for (const fact of model.all()) {
    const own = `${normalizeModelName(fact.name)}id`;
    for (const field of new Set([...fact.fields, ...(fact.relations ?? []).map((r) => r.field)])) {
      const n = normalizeFieldName(field);
      // A model's own key (`Project.projectId`) names its rows, it does not scope them.
      if (!candidates.has(n) || n === own) continue;
      const s = byField.get(n) ?? { spellings: new Set(), models: new Set(), targets: new Map() };
      s.spellings.add(field);
      s.models.add(fact.name);
      for (const r of fact.relations ?? []) {
        if (r.field === field) s.targets.set(normalizeModelName(r.target), (s.targets.get(normalizeModelName(r.target)) ?? 0) + 1);
      }
      byField.set(n, s);
    }
  }
  return byField;
}

type Origin = 'relation' | 'name' | 'default';

function describeGroup(entity: string | undefined, origin: Origin): string {
  if (entity && origin === 'relation') return `foreign keys to ${entity}, the tenant entity`;
  if (entity && origin === 'name') return `keys named for ${entity}, a model named like a tenant`;
  if (entity) return `a default tenant field name, pointing at ${entity}`;
  return 'a default tenant field name';
}

/** Relation targets by how many foreign keys point at them, most first (at most three). */
function mostReferenced(model: DataModel): { model: string; references: number }[] {
  const counts = new Map<string, number>();
  for (const fact of model.all()) for (const r of fact.relations ?? []) {
    const name = model.fact(r.target)?.name ?? r.target;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3).map(([m, references]) => ({ model: m, references }));
}

/** Reads the model with the default tenant fields and proposes the code base's own. */
export function suggestTenantFields(files: readonly SourceText[], fallback: readonly SourceText[] = []): TenantFieldSuggestion {
  const model = buildDataModel(files, { tenantFields: DEFAULT_CONFIG.tenantFields }, fallback);
  const defaults = new Set(DEFAULT_CONFIG.tenantFields.map(normalizeFieldName));
  const learnt = new Set(model.inferredTenantFields.map(normalizeFieldName));
  // Keys named for a model named like a tenant (`projectId` beside a `Project` model), where the schema
  // declares no relation (a ClickHouse table, a Prisma field without @relation): core learns only from
  // relations, but such a key is the same parent key by the code base's own naming.
  const named = new Set(model.all().filter((f) => isNamedLikeTenant(f.name)).map((f) => `${normalizeModelName(f.name)}id`));
  const byField = sightings(model, new Set([...defaults, ...learnt, ...named]));

  const groups = new Map<string, { entity: string | undefined; fields: string[]; origin: Origin }>();
  for (const [n, s] of byField) {
    const entity = entityOf(n, s, model);
    const key = entity ? `entity:${normalizeModelName(entity)}` : `field:${n}`;
    const g = groups.get(key) ?? { entity, fields: [], origin: 'default' as Origin };
    g.fields.push(n);
    if (learnt.has(n)) g.origin = 'relation';
    else if (named.has(n) && g.origin === 'default' && !defaults.has(n)) g.origin = 'name';
    groups.set(key, g);
  }

  const built: TenantGroup[] = [...groups.values()].map((g) => {
    const seen = g.fields.flatMap((n) => [...(byField.get(n)?.spellings ?? [])]).sort();
    const models = [...new Set(g.fields.flatMap((n) => [...(byField.get(n)?.models ?? [])]))].sort();
    // The entity's own key name first (`workspaceId` for a Mongoose `workspace: { ref: 'Workspace' }`):
    // it is the name code gives the value. A key not ending in Id (`workspace`) is left to the scanner,
    // which learns it from the reference; listing it would make every `workspace` variable a tenant id.
    const names = [...(g.entity ? [entityKeyName(g.entity)] : []), ...seen.filter((f) => /id$/i.test(f)).map(camel)];
    const fields: string[] = [];
    for (const f of names) if (!fields.some((x) => normalizeFieldName(x) === normalizeFieldName(f))) fields.push(f);
    return { entity: g.entity, fields, seen, models, because: describeGroup(g.entity, g.origin) };
  }).sort((a, b) => b.models.length - a.models.length || (a.fields[0] ?? '').localeCompare(b.fields[0] ?? ''));

  // A column that points at no model (`tenantId` with no Tenant table) while other columns point at the
  // code base's tenant entity is an id from elsewhere (a partner's tenant in their own system).
  const anyEntity = built.some((g) => g.entity !== undefined);
  const proposable = built.filter((g) => g.entity !== undefined || !anyEntity);
  const kept = proposable.filter((g, i) => i === 0 || g.models.length >= MIN_MODELS);
  const dropped = built.filter((g) => !kept.includes(g)).map((g) => ({
    ...g,
    notProposedBecause: g.entity === undefined && anyEntity
      ? 'points at no model, while other columns point at the tenant entity'
      : `only ${g.models.length} model carries it`,
  }));
  const fields: string[] = [];
  for (const g of kept) for (const f of g.fields) if (!fields.some((x) => normalizeFieldName(x) === normalizeFieldName(f))) fields.push(f);
  return {
    fields, kept, dropped,
    modelCount: model.all().length,
    sources: [...new Set(model.all().map((f) => f.source))].sort(),
    mostReferenced: fields.length === 0 ? mostReferenced(model) : [],
  };
}
