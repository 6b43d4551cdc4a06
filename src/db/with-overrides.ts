// Wrapping driver adapters: Prisma's adapters are classes with private fields, so a wrapper
// must call their methods on the instance itself.
/** `target` with some methods replaced; the others stay bound to it (they use private fields). */
export function withOverrides<T extends object>(target: T, overrides: Partial<Record<keyof T, unknown>> & Record<string, unknown>): T {
  return new Proxy(target, {
    get(t, prop) {
      if (Object.prototype.hasOwnProperty.call(overrides, prop)) return (overrides as Record<PropertyKey, unknown>)[prop];
      const value: unknown = Reflect.get(t, prop, t);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(t) : value;
    },
    has: (t, prop) => prop in overrides || Reflect.has(t, prop),
  });
}
