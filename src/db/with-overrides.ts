// Wrapping driver adapters: Prisma's adapters are classes with private fields, so a wrapper
// must call their methods on the instance itself.
/**
 * `target` with some methods replaced; the others stay bound to it (they use private fields),
 * each bound once: adapters are read on every statement of the hot path.
 */
export function withOverrides<T extends object>(target: T, overrides: Partial<Record<keyof T, unknown>> & Record<string, unknown>): T {
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(target, {
    get(t, prop) {
      if (Object.prototype.hasOwnProperty.call(overrides, prop)) return (overrides as Record<PropertyKey, unknown>)[prop];
      if (bound.has(prop)) return bound.get(prop);
      const value: unknown = Reflect.get(t, prop, t);
      if (typeof value !== "function") return value;
      const method = (value as (...args: unknown[]) => unknown).bind(t);
      bound.set(prop, method);
      return method;
    },
    has: (t, prop) => prop in overrides || Reflect.has(t, prop),
  });
}
