/**
 * The owner record of a template construct: a small JSON object in the template's bucket
 * (`.cos-media/templates/<sha256 of the construct path>.json`) naming the template the construct made or
 * adopted, and its TemplateId. It is what lets a changed template be updated in place: with
 * `create_before_destroy` the new create finds the old version of its own template under the same name, and
 * must tell it apart from a template someone else owns (still refused unless `takeOver` is set). A renamed
 * template's create finds its old name here and removes that template (the replaced object's delete does not
 * run). `cos-media drift` reads it to see a template replaced under the same name (another TemplateId).
 */
import { createHash } from 'node:crypto';
import { TencentApiError, type CosMediaClient } from '../client';

export const TEMPLATE_OWNER_PREFIX = '.cos-media/templates/';

export interface TemplateOwner {
  readonly format: 'cdktf-cos-media-template-owner';
  readonly version: 1;
  readonly name: string;
  /** The construct path that owns the template. */
  readonly construct: string;
  readonly templateId: string;
  /** The spec hash the owner last wrote (`spec_sha256` of its triggers). */
  readonly specSha256?: string;
}

export function templateOwnerKey(construct: string): string {
  return `${TEMPLATE_OWNER_PREFIX}${createHash('sha256').update(construct, 'utf8').digest('hex').slice(0, 40)}.json`;
}

/** The owner record of `construct` in `bucket`, or undefined when there is none (or it is not one of ours). */
export async function readTemplateOwner(client: CosMediaClient, bucket: string, construct: string): Promise<TemplateOwner | undefined> {
  let text: string;
  try {
    text = (await client.getObject({ bucket, key: templateOwnerKey(construct) })).body.toString('utf8');
  } catch (err) {
    if (err instanceof TencentApiError && (err.code === 'NoSuchKey' || err.statusCode === 404)) return undefined;
    throw err;
  }
  try {
    const r = JSON.parse(text) as Partial<TemplateOwner>;
    if (r.format !== 'cdktf-cos-media-template-owner' || r.construct !== construct || typeof r.templateId !== 'string' || typeof r.name !== 'string') {
      return undefined;
    }
    return r as TemplateOwner;
  } catch {
    return undefined;
  }
}

export async function writeTemplateOwner(client: CosMediaClient, bucket: string, owner: Omit<TemplateOwner, 'format' | 'version'>): Promise<void> {
  const body: TemplateOwner = { format: 'cdktf-cos-media-template-owner', version: 1, ...owner };
  await client.putObject({ bucket, key: templateOwnerKey(owner.construct), body: JSON.stringify(body), contentType: 'application/json' });
}

export async function deleteTemplateOwner(client: CosMediaClient, bucket: string, construct: string): Promise<void> {
  try {
    await client.deleteObject({ bucket, key: templateOwnerKey(construct) });
  } catch (err) {
    if (!(err instanceof TencentApiError && (err.code === 'NoSuchKey' || err.statusCode === 404))) throw err;
  }
}
