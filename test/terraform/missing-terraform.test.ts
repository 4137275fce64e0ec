import { terraformTier } from './terraform-harness';

describe('the real-Terraform tier without terraform on PATH', () => {
  const saved = { PATH: process.env.PATH, SKIP: process.env.COS_MEDIA_SKIP_TERRAFORM };
  afterEach(() => {
    process.env.PATH = saved.PATH;
    if (saved.SKIP === undefined) delete process.env.COS_MEDIA_SKIP_TERRAFORM;
    else process.env.COS_MEDIA_SKIP_TERRAFORM = saved.SKIP;
  });

  it('fails with one line saying what is missing and how to skip the tier', () => {
    process.env.PATH = '/nonexistent';
    delete process.env.COS_MEDIA_SKIP_TERRAFORM;
    let message = '';
    try {
      terraformTier();
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe(
      'the real-Terraform tier needs `terraform` (>= 1.4) on PATH and could not run it (ENOENT); ' +
        'install Terraform, or set COS_MEDIA_SKIP_TERRAFORM=1 to skip this tier',
    );
  });

  it('is skipped only when COS_MEDIA_SKIP_TERRAFORM=1 says so', () => {
    process.env.PATH = '/nonexistent';
    process.env.COS_MEDIA_SKIP_TERRAFORM = '1';
    expect(terraformTier()).toBe(false);
  });
});
