/**
 * Node's `events` module for the browser bundle: pouchdb-browser requires it and no npm package
 * provides it here. The EventEmitter subset PouchDB uses, as an ES5 constructor: PouchDB inherits
 * from it with `inherits()` and `EventEmitter.call(this)`, which a class would refuse.
 */
type Listener = ((...args: unknown[]) => void) & { listener?: Listener };
type Emitter = { _benchListeners?: Map<string | symbol, Listener[]> };

const eventsOf = (self: Emitter): Map<string | symbol, Listener[]> => (self._benchListeners ??= new Map());

function EventEmitter(this: Emitter): void {
  eventsOf(this);
}

const proto = {
  setMaxListeners(this: Emitter) {
    return this;
  },
  on(this: Emitter, event: string | symbol, fn: Listener) {
    const map = eventsOf(this);
    map.set(event, [...(map.get(event) ?? []), fn]);
    return this;
  },
  addListener(this: Emitter, event: string | symbol, fn: Listener) {
    return proto.on.call(this, event, fn);
  },
  once(this: Emitter, event: string | symbol, fn: Listener) {
    const wrapped: Listener = (...args) => {
      proto.removeListener.call(this, event, wrapped);
      fn.apply(this, args);
    };
    wrapped.listener = fn;
    return proto.on.call(this, event, wrapped);
  },
  removeListener(this: Emitter, event: string | symbol, fn: Listener) {
    const map = eventsOf(this);
    const list = map.get(event) ?? [];
    const i = list.findIndex((l: Listener) => l === fn || l.listener === fn);
    if (i >= 0) map.set(event, [...list.slice(0, i), ...list.slice(i + 1)]);
    return this;
  },
  off(this: Emitter, event: string | symbol, fn: Listener) {
    return proto.removeListener.call(this, event, fn);
  },
  removeAllListeners(this: Emitter, event?: string | symbol) {
    if (event === undefined) eventsOf(this).clear();
    else eventsOf(this).delete(event);
    return this;
  },
  emit(this: Emitter, event: string | symbol, ...args: unknown[]) {
    const list = eventsOf(this).get(event);
    if (!list || list.length === 0) return false;
    for (const fn of [...list]) fn.apply(this, args);
    return true;
  },
  listeners(this: Emitter, event: string | symbol) {
    return [...(eventsOf(this).get(event) ?? [])];
  },
  listenerCount(this: Emitter, event: string | symbol) {
    return eventsOf(this).get(event)?.length ?? 0;
  },
};
Object.assign(EventEmitter.prototype, proto);

export { EventEmitter };
export default EventEmitter;
