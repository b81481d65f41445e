import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

/** Writes `table` into docs/benchmarks.md between `<!-- name:start -->` and `<!-- name:end -->`. */
export function writeDocsSection(name: string, title: string, table: string): void {
  const path = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const section = `## ${title}\n\n${start}\n${table}\n${end}\n`;
  if (!existsSync(path)) {
    writeFileSync(
      path,
      `# Benchmarks\n\n## Machine\n\n${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}. Each section names the run it comes from.\n\n${section}`,
    );
    return;
  }
  const text = readFileSync(path, 'utf8');
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next =
    from >= 0 && to > from
      ? `${text.slice(0, from + start.length)}\n${table}\n${text.slice(to)}`
      : `${text.trimEnd()}\n\n${section}`;
  writeFileSync(path, next);
}

export function machine(): string {
  return `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}`;
}
