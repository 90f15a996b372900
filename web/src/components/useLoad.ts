// Loads something from the API when its inputs change; keeps the problem if it fails.
import { useCallback, useEffect, useState } from "react";

interface Answer<T> {
  data?: T;
  error?: unknown;
}

export interface Loaded<T> {
  data: T | null;
  problem: unknown;
  loading: boolean;
  reload: () => void;
}

export function useLoad<T>(load: () => Promise<Answer<T>>, inputs: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; problem: unknown; loading: boolean }>(
    { data: null, problem: null, loading: true });
  const [round, setRound] = useState(0);
  const run = useCallback(load, inputs);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    run().then(({ data, error }) => {
      if (current) setState({ data: data ?? null, problem: error ?? null, loading: false });
    }, (problem: unknown) => {
      if (current) setState({ data: null, problem: { detail: String(problem) }, loading: false });
    });
    return () => {
      current = false;
    };
  }, [run, round]);
  return { ...state, reload: () => setRound((n) => n + 1) };
}
