import { inspect } from 'node:util';
import { Credentials, credentialsFromEnv } from '../../src/client/credentials';
import { MissingCredentialsError } from '../../src/client/errors';
import { SpecValidationError } from '../../src/model/problems';
import { signAuthorization } from '../../src/client/signer';

const KEY = 'PLANTED-SECRET-KEY-credentials-1';
const TOKEN = 'PLANTED-TOKEN-credentials-2';

describe('credentialsFromEnv', () => {
  it('reads the id, key and optional token from the TENCENTCLOUD_* variables', () => {
    const c = credentialsFromEnv({
      TENCENTCLOUD_SECRET_ID: 'AKIDenv',
      TENCENTCLOUD_SECRET_KEY: KEY,
      TENCENTCLOUD_SECURITY_TOKEN: TOKEN,
    });
    expect(c.secretId).toBe('AKIDenv');
    expect(c.hasSecurityToken).toBe(true);
    expect(c.securityToken()).toBe(TOKEN);
  });

  it('treats an empty token as no token', () => {
    const c = credentialsFromEnv({ TENCENTCLOUD_SECRET_ID: 'AKIDenv', TENCENTCLOUD_SECRET_KEY: KEY, TENCENTCLOUD_SECURITY_TOKEN: '' });
    expect(c.hasSecurityToken).toBe(false);
    expect(c.securityToken()).toBeUndefined();
  });

  it('fails naming both variables when neither is set', () => {
    const attempt = (): Credentials => credentialsFromEnv({});
    expect(attempt).toThrow(MissingCredentialsError);
    expect(attempt).toThrow(/TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY/);
  });

  it('fails naming only the missing key, without echoing the id or any value', () => {
    let error: unknown;
    try {
      credentialsFromEnv({ TENCENTCLOUD_SECRET_ID: 'AKIDvisible', TENCENTCLOUD_SECRET_KEY: '', TENCENTCLOUD_SECURITY_TOKEN: TOKEN });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(MissingCredentialsError);
    expect((error as MissingCredentialsError).variables).toEqual(['TENCENTCLOUD_SECRET_KEY']);
    expect(String(error)).not.toContain(TOKEN);
    expect(String(error)).not.toContain('AKIDvisible');
  });

  it('fails for a blank secret id', () => {
    expect(() => credentialsFromEnv({ TENCENTCLOUD_SECRET_ID: '  ', TENCENTCLOUD_SECRET_KEY: KEY })).toThrow(/TENCENTCLOUD_SECRET_ID/);
  });
});

describe('Credentials', () => {
  const creds = new Credentials({ secretId: 'AKIDshown', secretKey: KEY, securityToken: TOKEN });

  it.each([
    ['JSON.stringify', (): string => JSON.stringify(creds)],
    ['JSON.stringify inside an object', (): string => JSON.stringify({ nested: { creds } })],
    ['util.inspect', (): string => inspect(creds, { depth: 5, showHidden: true, getters: true })],
    ['util.inspect inside an object', (): string => inspect({ creds }, { depth: 5 })],
    ['String()', (): string => String(creds)],
    ['a template literal', (): string => `${creds}`],
    ['Object.keys and values', (): string => JSON.stringify([Object.keys(creds), Object.values(creds)])],
  ])('does not show the key or the token through %s', (_how, show) => {
    const text = show();
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(TOKEN);
    expect(text).toContain('AKIDshown');
  });

  it('signs exactly as signAuthorization does with the key it holds', () => {
    const request = { method: 'GET', pathname: '/jobs', headers: { host: 'h' }, startTime: 1, endTime: 901 };
    expect(creds.sign(request)).toBe(signAuthorization({ ...request, secretId: 'AKIDshown', secretKey: KEY }));
  });

  it('redacts the key and the token from text', () => {
    expect(creds.redact(`a ${KEY} b ${TOKEN} c ${KEY}`)).toBe('a [redacted] b [redacted] c [redacted]');
  });

  it('fails listing every bad field without echoing secret values', () => {
    let error: unknown;
    try {
      new Credentials({ secretId: '', secretKey: '', securityToken: '' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SpecValidationError);
    expect((error as SpecValidationError).problems.map((p) => p.path)).toEqual(['secretId', 'secretKey', 'securityToken']);
  });
});
