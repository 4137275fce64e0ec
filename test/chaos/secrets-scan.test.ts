import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { filesUnder, scanForSecret, secretForms } from '../../chaos/secrets-scan';

const SECRET = 'planted-Secret-Key-0042';

describe('the secrets scan', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-chaos-scan-'));
    fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'clean.txt'), 'nothing to see; planted-Secret-Key-004 is not the key');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds nothing in clean files and texts, and counts what it read', () => {
    const result = scanForSecret(SECRET, dir, { output: 'all fine' });
    expect(result.hits).toEqual([]);
    expect(result.files).toBe(1);
    expect(result.bytes).toBeGreaterThan(50);
  });

  it('finds the key as written, in nested and binary files', () => {
    fs.writeFileSync(path.join(dir, 'a', 'b', 'state.json'), JSON.stringify({ env: { KEY: SECRET } }));
    fs.writeFileSync(path.join(dir, 'blob'), Buffer.concat([Buffer.from([0, 255, 1]), Buffer.from(SECRET), Buffer.from([0])]));
    const hits = scanForSecret(SECRET, dir).hits;
    expect(hits).toEqual(expect.arrayContaining([{ where: path.join('a', 'b', 'state.json'), form: 'raw' }, { where: 'blob', form: 'raw' }]));
    expect(hits).toHaveLength(2);
  });

  it('finds the key base64-, base64url-, hex- (either case) and URL-encoded', () => {
    const raw = Buffer.from(SECRET);
    fs.writeFileSync(path.join(dir, 'b64'), `Authorization: Basic ${raw.toString('base64')}`);
    fs.writeFileSync(path.join(dir, 'hex'), raw.toString('hex').toUpperCase());
    const forms = scanForSecret(SECRET, dir).hits.map((h) => `${h.where}:${h.form}`).sort();
    expect(forms).toEqual(['b64:base64', 'hex:hex']);
    // URL-encoding only differs for keys with reserved characters.
    const special = 'k3y/with+plus';
    fs.writeFileSync(path.join(dir, 'url'), `?k=${encodeURIComponent(special)}&x=1`);
    expect(scanForSecret(special, dir).hits).toEqual([{ where: 'url', form: 'url-encoded' }]);
    expect(secretForms('~~~?/').map((f) => f.form)).toEqual(['raw', 'base64', 'base64url', 'hex', 'url-encoded']);
  });

  it('scans texts that were never files, by their labels', () => {
    expect(scanForSecret(SECRET, undefined, { 'handler stderr': `oops ${SECRET}` }).hits).toEqual([{ where: 'handler stderr', form: 'raw' }]);
  });

  it('lists regular files only, and nothing for a missing directory', () => {
    fs.symlinkSync(path.join(dir, 'clean.txt'), path.join(dir, 'link'));
    expect(filesUnder(dir).map((f) => path.basename(f))).toEqual(['clean.txt']);
    expect(filesUnder(path.join(dir, 'missing'))).toEqual([]);
  });
});
