/**
 * Calls that act on objects a tenant owns in another system: a billing provider's customers and
 * subscriptions, an identity provider's organisation memberships and invitations, SSO connections and
 * SCIM directories, background-job runs, a hosting provider's domains. The platform calls these with
 * its own credentials, so the provider answers for every tenant: an id the client chose, handed on
 * without first tying it to the caller's tenant, reaches another tenant's object. This is data, like
 * catalogue.ts: `recognise/external.ts` interprets it.
 */

export type ExternalSystem = 'billing' | 'identity' | 'sso' | 'jobs' | 'hosting';

export type ExternalOperation = 'read' | 'write';

/**
 * Where the call takes the object's id: the first argument, or a key of the first argument's object
 * (`arg0.organizationId`). A keyed id that the call does not carry means the shape does not apply
 * (`getConnections({ tenant, product })` lists by tenant, `getConnections({ clientID })` picks one).
 */
export type IdLocation = 'arg0' | `arg0.${string}`;

export interface ExternalMethod {
  operation: ExternalOperation;
  id: IdLocation;
}

export interface ExternalShape {
  system: ExternalSystem;
  /** What the call acts on, for messages: "a billing customer or subscription". */
  what: string;
  /**
   * The receiver's last segment (`stripe.customers` → customers); lower-case compared. Omitted: any
   * receiver, so the method name and the client evidence alone must be distinctive.
   */
  namespaces?: readonly string[];
  methods: Readonly<Record<string, ExternalMethod>>;
  /** A segment of the receiver path that names such a client (`this.stripe`, `workos`, `directorySyncController`). */
  client?: RegExp;
  /** Or the file imports the provider's SDK. */
  imports?: RegExp;
}

function table<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

const read = (id: IdLocation = 'arg0'): ExternalMethod => ({ operation: 'read', id });
const write = (id: IdLocation = 'arg0'): ExternalMethod => ({ operation: 'write', id });

