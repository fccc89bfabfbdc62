import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * MikroORM keeps its transaction context, its "inside flush" flag and its raw-fragment cleanup in
 * three AsyncLocalStorage instances. Before Node 24 an AsyncLocalStorage works through promise
 * hooks, and an instance stays enabled from its first run() until disable(): after the first
 * transaction, every promise the process makes pays for the hooks, whether or not it belongs to a
 * transaction. On a burst of 200 joins that is about a third of the server's CPU.
 *
 * This keeps an instance enabled only while one of its runs is in flight: a run whose callback
 * returns a promise holds the instance until that promise settles, and the last one to settle
 * disables it again (the hooks themselves go off when no instance is enabled). MikroORM's runs
 * all return the promise of the work they scope (the transaction, the flush, the query), so the
 * work inside sees its store as before. A run with a synchronous callback, or enterWith, may leave
 * work behind that still reads the store later: such an instance stays enabled for good, as
 * Node would keep it.
 *
 * The rule is set on AsyncLocalStorage itself, so it holds for every instance in the process; the
 * server's dependencies have no other (checked when this was written: only MikroORM's three).
 */
export function scopeAsyncContexts(): void {
  if (installed || !hookBased()) return;
  installed = true;
  const run = AsyncLocalStorage.prototype.run;
  const enterWith = AsyncLocalStorage.prototype.enterWith;
  AsyncLocalStorage.prototype.run = function scopedRun<R, A extends unknown[]>(
    this: AsyncLocalStorage<unknown>,
    store: unknown,
    callback: (...args: A) => R,
    ...args: A
  ): R {
    inFlight.set(this, (inFlight.get(this) ?? 0) + 1);
    let result: R;
    try {
      result = run.call(this, store, callback, ...args) as R;
    } catch (err) {
      settle(this);
      throw err;
    }
    if (isThenable(result)) {
      const done = () => settle(this);
      result.then(done, done);
    } else {
      permanent.add(this);
      settle(this);
    }
    return result;
  };
  AsyncLocalStorage.prototype.enterWith = function scopedEnterWith(this: AsyncLocalStorage<unknown>, store: unknown): void {
    permanent.add(this);
    enterWith.call(this, store);
  };
}

let installed = false;
const inFlight = new WeakMap<AsyncLocalStorage<unknown>, number>();
const permanent = new WeakSet<AsyncLocalStorage<unknown>>();

function settle(storage: AsyncLocalStorage<unknown>): void {
  const left = (inFlight.get(storage) ?? 1) - 1;
  inFlight.set(storage, left);
  if (left === 0 && !permanent.has(storage)) storage.disable();
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

/**
 * True where AsyncLocalStorage runs on promise hooks (Node 20 and 22; Node 24 and
 * --experimental-async-context-frame store contexts cheaply, and there disable() means something
 * else). Only the hook-based implementation keeps an `enabled` flag on each instance; where it is
 * missing nothing is changed.
 */
function hookBased(): boolean {
  return Object.hasOwn(new AsyncLocalStorage(), 'enabled');
}
