/**
 * docker-compose.yml is checked without a Docker engine: against the Compose specification's schema and the lint
 * rules of dclint (configured in .dclintrc), and for what a schema cannot know — that every variable bulkflow's
 * services set is one bulkflow reads, that dependencies and volumes exist, that each command runs a compiled entry
 * point of src/, and that the search attributes registered are the ones the workflows use.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DCLinter } from 'dclint';
import { parse } from 'yaml';
import { z } from 'zod';
import { CONFIG_VARIABLES } from '../../../src/config';
import { SEARCH_ATTRIBUTES } from '../../../src/workflows/definitions';

const ROOT = join(__dirname, '..', '..', '..');
const COMPOSE = join(ROOT, 'docker-compose.yml');
const SIMULATOR_VARIABLES = ['BULKFLOW_SIMULATOR_HOST', 'BULKFLOW_SIMULATOR_PORT', 'BULKFLOW_SIMULATOR_TOKENS'];

const ServiceSchema = z.looseObject({
  image: z.string().optional(),
  build: z.looseObject({ context: z.string(), dockerfile: z.string() }).optional(),
  command: z.union([z.string(), z.array(z.string())]).optional(),
  environment: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  depends_on: z.record(z.string(), z.unknown()).optional(),
  volumes: z.array(z.string()).optional(),
});
const ComposeSchema = z.looseObject({
  services: z.record(z.string(), ServiceSchema),
  volumes: z.record(z.string(), z.unknown()).optional(),
});

function lint(file: string) {
  const config = z
    .object({ rules: z.record(z.string(), z.union([z.literal(0), z.literal(1), z.literal(2)])) })
    .parse(JSON.parse(readFileSync(join(ROOT, '.dclintrc'), 'utf8')));
  const linter = new DCLinter({ rules: config.rules, quiet: false, debug: false, exclude: [] });
  return linter.lintFiles([file], false).flatMap((result) => result.messages);
}

const compose = ComposeSchema.parse(parse(readFileSync(COMPOSE, 'utf8')));
const bulkflowServices = Object.entries(compose.services).filter(([, s]) => s.image === 'bulkflow:local');

describe('docker-compose.yml', () => {
  it('follows the Compose specification and the lint rules, without a message', () => {
    expect(lint(COMPOSE)).toEqual([]);
  });

  it('fails the check when a service has a misspelt key or a bad restart policy', () => {
    const broken = readFileSync(COMPOSE, 'utf8')
      .replace('    restart: unless-stopped\n', '    restart: sometimes\n')
      .replace('    environment:\n', '    enviroment:\n');
    const file = join(mkdtempSync(join(tmpdir(), 'bulkflow-compose-')), 'docker-compose.yml');
    writeFileSync(file, broken);
    expect(lint(file).some((m) => m.type === 'error')).toBe(true);
  });

  it('runs the worker, the API, the codec server and the simulator from the one image, each a compiled entry point of src/', () => {
    expect(bulkflowServices.map(([name]) => name).sort()).toEqual(['api', 'codec', 'simulator', 'worker']);
    for (const [, service] of bulkflowServices) {
      expect(existsSync(join(ROOT, service.build?.context ?? '', service.build?.dockerfile ?? ''))).toBe(true);
      const [node, entry = ''] = Array.isArray(service.command) ? service.command : [];
      expect(node).toBe('node');
      expect(existsSync(join(ROOT, entry.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts')))).toBe(true);
    }
  });

  it('sets only variables bulkflow reads, so a misspelt setting cannot pass silently', () => {
    const known = new Set([...CONFIG_VARIABLES, ...SIMULATOR_VARIABLES]);
    const set = bulkflowServices.flatMap(([name, s]) => Object.keys(s.environment ?? {}).map((v) => `${name}: ${v}`));
    expect(set.filter((entry) => !known.has(entry.split(': ')[1] ?? ''))).toEqual([]);
  });

  it('depends only on services it defines, and mounts only volumes it declares or files it has', () => {
    const services = new Set(Object.keys(compose.services));
    const volumes = new Set(Object.keys(compose.volumes ?? {}));
    const missing = Object.entries(compose.services).flatMap(([name, service]) => [
      ...Object.keys(service.depends_on ?? {})
        .filter((dependency) => !services.has(dependency))
        .map((dependency) => `${name} depends on ${dependency}`),
      ...(service.volumes ?? [])
        .map((mount) => mount.split(':')[0] ?? '')
        .filter((source) => (source.startsWith('.') ? !existsSync(join(ROOT, source)) : !volumes.has(source)))
        .map((source) => `${name} mounts ${source}`),
    ]);
    expect(missing).toEqual([]);
  });

  it('registers exactly the search attributes the workflows use', () => {
    const setup = readFileSync(join(ROOT, 'deploy', 'temporal', 'setup-namespace.sh'), 'utf8');
    const registered = /for name in ([A-Za-z ]+); do/.exec(setup)?.[1]?.split(' ') ?? [];
    expect(registered.sort()).toEqual(
      Object.values(SEARCH_ATTRIBUTES)
        .map((k) => k.name)
        .sort(),
    );
  });
});