export const EXTERNAL_SHAPES: readonly ExternalShape[] = [
  {
    // Stripe-like billing: `stripe.customers.retrieve(id)`, `subscriptions.update(id, …)`. Prices,
    // products and coupons are the platform's own catalogue, shared by every tenant: not listed.
    system: 'billing',
    what: 'a billing customer, subscription or invoice',
    namespaces: ['customers', 'subscriptions', 'subscriptionitems', 'subscriptionschedules', 'invoices', 'paymentmethods',
      'paymentintents', 'setupintents', 'charges', 'refunds', 'quotes', 'taxids'],
    methods: table({
      retrieve: read(), update: write(), del: write(), cancel: write(), resume: write(), pay: write(),
      finalizeInvoice: write(), voidInvoice: write(), sendInvoice: write(), markUncollectible: write(),
      detach: write(), listPaymentMethods: read(), retrievePaymentMethod: read(), listSources: read(),
      createBalanceTransaction: write(), deleteDiscount: write(), list: read('arg0.customer'),
      search: read('arg0.customer'), listLineItems: read(), retrieveUpcoming: read('arg0.customer'),
    }),
    client: /stripe|billing|payment/i,
    imports: /^stripe$/,
  },
  {
    // A billing portal or checkout session opened for a client-chosen customer acts as that customer.
    system: 'billing',
    what: 'a billing customer',
    namespaces: ['sessions'],
    methods: table({ create: write('arg0.customer') }),
    client: /stripe/i,
    imports: /^stripe$/,
  },
  {
    // WorkOS-like user management: memberships and invitations of an organisation, by their own id.
    system: 'identity',
    what: 'an organisation membership or invitation in the identity provider',
    namespaces: ['usermanagement'],
    methods: table({
      getOrganizationMembership: read(), updateOrganizationMembership: write(), deleteOrganizationMembership: write(),
      deactivateOrganizationMembership: write(), reactivateOrganizationMembership: write(),
      getInvitation: read(), revokeInvitation: write(), resendInvitation: write(),
      listOrganizationMemberships: read('arg0.organizationId'), createOrganizationMembership: write('arg0.organizationId'),
      listInvitations: read('arg0.organizationId'), sendInvitation: write('arg0.organizationId'),
    }),
  },
  {
    // Organisations themselves (WorkOS, Clerk), and Clerk's membership calls keyed by organisation.
    system: 'identity',
    what: 'an organisation in the identity provider',
    namespaces: ['organizations'],
    methods: table({
      getOrganization: read(), updateOrganization: write(), deleteOrganization: write(),
      getOrganizationMembershipList: read('arg0.organizationId'), createOrganizationMembership: write('arg0.organizationId'),
      updateOrganizationMembership: write('arg0.organizationId'), deleteOrganizationMembership: write('arg0.organizationId'),
      updateOrganizationMembershipMetadata: write('arg0.organizationId'), getOrganizationInvitationList: read('arg0.organizationId'),
      createOrganizationInvitation: write('arg0.organizationId'), revokeOrganizationInvitation: write('arg0.organizationId'),
      // Auth0's management client: `organizations.deleteMembers({ id }, …)`.
      deleteMembers: write('arg0.id'), addMembers: write('arg0.id'), getMembers: read('arg0.id'),
      deleteMemberRoles: write('arg0.id'), addMemberRoles: write('arg0.id'),
    }),
    client: /workos|clerk|auth0|management|identity|idp/i,
    imports: /@workos-inc|@clerk\/|auth0/,
  },
  {
    system: 'identity',
    what: 'an invitation in the identity provider',
    namespaces: ['invitations'],
    methods: table({ revokeInvitation: write(), getInvitation: read() }),
    client: /workos|clerk|auth0|identity|idp/i,
    imports: /@workos-inc|@clerk\/|auth0/,
  },
  {
    // SAML connection APIs (BoxyHQ Jackson-like): a connection is picked by its client id.
    system: 'sso',
    what: 'an SSO connection',
    // Reads are left out: looking a connection up by the id the identity provider sends is how an
    // SSO login starts (public by design); deleting or changing one is not.
    methods: table({
      deleteConnections: write('arg0.clientID'), updateSAMLConnection: write('arg0.clientID'), updateOIDCConnection: write('arg0.clientID'),
    }),
    client: /jackson|saml|sso/i,
    imports: /jackson/,
  },
  {
    // WorkOS-like SSO: `workos.sso.getConnection(id)`.
    system: 'sso',
    what: 'an SSO connection',
    namespaces: ['sso'],
    methods: table({ deleteConnection: write() }),
    client: /workos/i,
    imports: /@workos-inc/,
  },
  {
    // SCIM directories (Jackson's `directorySyncController.directories`, WorkOS directory sync).
    system: 'sso',
    what: 'a SCIM directory',
    namespaces: ['directories', 'directorysync'],
    methods: table({
      get: read(), update: write(), delete: write(), getDirectory: read(), deleteDirectory: write(),
      listUsers: read('arg0.directory'), listGroups: read('arg0.directory'),
    }),
    client: /directory|dsync|scim|jackson|workos/i,
    imports: /jackson|@workos-inc/,
  },
  {
    // Background-job runs (Trigger.dev-like `runs.retrieve(runId)`): a run carries its tenant's payload and output.
    system: 'jobs',
    what: 'a background-job run',
    namespaces: ['runs'],
    methods: table({ retrieve: read(), cancel: write(), replay: write(), reschedule: write(), poll: read() }),
    client: /trigger/i,
    imports: /@trigger\.dev\//,
  },
  {
    // Vercel-like hosting SDK: a tenant's custom domain on the platform's shared project.
    system: 'hosting',
    what: "a custom domain on the platform's hosting project",
    namespaces: ['projects', 'domains'],
    methods: table({
      removeProjectDomain: write('arg0.domain'), updateProjectDomain: write('arg0.domain'), verifyProjectDomain: write('arg0.domain'),
      getProjectDomain: read('arg0.domain'), deleteDomain: write('arg0.domain'),
    }),
    client: /vercel/i,
    imports: /@vercel\/sdk/,
  },
];

/** Outbound HTTP clients whose method names the verb (`ky.delete(url)`, `axios.patch(url, body)`). */
export const HTTP_CLIENTS = /^(ky|axios|got|ofetch|\$fetch|superagent)$/;
/** Factories that make such a client (`const api = ky.create({ prefixUrl })`). */
export const HTTP_CLIENT_FACTORIES = /^(create|extend)$/;
/**
 * Only deletes: a POST, PUT or PATCH to a provider by a client-named value is as often the flow that
 * creates the object for this tenant (register a domain, then configure it) as an overwrite of
 * another tenant's; the SDK shapes above name the updates that act on existing objects.
 */
export const HTTP_WRITE_VERBS = new Set(['delete']);
/** Path values that name one object (`${domainName}`, `${projectId}`), not a region, a version or a kind. */
export const HTTP_OBJECT_NAME = /(^|[a-z0-9_])(id|ids|uuid|name|slug|domain|hostname|host|key|handle|email|username)$/i;
/** Plain fetch-like functions whose verb is the `method` option. */
export const FETCH_FUNCTIONS = new Set(['fetch', 'ky', 'ofetch', '$fetch', 'got', 'axios', 'undiciRequest']);
