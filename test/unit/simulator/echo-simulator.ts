/** A minimal operation simulator for framework tests: counts the calls its handler really ran. */
import type { OperationSimulator } from '../../../src/simulator';

export interface EchoSimulator extends OperationSimulator {
  readonly handled: () => number;
}

export function createEchoSimulator(): EchoSimulator {
  let handled = 0;
  return {
    name: 'test.echo',
    routes: [
      {
        method: 'POST',
        pattern: '/v1/things',
        endpoint: 'test.create',
        handle: (req) => {
          handled += 1;
          return { status: 201, body: { created: true, got: req.body } };
        },
      },
      {
        method: 'GET',
        pattern: '/v1/things/:id',
        endpoint: 'test.get',
        handle: (_req, params) => {
          handled += 1;
          return { status: 200, body: { id: params.id } };
        },
      },
    ],
    handled: () => handled,
  };
}
