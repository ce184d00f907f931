/**
 * The PromQL an operator copies from the project: the alert rules of docs/deployment.md ("What to alert on", one
 * Prometheus rules file in a `yaml` block) and the panels of deploy/grafana-dashboard.json.
 */
import { parse as parseYaml } from 'yaml';

interface RulesFile {
  readonly groups: { readonly rules: { readonly alert: string; readonly expr: string }[] }[];
}

/** The `expr` of every alert rule in the `yaml` blocks of the "What to alert on" section of `markdown`. */
export function alertExpressions(markdown: string): string[] {
  const start = markdown.search(/^#+ What to alert on$/m);
  if (start < 0) throw new Error('no "What to alert on" section');
  const level = /^#+/.exec(markdown.slice(start))?.[0].length ?? 2;
  const rest = markdown.slice(start + level);
  const end = rest.search(new RegExp(`^#{1,${level}} `, 'm'));
  const section = end < 0 ? rest : rest.slice(0, end);
  const blocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  return blocks.flatMap((block) => (parseYaml(block) as RulesFile).groups.flatMap((g) => g.rules.map((r) => r.expr)));
}

/** Every `expr` of the dashboard's panels, with Grafana's interval variables made a fixed range. */
export function dashboardExpressions(json: string): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'expr' && typeof inner === 'string') found.push(inner.replace(/\$__(rate_)?interval/g, '5m'));
        else walk(inner);
      }
    }
  };
  walk(JSON.parse(json));
  return found;
}

/** The names of bulkflow's and Temporal's series an expression reads. */
export function metricNamesIn(expr: string): string[] {
  return [...expr.matchAll(/\b(?:bulkflow|temporal)_[a-z0-9_]+\b/g)].map((m) => m[0]);
}
