/**
 * React access to the one ApiClient, plus `useQuery`: a deliberately small read
 * hook. A query names the tables its answer depends on; when a write anywhere in
 * the app reports one of those tables as changed, the query refetches. Server
 * data lives only here, in the component that shows it, never copied into a
 * global store where it could go stale.
 */
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/api/contract';
import { ApiError, type ApiClient } from './client';

const ApiContext = createContext<ApiClient | null>(null);

export function ApiProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi needs an <ApiProvider> above it');
  return client;
}

export interface QueryState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  refetch(): void;
}

export interface QueryOptions {
  /** Tables whose change makes this answer stale. */
  tables: readonly string[];
}

export function useQuery<M extends MethodName>(method: M, input: MethodInput<M>, options: QueryOptions): QueryState<MethodOutput<M>> {
  const api = useApi();
  const inputKey = JSON.stringify(input ?? null);
  const tablesKey = options.tables.join(',');
  const [version, setVersion] = useState(0);
  const requestKey = `${method} ${inputKey} #${version}`;
  // The last settled answer and the request it answered: the query is loading while they differ.
  const [settled, setSettled] = useState<{ key: string; data: MethodOutput<M> | undefined; error: ApiError | undefined }>({
    key: '',
    data: undefined,
    error: undefined,
  });
  const latest = useRef('');

  const refetch = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    latest.current = requestKey;
    api
      .call(method, JSON.parse(inputKey) as MethodInput<M>)
      .then((data) => {
        if (latest.current === requestKey) setSettled({ key: requestKey, data, error: undefined });
      })
      .catch((error: unknown) => {
        if (latest.current !== requestKey) return;
        const apiError = error instanceof ApiError ? error : new ApiError({ code: 'INTERNAL', message: String(error) });
        setSettled((s) => ({ key: requestKey, data: s.data, error: apiError }));
      });
  }, [api, method, inputKey, requestKey]);

  useEffect(() => {
    const watched = new Set(tablesKey.split(','));
    return api.changes.subscribe((tables) => {
      if (tables.some((t) => watched.has(t))) refetch();
    });
  }, [api, tablesKey, refetch]);

  return { data: settled.data, error: settled.error, loading: settled.key !== requestKey, refetch };
}
