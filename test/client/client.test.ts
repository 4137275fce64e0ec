import { CosMediaClient } from '../../src/client/client';
import { MissingCredentialsError } from '../../src/client/errors';
import * as clientIndex from '../../src/client';
import { SpecValidationError } from '../../src/model/problems';
import { BUCKET, CI_HOST, FakeClock, mockService, verifySignature } from './mock-service';

describe('CosMediaClient construction', () => {
  it('takes credentials and the endpoint from the environment by default', async () => {
    const { agent, seen } = mockService(() => ({ status: 200 }), 'http://127.0.0.1:9999');
    const client = new CosMediaClient({
      region: 'ap-guangzhou',
      dispatcher: agent,
      clock: new FakeClock(),
      env: { TENCENTCLOUD_SECRET_ID: 'AKIDfromenv', TENCENTCLOUD_SECRET_KEY: 'env-secret', COS_MEDIA_ENDPOINT: 'http://127.0.0.1:9999' },
    });
    expect(client.endpoint).toBe('http://127.0.0.1:9999');
    await client.cancelJob({ bucket: BUCKET, jobId: 'j1' });
    await agent.close();
    expect(seen[0]?.headers['host']).toBe(CI_HOST);
    expect(verifySignature(seen[0]!, 'env-secret').secretId).toBe('AKIDfromenv');
  });

  it('goes to the real hosts over https without an endpoint', async () => {
    const { agent, seen } = mockService(() => ({ status: 200 }), `https://${CI_HOST}`);
    const client = new CosMediaClient({ region: 'ap-guangzhou', dispatcher: agent, credentials: { secretId: 'AKID', secretKey: 'k' }, env: {} });
    expect(client.endpoint).toBeUndefined();
    await client.cancelJob({ bucket: BUCKET, jobId: 'j1' });
    await agent.close();
    expect(seen).toHaveLength(1);
  });

  it('fails listing a bad region and a bad endpoint together', () => {
    let error: unknown;
    try {
      new CosMediaClient({ region: 'Guangzhou', endpoint: 'http://127.0.0.1:9000/path', credentials: { secretId: 'a', secretKey: 'b' }, env: {} });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SpecValidationError);
    expect((error as SpecValidationError).problems.map((p) => p.path)).toEqual(['region', 'endpoint']);
    expect((error as Error).message).toMatch(/^CosMediaClient options: 2 invalid values/);
  });

  it('fails naming the variables when the environment has no credentials', () => {
    expect(() => new CosMediaClient({ region: 'ap-guangzhou', env: {} })).toThrow(MissingCredentialsError);
  });
});

describe('the client index', () => {
  it('exports the client, the signer, credentials, endpoints, errors and the retry policy', () => {
    for (const name of [
      'CosMediaClient',
      'signAuthorization',
      'parseAuthorization',
      'signatureParts',
      'headersToSign',
      'Credentials',
      'credentialsFromEnv',
      'virtualHost',
      'securityTokenHeader',
      'TencentApiError',
      'UnknownOutcomeError',
      'ConnectionError',
      'TimeoutError',
      'UnexpectedResponseError',
      'MissingCredentialsError',
      'AmbiguousTemplateNameError',
      'retryPolicy',
      'backoffDelay',
      'Transport',
    ]) {
      expect(clientIndex).toHaveProperty(name);
    }
  });
});
