/**
 * Query parameters that select a sub-resource or an action (`PUT /?unbind`, `PUT /jobs/<id>?cancel`,
 * `POST /<key>?uploads`). They change what a request does, so a signature must cover them: a signature for
 * `PUT /` (bind) must not be accepted for `PUT /?unbind`. Other parameters (`pageSize`, `response-*`) may
 * be left out of `q-url-param-list`, as the signers allow (ci-api.md §2.3).
 */

/** COS sub-resources the emulator does not implement (answered `NotImplemented`, not misread as a plain GET/PUT). */
export const COS_SUBRESOURCES: readonly string[] = [
  'acl', 'cors', 'lifecycle', 'policy', 'tagging', 'uploads', 'uploadId', 'partNumber', 'versioning', 'versionId',
  'website', 'replication', 'logging', 'inventory', 'delete', 'restore', 'append', 'referer', 'domain', 'encryption',
  'accelerate', 'intelligenttiering', 'object-lock', 'versions', 'select', 'symlink', 'location', 'list-type',
];

/** The action flags of emulated routes. */
export const ROUTE_FLAGS: readonly string[] = ['unbind', 'cancel'];

/** Every parameter that must be signed when present, lower-cased. */
export const MUST_SIGN_PARAMS: ReadonlySet<string> = new Set([...COS_SUBRESOURCES, ...ROUTE_FLAGS].map((p) => p.toLowerCase()));
