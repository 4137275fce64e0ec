import { crc64ecma } from '../../src/emulator/crc64';

describe('crc64ecma', () => {
  it('gives the CRC-64/XZ check value for "123456789" and the empty input', () => {
    expect(crc64ecma(Buffer.from('123456789'))).toBe(BigInt('0x995DC9BBDF1939FA').toString());
    expect(crc64ecma(Buffer.alloc(0))).toBe('0');
  });
});
