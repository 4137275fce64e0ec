import fc from 'fast-check';
import { escapeTemplate, literalValue, parseTemplate } from '../../src/local/template';

describe('reading a Terraform JSON string as a template', () => {
  it.each([
    ['plain text', 'plain text'],
    ['out/$${InputName}.$${ext}', 'out/${InputName}.${ext}'],
    ['100%%{x}', '100%{x}'],
    ['$$${a}', '$${a}'],
    ['$$$${a}', '$$${a}'],
    ['%%%{a}', '%%{a}'],
    ['costs $5 at 50%', 'costs $5 at 50%'],
    ['ends with $', 'ends with $'],
    ['ends with %', 'ends with %'],
    ['$$ and %% alone', '$$ and %% alone'],
    ['{braces} and }', '{braces} and }'],
    ['', ''],
  ])('reads %j as the literal %j', (raw, value) => {
    expect(parseTemplate(raw)).toEqual({ kind: 'literal', value });
  });

  it.each([
    ['${var.name}', '${var.name}'],
    ['prefix-${jsonencode(self.triggers)}', '${jsonencode(self.triggers)}'],
    ['%{ if true }x%{ endif }', '%{ if true }'],
    ['$$${x}${y}', '${y}'],
    ['${~ x ~}', '${~ x ~}'],
    ['${unclosed', '${unclosed'],
  ])('finds the expression in %j', (raw, expression) => {
    expect(parseTemplate(raw)).toEqual({ kind: 'expression', expression });
  });

  it('fails literalValue on a string holding an expression', () => {
    expect(() => literalValue('a ${b}')).toThrow('not a literal string: holds the expression ${b}');
  });

  it('reads back any text escaped with escapeTemplate unchanged', () => {
    const alphabet = fc.constantFrom('$', '%', '{', '}', 'a', ' ', 'é', '\n');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 30 }).map((cs) => cs.join('')), (text) => {
        expect(parseTemplate(escapeTemplate(text))).toEqual({ kind: 'literal', value: text });
      }),
    );
  });
});
