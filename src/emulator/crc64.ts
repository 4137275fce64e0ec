/**
 * CRC-64/ECMA-182 as COS reports it in `x-cos-hash-crc64ecma` (the reflected "CRC-64/XZ" variant: init and
 * final XOR all ones), as a decimal string. Computed on 32-bit halves to stay fast without BigInt per byte.
 */
const POLY_HI = 0xc96c5795;
const POLY_LO = 0xd7870f42;
const TABLE_HI = new Uint32Array(256);
const TABLE_LO = new Uint32Array(256);

for (let i = 0; i < 256; i++) {
  let hi = 0;
  let lo = i;
  for (let bit = 0; bit < 8; bit++) {
    const carry = lo & 1;
    lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
    hi = hi >>> 1;
    if (carry) {
      hi = (hi ^ POLY_HI) >>> 0;
      lo = (lo ^ POLY_LO) >>> 0;
    }
  }
  TABLE_HI[i] = hi;
  TABLE_LO[i] = lo;
}

export function crc64ecma(data: Uint8Array): string {
  let hi = 0xffffffff;
  let lo = 0xffffffff;
  for (let i = 0; i < data.length; i++) {
    const index = (lo ^ (data[i] as number)) & 0xff;
    const nextLo = ((lo >>> 8) | ((hi & 0xff) << 24)) >>> 0;
    const nextHi = hi >>> 8;
    lo = (nextLo ^ (TABLE_LO[index] as number)) >>> 0;
    hi = (nextHi ^ (TABLE_HI[index] as number)) >>> 0;
  }
  hi = (hi ^ 0xffffffff) >>> 0;
  lo = (lo ^ 0xffffffff) >>> 0;
  return ((BigInt(hi) << 32n) | BigInt(lo)).toString();
}
