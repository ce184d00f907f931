/** The simulator's mutable state: jobs, saved idempotent answers and the current configuration. */
import type { SimResponse } from '../../../simulator/types';
import { effectiveConfig, type EffectiveSimConfig, type FullStoryImportUsersSimConfig } from './config';
import type { SimImportJob } from './state';

/** The answer saved for an Idempotency-Key, with the body it was given for. */
export interface SavedAnswer {
  readonly body: string;
  readonly response: SimResponse;
  readonly savedAt: number;
}

export interface SimStore {
  /** Insertion order = creation order. */
  readonly jobs: Map<string, SimImportJob>;
  readonly idempotency: Map<string, SavedAnswer>;
  config: FullStoryImportUsersSimConfig;
  effective: EffectiveSimConfig;
}

/** A new store with `config`. */
export function createStore(config: FullStoryImportUsersSimConfig): SimStore {
  return { jobs: new Map(), idempotency: new Map(), config, effective: effectiveConfig(config) };
}

/** Replaces the configuration; jobs created afterwards follow it. */
export function configure(store: SimStore, config: FullStoryImportUsersSimConfig): void {
  store.config = config;
  store.effective = effectiveConfig(config);
}

/** The `Idempotency-Key` header of a request, if any (Node lower-cases header names). */
export function idempotencyKeyOf(headers: Readonly<Record<string, string | string[] | undefined>>): string | undefined {
  const value = headers['idempotency-key'];
  const key = Array.isArray(value) ? value[0] : value;
  return key === undefined || key === '' ? undefined : key;
}
