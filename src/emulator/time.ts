/** Time formats of the APIs. */

const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** CI timestamps: `YYYY-MM-DDTHH:MM:SS+0800` (China Standard Time, offset without colon; ci-api.md §3.3). */
export function formatCiTime(ms: number): string {
  const d = new Date(ms + CHINA_OFFSET_MS);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+0800`
  );
}

/**
 * Parses `YYYY-MM-DDTHH:MM:SS±HHMM` (the format of `startCreationTime` / `endCreationTime`, ci-api.md §8.4);
 * `±HH:MM` and `Z` are accepted too. Returns epoch milliseconds, or `undefined` when the text is not such a time.
 */
export function parseCiTime(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:(Z)|([+-])(\d{2}):?(\d{2}))$/.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, z, sign, oh, om] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(utc)) return undefined;
  const check = new Date(utc);
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return undefined;
  if (z) return utc;
  const offset = (Number(oh) * 60 + Number(om)) * 60_000 * (sign === '-' ? -1 : 1);
  return utc - offset;
}

/** COS `LastModified` in listings: ISO 8601 with milliseconds, UTC. */
export const formatIsoTime = (ms: number): string => new Date(ms).toISOString();

/** HTTP dates (`Last-Modified`). */
export const formatHttpDate = (ms: number): string => new Date(ms).toUTCString();
