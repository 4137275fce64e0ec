/**
 * The secrets scan: every file a run produced (synth output, runner state, results, logs, the emulator's data
 * directory) and every text it printed, searched byte-wise for the planted secret key — as written, and in
 * the encodings a leak would most likely take (base64, base64url, hex, URL-encoding).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface SecretHit {
  /** The file, or a label for text that was not a file. */
  readonly where: string;
  /** `raw`, `base64`, `base64url`, `hex`, `url-encoded`. */
  readonly form: string;
}

export function secretForms(secret: string): { form: string; bytes: Buffer }[] {
  const raw = Buffer.from(secret, 'utf8');
  const forms = [
    { form: 'raw', text: secret },
    { form: 'base64', text: raw.toString('base64').replace(/=+$/, '') },
    { form: 'base64url', text: raw.toString('base64url') },
    { form: 'hex', text: raw.toString('hex') },
    { form: 'url-encoded', text: encodeURIComponent(secret) },
  ];
  const unique = new Map<string, string>();
  for (const f of forms) if (!unique.has(f.text)) unique.set(f.text, f.form);
  return [...unique].map(([text, form]) => ({ form, bytes: Buffer.from(text, 'utf8') }));
}

function hitsIn(where: string, data: Buffer, forms: { form: string; bytes: Buffer }[]): SecretHit[] {
  const lower = Buffer.from(data.toString('latin1').toLowerCase(), 'latin1');
  return forms
    .filter((f) => data.includes(f.bytes) || (f.form === 'hex' && lower.includes(f.bytes)))
    .map((f) => ({ where, form: f.form }));
}

/** Every regular file under `dir`. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(p);
    return e.isFile() ? [p] : [];
  });
}

export interface ScanResult {
  readonly files: number;
  readonly bytes: number;
  readonly hits: SecretHit[];
}

/** Scans every file under `dir` (when given) and each extra text, labelled by its key. */
export function scanForSecret(secret: string, dir: string | undefined, texts: Readonly<Record<string, string>> = {}): ScanResult {
  const forms = secretForms(secret);
  const hits: SecretHit[] = [];
  let bytes = 0;
  const files = dir === undefined ? [] : filesUnder(dir);
  for (const file of files) {
    const data = fs.readFileSync(file);
    bytes += data.length;
    hits.push(...hitsIn(path.relative(dir as string, file), data, forms));
  }
  for (const [label, text] of Object.entries(texts)) {
    const data = Buffer.from(text, 'utf8');
    bytes += data.length;
    hits.push(...hitsIn(label, data, forms));
  }
  return { files: files.length, bytes, hits };
}
