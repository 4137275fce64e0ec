import { main } from '../src/cli';

describe('cos-media cli', () => {
  it('prints usage and exits 0 for help', async () => {
    const out: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => { out.push(String(s)); return true; });
    try {
      expect(await main(['help'])).toBe(0);
    } finally { spy.mockRestore(); }
    expect(out.join('')).toContain('usage: cos-media');
  });
  it('fails with exit 2 on an unknown command', async () => {
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['nope'])).toBe(2);
    } finally { spy.mockRestore(); }
  });
});
