import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

/**
 * One URL query parameter as state (filters survive a reload and can be shared as a link).
 * Setting '' or null removes it; the history entry is replaced, so Back leaves the page.
 */
export function useSearchParam(name: string): [string, (value: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(name) ?? '';
  const set = useCallback(
    (next: string | null) =>
      setParams(
        (p) => {
          const copy = new URLSearchParams(p);
          if (next) copy.set(name, next);
          else copy.delete(name);
          return copy;
        },
        { replace: true },
      ),
    [name, setParams],
  );
  return [value, set];
}

/**
 * A text box bound to a URL parameter with a debounce: the box answers every key at once, the
 * URL (and the query it drives) follows `delayMs` after typing stops.
 */
export function useDebouncedSearchParam(name: string, delayMs = 300): { text: string; setText: (v: string) => void; value: string } {
  const [value, setValue] = useSearchParam(name);
  const [text, setText] = useState(value);
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => setValue(text.trim() || null), delayMs);
    return () => clearTimeout(timer);
  }, [text, value, setValue, delayMs]);
  return { text, setText, value };
}
