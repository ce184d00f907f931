/**
 * The test data of one operation, written in its simulator folder (`src/providers/<op>/simulator/samples.ts`) and
 * gathered by operation id in `src/simulator-registry.ts`: every test, storm, soak and demo that runs for each
 * operation reads it there, so a new operation needs no edit under `test/`. Plain data and pure functions; `Input` is
 * the operation's input as a caller sends it (`z.input` of its schema).
 */
import type { StormKind } from './fault-storm';

/** A JSON object. */
export type JsonObject = Record<string, unknown>;

export interface OperationSamples<Input, Config> {
  /**
   * A small valid input with every kind of field the operation takes filled in. Fuzzing plants hostile values in
   * each of its leaves; the tests of permanent answers and of answers outside the contract start jobs with it.
   */
  readonly input: Input;
  /** Keys of the input's id fields, held to more than free text (a list of ids by the list's name). */
  readonly idKeys: readonly string[];
  /** Keys under which any JSON value is taken (free-form properties). */
  readonly freeFormKeys?: readonly string[];
  /** Where the input lists its users, and the key naming each (a user listed twice is refused); when it names users. */
  readonly users?: { readonly list: string; readonly key: string };
  /** How `bulkflow start` reads the users from a CSV file: columns, and the `--set` and `--items-field` it needs. */
  readonly csv?: {
    readonly columns: readonly string[];
    readonly set?: readonly string[];
    readonly itemsField?: string;
  };
  readonly storm: StormSamples<Input, Config>;
  readonly crash: CrashSample<Input>;
  /** A status answer and an item answer outside the operation's contract. */
  readonly drift: { readonly status: AnswerDrift; readonly items: AnswerDrift };
  /** The provider's documented example of a start request, when it publishes one (a fixture). */
  readonly documentedExample?: DocumentedExample;
  /** The demo's job of this operation (`npm run demo`), sized to finish in seconds on the simulator. */
  readonly demo: { readonly what: string; readonly input: Input };
}

/**
 * The storm and soak jobs of an operation. The contract their checks rely on
 * (docs/adding-an-operation.md#the-storm-contract): the users of each job are unique in the run (a user in two
 * provider jobs counts as done twice), at least one of them fails at the simulator (a user whose id contains `FAIL`,
 * where ids can hold it), and the simulator's ledger names each user by the item ref bulkflow plans for it
 * (`test/unit/simulator/storm-contract.test.ts` checks them for every operation).
 */
export interface StormSamples<Input, Config> {
  /** The input of job `tag` (unique in the run, from 1): a few users, unique to the tag. */
  input(tag: number): Input;
  /** Every endpoint its adapter calls (named after the operation id: `start`, `status`…) and the kinds it may get. */
  readonly faults: Readonly<Record<string, readonly StormKind[]>>;
  /** The simulator's configuration, over `{ pollsToComplete: 3 }`. */
  readonly simulator?: Config;
  /**
   * Each job runs on a connection (a tenant) of its own. For an operation whose tenant is the connection and whose
   * provider runs one job per tenant at a time: on one connection, its jobs would wait for each other.
   */
  readonly connectionPerJob?: boolean;
}

/** The crash matrix's job of an operation (its worker is killed at every step). */
export interface CrashSample<Input> {
  readonly input: Input;
  /** The endpoint `collectItems` reads (named after the operation id). */
  readonly itemsEndpoint: string;
  /** Requests of that endpoint before collecting starts (when collecting re-reads the status endpoint). */
  readonly itemsSkip?: number;
  /** How an interrupted start is settled: by the provider's idempotency or a lookup, or not at all. */
  readonly uncertainStart: 'settled' | 'ambiguous';
}

/**
 * An answer of the provider (to a poll, or to the reads that collect items) and ways it can break the contract. Unit
 * tests answer the operation's calls with it through a scripted client; integration tests make the simulator's
 * endpoint give it.
 */
export interface AnswerDrift {
  /** The simulator endpoint that gives the answer (named after the operation id). */
  readonly endpoint: string;
  /** Requests of that endpoint that go through first (collecting may re-read the status endpoint). */
  readonly skip?: number;
  /** Whether a request, as the URL it goes to, asks for this answer (provider job id `job-1`). */
  isTarget(url: URL): boolean;
  /** A valid answer. */
  readonly valid: JsonObject;
  /** A required field removed, and its JSON path. */
  readonly missing: readonly [JsonObject, string];
  /** A field of another type, and its JSON path. */
  readonly wrongType: readonly [JsonObject, string];
  /** What the call's other requests get from a scripted client (default: `valid`). */
  readonly otherwise?: { readonly status?: number; readonly body?: unknown; readonly text?: string };
}

/** The provider's documented example of a start request, and how bulkflow's input carries it. */
export interface DocumentedExample {
  /** Its fixture in `test/fixtures/providers/` (`<provider>-<call>-request.json`). */
  readonly fixture: string;
  /** The input carrying the example's users and fields (the test validates it with the operation's schema). */
  input(example: JsonObject): unknown;
  /** The bodies sent for the batches of one job, as one body (undoes batching). */
  unbatch(bodies: readonly JsonObject[]): JsonObject;
}
