import { MediaBucket } from '../../src/constructs';
import { mediaBucket, newStack, synthResources, thrownBy } from './synth-helpers';

describe('MediaBucket', () => {
  it('synthesizes one null_resource with the bucket settings and both provisioners', () => {
    const { stack } = newStack();
    mediaBucket(stack);
    const res = synthResources(stack)['demo/media'];
    expect(res?.triggers).toMatchObject({
      kind: 'media-bucket',
      schema: '1',
      bucket: 'media-1250000000',
      region: 'ap-guangzhou',
      mode: 'create',
      delete_on_destroy: 'false',
    });
    expect(res?.triggers.spec_sha256).toMatch(/^[0-9a-f]{64}$/);
    const [create, destroy] = res!.provisioner.map((p) => p['local-exec']);
    expect(create).toMatchObject({ command: 'create', environment: { COS_MEDIA_TRIGGERS: '${jsonencode(self.triggers)}' } });
    expect(create?.interpreter[0]).toBe('node');
    expect(create?.interpreter[1]).toMatch(/^assets\/CosMediaHandler\/[0-9A-F]+\/cos-media-handler\.js$/);
    expect(destroy).toMatchObject({ command: 'delete', when: 'destroy' });
  });

  it('references an existing bucket that is never deleted', () => {
    const { stack } = newStack();
    MediaBucket.fromBucketName(stack, 'old', { bucket: 'legacy-1250000000', region: 'ap-shanghai' });
    expect(synthResources(stack)['demo/old']?.triggers).toMatchObject({ mode: 'existing', delete_on_destroy: 'false' });
  });

  it('deletes on destroy only when asked', () => {
    const { stack } = newStack();
    new MediaBucket(stack, 'tmp', { bucket: 'tmp-1250000000', region: 'ap-guangzhou', deleteOnDestroy: true });
    expect(synthResources(stack)['demo/tmp']?.triggers.delete_on_destroy).toBe('true');
  });

  it('passes an endpoint to the handler through the environment, not the triggers', () => {
    const { stack } = newStack();
    new MediaBucket(stack, 'local', { bucket: 'local-1250000000', region: 'ap-guangzhou', endpoint: 'http://127.0.0.1:9000' });
    const res = synthResources(stack)['demo/local'];
    expect(res?.provisioner[0]?.['local-exec'].environment.COS_MEDIA_ENDPOINT).toBe('http://127.0.0.1:9000');
    expect(JSON.stringify(res?.triggers)).not.toContain('127.0.0.1');
  });

  it('fails on a bucket name without an APPID, naming the construct, the prop and the value', () => {
    const { stack } = newStack();
    const msg = thrownBy(() => new MediaBucket(stack, 'bad', { bucket: 'media', region: 'ap-guangzhou' }));
    expect(msg).toContain('demo/bad');
    expect(msg).toContain('`bucket`');
    expect(msg).toContain('"media"');
  });

  it('fails on a malformed region and a bad bucket name at once', () => {
    const { stack } = newStack();
    const msg = thrownBy(() => new MediaBucket(stack, 'bad', { bucket: '-media-12', region: 'Guangzhou' }));
    expect(msg).toMatch(/2 invalid values/);
    expect(msg).toContain('`region`');
    expect(msg).toContain('`bucket`');
  });
});
