import * as fs from 'node:fs';
import * as path from 'node:path';
import { planReport } from '../../src/report';
import { planDoc } from './plan-builder';

/** The report of a plan made of these resource changes. */
export function reportOf(changes: readonly unknown[], extra: Record<string, unknown> = {}): string {
  return planReport(JSON.stringify(planDoc(changes, extra)));
}

/** The lines of one `### title` section (without the heading and blank lines). */
export function sectionOf(markdown: string, title: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(`### ${title}`);
  if (start === -1) return [];
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('### ') || line.startsWith('> ') || line.startsWith('<sub>')) break;
    if (line !== '') out.push(line);
  }
  return out;
}

/** The warning lines (block quotes that start with the warning sign). */
export function warningsOf(markdown: string): string[] {
  return markdown.split('\n').filter((l) => l.startsWith('> **⚠️'));
}

export function fixture(name: string): string {
  return fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
}
