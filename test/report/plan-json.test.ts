import { planReport, PlanInputError } from '../../src/report';
import { fixture } from './helpers';
import { nullChange, planDoc, jobTriggers } from './plan-builder';

/** The one-line message planReport throws for this input. */
function errorFor(input: string | object): string {
  try {
    planReport(input);
  } catch (err) {
    expect(err).toBeInstanceOf(PlanInputError);
    const message = (err as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected a PlanInputError');
}

describe('reading the plan JSON', () => {
  it('fails on text that is not JSON, saying what to pass instead', () => {
    expect(errorFor('Terraform will perform the following actions:')).toMatch(
      /^not JSON \(Unexpected token .*\): pass the output of `terraform show -json <planfile>`$/,
    );
  });

  it('fails on text that is not JSON with a one-line message, whatever the text holds', () => {
    const message = errorFor('ab\ncd\r\nef\u2028gh and more text');
    expect(message).toMatch(/^not JSON \(.+\): pass the output of `terraform show -json <planfile>`$/);
    expect(message).not.toMatch(/[\r\u2028]/);
  });

  it('fails on empty input', () => {
    expect(errorFor('  \n')).toBe('not JSON (the input is empty): pass the output of `terraform show -json <planfile>`');
  });

  it('fails on a binary plan file, naming the command that converts it', () => {
    expect(errorFor('PK\u0003\u0004\u0014\u0000tfplan')).toBe(
      'this is a binary plan file (a zip archive), not its JSON: run `terraform show -json <planfile>` and pass that output',
    );
  });

  it.each([
    ['[]', 'not a Terraform plan: expected a JSON object with format_version and resource_changes, got []'],
    ['42', 'not a Terraform plan: expected a JSON object with format_version and resource_changes, got 42'],
    ['{}', 'not a Terraform plan: format_version must be a string like "1.2", got nothing (pass the output of `terraform show -json <planfile>`)'],
    ['{"format_version": 1}', 'not a Terraform plan: format_version must be a string like "1.2", got 1 (pass the output of `terraform show -json <planfile>`)'],
    ['{"format_version": "1.2", "foo": 1}', 'not a Terraform plan: it has none of resource_changes, planned_values, configuration'],
  ])('fails on %s', (input, message) => {
    expect(errorFor(input)).toBe(message);
  });

  it('fails on a state file, saying it looks like a state', () => {
    expect(errorFor(fixture('state.json'))).toBe(
      'not a Terraform plan: it has none of resource_changes, planned_values, configuration (this looks like a state: run `terraform show -json` on a plan file, not on the state)',
    );
  });

  it('fails on an unknown format_version major', () => {
    expect(errorFor(planDoc([], { format_version: '2.0' }))).toBe(
      'unsupported plan format_version "2.0": this report reads major versions 0 and 1 of Terraform\'s JSON plan format',
    );
  });

  it('reads format 0.x (Terraform 0.12-0.15) and later 1.x minors, ignoring properties it does not know', () => {
    for (const version of ['0.1', '0.2', '1.0', '1.9']) {
      const md = planReport(planDoc([nullChange('intro', ['create'], null, jobTriggers())], { format_version: version, some_future_field: { x: 1 } }));
      expect(md).toContain('- **new** `demo/intro`');
    }
  });

  it('reads input with a byte order mark', () => {
    expect(planReport(`\uFEFF${JSON.stringify(planDoc([]))}`)).toContain('**No changes.**');
  });

  it('fails on malformed resource changes, listing every problem with its path', () => {
    const doc = planDoc([
      { address: 'null_resource.a', type: 'null_resource', change: { actions: 'create' } },
      { type: 'null_resource', change: { actions: ['create'], after: 'x' } },
      'nonsense',
    ]);
    expect(errorFor(doc)).toBe(
      'not a valid Terraform plan: resource_changes[0].change.actions must be a non-empty list of strings, got "create"; ' +
        'resource_changes[1].address must be a non-empty string, got nothing; ' +
        'resource_changes[1].change.after must be an object or null, got "x"; ' +
        'resource_changes[2] must be an object, got "nonsense"',
    );
  });

  it('fails on more than five problems with a count of the rest', () => {
    const doc = planDoc(Array.from({ length: 8 }, () => ({ type: 'x', change: { actions: ['create'] } })));
    expect(errorFor(doc)).toMatch(/resource_changes\[4\]\.address must be a non-empty string, got nothing; and 3 more$/);
  });

  it('fails when resource_changes is not a list', () => {
    expect(errorFor(planDoc([], { resource_changes: { a: 1 } }))).toBe('not a valid Terraform plan: resource_changes must be a list, got {"a":1}');
  });
});
