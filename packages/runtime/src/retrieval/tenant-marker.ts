/**
 * The post-retrieval tenant check, shared by every retriever. It fails closed: an item is kept only
 * if its marker is a string equal to the current tenant. An item WITHOUT a marker is dropped, unlike
 * the common `(meta.tenantId ?? tenantId) === tenantId` check, which waves unmarked rows through.
 */

export interface TenantPartition<I> {
  kept: I[];
  /** Items carrying another tenant's marker. */
  foreign: number;
  /** Items carrying no usable marker (missing, empty, not a string). */
  unmarked: number;
}

export function partitionByTenant<I>(items: readonly I[], tenantId: string, markerOf: (item: I) => unknown): TenantPartition<I> {
  const kept: I[] = [];
  let foreign = 0;
  let unmarked = 0;
  for (const item of items) {
    const marker = markerOf(item);
    if (typeof marker !== 'string' || marker.length === 0) unmarked++;
    else if (marker !== tenantId) foreign++;
    else kept.push(item);
  }
  return { kept, foreign, unmarked };
}

/** Reads `metadata.tenantId` defensively: a backend may return items with no metadata at all. */
export function metadataTenantMarker(item: { metadata?: unknown } | null | undefined): unknown {
  const metadata = item?.metadata;
  return metadata !== null && typeof metadata === 'object' ? (metadata as { tenantId?: unknown }).tenantId : undefined;
}
